// The value of a Show output button: which investigation, and where in its stored steps the target is —
// `out1:<investigation id>:s<i>` (the i-th output sample), `…:l<g>.<s>` / `…:f<g>.<s>` (sample s of target
// group g of the latest / latest failed execution), `…:more` (the list of every sampled failed target).
// No output, no credentials, about 50 characters; re-authorized on every click like every other button.
import type { TargetPointer } from '../investigation/show-output.ts';

export type OutputRef = { investigationId: string } & ({ kind: 'target'; pointer: TargetPointer } | { kind: 'more' });

const VERSION = 'out1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POINTER = /^(?:s(\d{1,4})|([lf])(\d{1,4})\.(\d{1,4}))$/;

function encodePointer(pointer: TargetPointer): string {
  if (pointer.source === 'sample') return `s${pointer.index}`;
  return `${pointer.source === 'latest' ? 'l' : 'f'}${pointer.group}.${pointer.sample}`;
}

export const outputRef = {
  target: (investigationId: string, pointer: TargetPointer): string =>
    `${VERSION}:${investigationId}:${encodePointer(pointer)}`,
  more: (investigationId: string): string => `${VERSION}:${investigationId}:more`,
  decode(value: string): OutputRef | undefined {
    const [version, investigationId, rest, extra] = value.split(':');
    if (version !== VERSION || !investigationId || !UUID.test(investigationId) || !rest || extra !== undefined) {
      return undefined;
    }
    if (rest === 'more') return { investigationId, kind: 'more' };
    const m = POINTER.exec(rest);
    if (!m) return undefined;
    const pointer: TargetPointer =
      m[1] !== undefined
        ? { source: 'sample', index: Number(m[1]) }
        : { source: m[2] === 'l' ? 'latest' : 'failed', group: Number(m[3]), sample: Number(m[4]) };
    return { investigationId, kind: 'target', pointer };
  },
};
