// A test CA and certificates built with node:crypto and a tiny DER encoder (X.509 v3, sha256WithRSA), so the
// tests need no openssl binary and no certificate package. Enough for Node's TLS and X509Certificate.
import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

export interface TestCertificate {
  /** PEM of the certificate. */
  cert: string;
  /** PEM (PKCS#8) of its private key. */
  key: string;
  privateKey: KeyObject;
}

export interface CertificateSpec {
  commonName: string;
  /** Signed by this CA; omitted → self-signed. */
  issuer?: TestCertificate & { commonName: string };
  ca?: boolean;
  dnsNames?: string[];
  ipAddresses?: string[];
  /**
   * The clock the certificate is dated from (default: the real clock). A test that pins its clock must pass the
   * same instant here, or the certificate is "not yet valid" or "expired" for the code under test.
   */
  now?: number;
  notBefore?: Date;
  notAfter?: Date;
  /** An existing key pair (e.g. to reissue a certificate with other dates). */
  privateKey?: KeyObject;
}

/** A CA that can sign leaf certificates. */
export function createTestCa(
  commonName = 'ssm-why test CA',
  now: number = Date.now(),
): TestCertificate & { commonName: string } {
  return { ...createCertificate({ commonName, ca: true, now }), commonName };
}

export function createCertificate(spec: CertificateSpec): TestCertificate {
  const privateKey = spec.privateKey ?? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const publicKey = createPublicKeyDer(privateKey);
  const now = spec.now ?? Date.now();
  const notBefore = spec.notBefore ?? new Date(now - 24 * 3_600_000);
  const notAfter = spec.notAfter ?? new Date(now + 365 * 24 * 3_600_000);
  const extensions: Buffer[] = [];
  if (spec.ca) {
    extensions.push(extension('2.5.29.19', true, seq(boolean(true)))); // basicConstraints cA
    extensions.push(extension('2.5.29.15', true, bitString(Buffer.from([0x06]), 1))); // keyCertSign, cRLSign
  }
  const altNames = [
    ...(spec.dnsNames ?? []).map((name) => tlv(0x82, Buffer.from(name, 'ascii'))),
    ...(spec.ipAddresses ?? []).map((ip) => tlv(0x87, Buffer.from(ip.split('.').map(Number)))),
  ];
  if (altNames.length > 0) extensions.push(extension('2.5.29.17', false, seq(...altNames)));

  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), nullValue());
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(randomBytes(12)),
    sha256WithRsa,
    name(spec.issuer?.commonName ?? spec.commonName),
    seq(time(notBefore), time(notAfter)),
    name(spec.commonName),
    publicKey,
    ...(extensions.length > 0 ? [tlv(0xa3, seq(...extensions))] : []),
  );
  const signature = sign('sha256', tbs, spec.issuer?.privateKey ?? privateKey);
  const der = seq(tbs, sha256WithRsa, bitString(signature, 0));
  return {
    cert: pem('CERTIFICATE', der),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKey,
  };
}

function createPublicKeyDer(privateKey: KeyObject): Buffer {
  // SubjectPublicKeyInfo, exactly as X.509 embeds it.
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
const nullValue = () => Buffer.from([0x05, 0x00]);
const bitString = (bytes: Buffer, unusedBits: number) => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));
const octetString = (bytes: Buffer) => tlv(0x04, bytes);

function integer(bytes: Buffer): Buffer {
  // Positive: strip leading zeros, then prefix one if the high bit is set.
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function name(commonName: string): Buffer {
  return seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`, 'ascii'))
    : tlv(0x18, Buffer.from(`${iso}Z`, 'ascii'));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}
