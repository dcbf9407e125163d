// Pure pieces of SNS HTTP(S) message verification (AWS: "Verifying the signatures of Amazon SNS messages"):
// the envelope's shape, the canonical string to sign per message Type, and the URL rules that keep the
// certificate and SubscribeURL fetches on AWS's SNS hosts.

import { headOf } from '../../domain/text.ts';
export type SnsMessageType = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

/** An SNS envelope with the fields its Type requires, all strings. */
export interface SnsMessage {
  Type: SnsMessageType;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  /** Confirmation messages only. */
  SubscribeURL?: string;
  /** Confirmation messages only. */
  Token?: string;
  UnsubscribeURL?: string;
}

export type ParsedEnvelope = { ok: true; message: SnsMessage } | { ok: false; reason: string };

const BASE_FIELDS = [
  'MessageId',
  'TopicArn',
  'Message',
  'Timestamp',
  'SignatureVersion',
  'Signature',
  'SigningCertURL',
];

/** The keys signed for each Type, in AWS's (byte-wise sorted) order. Subject is signed only when present. */
const SIGNED_KEYS: Record<SnsMessageType, readonly string[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** A parsed JSON body → an SNS envelope, or why it is not one. Missing signature fields are a rejection. */
export function parseSnsEnvelope(value: unknown): ParsedEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'the body is not a JSON object' };
  }
  const body = value as Record<string, unknown>;
  const type = body.Type;
  if (type !== 'Notification' && type !== 'SubscriptionConfirmation' && type !== 'UnsubscribeConfirmation') {
    return {
      ok: false,
      reason: `unsupported message Type ${typeof type === 'string' ? `"${headOf(type, 40)}"` : typeof type}`,
    };
  }
  const required = type === 'Notification' ? BASE_FIELDS : [...BASE_FIELDS, 'SubscribeURL', 'Token'];
  const missing = required.filter((key) => typeof body[key] !== 'string');
  if (missing.length > 0) return { ok: false, reason: `missing or non-string ${missing.join(', ')}` };
  for (const key of ['Subject', 'UnsubscribeURL']) {
    if (body[key] !== undefined && body[key] !== null && typeof body[key] !== 'string') {
      return { ok: false, reason: `non-string ${key}` };
    }
  }
  const message: SnsMessage = {
    Type: type,
    MessageId: body.MessageId as string,
    TopicArn: body.TopicArn as string,
    Message: body.Message as string,
    Timestamp: body.Timestamp as string,
    SignatureVersion: body.SignatureVersion as string,
    Signature: body.Signature as string,
    SigningCertURL: body.SigningCertURL as string,
  };
  if (typeof body.Subject === 'string') message.Subject = body.Subject;
  if (typeof body.UnsubscribeURL === 'string') message.UnsubscribeURL = body.UnsubscribeURL;
  if (typeof body.SubscribeURL === 'string') message.SubscribeURL = body.SubscribeURL;
  if (typeof body.Token === 'string') message.Token = body.Token;
  return { ok: true, message };
}

/** The canonical string SNS signs: `key\nvalue\n` for each signed key present, in order. */
export function stringToSign(message: SnsMessage): string {
  const fields = message as unknown as Record<string, string | undefined>;
  let out = '';
  for (const key of SIGNED_KEYS[message.Type]) {
    const value = fields[key];
    if (value === undefined) continue;
    out += `${key}\n${value}\n`;
  }
  return out;
}

/** SignatureVersion → the digest of the RSA signature: 1 = SHA1withRSA, 2 = SHA256withRSA. Anything else: undefined. */
export function signatureDigest(version: string): 'sha1' | 'sha256' | undefined {
  if (version === '1') return 'sha1';
  if (version === '2') return 'sha256';
  return undefined;
}

/**
 * Whether `raw` is a URL ssm-why may fetch from SNS: https only, no credentials, a host (hostname, plus
 * `:port` when not 443) matching `hostPattern`, and — for certificates — a path ending in `.pem`.
 */
export function checkSnsUrl(
  raw: string,
  hostPattern: RegExp,
  kind: 'certificate' | 'subscribe',
): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `${kind} URL is not a URL` };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `${kind} URL is not https` };
  if (url.username || url.password) return { ok: false, reason: `${kind} URL carries credentials` };
  if (!hostPattern.test(url.host)) return { ok: false, reason: `${kind} URL host is not an SNS host` };
  if (kind === 'certificate' && !url.pathname.endsWith('.pem')) {
    return { ok: false, reason: 'certificate URL does not end in .pem' };
  }
  return { ok: true, url };
}
