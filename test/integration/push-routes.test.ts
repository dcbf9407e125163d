// The push routes over real HTTP, with the certificate fetched over real TLS from a fake SNS signed by a test
// CA (injected into the HTTPS getter — production uses Node's default trust store). A recording sink stands
// in for alert episodes.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpsGet } from '../../src/alerts/push/https-get.ts';
import { createPushRoutes, EVENTBRIDGE_PATH, type PushRoute, SNS_PATH } from '../../src/alerts/push/routes.ts';
import type { AssociationSignal, SignalSink } from '../../src/alerts/signal.ts';
import { createLogger } from '../../src/logger.ts';
import { associationEvent, type FakeSns, startFakeSns, TOPIC_ARN } from '../support/fake-sns.ts';

const SECRET = 'eventbridge-shared-secret-0123456789';
const HEADER = 'x-ssm-why-secret';

/** Records signals; can be made slow or failing. */
class RecordingSink implements SignalSink {
  signals: AssociationSignal[] = [];
  delayMs = 0;
  fail = false;
  async accept(signal: AssociationSignal): Promise<void> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.fail) throw new Error('database down');
    this.signals.push(signal);
  }
}

let sns: FakeSns;
let server: Server;
let base: string;
const sink = new RecordingSink();
const logs: Record<string, unknown>[] = [];

function serve(routes: PushRoute[]): Server {
  return createServer((req, res) => {
    const route = routes.find((r) => r.path === req.url && r.method.includes(req.method ?? ''));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route.handler(req, res);
  });
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
    ms: performance.now() - started,
  };
}

const snsHeaders = (message: Record<string, string>) => ({
  'x-amz-sns-message-type': message.Type as string,
  'x-amz-sns-message-id': message.MessageId as string,
  'x-amz-sns-topic-arn': message.TopicArn as string,
});

beforeAll(async () => {
  sns = await startFakeSns();
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk, _enc, done) {
        logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  );
  server = serve(
    createPushRoutes({
      sink,
      logger,
      sns: {
        topicArns: [TOPIC_ARN],
        hostPattern: new RegExp(sns.hostPattern),
        get: createHttpsGet({ ca: sns.caCert }),
      },
      eventBridge: { secret: SECRET, header: HEADER },
      isKnownAccount: (id) => id === '111122223333',
      maxBodyBytes: 64 * 1024,
      sinkWaitMs: 300,
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await sns?.close();
});

beforeEach(() => {
  sink.signals = [];
  sink.delayMs = 0;
  sink.fail = false;
});

describe('POST /alerts/sns', () => {
  it('hands a signed notification to the sink as exactly one push signal', async () => {
    const event = associationEvent({ id: 'ev-1', status: 'Failed', counts: { Failed: 2, Success: 5 } });
    const message = sns.notification(event);
    const reply = await post(SNS_PATH, message, snsHeaders(message));
    expect(reply.status).toBe(202);
    expect(reply.json).toMatchObject({ ok: true, accepted: 1 });
    expect(sink.signals).toEqual([
      {
        source: 'push',
        accountId: '111122223333',
        region: 'eu-west-1',
        associationId: '8dfe3659-4309-493a-8755-0123456789ab',
        documentName: 'AWS-RunShellScript',
        status: 'Failed',
        statusCounts: { Failed: 2, Success: 5 },
        observedAt: new Date('2026-11-28T10:00:00Z'),
        deliveryId: 'ev-1',
      },
    ]);
    expect(
      logs.some((l) => l.msg === 'push signal accepted' && l.associationId === '8dfe3659-4309-493a-8755-0123456789ab'),
    ).toBe(true);
  });

  it('accepts SignatureVersion 1 too', async () => {
    const reply = await post(SNS_PATH, sns.notification(associationEvent(), { signatureVersion: '1' }));
    expect(reply.status).toBe(202);
    expect(sink.signals).toHaveLength(1);
  });

  it.each([
    ['a forged signature', () => ({ ...sns.notification(associationEvent()), Signature: 'Zm9yZ2Vk' })],
    [
      'a tampered event',
      () => {
        const message = sns.notification(associationEvent({ status: 'Success' }));
        return { ...message, Message: (message.Message ?? '').replace('"Success"', '"Failed"') };
      },
    ],
    [
      'no signature',
      () => {
        const { Signature: _s, ...rest } = sns.notification(associationEvent());
        return rest;
      },
    ],
    [
      'an unknown topic',
      () => sns.notification(associationEvent(), { topicArn: 'arn:aws:sns:eu-west-1:111122223333:x' }),
    ],
    [
      'a stale message',
      () => sns.notification(associationEvent(), { timestamp: new Date(Date.now() - 2 * 3_600_000).toISOString() }),
    ],
    [
      'a certificate on another host',
      () => sns.notification(associationEvent(), { certUrl: sns.certUrl.replace('127.0.0.1', 'localhost') }),
    ],
    [
      'a certificate over http',
      () => sns.notification(associationEvent(), { certUrl: sns.certUrl.replace('https:', 'http:') }),
    ],
    ['SignatureVersion 3', () => sns.notification(associationEvent(), { signatureVersion: '3' })],
  ])('refuses %s with a 4xx and hands nothing to the sink', async (_label, build) => {
    const reply = await post(SNS_PATH, build());
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.json.ok).toBe(false);
    expect(sink.signals).toEqual([]);
  });

  it('refuses malformed JSON with 400 and an oversized body with 413', async () => {
    expect((await post(SNS_PATH, '{"Type":')).status).toBe(400);
    const huge = sns.notification({ pad: 'x'.repeat(70 * 1024) });
    expect((await post(SNS_PATH, huge)).status).toBe(413);
    expect(sink.signals).toEqual([]);
  });

  it('confirms a verified SubscriptionConfirmation through its SubscribeURL on the SNS host', async () => {
    const message = sns.subscriptionConfirmation();
    const reply = await post(SNS_PATH, message, snsHeaders(message));
    expect(reply).toMatchObject({ status: 200, json: { ok: true, confirmed: true } });
    expect(sns.confirmations).toContain(message.Token);
  });

  it('never follows a forged SubscriptionConfirmation, nor a signed one pointing off the SNS host', async () => {
    const before = sns.requests.length;
    const forged = {
      ...sns.subscriptionConfirmation(),
      SubscribeURL: `${sns.url}/?Action=ConfirmSubscription&Token=evil`,
    };
    expect((await post(SNS_PATH, forged)).status).toBe(403);
    const offHost = sns.subscriptionConfirmation({ subscribeUrl: 'https://169.254.169.254/latest/meta-data/' });
    expect((await post(SNS_PATH, offHost)).status).toBe(502);
    expect(sns.confirmations).not.toContain('evil');
    // Only certificate fetches (cached: none) reached the fake; no SubscribeURL was fetched.
    expect(sns.requests.slice(before).filter((r) => r.includes('ConfirmSubscription'))).toEqual([]);
  });

  it('acks a verified notification that is not an SSM association event with 202 and no signal', async () => {
    for (const message of [
      sns.notification('plain text published from the console'),
      sns.notification({ ...associationEvent(), 'detail-type': 'EC2 Command Status-change Notification' }),
      sns.notification(associationEvent({ account: '999999999999' })),
    ]) {
      const reply = await post(SNS_PATH, message);
      expect(reply.status).toBe(202);
      expect(reply.json.accepted).toBe(0);
    }
    expect(sink.signals).toEqual([]);
  });
});

describe('POST /alerts/eventbridge', () => {
  it('hands an event with the right secret to the sink', async () => {
    const reply = await post(EVENTBRIDGE_PATH, associationEvent({ id: 'eb-1' }), { [HEADER]: SECRET });
    expect(reply).toMatchObject({ status: 202, json: { accepted: 1 } });
    expect(sink.signals.map((s) => s.deliveryId)).toEqual(['eb-1']);
  });

  it('takes an array of events', async () => {
    const reply = await post(
      EVENTBRIDGE_PATH,
      [associationEvent({ id: 'a' }), associationEvent({ id: 'b' }), { ...associationEvent(), source: 'aws.ec2' }],
      { [HEADER]: SECRET },
    );
    expect(reply).toMatchObject({ status: 202, json: { accepted: 2 } });
    expect(sink.signals.map((s) => s.deliveryId).sort()).toEqual(['a', 'b']);
  });

  it.each([
    ['no secret', {}],
    ['a wrong secret', { [HEADER]: `${SECRET}x` }],
    ['the secret in another header', { 'x-api-key': SECRET }],
  ])('refuses %s with 401 and hands nothing on', async (_label, headers) => {
    const reply = await post(EVENTBRIDGE_PATH, associationEvent(), headers);
    expect(reply.status).toBe(401);
    expect(sink.signals).toEqual([]);
  });

  it('refuses malformed JSON and malformed association events with 400, handing on none of the batch', async () => {
    expect((await post(EVENTBRIDGE_PATH, 'nope', { [HEADER]: SECRET })).status).toBe(400);
    const broken = { ...associationEvent(), detail: { status: 'Failed' } };
    expect((await post(EVENTBRIDGE_PATH, [associationEvent(), broken], { [HEADER]: SECRET })).status).toBe(400);
    expect((await post(EVENTBRIDGE_PATH, [], { [HEADER]: SECRET })).status).toBe(400);
    expect(sink.signals).toEqual([]);
  });

  it('ignores unknown detail-types with 202', async () => {
    const reply = await post(
      EVENTBRIDGE_PATH,
      { ...associationEvent(), 'detail-type': 'EC2 Automation Execution Status-change Notification' },
      { [HEADER]: SECRET },
    );
    expect(reply).toMatchObject({ status: 202, json: { accepted: 0 } });
    expect(sink.signals).toEqual([]);
  });

  it('acks within the wait budget when the sink is slow, and the signal still lands', async () => {
    sink.delayMs = 2_000;
    const reply = await post(EVENTBRIDGE_PATH, associationEvent({ id: 'slow' }), { [HEADER]: SECRET });
    expect(reply.status).toBe(202);
    expect(reply.ms).toBeLessThan(1_000);
    expect(sink.signals).toEqual([]);
    await expect.poll(() => sink.signals.map((s) => s.deliveryId), { timeout: 5_000 }).toEqual(['slow']);
  });

  it('asks the sender to retry (503) when the sink fails within the budget', async () => {
    sink.fail = true;
    const reply = await post(EVENTBRIDGE_PATH, associationEvent(), { [HEADER]: SECRET });
    expect(reply.status).toBe(503);
  });
});
