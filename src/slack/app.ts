// Wires Bolt: HTTP receiver on PORT (POST /slack/events) or Socket Mode when an app token is set, the
// health routes, and the listeners. No business logic here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { AlertActions } from '../alerts/alert-actions.ts';
import type { AppConfig } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import {
  actionIdPattern,
  CHOOSE_ACCOUNT,
  INVESTIGATE_AGAIN,
  MUTE_ALERT,
  RERUN,
  SHOW_MORE_OUTPUT,
  SHOW_OUTPUT,
} from './action-ids.ts';
import { investigateAgainAction, muteAlertAction } from './actions/alert.action.ts';
import { type ActionDeps, chooseLocationAction, rerunAction } from './actions/rerun.action.ts';
import { type ShowOutputActionDeps, showMoreOutputAction, showOutputAction } from './actions/show-output.action.ts';
import { type CommandDeps, ssmWhyCommand } from './commands/ssm-why.command.ts';
import { guardSlackRequests } from './request-guard.ts';

export interface SlackAppDeps extends CommandDeps, ActionDeps, Omit<ShowOutputActionDeps, 'logger'> {
  slack: AppConfig['slack'];
  port: number;
  logger: Logger;
  /** True when the database answers. */
  ready: () => Promise<boolean>;
  /** The Investigate again / Mute 24 h buttons on alerts; absent → not registered. */
  alertActions?: AlertActions;
  /** More HTTP routes on the same port (raw Node req/res), e.g. the push-alert endpoints. */
  extraRoutes?: { path: string; method: string[]; handler: (req: IncomingMessage, res: ServerResponse) => void }[];
}

export interface SlackApp {
  app: App;
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

export async function createSlackApp(deps: SlackAppDeps): Promise<SlackApp> {
  const health = (probe: () => Promise<boolean>) => async (_req: IncomingMessage, res: ServerResponse) => {
    const ok = await probe().catch(() => false);
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok }));
  };
  const customRoutes = [
    { path: '/healthz', method: ['GET'], handler: health(async () => true) },
    { path: '/readyz', method: ['GET'], handler: health(deps.ready) },
    ...(deps.extraRoutes ?? []),
  ];
  const clientOptions = {
    // Bounded retries: the queue retries whole jobs, and a 30-minute retry loop helps nobody in chat.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
    timeout: 10_000,
    ...(deps.slack.apiUrl ? { slackApiUrl: deps.slack.apiUrl } : {}),
  };
  const logger = boltLogger(deps.logger);
  const common = { token: deps.slack.botToken, logger, clientOptions, deferInitialization: true };
  const socketMode = Boolean(deps.slack.appToken);
  const app = socketMode
    ? new App({
        ...common,
        customRoutes,
        socketMode: true,
        appToken: deps.slack.appToken as string,
        installerOptions: { port: deps.port },
      })
    : new App({ ...common, receiver: guardedReceiver(deps, customRoutes, logger) });

  app.command(/^\/ssm-why/, ssmWhyCommand(deps));
  app.action(actionIdPattern(RERUN), rerunAction(deps));
  app.action(actionIdPattern(CHOOSE_ACCOUNT), chooseLocationAction(deps));
  const showOutput = { ...deps, logger: deps.logger.child({ component: 'show-output' }) };
  app.action(actionIdPattern(SHOW_OUTPUT), showOutputAction(showOutput));
  app.action(actionIdPattern(SHOW_MORE_OUTPUT), showMoreOutputAction(showOutput));
  if (deps.alertActions) {
    app.action(actionIdPattern(INVESTIGATE_AGAIN), investigateAgainAction(deps.alertActions));
    app.action(actionIdPattern(MUTE_ALERT), muteAlertAction(deps.alertActions));
  }
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack listener failed');
  });

  await app.init();
  return {
    app,
    async start() {
      const started = (await app.start(deps.port)) as unknown;
      const address = (started as { address?: () => unknown } | undefined)?.address?.();
      const port =
        typeof address === 'object' && address !== null && 'port' in address ? Number(address.port) : deps.port;
      return { port };
    },
    stop: () => app.stop() as Promise<void>,
  };
}

/** Bolt's HTTP receiver, with every request to the events endpoint screened first (see request-guard.ts). */
function guardedReceiver(
  deps: SlackAppDeps,
  customRoutes: NonNullable<SlackAppDeps['extraRoutes']>,
  logger: BoltLogger,
): HTTPReceiver {
  const signingSecret = deps.slack.signingSecret as string;
  const receiver = new HTTPReceiver({ signingSecret, customRoutes, logger, endpoints: [EVENTS_PATH] });
  const refused = deps.logger.child({ component: 'request-guard' });
  receiver.requestListener = guardSlackRequests(receiver.requestListener, {
    signingSecret,
    paths: [EVENTS_PATH],
    onRefused: ({ status, reason }) => refused.warn({ status, reason }, 'slack request refused'),
  });
  return receiver;
}

const EVENTS_PATH = '/slack/events';

/** Bolt's logger interface over pino. */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  const text = (msg: unknown[]) =>
    msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error({ err: msg.find((m) => m instanceof Error) }, text(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
