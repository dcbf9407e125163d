// When a verdict may offer "Run now", and how a verification reads the new execution (pure).
import type { ExecutionFacts } from './facts.ts';
import type { Diagnosis } from './finding.ts';

/**
 * A fix that ends with running the association again (not the bot's own Re-run button), in every language the
 * findings speak: the Japanese catalog says 関連付けを再実行 exactly where the English says re-run the association.
 */
const RERUN_STEP = /\bre-run (the (patch )?association|it)\b|\brun it again\b|StartAssociationsOnce|関連付けを再実行/i;

/** True when the top finding's fix ends with re-running the association: fixed outside, or transient. */
export function fixEndsWithRerun(diagnosis: Pick<Diagnosis, 'outcome' | 'findings'>): boolean {
  if (diagnosis.outcome === 'healthy') return false;
  const last = diagnosis.findings[0]?.remediation.at(-1);
  return last !== undefined && RERUN_STEP.test(last);
}

/** Association execution statuses that are still moving. */
const RUNNING = new Set(['Pending', 'InProgress', 'Running', 'Waiting', 'Delayed']);

export type VerifyOutcome =
  | { kind: 'waiting' }
  | { kind: 'verified'; success: number; total: number }
  | { kind: 'still-failing'; failing: number; total: number; status: string };

/**
 * The outcome of the first execution newer than the baseline (the newest execution before Run now), from the
 * executions listed newest first. Counts come from ResourceCountByStatus.
 */
export function verifyOutcome(
  executions: readonly ExecutionFacts[],
  baselineExecutionId: string | undefined,
  startedAt: Date,
): VerifyOutcome {
  const fresh = executions.find(
    (e) =>
      e.executionId !== baselineExecutionId &&
      (e.createdAt === undefined || e.createdAt.getTime() >= startedAt.getTime() - 60_000),
  );
  return endedOutcome(fresh);
}

/** How an execution ended (`waiting` while it is absent or still moving): verified when every target succeeded. */
export function endedOutcome(execution: ExecutionFacts | undefined): VerifyOutcome {
  if (!execution || RUNNING.has(execution.status)) return { kind: 'waiting' };
  const counts = Object.values(execution.resourceCounts);
  const total = counts.reduce((sum, c) => sum + c, 0);
  const success = execution.resourceCounts.Success ?? 0;
  if (execution.status === 'Success' && success === total) return { kind: 'verified', success, total };
  return { kind: 'still-failing', failing: total - success, total, status: execution.status };
}

/** How the execution `executionId` ended, from the association's executions listed newest first. */
export const executionOutcome = (executions: readonly ExecutionFacts[], executionId: string): VerifyOutcome =>
  endedOutcome(executions.find((e) => e.executionId === executionId));

/** What a verdict names as the cause: its top finding's id and title, and the cause family. */
export interface VerdictCause {
  id: string;
  title: string;
  family?: string;
}

/** The verdict's top cause; undefined when it names none (healthy, or no finding). */
export function verdictCause(
  diagnosis: Pick<Diagnosis, 'outcome' | 'findings' | 'causeFamily'> | undefined,
): VerdictCause | undefined {
  const top = diagnosis?.findings?.[0]; // stored verdicts are read back from JSON
  if (!diagnosis || diagnosis.outcome === 'healthy' || !top) return undefined;
  const family = top.cause ?? diagnosis.causeFamily;
  return { id: top.id, title: top.title, ...(family ? { family } : {}) };
}

/** The verdict after "Still failing" against the one Run now was offered on. */
export type CauseComparison =
  | { kind: 'same'; cause: VerdictCause }
  | { kind: 'different'; cause: VerdictCause; before?: VerdictCause }
  | { kind: 'none' };

/** Same cause: the same top finding (cause id) in the same cause family. */
export function compareCauses(before: VerdictCause | undefined, after: VerdictCause | undefined): CauseComparison {
  if (!after) return { kind: 'none' };
  if (before && before.id === after.id && (before.family ?? '') === (after.family ?? '')) {
    return { kind: 'same', cause: after };
  }
  return { kind: 'different', cause: after, ...(before ? { before } : {}) };
}
