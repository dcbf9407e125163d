// Detection by polling, as jobs in the Postgres-backed queue (never in-memory timers):
//
// - `alert-tick` runs once per cycle (SSM_WHY_POLL_INTERVAL_SECONDS, aligned to the wall clock). It first
//   queues the next tick (start-after the next cycle), then one `alert-poll` job per account × region some
//   subscription covers, then sweeps alerts whose Slack messages are behind and queues them again.
// - `alert-poll` reads ListAssociations for one account × region within the account's call budget and feeds
//   the SignalSink. A row per (account, region, cycle) is its claim: exactly one process polls each pair per
//   cycle, however many replicas run the tick.
import { isAppError } from '../domain/app-error.ts';
import { mapBounded } from '../investigation/gaps.ts';
import type { AccountRef, AwsGateway, JobQueue } from '../investigation/ports.ts';
import { cycleStartOf, needsSignal } from './episode-state.ts';
import { ALERT_DIGEST_JOB, ALERT_POST_JOB, type AlertsLogger, type EpisodeSink, postJobOptions } from './episodes.ts';
import { pageBudgetPerRegion, pollTargets, subscriptionMatches } from './filter.ts';
import type { EpisodeStore, PollStore, SubscriptionStore } from './ports.ts';

export const ALERT_TICK_JOB = 'alert-tick';
export const ALERT_POLL_JOB = 'alert-poll';

/** The requester polls and alert investigations run as: CloudTrail shows the session `ssm-why-alerts`. */
export const ALERT_USER_ID = 'alerts';

export interface AlertTickJobData {
  /** ISO instant: the cycle this tick was scheduled for. */
  cycleStart: string;
}

export interface AlertPollJobData {
  accountId: string;
  region: string;
  /** ISO instant: the start of the cycle this poll belongs to. */
  cycleStart: string;
  /** ListAssociations calls this poll may make (the account's budget split over its regions). */
  maxPages: number;
}

export interface SchedulerDeps {
  queue: JobQueue;
  subscriptions: SubscriptionStore;
  episodes: EpisodeStore;
  polls: PollStore;
  accounts: readonly AccountRef[];
  intervalSeconds: number;
  /** ListAssociations calls per account per cycle, over all its regions. */
  pageBudgetPerAccount: number;
  clock?: () => Date;
  logger: AlertsLogger;
}

/** Alerts whose Slack messages are still behind after this long are given up (and stay in the database). */
const SLACK_GIVE_UP_MS = 24 * 3_600_000;
const KEEP_BOOKKEEPING_MS = 24 * 3_600_000;

export function createAlertScheduler(deps: SchedulerDeps) {
  const clock = deps.clock ?? (() => new Date());
  const intervalMs = deps.intervalSeconds * 1_000;

  async function scheduleNext(now: Date): Promise<void> {
    const next = new Date(cycleStartOf(now, deps.intervalSeconds).getTime() + intervalMs);
    await deps.queue.send<AlertTickJobData>(
      ALERT_TICK_JOB,
      { cycleStart: next.toISOString() },
      {
        singletonKey: `tick:${next.toISOString()}`,
        startAfterSeconds: Math.max(0, Math.ceil((next.getTime() - now.getTime()) / 1_000)),
        retryLimit: 3,
        retryDelaySeconds: 1,
      },
    );
  }

  /** Queues the Slack work the database says is behind (Slack was down, a process died mid-post). */
  async function sweep(now: Date): Promise<number> {
    const work = await deps.episodes.pendingSlackWork(now, new Date(now.getTime() - SLACK_GIVE_UP_MS), 200);
    for (const episodeId of work.episodeIds) {
      await deps.queue.send(ALERT_POST_JOB, { episodeId }, postJobOptions(`episode:${episodeId}`));
    }
    for (const digestId of work.digestIds) {
      await deps.queue.send(ALERT_DIGEST_JOB, { digestId }, postJobOptions(`digest:${digestId}`));
    }
    return work.episodeIds.length + work.digestIds.length;
  }

  async function tick(_data: AlertTickJobData): Promise<void> {
    const now = clock();
    // First, so the chain of ticks survives whatever fails below.
    await scheduleNext(now);
    const cycleStart = cycleStartOf(now, deps.intervalSeconds).toISOString();
    const targets = pollTargets(await deps.subscriptions.listAll(), deps.accounts);
    const budgets = pageBudgetPerRegion(targets, deps.pageBudgetPerAccount);
    for (const { account, region } of targets) {
      await deps.queue.send<AlertPollJobData>(
        ALERT_POLL_JOB,
        { accountId: account.id, region, cycleStart, maxPages: budgets.get(account.id) ?? 1 },
        { singletonKey: `poll:${account.id}:${region}:${cycleStart}`, retryLimit: 1, retryDelaySeconds: 1 },
      );
    }
    const swept = await sweep(now);
    if (swept > 0) deps.logger.info({ swept }, 'alert posts queued again from the database');
    // Old poll claims and delivery ids go once an hour (the first tick of each hour).
    if (Date.parse(cycleStart) % 3_600_000 < intervalMs) {
      const old = new Date(now.getTime() - KEEP_BOOKKEEPING_MS);
      await deps.polls.prune(old);
      await deps.episodes.pruneDeliveries(old);
    }
  }

  /**
   * Starts the chain at start-up: the tick of the next cycle (idempotent: every replica may call it, and while
   * the chain runs that tick is already waiting).
   */
  async function seed(): Promise<void> {
    await scheduleNext(clock());
  }

  return { tick, seed, sweep };
}
export type AlertScheduler = ReturnType<typeof createAlertScheduler>;

export interface PollerDeps {
  gateway: AwsGateway;
  accounts: readonly AccountRef[];
  subscriptions: SubscriptionStore;
  polls: PollStore;
  sink: EpisodeSink;
  intervalSeconds: number;
  /** Signals applied at once per poll. */
  concurrency?: number;
  clock?: () => Date;
  logger: AlertsLogger;
}

export function createPoller(deps: PollerDeps) {
  const clock = deps.clock ?? (() => new Date());
  const intervalMs = deps.intervalSeconds * 1_000;
  /** Poll jobs that came too late for their cycle, since the process started. */
  let skippedCycles = 0;

  async function poll(data: AlertPollJobData): Promise<void> {
    const now = clock();
    const cycleStart = new Date(data.cycleStart);
    if (Number.isNaN(cycleStart.getTime())) return;
    // A job that waited through two cycles (the app was down, or polls pile up faster than they run) is superseded
    // by the current cycle's: skipped, and said so — a poller that cannot keep its interval must show it.
    if (now.getTime() - cycleStart.getTime() > 2 * intervalMs) {
      skippedCycles += 1;
      deps.logger.warn(
        {
          accountId: data.accountId,
          region: data.region,
          cycleStart: data.cycleStart,
          lateSeconds: Math.round((now.getTime() - cycleStart.getTime()) / 1_000),
          skippedCycles,
        },
        'alert poll cycle skipped: the job ran after its cycle was over',
      );
      return;
    }
    const account = deps.accounts.find((a) => a.id === data.accountId);
    if (!account?.regions.includes(data.region)) return;
    const run = { accountId: account.id, region: data.region, cycleStart };
    if (!(await deps.polls.claim({ ...run, staleBefore: new Date(now.getTime() - intervalMs) }))) return;

    let outcome: Record<string, unknown>;
    try {
      outcome = await pollOnce(account, data, now);
    } catch (error) {
      // Logged, not thrown: the next cycle polls again; a throttled or denied account must not pile up retries.
      const reason = isAppError(error) ? `${error.code}: ${error.message}` : String(error);
      deps.logger.warn({ err: error, accountId: account.id, region: data.region }, 'alert poll failed');
      outcome = { error: reason, errorCode: isAppError(error) ? (error.upstreamCode ?? error.code) : 'Error' };
    }
    await deps.polls.finish(run, outcome);
  }
  return Object.assign(poll, { skippedCycles: () => skippedCycles });

  async function pollOnce(account: AccountRef, data: AlertPollJobData, now: Date): Promise<Record<string, unknown>> {
    const subscriptions = await deps.subscriptions.listFor({ accountId: account.id, region: data.region });
    if (subscriptions.length === 0) return { skipped: 'no subscription' };
    const reader = deps.gateway.reader(account, data.region, { userId: ALERT_USER_ID });
    const listed = await reader.listAssociations({ maxPages: Math.max(1, data.maxPages) });
    const relevant = listed.filter(
      (a) =>
        a.associationId !== '' &&
        subscriptions.some((s) =>
          subscriptionMatches(
            s,
            {
              accountId: account.id,
              region: data.region,
              associationId: a.associationId,
              associationName: a.associationName,
              documentName: a.documentName,
            },
            deps.accounts,
          ),
        ),
    );
    const states = await deps.polls.states(
      account.id,
      data.region,
      relevant.map((a) => a.associationId.toLowerCase()),
    );
    const changed = relevant.filter((a) => needsSignal(states.get(a.associationId.toLowerCase()), a.status));
    const changedSet = new Set(changed);
    const quiet = relevant
      .filter((a) => !changedSet.has(a) && states.has(a.associationId.toLowerCase()))
      .map((a) => a.associationId.toLowerCase());
    await deps.polls.touch(account.id, data.region, quiet, now);

    let failed = 0;
    await mapBounded(changed, deps.concurrency ?? 4, async (a) => {
      try {
        await deps.sink.accept({
          source: 'poll',
          accountId: account.id,
          region: data.region,
          associationId: a.associationId,
          status: a.status ?? '',
          statusCounts: a.statusCounts,
          observedAt: now,
          ...(a.associationName ? { associationName: a.associationName } : {}),
          ...(a.documentName ? { documentName: a.documentName } : {}),
          ...(a.detailedStatus ? { detailedStatus: a.detailedStatus } : {}),
        });
      } catch (error) {
        failed += 1;
        deps.logger.error({ err: error, associationId: a.associationId }, 'alert signal could not be applied');
      }
    });
    if (listed.truncated) {
      deps.logger.warn(
        { accountId: account.id, region: data.region, listed: listed.length, maxPages: data.maxPages },
        'alert poll stopped at the call budget: associations beyond it are not watched',
      );
    }
    return {
      listed: listed.length,
      truncated: listed.truncated ?? false,
      relevant: relevant.length,
      signalled: changed.length,
      failed,
    };
  }
}
