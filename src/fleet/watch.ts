// "Tell me when it finishes": a durable job that follows one running execution of an investigated association
// (one DescribeAssociationExecutions call per poll, under the account's read role) and, when it ends, posts exactly
// one reply in the thread and re-runs the investigation there. Bounded in polls and time; a restart loses nothing
// (the next poll is a queued pg-boss job). The sibling of the Run now verifier: same outcome rule (endedOutcome).
import { isAppError } from '../domain/app-error.ts';
import { executionOutcome, type VerifyOutcome } from '../domain/remediation.ts';
import { findAccountByNameOrId } from '../investigation/authorize.ts';
import type { AccountRef, AwsGateway, JobQueue } from '../investigation/ports.ts';
import type { StartInvestigation } from '../investigation/start.ts';
import type { ExecutionWatchRecord, ExecutionWatchStore } from './ports.ts';
import type { VerifyResult } from './verify.ts';

export const EXECUTION_WATCH_JOB = 'execution-watch';
export interface WatchJobData {
  watchId: string;
}

/** Where the one reply goes (Slack). Returns the posted message's ts. */
export interface WatchMessenger {
  finished(watch: ExecutionWatchRecord, result: VerifyResult): Promise<string | undefined>;
}

export interface WatcherDeps {
  accounts: readonly AccountRef[];
  gateway: AwsGateway;
  store: ExecutionWatchStore;
  queue: JobQueue;
  messenger: WatchMessenger;
  start: StartInvestigation;
  intervalSeconds: number;
  maxPolls: number;
  /** Give up after this long since the click (6 h by default in main). */
  maxMinutes: number;
  clock?: () => Date;
}

const RETRY = { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true } as const;

/** Queues the first poll of a watch. */
export const queueWatch = (queue: JobQueue, watchId: string, startAfterSeconds = 0) =>
  queue.send<WatchJobData>(EXECUTION_WATCH_JOB, { watchId }, { startAfterSeconds, ...RETRY });

export function createWatcher(deps: WatcherDeps) {
  const clock = deps.clock ?? (() => new Date());

  async function finish(watch: ExecutionWatchRecord, result: VerifyResult): Promise<void> {
    if (!(await deps.store.claim(watch.id))) return;
    const ts = await deps.messenger.finished(watch, result);
    await deps.store.finish(watch.id, ts);
    const account = findAccountByNameOrId(deps.accounts, watch.accountId);
    if (result.kind !== 'timed-out' && account) {
      await deps.start({
        associationId: watch.associationId,
        accountId: account.id,
        accountName: account.name,
        region: watch.region,
        trigger: 'button',
        teamId: watch.teamId,
        channelId: watch.channelId,
        userId: watch.userId,
        ...(watch.threadTs ? { threadTs: watch.threadTs } : {}),
      });
    }
  }

  return async function watch(data: WatchJobData): Promise<void> {
    const record = await deps.store.get(data.watchId);
    if (record?.status !== 'watching') return;
    const account = findAccountByNameOrId(deps.accounts, record.accountId);
    if (!account) return;
    const polls = await deps.store.countPoll(record.id);
    let outcome: VerifyOutcome = { kind: 'waiting' };
    try {
      const reader = deps.gateway.reader(account, record.region, { userId: record.userId });
      outcome = executionOutcome(await reader.listExecutions(record.associationId, 10), record.executionId);
    } catch (error) {
      // A failed read counts as a poll and is tried again on the next one; the bounds still hold.
      if (!isAppError(error)) throw error;
    }
    if (outcome.kind !== 'waiting') return finish(record, outcome);
    const elapsedMs = clock().getTime() - record.createdAt.getTime();
    if (polls >= deps.maxPolls || elapsedMs >= deps.maxMinutes * 60_000) {
      return finish(record, { kind: 'timed-out', polls });
    }
    await queueWatch(deps.queue, record.id, deps.intervalSeconds);
  };
}
