// Large associations whose failures share one Status / DetailedStatus but not one cause: N targets, F of them
// Failed, with three distinct errors in given shares, spread over the listing (the first failed target carries
// the second most common one, so "read the first failed target" names the wrong cause). Used by the
// benchmark and by the sampling tests.
import { generatedInstanceId, uuidFrom } from './builder.ts';
import { type NamedScenario, named } from './named/common.ts';
import { baselineRun, fleetBaseline } from './named/large.ts';

export interface Signature {
  share: number;
  exitCode: number;
  stderr: string;
}

/** 60 / 25 / 15 %: the benchmark. */
export const THREE_SIGNATURES: readonly Signature[] = [
  { share: 0.6, exitCode: 1, stderr: 'baseline.sh: line 42: /usr/bin/aide: No such file or directory' },
  { share: 0.25, exitCode: 2, stderr: 'yum: Cannot find a valid baseurl for repo: base/7/x86_64' },
  { share: 0.15, exitCode: 127, stderr: 'install.sh: line 7: python3: command not found' },
];

/** Which signature the k-th failed target has: a fixed pseudo-random spread with the given shares; k = 0 gets the second. */
export function signatureIndex(k: number, signatures: readonly Signature[]): number {
  if (k === 0 && signatures.length > 1) return 1;
  // A multiplicative hash spreads the shares evenly over any stretch of the listing.
  const u = (((k * 2654435761) >>> 0) % 10_000) / 10_000;
  let acc = 0;
  for (const [i, s] of signatures.entries()) {
    acc += s.share;
    if (u < acc) return i;
  }
  return signatures.length - 1;
}

export function signaturesScenario(options: {
  total: number;
  failed: number;
  signatures?: readonly Signature[];
}): NamedScenario {
  const signatures = options.signatures ?? THREE_SIGNATURES;
  const executionId = uuidFrom(`signatures:${options.total}:${options.failed}`);
  const commandId = uuidFrom(`command:${executionId}`);
  return named({
    name: `signatures-${options.total}`,
    title: `${options.total} targets, ${options.failed} failed with ${signatures.length} distinct errors`,
    catalogue: '3.7',
    signal: signatures.map((s) => `${Math.round(s.share * 100)} % ${s.stderr}`).join('; '),
    associationId: uuidFrom(`association:signatures:${options.total}`),
    build: (b, id) => {
      fleetBaseline(b, id)
        .execution({ executionId, status: 'Failed', createdAt: '2h ago' })
        .generatedTargets([
          { count: options.failed, status: 'Failed', detailedStatus: 'Failed', commandId },
          { count: options.total - options.failed, status: 'Success', detailedStatus: 'Success', commandId },
        ]);
      const created = b.t('2h ago');
      for (let k = 0; k < options.failed; k++) {
        const instanceId = generatedInstanceId(k);
        const s = signatures[signatureIndex(k, signatures)] as Signature;
        baselineRun(b, {
          commandId,
          instanceId,
          comment: `${id}:${executionId}`,
          requestedAt: created + 1,
          status: 'Failed',
          statusDetails: 'Failed',
          responseCode: s.exitCode,
          startedAt: created + 2,
          endedAt: created + 9,
          stdout: 'Applying baseline…\n',
          stderr: `${s.stderr}\nfailed to run commands: exit status ${s.exitCode}`,
        });
      }
      return b;
    },
  });
}
