// A fake SNS over real HTTPS (a test CA, a server certificate for 127.0.0.1): serves the signing certificate
// and the SubscribeURL, and builds messages signed exactly as SNS signs them. The canonical string is written
// out here from AWS's documentation, independently of src/, so the tests check the app's own builder.
import { type KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createCertificate, createTestCa, type TestCertificate } from './test-pki.ts';

export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111122223333:ssm-why-alerts';

export interface FakeSns {
  /** https://127.0.0.1:<port> */
  url: string;
  /** Host pattern (regex source) that admits this server and nothing else. */
  hostPattern: string;
  /** PEM of the test CA that issued the server certificate. */
  caCert: string;
  /** Where the signing certificate is served. */
  certUrl: string;
  signingKey: KeyObject;
  signingCert: TestCertificate;
  /** Tokens confirmed through the SubscribeURL. */
  confirmations: string[];
  /** Paths requested, in order. */
  requests: string[];
  /** Writes the CA to `dir` (for NODE_EXTRA_CA_CERTS) and returns the file. */
  writeCaFile(dir: string): string;
  notification(event: unknown, overrides?: SnsOverrides): Record<string, string>;
  subscriptionConfirmation(overrides?: SnsOverrides): Record<string, string>;
  close(): Promise<void>;
}

export interface SnsOverrides {
  signatureVersion?: '1' | '2' | string;
  topicArn?: string;
  timestamp?: string;
  messageId?: string;
  subject?: string;
  certUrl?: string;
  subscribeUrl?: string;
  /** Signs with this key instead of the certificate's. */
  signWith?: KeyObject;
}

const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'];
const CONFIRMATION_KEYS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];

/** Signs an SNS message as SNS does (SignatureVersion 1 = SHA1withRSA, 2 = SHA256withRSA). */
export function signSnsMessage(message: Record<string, string>, key: KeyObject): string {
  const keys = message.Type === 'Notification' ? NOTIFICATION_KEYS : CONFIRMATION_KEYS;
  const canonical = keys
    .filter((k) => message[k] !== undefined)
    .map((k) => `${k}\n${message[k]}\n`)
    .join('');
  const digest = message.SignatureVersion === '1' ? 'sha1' : 'sha256';
  return sign(digest, Buffer.from(canonical, 'utf8'), key).toString('base64');
}

export async function startFakeSns(): Promise<FakeSns> {
  const ca = createTestCa('ssm-why fake SNS CA');
  const server = createCertificate({
    commonName: '127.0.0.1',
    issuer: ca,
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
  });
  const signingCert = createCertificate({ commonName: 'sns.amazonaws.com', issuer: ca });
  const certPath = `/SimpleNotificationService-${randomBytes(16).toString('hex')}.pem`;
  const confirmations: string[] = [];
  const requests: string[] = [];

  const https: Server = createServer({ cert: server.cert, key: server.key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    requests.push(url.pathname + url.search);
    if (req.method === 'GET' && url.pathname === certPath) {
      res.writeHead(200, { 'content-type': 'application/x-x509-ca-cert' });
      res.end(signingCert.cert);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.get('Action') === 'ConfirmSubscription') {
      confirmations.push(url.searchParams.get('Token') ?? '');
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>arn</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>',
      );
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  const { port } = https.address() as AddressInfo;
  const base = `https://127.0.0.1:${port}`;

  const envelope = (type: string, message: string, o: SnsOverrides, extra: Record<string, string>) => {
    const body: Record<string, string> = {
      Type: type,
      MessageId: o.messageId ?? randomUUID(),
      TopicArn: o.topicArn ?? TOPIC_ARN,
      Message: message,
      Timestamp: o.timestamp ?? new Date().toISOString(),
      SignatureVersion: o.signatureVersion ?? '2',
      SigningCertURL: o.certUrl ?? `${base}${certPath}`,
      ...extra,
    };
    body.Signature = signSnsMessage(body, o.signWith ?? signingCert.privateKey);
    return body;
  };

  return {
    url: base,
    hostPattern: `^127\\.0\\.0\\.1:${port}$`,
    caCert: ca.cert,
    certUrl: `${base}${certPath}`,
    signingKey: signingCert.privateKey,
    signingCert,
    confirmations,
    requests,
    writeCaFile(dir) {
      const file = path.join(dir, 'fake-sns-ca.pem');
      writeFileSync(file, ca.cert);
      return file;
    },
    notification(event, o = {}) {
      const message = typeof event === 'string' ? event : JSON.stringify(event);
      return envelope('Notification', message, o, {
        ...(o.subject !== undefined ? { Subject: o.subject } : {}),
        UnsubscribeURL: `${base}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(`${TOPIC_ARN}:sub`)}`,
      });
    },
    subscriptionConfirmation(o = {}) {
      const token = randomBytes(32).toString('hex');
      const topicArn = o.topicArn ?? TOPIC_ARN;
      return envelope(
        'SubscriptionConfirmation',
        `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
        o,
        {
          Token: token,
          SubscribeURL:
            o.subscribeUrl ??
            `${base}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`,
        },
      );
    },
    close: () => new Promise<void>((resolve) => https.close(() => resolve())),
  };
}

/** An "EC2 State Manager Association State Change" event as SSM emits it (double-encoded JSON strings included). */
export function associationEvent(
  overrides: {
    id?: string;
    account?: string;
    region?: string;
    associationId?: string;
    status?: string;
    counts?: Record<string, number>;
    time?: string;
  } = {},
): Record<string, unknown> {
  const region = overrides.region ?? 'eu-west-1';
  return {
    version: '0',
    id: overrides.id ?? randomUUID(),
    'detail-type': 'EC2 State Manager Association State Change',
    source: 'aws.ssm',
    account: overrides.account ?? '111122223333',
    time: overrides.time ?? '2026-11-28T10:00:00Z',
    region,
    resources: [`arn:aws:ssm:${region}::document/AWS-RunShellScript`],
    detail: {
      'association-id': overrides.associationId ?? '8dfe3659-4309-493a-8755-0123456789ab',
      'document-name': 'AWS-RunShellScript',
      'association-version': '1',
      'document-version': 'Optional.empty',
      targets: '[{"key":"InstanceIds","values":["i-0123456789abcdef0"]}]',
      'creation-date': '2026-11-01T17:22:54.458Z',
      'last-successful-execution-date': '2026-11-27T23:00:01Z',
      'last-execution-date': '2026-11-28T10:00:00Z',
      'last-updated-date': '2026-11-01T17:22:54.458Z',
      status: overrides.status ?? 'Failed',
      'association-status-aggregated-count': JSON.stringify(overrides.counts ?? { Failed: 2, Success: 1 }),
      'schedule-expression': 'rate(30 minutes)',
      'association-cwe-version': '1.0',
    },
  };
}
