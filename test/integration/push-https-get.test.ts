// The one outbound fetcher of the push path, against the fake SNS over real TLS: trusts only what it is told
// to (Node's defaults in production), follows no redirect, and enforces its size cap and deadline.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpsGet } from '../../src/alerts/push/https-get.ts';
import { type FakeSns, startFakeSns } from '../support/fake-sns.ts';
import { createCertificate, createTestCa } from '../support/test-pki.ts';

let sns: FakeSns;
let slow: Server;
let slowUrl: string;
const ca = createTestCa('slow server CA');

beforeAll(async () => {
  sns = await startFakeSns();
  const cert = createCertificate({ commonName: '127.0.0.1', issuer: ca, ipAddresses: ['127.0.0.1'] });
  slow = createServer({ cert: cert.cert, key: cert.key }, (req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(302, { location: sns.certUrl }).end();
      return;
    }
    res.writeHead(200);
    res.write('partial');
    // never ends
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  slowUrl = `https://127.0.0.1:${(slow.address() as AddressInfo).port}`;
});

afterAll(async () => {
  slow?.closeAllConnections();
  await new Promise((r) => slow?.close(r));
  await sns?.close();
});

const limits = { timeoutMs: 2_000, maxBytes: 64 * 1024 };

describe('createHttpsGet', () => {
  it('fetches the certificate over TLS from a server its CA vouches for', async () => {
    const result = await createHttpsGet({ ca: sns.caCert })(new URL(sns.certUrl), limits);
    expect(result.status).toBe(200);
    expect(result.body).toContain('BEGIN CERTIFICATE');
  });

  it('refuses a server that Node’s default trust store does not vouch for', async () => {
    await expect(createHttpsGet()(new URL(sns.certUrl), limits)).rejects.toThrow(/certificate/i);
  });

  it('refuses http URLs without connecting', async () => {
    await expect(createHttpsGet()(new URL('http://127.0.0.1:9/x.pem'), limits)).rejects.toThrow(/https/);
  });

  it('does not follow redirects', async () => {
    const result = await createHttpsGet({ ca: ca.cert })(new URL(`${slowUrl}/redirect`), limits);
    expect(result.status).toBe(302);
  });

  it('gives up at its deadline and past its size cap', async () => {
    const started = performance.now();
    await expect(
      createHttpsGet({ ca: ca.cert })(new URL(`${slowUrl}/hang`), { timeoutMs: 300, maxBytes: 1024 }),
    ).rejects.toThrow(/300 ms/);
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(
      createHttpsGet({ ca: sns.caCert })(new URL(sns.certUrl), { timeoutMs: 2_000, maxBytes: 100 }),
    ).rejects.toThrow(/larger than 100/);
  });
});
