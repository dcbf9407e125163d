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
import { createAuthorizer, findAccountByNameOrId } from './investigation/authorize.ts';
import { createLocator } from './investigation/locate.ts';
import { redactingGateway } from './investigation/redacting-reader.ts';
import { createRunner, STEPS } from './investigation/runner.ts';
import { createShowOutputService } from './investigation/show-output.ts';
import type { StartInvestigation } from './investigation/start.ts';
import { createInvestigationWorker } from './investigation/worker.ts';
import { createLogger, type Logger } from './logger.ts';
import { installProcessFaultHandlers } from './process-faults.ts';
import { createRedactor } from './redaction/redact.ts';
import { createSlackApp } from './slack/app.ts';
import { createSlackPoster } from './slack/poster.ts';
import { createRequesterReplies } from './slack/requester-replies.ts';
import { createSlackAlertMessenger } from './slack/slack-alerts.ts';
import { createSlackProgressSink } from './slack/slack-progress.ts';
import { createEpisodeStore } from './store/alert-episode.repository.ts';
import { createPollStore } from './store/alert-poll.repository.ts';
import { createAssociationLocationStore } from './store/association-location.repository.ts';
import { createAuditLog } from './store/audit-log.repository.ts';
import { openDatabase } from './store/database.ts';
import { createInvestigationStore } from './store/investigation.repository.ts';
import { startJobQueue } from './store/job-queue.ts';
import { createSubscriptionStore } from './store/subscription.repository.ts';
import { createIntentClaims, createInvestigationRequestStore, createPostLedger } from './store/work.repository.ts';

export async function startApp(
  config: AppConfig,
  logger: Logger,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const database = await openDatabase({
    dataDir: config.dataDir,
    logger,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  logger.info({ database: database.kind }, 'database ready');
  // Poll twice a second: the first step should reach Slack well within a second of the command.
  const queue = await startJobQueue(database, { logger, pollingIntervalSeconds: 0.5 });
  const store = createInvestigationStore(database.prisma);
  const audit = createAuditLog(database.prisma);
  const locations = createAssociationLocationStore(database.prisma);

  const gateway = createAwsGateway({
    endpoints: config.aws.endpoints,
    timeouts: { requestMs: config.aws.callTimeoutMs },
    maxAttempts: config.aws.maxAttempts,
  });
  const agentReleases = createAgentReleaseSource({ urlTemplate: config.agentVersionUrl });
  const locator = createLocator({ accounts: config.accounts, gateway, locations });
  const authorizer = createAuthorizer({ accounts: config.accounts, audit });
  const claims = createIntentClaims(database.prisma);
  // The runner needs the Slack client (the sink), the worker needs the runner: the worker is built below, and
  // listeners reach it through this indirection (nothing is submitted before the receiver starts).
  let worker: ReturnType<typeof createInvestigationWorker> | undefined;
  const workerNow = () => {
    if (!worker) throw new Error('the investigation worker is not ready yet');
    return worker;
  };
  const start: StartInvestigation = (input, options) => workerNow().startLocated(input, options);
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

  const slack = await createSlackApp({
    slack: config.slack,
    port: config.port,
    logger,
    ready: () => database.ping(),
    extraRoutes: pushRoutes,
    authorizer,
    claims,
    worker: { submit: (input) => workerNow().submit(input) },
    start,
    store,
    audit,
    showOutput,
    alerts: {
      subscriptions: createSubscriptionService({ store: subscriptions, audit, accounts: config.accounts }),
      accounts: config.accounts,
      pollIntervalSeconds: config.alerts.pollIntervalSeconds,
      pendingAlertMinutes: config.alerts.pendingAlertMinutes,
    },
    alertActions: createAlertActions({ episodes, authorizer, claims, audit, start }),
  });
  const poster = createSlackPoster({
    client: slack.app.client,
    ledger: createPostLedger(database.prisma),
    perSecond: config.slack.channelPostsPerMinute / 60,
    logger: logger.child({ component: 'poster' }),
  });
  const sink = createSlackProgressSink({
    poster,
    logger,
    stepTitles: [...STEPS.map((s) => s.title), 'Diagnosis'],
  });
  const runner = createRunner({
    store,
    gateway: redactingGateway(gateway, redactor),
    agentReleases,
    sink,
    findAccount: (id) => findAccountByNameOrId(config.accounts, id),
    logger,
  });
  worker = createInvestigationWorker({
    requests: createInvestigationRequestStore(database.prisma),
    store,
    locator,
    runner,
    audit,
    accounts: config.accounts,
    replies: createRequesterReplies(),
    logger,
  });
  await startAlertJobs({
    queue,
    gateway,
    accounts: config.accounts,
    subscriptions,
    episodes,
    polls: createPollStore(database.prisma),
    sink: signalSink,
    messenger: createSlackAlertMessenger(poster),
    start,
    settings: config.alerts,
    logger,
  });

  const { port } = await slack.start();
  // Work left by a process that died (its leases lapse) is resumed by the sweeps from now on.
  worker.startSweeping();
  logger.info(
    { port, mode: config.slack.appToken ? 'socket' : 'http', accounts: config.accounts.map((a) => a.name) },
    'ssm-why listening',
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info('shutting down: no new work, finishing in-flight jobs');
      await slack.stop().catch((error: unknown) => logger.warn({ err: error }, 'slack receiver stop failed'));
      logger.info('shutdown: receiver closed');
      await worker?.stop(30_000);
      logger.info('shutdown: investigations stopped');
      await queue.stop();
      logger.info('shutdown: job queue stopped');
      gateway.close();
      await database.close();
      logger.info('shutdown complete');
    })();
    return stopping;
  };
  return { port, stop };
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

  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(result.config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'ssm-why failed to start');
    process.exit(1);
  }
  await signalled;
  // In-flight jobs get a bounded time to finish; past it the process leaves and the queue retries them.
  setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  await app.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}

/** Longer than the job queue's own wait for running handlers (30 s), shorter than a typical orchestrator's kill grace. */
const SHUTDOWN_DEADLINE_MS = 40_000;

const entry = process.argv[1];
if (entry && realpathSync(path.resolve(entry)) === fileURLToPath(import.meta.url)) await main();
