// Staying connected to Slack without ever needing it to start: the bot's identity (auth.test) and, in Socket
// Mode, the WebSocket are each kept up by a loop with capped backoff that reports into the readiness registry.
// Only a token a person must replace ends the process (exit 2); an outage only makes /readyz answer 503.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../logger.ts';
import { type Backoff, backoffDelay, type DependencyReporter, sleep } from '../readiness.ts';

export type { Backoff };

/** auth.test answers that no retry can fix: the token is wrong, revoked, or its workspace is gone. */
export const FATAL_AUTH_ERRORS = new Set(['invalid_auth', 'account_inactive', 'token_revoked', 'not_authed']);

/** Who the bot is, from auth.test. */
export interface SlackIdentity {
  botId?: string;
  botUserId?: string;
  teamId?: string;
  /** https://<workspace>.slack.com/ */
  url?: string;
}

type WebClient = InstanceType<typeof webApi.WebClient>;

/** The Slack error code of a failed Web API call (`invalid_auth`), or undefined for a network/HTTP failure. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** A failure in words, never with a token: the Slack error code, or the network error's code. */
export function describeSlackFailure(error: unknown): string {
  const code = slackErrorCode(error);
  if (code) return code;
  const e = (error ?? {}) as {
    code?: unknown;
    original?: { code?: unknown; cause?: { code?: unknown } };
    statusCode?: unknown;
  };
  const network = e.original?.code ?? e.original?.cause?.code;
  if (typeof network === 'string') return network;
  if (typeof e.statusCode === 'number') return `HTTP ${e.statusCode}`;
  return typeof e.code === 'string' ? e.code : 'unreachable';
}

export interface IdentityLoop {
  /** The identity once auth.test has answered; undefined before. */
  current(): SlackIdentity | undefined;
  /** Resolves once auth.test has answered (never rejects; a fatal answer goes to `onFatal`). */
  readonly known: Promise<SlackIdentity>;
}

/**
 * Calls auth.test until it answers: a network error, 5xx or timeout is retried with capped backoff (the
 * reporter says since when it fails); a fatal error code calls `onFatal` once and stops.
 */
export function keepIdentity(deps: {
  client: WebClient;
  reporter: DependencyReporter;
  logger: Logger;
  backoff: Backoff;
  signal: AbortSignal;
  onFatal: (code: string) => void;
}): IdentityLoop {
  let identity: SlackIdentity | undefined;
  const known = (async () => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const answer = await deps.client.auth.test();
        identity = {
          ...(answer.bot_id ? { botId: answer.bot_id } : {}),
          ...(answer.user_id ? { botUserId: answer.user_id } : {}),
          ...(answer.team_id ? { teamId: answer.team_id } : {}),
          ...(answer.url ? { url: answer.url } : {}),
        };
        deps.reporter.ready();
        if (attempt > 1) deps.logger.info({ attempts: attempt }, 'slack: auth.test answered');
        return identity;
      } catch (error) {
        const reason = describeSlackFailure(error);
        if (FATAL_AUTH_ERRORS.has(slackErrorCode(error) ?? '')) {
          deps.reporter.failing(`auth.test refused the token: ${reason}`);
          deps.onFatal(reason);
          return new Promise<never>(() => {});
        }
        deps.reporter.failing(`auth.test failing: ${reason}`);
        const wait = backoffDelay(attempt, deps.backoff);
        deps.logger.warn({ reason, attempt, retryInMs: wait }, 'slack: auth.test failed; retrying');
        try {
          await sleep(wait, deps.signal);
        } catch {
          return new Promise<never>(() => {}); // stopping
        }
      }
    }
  })();
  return { current: () => identity, known };
}

/** The part of Bolt's SocketModeReceiver the loop drives. */
export interface SocketReceiver {
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
  client: { on(event: string, listener: (...args: unknown[]) => void): unknown };
}

/**
 * Opens the Socket Mode connection and keeps it open: a failing apps.connections.open, a refused WebSocket or a
 * dropped one is retried with capped backoff (the SDK's own reconnect is off, so there is one loop, bounded,
 * that stops at once on `signal`). The reporter says connected, or failing since when and why.
 */
export function keepSocketConnected(deps: {
  receiver: SocketReceiver;
  reporter: DependencyReporter;
  logger: Logger;
  backoff: Backoff;
  signal: AbortSignal;
}): void {
  let connected = false;
  let wake: (() => void) | undefined;
  deps.receiver.client.on('connected', () => {
    connected = true;
    deps.reporter.ready('connected');
  });
  deps.receiver.client.on('disconnected', () => {
    if (deps.signal.aborted) return;
    if (connected) {
      connected = false;
      deps.reporter.failing('WebSocket closed; reconnecting');
      deps.logger.warn('slack: Socket Mode connection closed; reconnecting');
      wake?.();
    }
  });
  deps.signal.addEventListener('abort', () => wake?.(), { once: true });

  void (async () => {
    let attempt = 0;
    while (!deps.signal.aborted) {
      try {
        await deps.receiver.start();
        attempt = 0;
        // Connected: wait until it drops (or we stop), then open a new one.
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (!connected || deps.signal.aborted) resolve();
        });
        wake = undefined;
      } catch (error) {
        if (deps.signal.aborted) return;
        attempt += 1;
        const reason = describeSlackFailure(error);
        deps.reporter.failing(`Socket Mode connection failing: ${reason}`);
        const wait = backoffDelay(attempt, deps.backoff);
        deps.logger.warn({ reason, attempt, retryInMs: wait }, 'slack: Socket Mode connection failed; retrying');
        await sleep(wait, deps.signal).catch(() => {});
      }
    }
  })();
}
