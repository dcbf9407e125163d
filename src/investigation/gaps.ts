// Turns a failed call into a FactGap so a step reports what it could not see and the flow goes on.
import { isAppError, userText } from '../domain/app-error.ts';
import type { FactGap, StepKey } from '../domain/facts.ts';
import { type Lang, texts } from '../i18n/index.ts';

/** Who made the call (the account's role, else the app's own credentials), and the language the gap is told in. */
export interface Caller {
  roleArn?: string;
  lang: Lang;
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; gap: FactGap; error: unknown };

export function gapFrom(step: StepKey, operation: string, error: unknown, caller: Caller): FactGap {
  const gap = gapOf(step, operation, error, caller);
  return isAppError(error) && error.upstreamCode ? { ...gap, code: error.upstreamCode } : gap;
}

function gapOf(step: StepKey, operation: string, error: unknown, { roleArn, lang }: Caller): FactGap {
  const say = texts(lang).thread.gaps;
  if (isAppError(error, 'access-denied')) {
    const action = error.action ?? `ssm:${operation}`;
    return { step, kind: 'access-denied', operation, action, message: say.accessDenied(roleArn, action) };
  }
  if (isAppError(error, 'throttled')) {
    return { step, kind: 'throttled', operation, message: say.throttled(operation) };
  }
  if (isAppError(error, 'timeout')) {
    return { step, kind: 'error', operation, message: say.timedOut(operation) };
  }
  if (isAppError(error)) {
    return { step, kind: 'error', operation, message: say.failed(operation, userText(error, lang)) };
  }
  return { step, kind: 'error', operation, message: say.unexpected(operation) };
}

/** Runs one call; a failure becomes a gap instead of ending the step. */
export async function attempt<T>(
  step: StepKey,
  operation: string,
  call: () => Promise<T>,
  caller: Caller,
): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, gap: gapFrom(step, operation, error, caller), error };
  }
}

/** Runs calls with at most `limit` in flight; results keep the input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
