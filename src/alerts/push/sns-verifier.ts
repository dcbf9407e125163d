// Verifies SNS HTTP(S) messages by AWS's rules, with node:crypto (no third-party validator: see the README
// of this folder). Cheap checks come first, so a forged message for an unknown topic costs no outbound call.
import { type KeyObject, verify as verifySignature, X509Certificate } from 'node:crypto';
import { checkSnsUrl, parseSnsEnvelope, type SnsMessage, signatureDigest, stringToSign } from './sns-message.ts';

/** GETs an https URL, following no redirects; rejects on network errors and timeouts. Injected so tests can use a local CA. */
export type HttpsGet = (url: URL, limits: { timeoutMs: number; maxBytes: number }) => Promise<HttpsGetResult>;
export interface HttpsGetResult {
  status: number;
  body: string;
}

export interface SnsVerifierOptions {
  /** Allowed TopicArns, compared exactly. */
  topicArns: readonly string[];
  /** Matched against the certificate URL's host (hostname, plus `:port` when not 443). */
  hostPattern: RegExp;
  get: HttpsGet;
  now?: () => number;
  /** Oldest accepted Timestamp; SNS stops retrying after 3,600 s. */
  maxAgeMs?: number;
  /** Tolerated clock skew for a Timestamp in the future. */
  maxFutureSkewMs?: number;
  certTimeoutMs?: number;
  certTtlMs?: number;
  maxCachedCerts?: number;
}

export type SnsVerification =
  | { ok: true; message: SnsMessage }
  | { ok: false; status: 400 | 403 | 503; reason: string };

/** Headers SNS sends alongside the body; when present they must agree with it. */
export interface SnsHeaders {
  messageType?: string;
  topicArn?: string;
}

export interface SnsVerifier {
  verify(body: unknown, headers?: SnsHeaders): Promise<SnsVerification>;
}

const HOUR = 3_600_000;

export function createSnsVerifier(options: SnsVerifierOptions): SnsVerifier {
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? HOUR;
  const maxFutureSkewMs = options.maxFutureSkewMs ?? 5 * 60_000;
  const topics = new Set(options.topicArns);
  const certificates = createCertificateCache(options, now);

  return {
    async verify(body, headers = {}) {
      const parsed = parseSnsEnvelope(body);
      if (!parsed.ok) return { ok: false, status: 400, reason: parsed.reason };
      const message = parsed.message;
      if (headers.messageType !== undefined && headers.messageType !== message.Type) {
        return { ok: false, status: 400, reason: 'x-amz-sns-message-type disagrees with the body' };
      }
      if (headers.topicArn !== undefined && headers.topicArn !== message.TopicArn) {
        return { ok: false, status: 400, reason: 'x-amz-sns-topic-arn disagrees with the body' };
      }
      if (!topics.has(message.TopicArn)) return { ok: false, status: 403, reason: 'TopicArn is not allowed' };
      const digest = signatureDigest(message.SignatureVersion);
      if (!digest) return { ok: false, status: 403, reason: 'unsupported SignatureVersion' };

      const timestamp = Date.parse(message.Timestamp);
      if (Number.isNaN(timestamp)) return { ok: false, status: 400, reason: 'Timestamp is not a date' };
      const age = now() - timestamp;
      if (age > maxAgeMs) return { ok: false, status: 403, reason: 'Timestamp is too old' };
      if (age < -maxFutureSkewMs) return { ok: false, status: 403, reason: 'Timestamp is in the future' };

      const certUrl = checkSnsUrl(message.SigningCertURL, options.hostPattern, 'certificate');
      if (!certUrl.ok) return { ok: false, status: 403, reason: certUrl.reason };
      const key = await certificates.get(certUrl.url);
      if (!key.ok) return { ok: false, status: key.status, reason: key.reason };

      const signature = Buffer.from(message.Signature, 'base64');
      let valid = false;
      try {
        valid = verifySignature(digest, Buffer.from(stringToSign(message), 'utf8'), key.key, signature);
      } catch {
        valid = false;
      }
      if (!valid) return { ok: false, status: 403, reason: 'signature does not verify' };
      return { ok: true, message };
    },
  };
}

type CertificateLookup = { ok: true; key: KeyObject } | { ok: false; status: 403 | 503; reason: string };

/** Public keys of signing certificates by URL: bounded, with a TTL, concurrent fetches of one URL shared. */
function createCertificateCache(options: SnsVerifierOptions, now: () => number) {
  const ttlMs = options.certTtlMs ?? HOUR;
  const max = options.maxCachedCerts ?? 16;
  const timeoutMs = options.certTimeoutMs ?? 3_000;
  const cached = new Map<string, { key: KeyObject; expires: number }>();
  const inflight = new Map<string, Promise<CertificateLookup>>();

  async function fetchKey(url: URL): Promise<CertificateLookup> {
    let response: HttpsGetResult;
    try {
      response = await options.get(url, { timeoutMs, maxBytes: 64 * 1024 });
    } catch {
      return { ok: false, status: 503, reason: 'signing certificate could not be fetched' };
    }
    if (response.status !== 200) return { ok: false, status: 403, reason: 'signing certificate is not available' };
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(response.body);
    } catch {
      return { ok: false, status: 403, reason: 'signing certificate is not a certificate' };
    }
    const at = now();
    const notAfter = Date.parse(certificate.validTo);
    if (Date.parse(certificate.validFrom) > at || notAfter < at) {
      return { ok: false, status: 403, reason: 'signing certificate is outside its validity period' };
    }
    const key = certificate.publicKey;
    if (key.asymmetricKeyType !== 'rsa') return { ok: false, status: 403, reason: 'signing certificate is not RSA' };
    if (cached.size >= max) {
      const oldest = cached.keys().next().value;
      if (oldest !== undefined) cached.delete(oldest);
    }
    cached.set(url.href, { key, expires: Math.min(at + ttlMs, notAfter) });
    return { ok: true, key };
  }

  return {
    async get(url: URL): Promise<CertificateLookup> {
      const hit = cached.get(url.href);
      if (hit && hit.expires > now()) return { ok: true, key: hit.key };
      if (hit) cached.delete(url.href);
      let pending = inflight.get(url.href);
      if (!pending) {
        pending = fetchKey(url).finally(() => inflight.delete(url.href));
        inflight.set(url.href, pending);
      }
      return pending;
    },
  };
}

/** Confirms a verified SubscriptionConfirmation by GETting its SubscribeURL — only on an SNS host (no SSRF). */
export async function confirmSubscription(
  message: SnsMessage,
  options: { hostPattern: RegExp; get: HttpsGet; timeoutMs?: number },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (message.Type !== 'SubscriptionConfirmation' || !message.SubscribeURL) {
    return { ok: false, reason: 'not a SubscriptionConfirmation' };
  }
  const checked = checkSnsUrl(message.SubscribeURL, options.hostPattern, 'subscribe');
  if (!checked.ok) return { ok: false, reason: checked.reason };
  try {
    const response = await options.get(checked.url, { timeoutMs: options.timeoutMs ?? 3_000, maxBytes: 64 * 1024 });
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return { ok: false, reason: `SubscribeURL answered ${response.status}` };
  } catch (error) {
    return { ok: false, reason: `SubscribeURL could not be reached (${(error as Error).message})` };
  }
}
