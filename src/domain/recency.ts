// Where the association stands now, from its newest executions: a failure that a newer execution replaced
// is history, a run still in progress is "still running" (or stuck, once it outlasts what its schedule
// allows), and only the newest outcome can be a root cause.
import type { ExecutionFacts, InvestigationFacts } from './facts.ts';
import { nextCronRun, parseSchedule } from './schedule.ts';

/** Target statuses of a run that has not finished on that target yet. */
const UNFINISHED = new Set(['Pending', 'InProgress', 'Delayed', 'Queued', 'Waiting']);
/** Execution statuses of a run still going. */
const RUNNING = new Set(['Pending', 'InProgress', 'Waiting']);
/** Target statuses that are not failures. */
const FINE = new Set(['Success', 'Skipped']);
/** Without a schedule to compare with, a run is stuck after this long (executionTimeout defaults to 1 h). */
export const DEFAULT_RUN_LIMIT_MINUTES = 120;
/** Slack before a run counts as outlasting its schedule. */
const GRACE_MINUTES = 10;

export type RunState =
  /** Nothing ran yet, or the newest execution failed (the usual rules apply). */
  | { kind: 'none' | 'failed' }
  /** The newest execution succeeded on all its targets and no earlier one failed. */
  | { kind: 'succeeded'; latest: ExecutionFacts }
  /** The newest execution succeeded on all its targets after an earlier one failed. */
  | { kind: 'recovered'; latest: ExecutionFacts; earlierFailure: ExecutionFacts }
  | {
      kind: 'running';
      latest: ExecutionFacts;
      startedAt?: Date;
      done: number;
      total: number;
      /** No execution before it finished. */
      firstRun: boolean;
      /** Set when the run has outlasted what its schedule allows. */
      stuck?: RunLimit;
    };

export function isRunning(execution: ExecutionFacts): boolean {
  return RUNNING.has(execution.status);
}

/** True when an execution succeeded on every target it counted. */
export function succeededOnAllTargets(execution: ExecutionFacts): boolean {
  if (execution.status !== 'Success') return false;
  return Object.entries(execution.resourceCounts).every(([status, n]) => n === 0 || FINE.has(status));
}

function failed(execution: ExecutionFacts): boolean {
  if (isRunning(execution)) return false;
  return (
    execution.status !== 'Success' ||
    Object.entries(execution.resourceCounts).some(([status, n]) => n > 0 && !FINE.has(status))
  );
}

/** How many targets of a run have finished, out of how many. */
export function progressOf(execution: ExecutionFacts, facts: InvestigationFacts): { done: number; total: number } {
  const counts = Object.entries(execution.resourceCounts);
  if (counts.length > 0) {
    const total = counts.reduce((n, [, c]) => n + c, 0);
    const pending = counts.reduce((n, [status, c]) => n + (UNFINISHED.has(status) ? c : 0), 0);
    return { done: total - pending, total };
  }
  const targets = facts.latestTargets?.executionId === execution.executionId ? facts.latestTargets : undefined;
  if (!targets) return { done: 0, total: 0 };
  const pending = targets.groups.reduce(
    (n, g) => n + (UNFINISHED.has(g.detailedStatus ?? g.status) || UNFINISHED.has(g.status) ? g.count : 0),
    0,
  );
  return { done: targets.total - pending, total: targets.total };
}

/** What sets how long a run may take: its rate or cron schedule, its Duration, or the usual bound. */
export type RunLimitReason =
  | { kind: 'rate' | 'cron'; expression: string }
  | { kind: 'duration'; hours: number }
  | { kind: 'default' };

export interface RunLimit {
  limitMinutes: number;
  because: RunLimitReason;
}

/** How long a run of this association may take before it is stuck, and why that long. */
export function runLimit(facts: InvestigationFacts, startedAt: Date): RunLimit {
  const a = facts.association;
  const limits: RunLimit[] = [];
  const expression = a?.scheduleExpression;
  if (expression) {
    const schedule = parseSchedule(expression);
    if (schedule.kind === 'rate') {
      limits.push({ limitMinutes: schedule.minutes, because: { kind: 'rate', expression } });
    } else if (schedule.kind === 'cron') {
      const next = nextCronRun(expression, startedAt, a?.scheduleOffset ?? 0);
      if (next) {
        const minutes = Math.max(1, Math.round((next.getTime() - startedAt.getTime()) / 60_000));
        limits.push({ limitMinutes: minutes, because: { kind: 'cron', expression } });
      }
    }
  }
  if (a?.duration !== undefined) {
    limits.push({ limitMinutes: a.duration * 60, because: { kind: 'duration', hours: a.duration } });
  }
  const tightest = limits.sort((x, y) => x.limitMinutes - y.limitMinutes)[0];
  return tightest ?? { limitMinutes: DEFAULT_RUN_LIMIT_MINUTES, because: { kind: 'default' } };
}

/** Where the association stands now, from its newest executions (newest first). */
export function runStateOf(facts: InvestigationFacts): RunState {
  const executions = facts.executions ?? [];
  const [latest, ...older] = executions;
  if (!latest) return { kind: 'none' };
  if (isRunning(latest)) {
    const startedAt = latest.createdAt ?? latest.lastExecutionAt;
    const { done, total } = progressOf(latest, facts);
    const state: RunState = { kind: 'running', latest, done, total, firstRun: older.length === 0 };
    if (startedAt) state.startedAt = startedAt;
    if (startedAt) {
      const limit = runLimit(facts, startedAt);
      const ranMinutes = (facts.now.getTime() - startedAt.getTime()) / 60_000;
      if (ranMinutes > limit.limitMinutes + GRACE_MINUTES) state.stuck = limit;
    }
    return state;
  }
  if (succeededOnAllTargets(latest)) {
    const earlierFailure = older.find(failed);
    return earlierFailure ? { kind: 'recovered', latest, earlierFailure } : { kind: 'succeeded', latest };
  }
  return { kind: 'failed' };
}

/**
 * The facts as they stand after the newest execution succeeded: the older failed execution's targets and the
 * failed outputs sampled from it are history, not the present.
 */
export function presentFacts(facts: InvestigationFacts): InvestigationFacts {
  const since = facts.executions?.[0]?.createdAt;
  // A node's association row from before the newest execution describes an older run.
  const nodes = facts.nodes?.map((n) => {
    const at = n.associationStatus?.executionAt;
    if (!since || !at || at.getTime() >= since.getTime()) return n;
    const { associationStatus: _older, ...rest } = n;
    return rest;
  });
  return { ...facts, failedTargets: undefined, outputs: [], ...(nodes ? { nodes } : {}) };
}
