// Detection by polling, paced by the wall clock in every process that runs the alert work:
//
// - Every cycle (SSM_WHY_POLL_INTERVAL_SECONDS, aligned to the wall clock) the pacer (`startPollCycles`) runs
//   the scheduler's `cycle`: one poll per account × region some subscription covers, side by side, then the
//   sweep that queues alerts whose Slack messages are behind. A timer, not a chain of queued jobs: a queued tick
//   waited for its start-after (whole seconds) and then for the worker's next fetch, so at a 1–2 s interval
//   cycles were lost without a word.
// - A poll reads ListAssociations for one account × region within the account's call budget and feeds the
//   SignalSink. A row per (account, region, cycle) is its claim: exactly one process polls each pair per cycle,
//   however many replicas run the pacer.
// - A cycle that cannot run on time is skipped, logged and counted (`ssm_why_alert_poll_skipped_total`): the
//   event loop held the timer past the next boundary, or the pair's previous poll is still running.
import { isAppError } from '../domain/app-error.ts';
import { mapBounded } from '../investigation/gaps.ts';
import type { AccountRef, AwsGateway, JobQueue } from '../investigation/ports.ts';
import { cycleStartOf, needsSignal } from './episode-state.ts';
import { ALERT_DIGEST_JOB, ALERT_POST_JOB, type AlertsLogger, type EpisodeSink, postJobOptions } from './episodes.ts';
import { pageBudgetPerRegion, pollTargets, subscriptionMatches } from './filter.ts';
import type { EpisodeStore, PollStore, SubscriptionStore } from './ports.ts';

/** The requester polls and alert investigations run as: CloudTrail shows the session `ssm-why-alerts`. */
export const ALERT_USER_ID = 'alerts';

/** Why a poll did not run in its cycle. */
export type PollSkipReason = 'timer_late' | 'previous_poll_running' | 'job_late';
export type PollSkipObserver = (reason: PollSkipReason, count: number) => void;

export interface AlertPollJobData {
  accountId: string;
  region: string;
  /** ISO instant: the start of the cycle this poll belongs to. */
  cycleStart: string;
  /** ListAssociations calls this poll may make (the account's budget split over its regions). */
  maxPages: number;
}

export type PollOne = (data: AlertPollJobData) => Promise<void>;

export interface SchedulerDeps {
  queue: JobQueue;
  subscriptions: SubscriptionStore;
  episodes: EpisodeStore;
  polls: PollStore;
  accounts: readonly AccountRef[];
  intervalSeconds: number;
  /** ListAssociations calls per account per cycle, over all its regions. */
  pageBudgetPerAccount: number;
  /** Polls one account × region (createPoller); required by `cycle`. */
  poll?: PollOne;
  /** Polls run at once in a cycle (default 8). */
  concurrency?: number;
  onSkip?: PollSkipObserver;
  clock?: () => Date;
  logger: AlertsLogger;
}

/** Alerts whose Slack messages are still behind after this long are given up (and stay in the database). */
const SLACK_GIVE_UP_MS = 24 * 3_600_000;
const KEEP_BOOKKEEPING_MS = 24 * 3_600_000;

export function createAlertScheduler(deps: SchedulerDeps) {
  const clock = deps.clock ?? (() => new Date());
  const intervalMs = deps.intervalSeconds * 1_000;
  /** account/region → its poll still running (a slow account never delays the others). */
  const polling = new Map<string, Promise<void>>();
  let sweeping: Promise<void> | undefined;

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

  /**
   * One cycle: a poll per account × region some subscription covers, side by side (a pair whose previous poll is
   * still running is skipped, logged and counted), and the sweep of Slack work that is behind. Resolves when they
   * have all finished; never rejects (a failure is logged and the next cycle tries again).
   */
  async function cycle(cycleStart: Date): Promise<void> {
    const poll = deps.poll;
    if (!poll) throw new Error('createAlertScheduler: `poll` is required to run cycles');
    const now = clock();
    const iso = cycleStart.toISOString();
    const work: Promise<unknown>[] = [];
    if (sweeping === undefined) {
      const running = (async () => {
        const swept = await sweep(now);
        if (swept > 0) deps.logger.info({ swept }, 'alert posts queued again from the database');
        // Old poll claims and delivery ids go once an hour (the first cycle of each hour).
        if (cycleStart.getTime() % 3_600_000 < intervalMs) {
          const old = new Date(now.getTime() - KEEP_BOOKKEEPING_MS);
          await deps.polls.prune(old);
          await deps.episodes.pruneDeliveries(old);
        }
      })()
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'alert sweep failed'))
        .finally(() => {
          sweeping = undefined;
        });
      sweeping = running;
      work.push(running);
    }
    let targets: ReturnType<typeof pollTargets>;
    try {
      targets = pollTargets(await deps.subscriptions.listAll(), deps.accounts);
    } catch (error) {
      deps.logger.warn({ err: error, cycleStart: iso }, 'alert poll cycle failed: subscriptions unreadable');
      await Promise.all(work);
      return;
    }
    const budgets = pageBudgetPerRegion(targets, deps.pageBudgetPerAccount);
    const due: { key: string; data: AlertPollJobData; done: () => void }[] = [];
    const busy: string[] = [];
    for (const { account, region } of targets) {
      const key = `${account.id}/${region}`;
      if (polling.has(key)) {
        busy.push(key);
        continue;
      }
      let done: () => void = () => {};
      polling.set(
        key,
        new Promise<void>((resolve) => {
          done = resolve;
        }),
      );
      const data = { accountId: account.id, region, cycleStart: iso, maxPages: budgets.get(account.id) ?? 1 };
      due.push({ key, data, done });
    }
    if (busy.length > 0) {
      deps.onSkip?.('previous_poll_running', busy.length);
      deps.logger.warn(
        { cycleStart: iso, pairs: busy, intervalSeconds: deps.intervalSeconds },
        'alert poll cycle skipped: the previous poll of these pairs is still running',
      );
    }
    work.push(
      mapBounded(due, deps.concurrency ?? 8, async ({ key, data, done }) => {
        try {
          await poll(data);
        } catch (error) {
          deps.logger.warn({ err: error, accountId: data.accountId, region: data.region }, 'alert poll failed');
        } finally {
          polling.delete(key);
          done();
        }
      }),
    );
    await Promise.all(work);
  }

  /** Resolves when the polls and the sweep still running have finished. */
  async function idle(): Promise<void> {
    await Promise.all([...polling.values(), sweeping]);
  }

  return { cycle, sweep, idle };
}
export type AlertScheduler = ReturnType<typeof createAlertScheduler>;

export interface PollCyclesDeps {
  intervalSeconds: number;
  /** Runs one cycle (the scheduler's `cycle`); its promise is awaited by `stop`. */
  run: (cycleStart: Date) => Promise<void>;
  onSkip?: PollSkipObserver;
  clock?: () => Date;
  logger: AlertsLogger;
}

/**
 * Runs `run` at every boundary of the interval, aligned to the wall clock, from the next boundary on. A boundary
 * the timer reached late (the event loop was held past the next one) is a skipped cycle: logged and counted.
 * Cycles may overlap (the scheduler skips a pair whose previous poll still runs). `stop` clears the timer and
 * waits for the cycles still running.
 */
export function startPollCycles(deps: PollCyclesDeps): { stop: () => Promise<void>; skippedCycles: () => number } {
  const clock = deps.clock ?? (() => new Date());
  const intervalMs = deps.intervalSeconds * 1_000;
  const running = new Set<Promise<void>>();
  let last: number | undefined;
  let skipped = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  function arm(): void {
    if (stopped) return;
    const now = clock().getTime();
    const next = (Math.floor(now / intervalMs) + 1) * intervalMs;
    timer = setTimeout(fire, next - now + 1);
  }

  function fire(): void {
    if (stopped) return;
    const cycleStart = cycleStartOf(clock(), deps.intervalSeconds).getTime();
    if (last !== undefined && cycleStart <= last) {
      arm(); // the timer fired a hair early
      return;
    }
    const missed = last === undefined ? 0 : Math.round((cycleStart - last) / intervalMs) - 1;
    if (missed > 0) {
      skipped += missed;
      deps.onSkip?.('timer_late', missed);
      deps.logger.warn(
        {
          missed,
          skippedCycles: skipped,
          lastCycleStart: new Date(last ?? 0).toISOString(),
          cycleStart: new Date(cycleStart).toISOString(),
          intervalSeconds: deps.intervalSeconds,
        },
        'alert poll cycle skipped: the process was too busy to start it on time',
      );
    }
    last = cycleStart;
    const work = deps
      .run(new Date(cycleStart))
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'alert poll cycle failed'))
      .finally(() => running.delete(work));
    running.add(work);
    arm();
  }

  arm();
  return {
    skippedCycles: () => skipped,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all([...running]);
    },
  };
}

export interface PollerDeps {
  gateway: AwsGateway;
  accounts: readonly AccountRef[];
  subscriptions: SubscriptionStore;
  polls: PollStore;
  sink: EpisodeSink;
  intervalSeconds: number;
  /** Signals applied at once per poll. */
  concurrency?: number;
  onSkip?: PollSkipObserver;
  clock?: () => Date;
  logger: AlertsLogger;
}

export function createPoller(deps: PollerDeps) {
  const clock = deps.clock ?? (() => new Date());
  const intervalMs = deps.intervalSeconds * 1_000;
  /** Polls that started too late for their cycle, since the process started. */
  let skippedCycles = 0;

  async function poll(data: AlertPollJobData): Promise<void> {
    const now = clock();
    const cycleStart = new Date(data.cycleStart);
    if (Number.isNaN(cycleStart.getTime())) return;
    // A poll that waited through two cycles (polls pile up faster than they run) is superseded by the current
    // cycle's: skipped, and said so — a poller that cannot keep its interval must show it.
    if (now.getTime() - cycleStart.getTime() > 2 * intervalMs) {
      skippedCycles += 1;
      deps.onSkip?.('job_late', 1);
      deps.logger.warn(
        {
          accountId: data.accountId,
          region: data.region,
          cycleStart: data.cycleStart,
          lateSeconds: Math.round((now.getTime() - cycleStart.getTime()) / 1_000),
          skippedCycles,
        },
        'alert poll cycle skipped: the poll started after its cycle was over',
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
