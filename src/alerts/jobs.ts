// Starts the alert work: the poll cycles (a wall-clock pacer in this process, see poller.ts) and the Slack jobs
// on the queue (post, digest). The adapters are built by src/main.ts and passed in.

import type { Lang } from '../i18n/index.ts';
import type { AccountRef, AwsGateway, JobQueue } from '../investigation/ports.ts';
import type { StartInvestigation } from '../investigation/start.ts';
import {
  ALERT_DIGEST_JOB,
  ALERT_POST_JOB,
  type AlertDigestJobData,
  type AlertPostJobData,
  type AlertsLogger,
  type EpisodeSink,
} from './episodes.ts';
import { createAlertScheduler, createPoller, type PollSkipObserver, startPollCycles } from './poller.ts';
import type { AlertMessenger, EpisodeStore, PollStore, SubscriptionStore } from './ports.ts';
import { createAlertPoster } from './poster.ts';

export interface AlertJobsDeps {
  queue: JobQueue;
  gateway: AwsGateway;
  accounts: readonly AccountRef[];
  subscriptions: SubscriptionStore;
  episodes: EpisodeStore;
  polls: PollStore;
  sink: EpisodeSink;
  messenger: AlertMessenger;
  start: StartInvestigation;
  settings: { pollIntervalSeconds: number; pendingAlertMinutes: number; pollPageBudget: number };
  /** The language a channel's alerts speak. */
  channelLang: (channelId: string) => Promise<Lang>;
  /** Counts every poll that did not run in its cycle (a metric). */
  onPollSkip?: PollSkipObserver;
  logger: AlertsLogger;
}

/** The running alert work; `stop` ends the poll cycles and waits for the ones running (the queue stops apart). */
export interface AlertJobs {
  stop(): Promise<void>;
}

export async function startAlertJobs(deps: AlertJobsDeps): Promise<AlertJobs> {
  const poll = createPoller({
    gateway: deps.gateway,
    accounts: deps.accounts,
    subscriptions: deps.subscriptions,
    polls: deps.polls,
    sink: deps.sink,
    intervalSeconds: deps.settings.pollIntervalSeconds,
    ...(deps.onPollSkip ? { onSkip: deps.onPollSkip } : {}),
    logger: deps.logger,
  });
  const scheduler = createAlertScheduler({
    queue: deps.queue,
    subscriptions: deps.subscriptions,
    episodes: deps.episodes,
    polls: deps.polls,
    accounts: deps.accounts,
    intervalSeconds: deps.settings.pollIntervalSeconds,
    pageBudgetPerAccount: deps.settings.pollPageBudget,
    poll,
    ...(deps.onPollSkip ? { onSkip: deps.onPollSkip } : {}),
    logger: deps.logger,
  });
  const poster = createAlertPoster({
    episodes: deps.episodes,
    messenger: deps.messenger,
    start: deps.start,
    accounts: deps.accounts,
    queue: deps.queue,
    pendingAlertMinutes: deps.settings.pendingAlertMinutes,
    channelLang: deps.channelLang,
    logger: deps.logger,
  });
  // The first query of a process makes Prisma compile its engine (about half a second, blocking the event loop):
  // better now, before the app listens, than in the middle of serving requests.
  await deps.subscriptions.listAll();
  await deps.episodes.pendingSlackWork(new Date(), new Date(), 1);
  // Idle workers ask once a second: alerts need no sub-second latency, and every idle poll is a query (on the
  // embedded database, one that holds the event loop).
  const idle = { pollingIntervalSeconds: 1 };
  await deps.queue.work<AlertPostJobData>(ALERT_POST_JOB, poster.postEpisode, idle);
  await deps.queue.work<AlertDigestJobData>(ALERT_DIGEST_JOB, poster.postDigest, idle);
  // Each new worker's first fetch is planned afresh; on the embedded database (one connection, first in, first
  // out) these run back to back and hold the event loop. This query waits behind them, so the app starts
  // listening (and answering signals) only once they are done.
  await deps.subscriptions.listAll();
  const cycles = startPollCycles({
    intervalSeconds: deps.settings.pollIntervalSeconds,
    run: scheduler.cycle,
    ...(deps.onPollSkip ? { onSkip: deps.onPollSkip } : {}),
    logger: deps.logger,
  });
  return { stop: () => cycles.stop() };
}
