// Wires Bolt: the HTTP receiver's handler (POST /slack/events, mounted on the process's server) or Socket Mode
// when an app token is set, the listeners, and the loops that keep Slack connected. No business logic here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { AlertActions } from '../alerts/alert-actions.ts';
import type { AppConfig } from '../config/index.ts';
import { acksFirstFetch } from '../foreground.ts';
import type { Logger } from '../logger.ts';
import type { Readiness } from '../readiness.ts';
import {
  actionIdPattern,
  CHOOSE_ACCOUNT,
  FEEDBACK_DOWN,
  FEEDBACK_UP,
  FLEET_INVESTIGATE,
  INVESTIGATE_AGAIN,
  MUTE_ALERT,
  RERUN,
  RUN_NOW,
  SHOW_MORE_OUTPUT,
  SHOW_OUTPUT,
  WATCH_EXECUTION,
} from './action-ids.ts';
import { investigateAgainAction, muteAlertAction } from './actions/alert.action.ts';
import { feedbackAction, feedbackNoteView } from './actions/feedback.action.ts';
import { type ActionDeps, chooseLocationAction, rerunAction } from './actions/rerun.action.ts';
import { type ShowOutputActionDeps, showMoreOutputAction, showOutputAction } from './actions/show-output.action.ts';
import { type WatchActionDeps, watchAction } from './actions/watch.action.ts';
import { type CommandDeps, ssmWhyCommand } from './commands/ssm-why.command.ts';
import {
  type Backoff,
  type IdentityLoop,
  keepIdentity,
  keepSocketConnected,
  type SlackIdentity,
} from './connection.ts';
import { appHomeOpened, type HomeDeps } from './home.ts';
import { createLanguages, type Languages } from './language.ts';
import { observeSlackClient, type SlackCallListener } from './observe.ts';
import { confirmRunNowView, type RemediationSlackDeps, runNowAction } from './remediation.ts';
import { guardSlackRequests } from './request-guard.ts';
import { createUserLocales, slackUserProfile, type UserLocalesOptions } from './user-locale.ts';
import { FEEDBACK_NOTE_CALLBACK } from './views/feedback.view.ts';
import { RUN_NOW_CALLBACK } from './views/remediation.view.ts';

export interface SlackAppDeps
  extends Omit<CommandDeps, 'languages'>,
    Omit<ActionDeps, 'languages'>,
    Omit<ShowOutputActionDeps, 'logger' | 'languages'> {
  slack: AppConfig['slack'];
  logger: Logger;
  /** The Investigate again / Mute 24 h buttons on alerts; absent → not registered. */
  alertActions?: AlertActions;
  /** App Home; absent → the event is not handled. */
  home?: HomeDeps;
  /** "Tell me when it finishes"; absent → the button's clicks are not handled. */
  watch?: Pick<WatchActionDeps, 'watches' | 'queue' | 'maxHours'>;
  /** Run now (button + confirmation dialog); absent → not registered. */
  runNow?: Omit<RemediationSlackDeps, 'languages'>;
  /** The users' language cache's settings (TTL, size, budget); the defaults otherwise. */
  userLocales?: Omit<UserLocalesOptions, 'fetchProfile'>;
  /** More HTTP routes on the same port (raw Node req/res), e.g. the push-alert endpoints. */
  extraRoutes?: { path: string; method: string[]; handler: (req: IncomingMessage, res: ServerResponse) => void }[];
  /** Told about every Web API call of the app's and the listeners' clients (metrics). */
  onSlackCall?: SlackCallListener;
  /** Where auth.test (and the Socket Mode connection) report their state. */
  readiness: Readiness;
  /** A token no retry can fix (invalid_auth …): the process must stop and a person must replace it. */
  onFatal: (problem: string) => void;
  /** Backoff of the auth.test and Socket Mode loops (default 500 ms doubling up to 30 s). */
  backoff?: Backoff;
}

export interface SlackApp {
  app: App;
  /** The bot's Web API client (the app token's client in Socket Mode is separate). */
  client: InstanceType<typeof webApi.WebClient>;
  /** Who speaks which language (the channel's setting, each user's Slack locale). */
  languages: Languages;
  /** The handler for every HTTP request that is not a health route (Slack's requests, the extra routes). */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Starts the auth.test loop and, in Socket Mode, the connection loop. Never waits for Slack. */
  start(): void;
  stop(): Promise<void>;
}

/** The Web API clients' options (the bot's client, Bolt's, the connection loops' without retries). */
export function slackClientOptions(apiUrl: string | undefined) {
  return {
    // Bounded retries: the queue retries whole jobs, and a 30-minute retry loop helps nobody in chat.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
    timeout: 10_000,
    // Background work (an investigation's posts) calls Slack once the requests in flight are answered.
    fetch: acksFirstFetch,
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
  };
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000 };

export async function createSlackApp(deps: SlackAppDeps): Promise<SlackApp> {
  const customRoutes = deps.extraRoutes ?? [];
  const clientOptions = slackClientOptions(deps.slack.apiUrl);
  const logger = boltLogger(deps.logger);
  const client = new webApi.WebClient(deps.slack.botToken, { ...clientOptions, logger });
  // Our own loops retry auth.test and apps.connections.open, with a cap: the SDK's retries stay out of the way.
  const loopClientOptions = { ...clientOptions, retryConfig: { retries: 0 }, logger };
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const stopping = new AbortController();
  const identity = keepIdentityLater();

  // `authorize` instead of `token`: Bolt would otherwise call auth.test in init() and fail to start without Slack.
  // A request that arrives before auth.test has answered is still served (it only lacks the bot's ids).
  const authorize = async () => ({ botToken: deps.slack.botToken, ...botIds(identity.current()) });
  // No conversation store: nothing here reads context.conversation, and its middleware ran on every request.
  const common = { authorize, logger, clientOptions, deferInitialization: true, convoStore: false as const };
  const socketMode = Boolean(deps.slack.appToken);
  const socketReceiver = socketMode
    ? new SocketModeReceiver({
        appToken: deps.slack.appToken as string,
        logger,
        autoReconnectEnabled: false,
        installerOptions: { clientOptions: loopClientOptions },
      })
    : undefined;
  const httpReceiver = socketMode ? undefined : guardedReceiver(deps, customRoutes, logger);
  const app = new App({ ...common, receiver: (socketReceiver ?? httpReceiver) as SocketModeReceiver | HTTPReceiver });

  const log = deps.logger.child({ component: 'user-locale' });
  const users = createUserLocales({
    ...deps.userLocales,
    fetchProfile: slackUserProfile(client),
    onError: (error) => log.warn({ err: error }, 'users.info failed; answering in the channel language'),
  });
  const languages = createLanguages({
    channels: deps.channelLanguages,
    users,
    onError: (error) => log.warn({ err: error }, 'channel language could not be read'),
  });
  const spoken = { ...deps, languages };

  const onSlackCall = deps.onSlackCall;
  if (onSlackCall) {
    observeSlackClient(client, onSlackCall);
    observeSlackClient(app.client, onSlackCall);
    app.use(async ({ client, next }) => {
      observeSlackClient(client, onSlackCall);
      await next();
    });
  }
  app.command(/^\/ssm-why/, ssmWhyCommand(spoken));
  app.action(actionIdPattern(RERUN), rerunAction(spoken));
  app.action(actionIdPattern(CHOOSE_ACCOUNT), chooseLocationAction(spoken));
  app.action(actionIdPattern(FLEET_INVESTIGATE), chooseLocationAction(spoken, { keepOriginal: true }));
  const showOutput = { ...spoken, logger: deps.logger.child({ component: 'show-output' }) };
  app.action(actionIdPattern(SHOW_OUTPUT), showOutputAction(showOutput));
  app.action(actionIdPattern(SHOW_MORE_OUTPUT), showMoreOutputAction(showOutput));
  if (deps.alertActions) {
    app.action(actionIdPattern(INVESTIGATE_AGAIN), investigateAgainAction(deps.alertActions, languages));
    app.action(actionIdPattern(MUTE_ALERT), muteAlertAction(deps.alertActions, languages));
  }
  if (deps.feedback) {
    const feedback = { ...spoken, feedback: deps.feedback };
    app.action(actionIdPattern(FEEDBACK_UP), feedbackAction(feedback, 'up'));
    app.action(actionIdPattern(FEEDBACK_DOWN), feedbackAction(feedback, 'down'));
    app.view(FEEDBACK_NOTE_CALLBACK, feedbackNoteView(feedback));
  }
  if (deps.watch) app.action(actionIdPattern(WATCH_EXECUTION), watchAction({ ...spoken, ...deps.watch }));
  if (deps.home) app.event('app_home_opened', appHomeOpened(deps.home, users));
  if (deps.runNow) {
    const runNow = { ...deps.runNow, languages };
    app.action(actionIdPattern(RUN_NOW), runNowAction(runNow));
    app.view(RUN_NOW_CALLBACK, confirmRunNowView(runNow));
  }
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack listener failed');
  });
  await app.init();

  const routes = new Map(customRoutes.map((r) => [r.path, r]));
  const handler = httpReceiver
    ? httpReceiver.requestListener
    : (req: IncomingMessage, res: ServerResponse) => {
        // Socket Mode: Slack's requests come over the WebSocket; only the extra routes are served over HTTP.
        const route = routes.get((req.url ?? '/').split('?')[0] ?? '/');
        if (route?.method.includes(req.method ?? 'GET')) return route.handler(req, res);
        res.writeHead(404).end();
      };

  function keepIdentityLater() {
    let loop: IdentityLoop | undefined;
    return {
      start() {
        loop = keepIdentity({
          client: new webApi.WebClient(deps.slack.botToken, loopClientOptions),
          reporter: deps.readiness.dependency('slack'),
          logger: deps.logger,
          backoff,
          signal: stopping.signal,
          onFatal: (code) => deps.onFatal(`SLACK_BOT_TOKEN: Slack refused the token (${code}); replace it`),
        });
      },
      current: () => loop?.current(),
    };
  }

  return {
    app,
    client,
    languages,
    handler,
    start() {
      identity.start();
      if (socketReceiver) {
        keepSocketConnected({
          receiver: socketReceiver,
          reporter: deps.readiness.dependency('slack socket'),
          logger: deps.logger,
          backoff,
          signal: stopping.signal,
        });
      }
    },
    async stop() {
      stopping.abort();
      if (socketReceiver) await socketReceiver.stop();
    },
  };
}

/** Bolt's HTTP receiver, with every request to the events endpoint screened first (see request-guard.ts). */
function guardedReceiver(
  deps: SlackAppDeps,
  customRoutes: NonNullable<SlackAppDeps['extraRoutes']>,
  logger: BoltLogger,
): HTTPReceiver {
  const signingSecret = deps.slack.signingSecret as string;
  // The guard below verifies every request to EVENTS_PATH (Bolt's only endpoint) before Bolt sees it, with the
  // window on both sides; Bolt's own second HMAC of the same body is switched off.
  const receiver = new HTTPReceiver({
    signingSecret,
    customRoutes,
    logger,
    endpoints: [EVENTS_PATH],
    signatureVerification: false,
  });
  const refused = deps.logger.child({ component: 'request-guard' });
  receiver.requestListener = guardSlackRequests(receiver.requestListener, {
    signingSecret,
    paths: [EVENTS_PATH],
    onRefused: ({ status, reason }) => refused.warn({ status, reason }, 'slack request refused'),
  });
  return receiver;
}

const EVENTS_PATH = '/slack/events';

const botIds = (identity: SlackIdentity | undefined) => ({
  ...(identity?.botId ? { botId: identity.botId } : {}),
  ...(identity?.botUserId ? { botUserId: identity.botUserId } : {}),
});

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
