// SNS signature verification by AWS's rules (security-reliability §4.1, goal S10): v1 and v2 accepted; any
// tampered field, a foreign certificate host, http://, a non-.pem URL, SignatureVersion 3, a stale Timestamp
// or an unlisted topic rejected — and the SubscribeURL never fetched outside the SNS hosts.
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SnsMessage, stringToSign } from '../../../src/alerts/push/sns-message.ts';
import {
  confirmSubscription,
  createSnsVerifier,
  type HttpsGet,
  type SnsVerifierOptions,
} from '../../../src/alerts/push/sns-verifier.ts';
import { signSnsMessage } from '../../support/fake-sns.ts';
import { createCertificate, createTestCa, type TestCertificate } from '../../support/test-pki.ts';

const PRODUCTION_HOSTS = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:ssm-why-alerts';
const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem';
const NOW = Date.parse('2026-11-28T12:00:00.000Z');

let signing: TestCertificate;
/** An in-memory HttpsGet (the injected port): serves the certificate, records every URL asked for. */
function fakeGet(certs: Record<string, string> = { [CERT_URL]: signing.cert }) {
  const fetched: string[] = [];
  const get: HttpsGet = async (url) => {
    fetched.push(url.href);
    const body = certs[url.href];
    return body === undefined ? { status: 404, body: 'NotFound' } : { status: 200, body };
  };
  return { get, fetched };
}

function verifier(overrides: Partial<SnsVerifierOptions> = {}) {
  const fake = fakeGet();
  return {
    ...fake,
    verifier: createSnsVerifier({
      topicArns: [TOPIC],
      hostPattern: PRODUCTION_HOSTS,
      get: fake.get,
      now: () => NOW,
      ...overrides,
    }),
  };
}

function notification(overrides: Record<string, string> = {}, omit: string[] = []): Record<string, string> {
  const message: Record<string, string> = {
    Type: 'Notification',
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: TOPIC,
    Subject: 'SSM association',
    Message: '{"id":"e1","detail-type":"EC2 State Manager Association State Change"}',
    Timestamp: new Date(NOW - 60_000).toISOString(),
    SignatureVersion: '2',
    SigningCertURL: CERT_URL,
    UnsubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x',
    ...overrides,
  };
  for (const key of omit) delete message[key];
  message.Signature = signSnsMessage(message, signing.privateKey);
  return message;
}

function confirmation(type = 'SubscriptionConfirmation', overrides: Record<string, string> = {}) {
  const message: Record<string, string> = {
    Type: type,
    MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
    Token:
      '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736',
    TopicArn: TOPIC,
    Message: `You have chosen to subscribe to the topic ${TOPIC}.`,
    SubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=2336412f`,
    Timestamp: new Date(NOW - 1_000).toISOString(),
    SignatureVersion: '1',
    SigningCertURL: CERT_URL,
    ...overrides,
  };
  message.Signature = signSnsMessage(message, signing.privateKey);
  return message;
}

const asMessage = (message: Record<string, string>) => message as unknown as SnsMessage;

beforeAll(() => {
  // Dated from the test's pinned clock, not the machine's: the verifier checks validity against `now`.
  signing = createCertificate({ commonName: 'sns.amazonaws.com', issuer: createTestCa(undefined, NOW), now: NOW });
});

describe('the string to sign', () => {
  it('follows AWS key order per Type, Subject only when present', () => {
    const n = notification();
    expect(stringToSign(asMessage(n))).toBe(
      `Message\n${n.Message}\nMessageId\n${n.MessageId}\nSubject\n${n.Subject}\nTimestamp\n${n.Timestamp}\nTopicArn\n${TOPIC}\nType\nNotification\n`,
    );
    const c = confirmation();
    expect(stringToSign(asMessage(c))).toBe(
      `Message\n${c.Message}\nMessageId\n${c.MessageId}\nSubscribeURL\n${c.SubscribeURL}\nTimestamp\n${c.Timestamp}\nToken\n${c.Token}\nTopicArn\n${TOPIC}\nType\nSubscriptionConfirmation\n`,
    );
  });
});

describe('createSnsVerifier', () => {
  it.each(['1', '2'])('accepts a notification signed with SignatureVersion %s', async (version) => {
    const { verifier: v } = verifier();
    const result = await v.verify(notification({ SignatureVersion: version }));
    expect(result).toMatchObject({ ok: true, message: { Type: 'Notification', TopicArn: TOPIC } });
  });

  it('accepts a notification without a Subject, and one with headers that agree', async () => {
    const { verifier: v } = verifier();
    const message = notification({}, ['Subject']);
    expect((await v.verify(message, { messageType: 'Notification', topicArn: TOPIC })).ok).toBe(true);
  });

  it.each(['SubscriptionConfirmation', 'UnsubscribeConfirmation'])('accepts a signed %s', async (type) => {
    const { verifier: v } = verifier();
    expect((await v.verify(confirmation(type))).ok).toBe(true);
  });

  it.each(['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'])(
    'rejects a notification whose %s was changed after signing',
    async (field) => {
      const { verifier: v } = verifier({ topicArns: [TOPIC, `${TOPIC}-2`] });
      const message = notification();
      const tampered: Record<string, string> = {
        Message: `${message.Message} `,
        MessageId: 'ffffffff-fdea-4c2c-8f9d-bdfb0c7bf324',
        Subject: 'other',
        Timestamp: new Date(NOW - 30_000).toISOString(),
        TopicArn: `${TOPIC}-2`,
        Type: 'SubscriptionConfirmation',
      };
      const forged = { ...message, [field]: tampered[field] as string };
      if (field === 'Type') Object.assign(forged, { SubscribeURL: 'https://sns.us-east-1.amazonaws.com/', Token: 't' });
      const result = await v.verify(forged);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.status).toBe(403);
    },
  );

  it.each(['Token', 'SubscribeURL', 'Message'])('rejects a confirmation whose %s was changed', async (field) => {
    const { verifier: v } = verifier();
    const message = confirmation();
    const result = await v.verify({ ...message, [field]: `${message[field]}x` });
    expect(result).toMatchObject({ ok: false, status: 403, reason: 'signature does not verify' });
  });

  it('rejects a message signed by another key, a flipped signature bit and a missing signature', async () => {
    const { verifier: v } = verifier();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const message = notification();
    const otherSignature = signSnsMessage(message, other);
    expect((await v.verify({ ...message, Signature: otherSignature })).ok).toBe(false);
    const bytes = Buffer.from(message.Signature as string, 'base64');
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    expect((await v.verify({ ...message, Signature: bytes.toString('base64') })).ok).toBe(false);
    const { Signature: _dropped, ...unsigned } = message;
    expect(await v.verify(unsigned)).toMatchObject({ ok: false, status: 400 });
  });

  it('rejects a v1 signature presented as v2 and vice versa', async () => {
    const { verifier: v } = verifier();
    const v1 = notification({ SignatureVersion: '1' });
    expect((await v.verify({ ...v1, SignatureVersion: '2' })).ok).toBe(false);
  });

  it.each([
    ['SignatureVersion 3', { SignatureVersion: '3' }, 'unsupported SignatureVersion'],
    ['an unlisted topic', { TopicArn: 'arn:aws:sns:us-east-1:999999999999:other' }, 'TopicArn is not allowed'],
    ['a Timestamp older than 1 h', { Timestamp: new Date(NOW - 3_600_001).toISOString() }, 'Timestamp is too old'],
    ['a Timestamp far in the future', { Timestamp: new Date(NOW + 600_000).toISOString() }, 'in the future'],
    ['an http:// certificate URL', { SigningCertURL: CERT_URL.replace('https:', 'http:') }, 'not https'],
    [
      'a look-alike host',
      { SigningCertURL: CERT_URL.replace('amazonaws.com', 'amazonaws.com.evil.test') },
      'not an SNS host',
    ],
    ['another host', { SigningCertURL: 'https://evil.test/SimpleNotificationService-x.pem' }, 'not an SNS host'],
    ['a non-SNS AWS host', { SigningCertURL: 'https://s3.amazonaws.com/bucket/cert.pem' }, 'not an SNS host'],
    ['an explicit port', { SigningCertURL: CERT_URL.replace('.com/', '.com:8443/') }, 'not an SNS host'],
    ['credentials in the URL', { SigningCertURL: CERT_URL.replace('https://', 'https://u:p@') }, 'credentials'],
    ['a non-.pem certificate URL', { SigningCertURL: CERT_URL.replace('.pem', '.crt') }, '.pem'],
    ['a certificate URL that is not a URL', { SigningCertURL: 'sns.us-east-1.amazonaws.com/x.pem' }, 'not a URL'],
  ])('rejects %s before fetching anything', async (_label, overrides, reason) => {
    const { verifier: v, fetched } = verifier();
    const result = await v.verify(notification(overrides));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.status).toBe(403);
    expect(!result.ok && result.reason).toContain(reason);
    expect(fetched).toEqual([]);
  });

  it.each([
    ['not an object', 'hello'],
    ['an unknown Type', { Type: 'Other' }],
    ['a notification without MessageId', { ...({} as object), Type: 'Notification' }],
  ])('rejects a body that is %s with 400', async (_label, body) => {
    const { verifier: v } = verifier();
    expect(await v.verify(body)).toMatchObject({ ok: false, status: 400 });
  });

  it('rejects a confirmation that lacks its Token', async () => {
    const { verifier: v } = verifier();
    const { Token: _t, ...message } = confirmation();
    expect(await v.verify(message)).toMatchObject({ ok: false, status: 400 });
  });

  it('rejects headers that disagree with the body', async () => {
    const { verifier: v } = verifier();
    const message = notification();
    expect(await v.verify(message, { messageType: 'SubscriptionConfirmation' })).toMatchObject({ status: 400 });
    expect(await v.verify(message, { topicArn: `${TOPIC}-x` })).toMatchObject({ status: 400 });
  });

  it('rejects when the certificate URL does not serve a certificate (403) or cannot be reached (503)', async () => {
    const missing = createSnsVerifier({
      topicArns: [TOPIC],
      hostPattern: PRODUCTION_HOSTS,
      get: fakeGet({}).get,
      now: () => NOW,
    });
    expect(await missing.verify(notification())).toMatchObject({ ok: false, status: 403 });
    const garbage = createSnsVerifier({
      topicArns: [TOPIC],
      hostPattern: PRODUCTION_HOSTS,
      get: fakeGet({ [CERT_URL]: 'not a certificate' }).get,
      now: () => NOW,
    });
    expect(await garbage.verify(notification())).toMatchObject({ ok: false, status: 403 });
    const down = createSnsVerifier({
      topicArns: [TOPIC],
      hostPattern: PRODUCTION_HOSTS,
      get: async () => {
        throw new Error('ETIMEDOUT');
      },
      now: () => NOW,
    });
    expect(await down.verify(notification())).toMatchObject({ ok: false, status: 503 });
  });

  it('rejects a certificate outside its validity period', async () => {
    const expired = createCertificate({
      commonName: 'sns.amazonaws.com',
      privateKey: signing.privateKey,
      notBefore: new Date(NOW - 10 * 86_400_000),
      notAfter: new Date(NOW - 86_400_000),
    });
    const v = createSnsVerifier({
      topicArns: [TOPIC],
      hostPattern: PRODUCTION_HOSTS,
      get: fakeGet({ [CERT_URL]: expired.cert }).get,
      now: () => NOW,
    });
    expect(await v.verify(notification())).toMatchObject({ ok: false, reason: expect.stringContaining('validity') });
  });

  it('fetches a certificate once, shares a concurrent fetch, and refetches after the TTL', async () => {
    let now = NOW;
    const fake = fakeGet();
    const v = createSnsVerifier({
      topicArns: [TOPIC],
      hostPattern: PRODUCTION_HOSTS,
      get: fake.get,
      now: () => now,
      certTtlMs: 60_000,
    });
    const results = await Promise.all([v.verify(notification()), v.verify(notification()), v.verify(notification())]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.fetched).toHaveLength(1);
    now += 61_000;
    expect((await v.verify(notification({ Timestamp: new Date(now).toISOString() }))).ok).toBe(true);
    expect(fake.fetched).toHaveLength(2);
  });

  it('accepts the China partition host with the default pattern', async () => {
    const cn = 'https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem';
    const v = createSnsVerifier({
      topicArns: [TOPIC],
      hostPattern: PRODUCTION_HOSTS,
      get: fakeGet({ [cn]: signing.cert }).get,
      now: () => NOW,
    });
    expect((await v.verify(notification({ SigningCertURL: cn }))).ok).toBe(true);
  });
});

describe('confirmSubscription', () => {
  it('GETs the SubscribeURL of a confirmation on an SNS host', async () => {
    const message = confirmation();
    const fake = fakeGet({ [new URL(message.SubscribeURL as string).href]: '<ok/>' });
    const result = await confirmSubscription(asMessage(message), { hostPattern: PRODUCTION_HOSTS, get: fake.get });
    expect(result).toEqual({ ok: true });
    expect(fake.fetched).toEqual([new URL(message.SubscribeURL as string).href]);
  });

  it.each([
    ['http', 'http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription'],
    ['another host (SSRF)', 'https://169.254.169.254/latest/meta-data/'],
    ['a look-alike host', 'https://sns.us-east-1.amazonaws.com.evil.test/?Action=ConfirmSubscription'],
  ])('never fetches a SubscribeURL over %s', async (_label, url) => {
    const fake = fakeGet();
    const result = await confirmSubscription(asMessage({ ...confirmation(), SubscribeURL: url }), {
      hostPattern: PRODUCTION_HOSTS,
      get: fake.get,
    });
    expect(result.ok).toBe(false);
    expect(fake.fetched).toEqual([]);
  });

  it('reports a SubscribeURL that answers with an error', async () => {
    const result = await confirmSubscription(asMessage(confirmation()), {
      hostPattern: PRODUCTION_HOSTS,
      get: fakeGet({}).get,
    });
    expect(result).toEqual({ ok: false, reason: 'SubscribeURL answered 404' });
  });
});
