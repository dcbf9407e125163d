// Composition root: config → logger → store → queue → aws → runner → slack → start. The only place that
// constructs clients and wires dependencies.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAlertActions } from './alerts/alert-actions.ts';
import { createEpisodeSink } from './alerts/episodes.ts';
import { startAlertJobs } from './alerts/jobs.ts';
import { createPushRoutesFromConfig } from './alerts/push/routes.ts';
import { createSubscriptionService } from './alerts/subscriptions.ts';
import { createAgentReleaseSource } from './aws/agent-release.ts';
import { createAwsGateway } from './aws/gateway.ts';
import { type AppConfig, readConfigFromProcess, silenceAwsNodeVersionWarning } from './config/index.ts';
import { runDoctor } from './doctor/checks.ts';
import type { DoctorCheck } from './doctor/ports.ts';
import { fixEndsWithRerun } from './domain/remediation.ts';
import { createRemediation, REMEDIATION_VERIFY_JOB, type VerifyJobData } from './fleet/remediate.ts';
import { createFleetScanner } from './fleet/scan.ts';
import { createVerifier, followUpSink } from './fleet/verify.ts';
import { createWatcher, EXECUTION_WATCH_JOB, type WatchJobData } from './fleet/watch.ts';
import { startHttpServer } from './http-server.ts';
import { chooseLang } from './i18n/choice.ts';
import type { Lang } from './i18n/index.ts';
import { createAuthorizer, findAccountByNameOrId } from './investigation/authorize.ts';
import { createAssociationHandover, handoverGateway } from './investigation/handover.ts';
import { createLocator } from './investigation/locate.ts';
import type { AccountRef } from './investigation/ports.ts';
import { redactingGateway } from './investigation/redacting-reader.ts';
import { createRunner, STEPS } from './investigation/runner.ts';
import { createShowOutputService } from './investigation/show-output.ts';
import type { StartInvestigation } from './investigation/start.ts';
import { createInvestigationWorker } from './investigation/worker.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics } from './metrics/metrics.ts';
import { observedSink } from './metrics/observed-sink.ts';
import { metricsRoute } from './metrics/route.ts';
import { installProcessFaultHandlers } from './process-faults.ts';
import {
  type Backoff,
  backoffDelay,
  createReadiness,
  type DependencyReporter,
  type Readiness,
  sleep,
} from './readiness.ts';
import { createRedactor } from './redaction/redact.ts';
import { createSlackWatchMessenger } from './slack/actions/watch.action.ts';
import { createSlackApp, type SlackApp } from './slack/app.ts';
import { slackChecks } from './slack/doctor.ts';
import { createSlackPoster } from './slack/poster.ts';
import { createSlackRemediationMessenger, userGroupMembers } from './slack/remediation.ts';
import { createRequesterReplies } from './slack/requester-replies.ts';
import { createSlackAlertMessenger } from './slack/slack-alerts.ts';
import { createSlackProgressSink } from './slack/slack-progress.ts';
import { createEpisodeStore } from './store/alert-episode.repository.ts';
import { createPollStore } from './store/alert-poll.repository.ts';
import { createAssociationLocationStore } from './store/association-location.repository.ts';
import { createAuditLog } from './store/audit-log.repository.ts';
import { createChannelLanguageStore, withChannelLanguageCache } from './store/channel-language.repository.ts';
import { DataDirInUse, openDatabase } from './store/database.ts';
import { databaseChecks } from './store/doctor.ts';
import { createExecutionWatchStore } from './store/execution-watch.repository.ts';
import { createFeedbackStore } from './store/feedback.repository.ts';
import { createFleetStore } from './store/fleet.repository.ts';
import { createInvestigationStore } from './store/investigation.repository.ts';
import { startJobQueue } from './store/job-queue.ts';
import { readOperationalStats } from './store/operational-stats.ts';
import { createRemediationStore } from './store/remediation.repository.ts';
import { scheduleRetention } from './store/retention.ts';
import { createSubscriptionStore } from './store/subscription.repository.ts';
import { createIntentClaims, createInvestigationRequestStore, createPostLedger } from './store/work.repository.ts';

export interface StartOptions {
  /** Aborted when the process is asked to stop while it is still starting: start-up unwinds and rejects. */
  signal?: AbortSignal;
  /** Backoff of the start-up retry loops (database, Slack); default 500 ms doubling up to 10 s. */
  backoff?: Backoff;
}

/** A started app. `failed` resolves with a one-line problem when a dependency says a person must act (a revoked token). */
export interface RunningApp {
  port: number;
  stop: () => Promise<void>;
  failed: Promise<string>;
  readiness: Readiness;
}

/** Start-up gave up on a dependency (after retrying): `line` says which and why, for stderr. */
export class StartupGaveUp extends Error {
  constructor(readonly line: string) {
    super(line);
  }
}

const START_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000 };
/** "Tell me when it finishes" follows an execution for at most this long. */
const WATCH_MAX_MINUTES = 360;

export async function startApp(config: AppConfig, logger: Logger, options: StartOptions = {}): Promise<RunningApp> {
  const startup = createStartup(options.signal);
  try {
    return await startServices(config, logger, startup, options);
  } catch (error) {
    await startup.unwind(logger);
    throw error;
  }
}

async function startServices(
  config: AppConfig,
  logger: Logger,
  startup: Startup,
  options: StartOptions,
): Promise<RunningApp> {
  const backoff = options.backoff ?? START_BACKOFF;
  // Liveness and readiness answer from the first moment: an orchestrator sees the process up (/healthz 200)
  // and honestly not ready (/readyz 503, naming what it waits for) while the dependencies come up.
  const readiness = createReadiness();
  const server = await startup.phase('http', startHttpServer({ port: config.port, readiness }), (s) => s.close());
  logger.info({ port: server.port }, 'health routes listening');
  const databaseReady = readiness.dependency('database', 'connecting');
  const queueReady = readiness.dependency('job queue', 'waiting for the database');
  // Registered now, so /readyz is never 200 before the Slack side is up (the loops report into the same names).
  readiness.dependency('slack', 'waiting for start-up');
  if (config.slack.appToken) readiness.dependency('slack socket', 'waiting for start-up');
  const database = await startup.phase(
    'database',
    openDatabaseWithRetry({
      open: () =>
        openDatabase({
          dataDir: config.dataDir,
          logger,
          ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
        }),
      reporter: databaseReady,
      logger,
      backoff,
      giveUpAfterMs: config.databaseStartTimeoutSeconds * 1000,
      ...(options.signal ? { signal: options.signal } : {}),
    }),
    (db) => db.close(),
  );
  logger.info({ database: database.kind }, 'database ready');
  server.beforeReady(async () => {
    if (await database.ping()) databaseReady.ready();
    else databaseReady.failing('not answering');
  });
  // Poll twice a second: the first step should reach Slack well within a second of the command.
  const queue = await startup.phase(
    'job queue',
    // Running handlers get the shutdown deadline less the time to close the receiver and the database.
    startJobQueue(database, {
      logger,
      pollingIntervalSeconds: 0.5,
      stopTimeoutMs: Math.max(1_000, config.shutdownDeadlineMs - 3_000),
    }),
    (q) => q.stop(),
  );
  queueReady.ready();
  const store = createInvestigationStore(database.prisma);
  const audit = createAuditLog(database.prisma);
  const locations = createAssociationLocationStore(database.prisma);

  const metrics = createMetrics({ snapshot: () => readOperationalStats(database.sql) });
  const gateway = createAwsGateway({
    endpoints: config.aws.endpoints,
    timeouts: { requestMs: config.aws.callTimeoutMs },
    maxAttempts: config.aws.maxAttempts,
    retryMode: config.aws.retryMode,
    onCall: metrics.awsCall,
  });
  const agentReleases = createAgentReleaseSource({ urlTemplate: config.agentVersionUrl });
  // What locate reads (DescribeAssociation) is handed to the investigation that follows, not read again.
  const handover = createAssociationHandover();
  const locator = createLocator({ accounts: config.accounts, gateway, locations, handover });
  const authorizer = createAuthorizer({ accounts: config.accounts, audit });
  const claims = createIntentClaims(database.prisma);
  // The runner needs the Slack client (the sink), the worker needs the runner: the worker is built below, and
  // listeners reach it through this indirection (nothing is submitted before the receiver starts).
  let worker: ReturnType<typeof createInvestigationWorker> | undefined;
  const workerNow = () => {
    if (!worker) throw new Error('the investigation worker is not ready yet');
    return worker;
  };
  // An investigation started without a language (an alert, a watch's or a verifier's follow-up: nobody asked)
  // speaks its channel's (English in an `auto` channel).
  const channelLanguageStore = createChannelLanguageStore(database.prisma);
  const channelLanguages = withChannelLanguageCache(channelLanguageStore);
  // Every command's ack reads its channel's language: its queries are planned now, not on the first request.
  await Promise.all([channelLanguageStore.get('', ''), channelLanguageStore.forChannel('')]).catch((error: unknown) =>
    logger.warn({ err: error }, 'channel language queries could not be prepared; the first command prepares them'),
  );
  /** What a channel speaks when nobody asked (alerts, follow-ups): its setting, else English. */
  const channelLang = async (teamId: string, channelId: string): Promise<Lang> =>
    chooseLang('thread', { channel: (await channelLanguages.get(teamId, channelId))?.lang });
  /** Alerts know their channel only (a Slack channel id names one channel, shared ones included). */
  const alertLang = async (channelId: string): Promise<Lang> =>
    chooseLang('thread', { channel: (await channelLanguages.forChannel(channelId))?.lang });
  const start: StartInvestigation = async (input, options) => {
    const lang = input.lang ?? (await channelLang(input.teamId, input.channelId));
    return workerNow().startLocated({ ...input, lang }, options);
  };
  // Text from target accounts (command output, messages, parameters) is redacted as it is read.
  const redactor = createRedactor();
  const showOutput = createShowOutputService({ store, gateway, redactor });
  // Failure alerts: polled and pushed signals go into one sink that opens and closes alert episodes.
  const subscriptions = createSubscriptionStore(database.prisma);
  const episodes = createEpisodeStore(database.prisma);
  const signalSink = createEpisodeSink({
    episodes,
    subscriptions,
    accounts: config.accounts,
    queue,
    pendingAlertMinutes: config.alerts.pendingAlertMinutes,
    digest: { windowSeconds: config.alerts.digestWindowSeconds, threshold: config.alerts.digestThreshold },
    logger,
  });
  const pushRoutes = createPushRoutesFromConfig(config, { sink: signalSink, logger });
  const fleetStore = createFleetStore(database.prisma);
  const fleet = createFleetScanner({
    gateway,
    store: fleetStore,
    pollIntervalSeconds: config.alerts.pollIntervalSeconds,
  });

  // Run now: the user groups of `remediators` are resolved with the Slack client, which exists once the app does.
  let slackApp: SlackApp | undefined;
  const remediations = createRemediationStore(database.prisma);
  const watches = createExecutionWatchStore(database.prisma);
  const remediation = createRemediation({
    accounts: config.accounts,
    gateway,
    store: remediations,
    investigations: store,
    audit,
    queue,
    groupMembers: (groupId) =>
      slackApp ? userGroupMembers(slackApp.client)(groupId) : Promise.resolve([] as string[]),
    verifyIntervalSeconds: config.verifyIntervalSeconds,
  });
  // `/ssm-why doctor`: the Slack check needs the app's client, set once the app exists.
  let checkSlack: ((lang: Lang) => Promise<DoctorCheck[]>) | undefined;
  const doctor = (accounts: readonly AccountRef[], lang: Lang): Promise<DoctorCheck[]> => {
    const slackLines = checkSlack;
    return runDoctor({
      accounts,
      lang,
      aws: gateway,
      agentReleases,
      ...(slackLines ? { slack: () => slackLines(lang) } : {}),
      database: () => databaseChecks(database.sql, lang),
    });
  };

  let fail: (problem: string) => void = () => {};
  const failed = new Promise<string>((resolve) => {
    fail = resolve;
  });
  const slack = await startup.phase(
    'slack',
    createSlackApp({
      slack: config.slack,
      logger,
      readiness,
      onFatal: (problem) => fail(problem),
      backoff: { initialMs: backoff.initialMs, maxMs: backoff.maxMs },
      extraRoutes: [...pushRoutes, metricsRoute(metrics, config.metrics.token)],
      onSlackCall: metrics.slackCall,
      accounts: config.accounts,
      authorizer,
      claims,
      worker: { submit: (input) => workerNow().submit(input) },
      storeBudgetMs: config.ackStoreBudgetMs,
      start,
      store,
      audit,
      channelLanguages,
      showOutput,
      alerts: {
        subscriptions: createSubscriptionService({ store: subscriptions, audit, accounts: config.accounts }),
        accounts: config.accounts,
        pollIntervalSeconds: config.alerts.pollIntervalSeconds,
        pendingAlertMinutes: config.alerts.pendingAlertMinutes,
      },
      alertActions: createAlertActions({ episodes, authorizer, claims, audit, start }),
      fleet: { accounts: config.accounts, audit, fleet },
      home: { accounts: config.accounts, fleet, store: fleetStore },
      runNow: { remediation, store },
      remediations,
      feedback: createFeedbackStore(database.prisma),
      watch: { watches, queue, maxHours: WATCH_MAX_MINUTES / 60 },
      doctor,
    }),
  );
  slackApp = slack;
  checkSlack = (lang) => slackChecks(slack.client, lang);
  const poster = createSlackPoster({
    client: slack.client,
    ledger: createPostLedger(database.prisma),
    perSecond: config.slack.channelPostsPerMinute / 60,
    logger: logger.child({ component: 'poster' }),
  });
  const remediationMessenger = createSlackRemediationMessenger(slack.client, config.accounts, store);
  const sink = observedSink(
    followUpSink(
      createSlackProgressSink({
        poster,
        logger,
        stepKeys: [...STEPS.map((s) => s.key), 'diagnosis'],
        offersRunNow: (investigation, diagnosis) =>
          fixEndsWithRerun(diagnosis) &&
          Boolean(findAccountByNameOrId(config.accounts, investigation.accountId)?.remediatorRoleArn),
      }),
      {
        store: remediations,
        messenger: remediationMessenger,
        onError: (error) => logger.warn({ err: error }, 'the Still failing message could not be completed'),
      },
    ),
    metrics,
  );
  const runner = createRunner({
    store,
    gateway: redactingGateway(handoverGateway(gateway, handover), redactor),
    agentReleases,
    sink,
    findAccount: (id) => findAccountByNameOrId(config.accounts, id),
    logger,
  });
  startup.check();
  // SSM_WHY_ROLE=web queues work and leaves it to the worker processes (same PostgreSQL); worker and all run it.
  // A web process stores requests and leaves them to the worker processes' sweeps (no room of its own).
  worker = createInvestigationWorker({
    requests: createInvestigationRequestStore(database),
    store,
    locator,
    runner,
    audit,
    accounts: config.accounts,
    replies: createRequesterReplies(),
    logger,
    concurrency: config.role === 'web' ? 0 : 4,
  });
  let alertJobs: Awaited<ReturnType<typeof startAlertJobs>> | undefined;
  if (config.role !== 'web') {
    alertJobs = await startup.phase(
      'alert polls',
      startAlertJobs({
        queue,
        gateway,
        accounts: config.accounts,
        subscriptions,
        episodes,
        polls: createPollStore(database.prisma),
        sink: signalSink,
        messenger: createSlackAlertMessenger(poster),
        channelLang: (channelId) => alertLang(channelId),
        start,
        settings: config.alerts,
        onPollSkip: metrics.alertPollSkipped,
        logger,
      }),
      (jobs) => jobs.stop(),
    );
    await queue.work<VerifyJobData>(
      REMEDIATION_VERIFY_JOB,
      createVerifier({
        accounts: config.accounts,
        gateway,
        store: remediations,
        queue,
        messenger: remediationMessenger,
        start,
        intervalSeconds: config.verifyIntervalSeconds,
        maxPolls: 120,
        maxMinutes: 60,
      }),
      { concurrency: 2 },
    );
    await queue.work<WatchJobData>(
      EXECUTION_WATCH_JOB,
      createWatcher({
        accounts: config.accounts,
        gateway,
        store: watches,
        queue,
        messenger: createSlackWatchMessenger(slack.client, store),
        start,
        intervalSeconds: config.verifyIntervalSeconds,
        maxPolls: Math.ceil((WATCH_MAX_MINUTES * 60) / Math.max(1, config.verifyIntervalSeconds)) + 1,
        maxMinutes: WATCH_MAX_MINUTES,
      }),
      { concurrency: 2 },
    );
  }

  const stopRetention = scheduleRetention(database.sql, config.retention, (result) =>
    result instanceof Error
      ? logger.warn({ err: result }, 'retention failed; it runs again in an hour')
      : logger.info(result, 'retention: old investigations and audit events deleted'),
  );

  server.attach(slack.handler);
  slack.start();
  // Work left by a process that died (its leases lapse) is resumed by the sweeps from now on.
  if (config.role !== 'web') worker.startSweeping();
  const port = server.port;
  logger.info(
    {
      port,
      mode: config.slack.appToken ? 'socket' : 'http',
      role: config.role,
      accounts: config.accounts.map((a) => a.name),
    },
    'ssm-why listening',
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info('shutting down: no new work, finishing in-flight jobs');
      stopRetention();
      await Promise.all([
        server.close(),
        slack.stop().catch((error: unknown) => logger.warn({ err: error }, 'slack receiver stop failed')),
      ]);
      logger.info('shutdown: receiver closed');
      await Promise.all([worker?.stop(30_000), alertJobs?.stop()]);
      logger.info('shutdown: investigations and alert polls stopped');
      await queue.stop();
      logger.info('shutdown: job queue stopped');
      gateway.close();
      await database.close();
      logger.info('shutdown complete');
    })();
    return stopping;
  };
  return { port, stop, failed, readiness };
}

/**
 * Opens the database, retrying a failure with capped backoff (the reporter says since when and why), for at most
 * `giveUpAfterMs`; then throws StartupGaveUp. A configuration mistake the database names (a wrong password, a
 * missing database) is retried too: the operator sees it in /readyz and in the log, and the limit ends it.
 */
async function openDatabaseWithRetry<T>(deps: {
  open: () => Promise<T>;
  reporter: DependencyReporter;
  logger: Logger;
  backoff: Backoff;
  giveUpAfterMs: number;
  signal?: AbortSignal;
}): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      const opened = await deps.open();
      deps.reporter.ready();
      return opened;
    } catch (error) {
      if (error instanceof StartupGaveUp || error instanceof DataDirInUse) throw error;
      const reason = databaseFailure(error);
      deps.reporter.failing(`cannot connect: ${reason}`);
      const elapsed = Date.now() - started;
      if (elapsed >= deps.giveUpAfterMs) {
        throw new StartupGaveUp(
          `database: unreachable for ${Math.round(elapsed / 1000)} s (${reason}); giving up (SSM_WHY_DATABASE_START_TIMEOUT_SECONDS)`,
        );
      }
      const wait = Math.min(backoffDelay(attempt, deps.backoff), deps.giveUpAfterMs - elapsed);
      deps.logger.warn({ reason, attempt, retryInMs: wait }, 'database: cannot connect; retrying');
      await sleep(wait, deps.signal);
    }
  }
}

/** A database error in words, without the URL (which may hold a password). */
function databaseFailure(error: unknown): string {
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message.replace(/\w+:\/\/\S+/g, '<url>').slice(0, 200) : '';
  return [code, message].filter(Boolean).join(': ') || 'unknown error';
}

async function main(): Promise<void> {
  silenceAwsNodeVersionWarning();
  const result = readConfigFromProcess('app');
  if (!result.ok) {
    for (const problem of result.problems) process.stderr.write(`config: ${problem}\n`);
    process.exit(2);
  }
  const logger = createLogger(result.config.logLevel);
  installProcessFaultHandlers(logger);
  // Handlers first: a signal that arrives while the app is still starting stops it once it has started.
  let release: () => void = () => {};
  const signalled = new Promise<void>((resolve) => {
    release = resolve;
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => release());
  if (result.config.startedByNpm) {
    // npm exits on SIGTERM without passing it on, which would orphan the app: its parent changing means npm is gone.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid === parent) return;
      logger.warn('npm, which started the app, is gone; shutting down');
      release();
    }, 1_000).unref();
  }

  // A signal during start-up aborts it: what was opened is closed, and the process leaves promptly even when a
  // dependency hangs (never more than STARTUP_ABORT_GRACE_MS after the signal).
  const aborter = new AbortController();
  void signalled.then(() => aborter.abort());
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(result.config, logger, { signal: aborter.signal });
  } catch (error) {
    if (aborter.signal.aborted) {
      logger.info('stopped during start-up');
      process.exit(0);
    }
    if (error instanceof DataDirInUse) {
      logger.fatal(error.message);
      process.stderr.write(`config: ${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof StartupGaveUp) {
      logger.fatal(error.line);
      process.stderr.write(`${error.line}\n`);
    } else logger.fatal({ err: error }, 'ssm-why failed to start');
    process.exit(1);
  }
  // A problem a person must fix (a revoked token) ends the process like bad configuration does: exit 2.
  const problem = await Promise.race([signalled.then(() => undefined), app.failed]);
  if (problem !== undefined) {
    logger.fatal(problem);
    process.stderr.write(`config: ${problem}\n`);
    setTimeout(() => process.exit(2), STARTUP_ABORT_GRACE_MS).unref();
    await app.stop().catch(() => {});
    process.exit(2);
  }
  // In-flight jobs get a bounded time to finish; past it the process leaves and the queue retries them.
  setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, result.config.shutdownDeadlineMs).unref();
  await app.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}

/** How long start-up may take to close what it opened after a signal. */
const STARTUP_ABORT_GRACE_MS = 5_000;

interface Startup {
  /**
   * Awaits one phase of start-up unless the process is asked to stop first; what it opens is registered so that a
   * later failure or an abort closes it (in reverse order). A phase still pending at the abort is left behind: the
   * process is about to exit.
   */
  phase<T>(name: string, opening: Promise<T>, close?: (value: T) => Promise<unknown> | unknown): Promise<T>;
  /** Throws when the process was asked to stop. */
  check(): void;
  /** Closes everything opened so far, newest first, within STARTUP_ABORT_GRACE_MS. */
  unwind(logger: Logger): Promise<void>;
}

function createStartup(signal: AbortSignal | undefined): Startup {
  const opened: { name: string; close: () => Promise<unknown> | unknown }[] = [];
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(new Error('start-up aborted by a signal'));
    if (signal?.aborted) fail();
    else signal?.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => {});
  return {
    async phase(name, opening, close) {
      signal?.throwIfAborted();
      const value = await Promise.race([opening, aborted]);
      if (close) opened.push({ name, close: () => close(value) });
      signal?.throwIfAborted();
      return value;
    },
    check() {
      signal?.throwIfAborted();
    },
    async unwind(logger) {
      const closeAll = (async () => {
        for (const { name, close } of opened.reverse()) {
          await Promise.resolve()
            .then(close)
            .catch((error: unknown) => logger.warn({ err: error, phase: name }, 'start-up: closing failed'));
        }
      })();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          logger.warn('start-up: closing took too long; leaving it to the exit');
          resolve();
        }, STARTUP_ABORT_GRACE_MS);
      });
      await Promise.race([closeAll, timeout]);
      clearTimeout(timer);
    },
  };
}

const entry = process.argv[1];
if (entry && realpathSync(path.resolve(entry)) === fileURLToPath(import.meta.url)) await main();
