// The thin HTTP adapter for pushed events: POST /alerts/sns (an SNS HTTPS subscription) and
// POST /alerts/eventbridge (an EventBridge API destination). Raw Node req/res, as Bolt's customRoutes hand
// them over. Authenticate first, parse, and only then hand signals to the sink; answer within a bounded time.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../../config/index.ts';
import type { Logger } from '../../logger.ts';
import { within } from '../../time-budget.ts';
import type { AssociationSignal, SignalSink } from '../signal.ts';
import { createHttpsGet } from './https-get.ts';
import { secretMatches } from './shared-secret.ts';
import { confirmSubscription, createSnsVerifier, type HttpsGet } from './sns-verifier.ts';
import { parseSsmEvent } from './ssm-event.ts';

export const SNS_PATH = '/alerts/sns';
export const EVENTBRIDGE_PATH = '/alerts/eventbridge';

/** The shape of a Bolt custom route. */
export interface PushRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface PushRoutesDeps {
  sink: SignalSink;
  logger: Logger;
  /** Mounts POST /alerts/sns. */
  sns?: { topicArns: readonly string[]; hostPattern: RegExp; get: HttpsGet; now?: () => number };
  /** Mounts POST /alerts/eventbridge. `header` is lower-case. */
  eventBridge?: { secret: string; header: string };
  /** False → an event from an account ssm-why does not know; ignored. Unset → every account. */
  isKnownAccount?: (accountId: string) => boolean;
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
  /** How long the response waits for the sink before acking anyway (EventBridge gives up after 5 s). */
  sinkWaitMs?: number;
  /** Most events in one EventBridge request body (an array). */
  maxEventsPerRequest?: number;
}

type Reply = { status: number; body: Record<string, unknown> };

export function createPushRoutes(deps: PushRoutesDeps): PushRoute[] {
  const log = deps.logger.child({ component: 'push-alerts' });
  const maxBodyBytes = deps.maxBodyBytes ?? 1024 * 1024;
  const bodyTimeoutMs = deps.bodyTimeoutMs ?? 10_000;
  const sinkWaitMs = deps.sinkWaitMs ?? 500;
  const maxEvents = deps.maxEventsPerRequest ?? 100;
  const routes: PushRoute[] = [];

  const serve =
    (route: string, handle: (req: IncomingMessage) => Promise<Reply>) =>
    (req: IncomingMessage, res: ServerResponse) => {
      handle(req).then(
        (reply) => {
          if (reply.status >= 400) log.warn({ route, status: reply.status, reason: reply.body.error }, 'push rejected');
          send(res, reply);
        },
        (error: unknown) => {
          log.error({ err: error, route }, 'push handler failed');
          send(res, { status: 500, body: { ok: false, error: 'internal error' } });
        },
      );
    };

  /** Hands signals to the sink; waits at most sinkWaitMs. A sink failure within that time asks the sender to retry. */
  async function handOver(route: string, signals: AssociationSignal[], ignored: string[]): Promise<Reply> {
    for (const signal of signals) {
      log.info(
        {
          route,
          associationId: signal.associationId,
          accountId: signal.accountId,
          region: signal.region,
          status: signal.status,
          deliveryId: signal.deliveryId,
        },
        'push signal accepted',
      );
    }
    const work = Promise.allSettled(signals.map((signal) => Promise.resolve().then(() => deps.sink.accept(signal))));
    const waited = await within(work, sinkWaitMs, 'late' as const);
    const failures = (results: PromiseSettledResult<void>[]) =>
      results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (waited === 'late') {
      void work.then((results) => {
        for (const failure of failures(results))
          log.error({ err: failure.reason, route }, 'signal sink failed after the ack');
      });
      return { status: 202, body: { ok: true, accepted: signals.length, ignored } };
    }
    const failed = failures(waited);
    if (failed.length > 0) {
      for (const failure of failed) log.error({ err: failure.reason, route }, 'signal sink failed');
      return { status: 503, body: { ok: false, error: 'could not record the event; retry' } };
    }
    return { status: 202, body: { ok: true, accepted: signals.length, ignored } };
  }

  /** Signals from parsed events, minus the accounts ssm-why does not know. */
  function known(signals: AssociationSignal[], ignored: string[]): AssociationSignal[] {
    return signals.filter((signal) => {
      if (!deps.isKnownAccount || deps.isKnownAccount(signal.accountId)) return true;
      ignored.push(`account ${signal.accountId} is not in the accounts file`);
      return false;
    });
  }

  const sns = deps.sns;
  if (sns) {
    const verifier = createSnsVerifier({
      topicArns: sns.topicArns,
      hostPattern: sns.hostPattern,
      get: sns.get,
      ...(sns.now ? { now: sns.now } : {}),
    });
    routes.push({
      path: SNS_PATH,
      method: ['POST'],
      handler: serve(SNS_PATH, async (req) => {
        const body = await readJson(req, maxBodyBytes, bodyTimeoutMs);
        if (!body.ok) return body.reply;
        const verified = await verifier.verify(body.value, {
          messageType: header(req, 'x-amz-sns-message-type'),
          topicArn: header(req, 'x-amz-sns-topic-arn'),
        });
        if (!verified.ok) return { status: verified.status, body: { ok: false, error: verified.reason } };
        const message = verified.message;

        if (message.Type === 'SubscriptionConfirmation') {
          const confirmed = await confirmSubscription(message, { hostPattern: sns.hostPattern, get: sns.get });
          if (!confirmed.ok) {
            log.error({ topicArn: message.TopicArn, reason: confirmed.reason }, 'SNS subscription not confirmed');
            return { status: 502, body: { ok: false, error: 'subscription could not be confirmed' } };
          }
          log.info({ topicArn: message.TopicArn }, 'SNS subscription confirmed');
          return { status: 200, body: { ok: true, confirmed: true } };
        }
        if (message.Type === 'UnsubscribeConfirmation') {
          log.warn({ topicArn: message.TopicArn }, 'SNS subscription removed (UnsubscribeConfirmation)');
          return { status: 200, body: { ok: true } };
        }

        // Authentic from here on: what is not an SSM association event is ignored with 202, so SNS does not retry it.
        let event: unknown;
        try {
          event = JSON.parse(message.Message);
        } catch {
          return ignoredReply(log, SNS_PATH, ['Message is not JSON (not an EventBridge event)']);
        }
        const outcome = parseSsmEvent(event);
        if (outcome.kind !== 'signal') return ignoredReply(log, SNS_PATH, [outcome.reason]);
        const ignored: string[] = [];
        const signals = known([outcome.signal], ignored);
        if (signals.length === 0) return ignoredReply(log, SNS_PATH, ignored);
        return handOver(SNS_PATH, signals, ignored);
      }),
    });
  }

  const eventBridge = deps.eventBridge;
  if (eventBridge) {
    routes.push({
      path: EVENTBRIDGE_PATH,
      method: ['POST'],
      handler: serve(EVENTBRIDGE_PATH, async (req) => {
        if (!secretMatches(req.headers[eventBridge.header], eventBridge.secret)) {
          return { status: 401, body: { ok: false, error: 'missing or wrong shared secret' } };
        }
        const body = await readJson(req, maxBodyBytes, bodyTimeoutMs);
        if (!body.ok) return body.reply;
        const events = Array.isArray(body.value) ? body.value : [body.value];
        if (events.length === 0 || events.length > maxEvents) {
          return { status: 400, body: { ok: false, error: `expected 1 to ${maxEvents} events` } };
        }
        const outcomes = events.map((event) => parseSsmEvent(event));
        const invalid = outcomes.flatMap((o, i) => (o.kind === 'invalid' ? [`event ${i}: ${o.reason}`] : []));
        if (invalid.length > 0) return { status: 400, body: { ok: false, error: invalid.slice(0, 5).join('; ') } };
        const ignored = outcomes.flatMap((o) => (o.kind === 'ignored' ? [o.reason] : []));
        const signals = known(
          outcomes.flatMap((o) => (o.kind === 'signal' ? [o.signal] : [])),
          ignored,
        );
        if (signals.length === 0) return ignoredReply(log, EVENTBRIDGE_PATH, ignored);
        return handOver(EVENTBRIDGE_PATH, signals, ignored);
      }),
    });
  }
  return routes;
}

/** The routes the configuration asks for (none when push alerts are not configured). */
export function createPushRoutesFromConfig(
  config: Pick<AppConfig, 'push' | 'accounts' | 'accountsFromDefaults'>,
  deps: { sink: SignalSink; logger: Logger; get?: HttpsGet },
): PushRoute[] {
  const { push } = config;
  const accountIds = new Set(config.accounts.map((a) => a.id));
  const routes = createPushRoutes({
    sink: deps.sink,
    logger: deps.logger,
    ...(push.snsTopicArns.length > 0
      ? {
          sns: {
            topicArns: push.snsTopicArns,
            hostPattern: new RegExp(push.snsCertHostPattern),
            get: deps.get ?? createHttpsGet(),
          },
        }
      : {}),
    ...(push.eventBridgeSecret
      ? { eventBridge: { secret: push.eventBridgeSecret, header: push.eventBridgeSecretHeader } }
      : {}),
    // Without an accounts file the app's own account id is not known up front: accept every account.
    ...(config.accountsFromDefaults ? {} : { isKnownAccount: (id: string) => accountIds.has(id) }),
  });
  deps.logger.info(
    {
      sns: push.snsTopicArns.length > 0 ? { path: SNS_PATH, topics: push.snsTopicArns.length } : 'off',
      eventBridge: push.eventBridgeSecret ? { path: EVENTBRIDGE_PATH, header: push.eventBridgeSecretHeader } : 'off',
    },
    'push alert routes',
  );
  return routes;
}

function ignoredReply(log: Logger, route: string, reasons: string[]): Reply {
  log.info({ route, reasons }, 'push event ignored');
  return { status: 202, body: { ok: true, accepted: 0, ignored: reasons } };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.writableEnded) return;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (reply.status === 413 || reply.status === 408 || reply.status === 401) headers.connection = 'close';
  res.writeHead(reply.status, headers);
  res.end(JSON.stringify(reply.body));
}

/** Reads and parses the body, capped in size and time. */
async function readJson(
  req: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
): Promise<{ ok: true; value: unknown } | { ok: false; reply: Reply }> {
  const fail = (status: number, error: string) => ({
    ok: false as const,
    reply: { status, body: { ok: false, error } },
  });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return fail(413, `body larger than ${maxBytes} bytes`);
  const raw = await new Promise<{ ok: true; text: string } | { ok: false; status: number; error: string }>(
    (resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (result: { ok: true; text: string } | { ok: false; status: number; error: string }) => {
        clearTimeout(timer);
        req.removeAllListeners('data');
        resolve(result);
      };
      const timer = setTimeout(() => finish({ ok: false, status: 408, error: 'body not received in time' }), timeoutMs);
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          finish({ ok: false, status: 413, error: `body larger than ${maxBytes} bytes` });
          return;
        }
        chunks.push(chunk);
      });
      req.once('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
      req.once('error', () => finish({ ok: false, status: 400, error: 'body could not be read' }));
    },
  );
  if (!raw.ok) return fail(raw.status, raw.error);
  try {
    return { ok: true, value: JSON.parse(raw.text) as unknown };
  } catch {
    return fail(400, 'body is not valid JSON');
  }
}
