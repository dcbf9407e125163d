// The latest SSM Agent version, fetched over HTTP from the fake's amazon-ssm-{region}/latest/VERSION.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpAgentReleaseSource } from '../../src/aws/agent-release.ts';
import { AppError, userText } from '../../src/domain/app-error.ts';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.ts';
import { scenario } from '../support/scenarios/index.ts';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** A URL template pointing at a port nothing listens on. */
async function deadTemplate(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/amazon-ssm-{region}/latest/VERSION`;
}

describe('HttpAgentReleaseSource', () => {
  it('fetches, trims and caches the version per region', async () => {
    fake = await startFakeAws(scenario().agentVersion('3.3.1957.0\n').agentVersion('3.3.1802.0', 'ap-south-2').build());
    let now = 1_000;
    const source = new HttpAgentReleaseSource({ urlTemplate: fake.agentReleaseUrlTemplate, now: () => now });
    await expect(source.latestVersion('eu-west-1')).resolves.toBe('3.3.1957.0');
    await expect(Promise.all([source.latestVersion('eu-west-1'), source.latestVersion('eu-west-1')])).resolves.toEqual([
      '3.3.1957.0',
      '3.3.1957.0',
    ]);
    await expect(source.latestVersion('ap-south-2')).resolves.toBe('3.3.1802.0');
    expect(fake.callsTo('GetObject').map((c) => [c.region, c.params.bucket])).toEqual([
      ['eu-west-1', 'amazon-ssm-eu-west-1'],
      ['ap-south-2', 'amazon-ssm-ap-south-2'],
    ]);
    now += 6 * 3_600_000 + 1; // the 6-hour cache has expired
    fake.scenario.agentVersions['*'] = '3.3.2000.0';
    await expect(source.latestVersion('eu-west-1')).resolves.toBe('3.3.2000.0');
    expect(fake.callsTo('GetObject')).toHaveLength(3);
  });

  it('coalesces concurrent requests for one region', async () => {
    fake = await startFakeAws(scenario().agentVersion('3.3.1957.0').build());
    fake.scenario.faults.push({ service: 's3', operation: 'GetObject', delayMs: 100 });
    const source = new HttpAgentReleaseSource({ urlTemplate: fake.agentReleaseUrlTemplate });
    await Promise.all([source.latestVersion('eu-west-1'), source.latestVersion('eu-west-1')]);
    expect(fake.callsTo('GetObject')).toHaveLength(1);
  });

  it('unreachable → upstream error; remembered briefly so the next investigation does not wait again', async () => {
    let now = 0;
    const source = new HttpAgentReleaseSource({
      urlTemplate: await deadTemplate(),
      now: () => now,
      failureTtlMs: 60_000,
    });
    const first = await failure(source.latestVersion('eu-west-1'));
    expect(first.code).toBe('upstream');
    expect(first.userMessage).toContain('could not be checked');
    expect(userText(first, 'ja')).toBe(
      'eu-west-1 の SSM Agent の最新バージョンを確認できませんでした (接続できません)。',
    );
    expect(await failure(source.latestVersion('eu-west-1'))).toBe(first);
    now = 60_001;
    expect(await failure(source.latestVersion('eu-west-1'))).not.toBe(first);
  });

  it('too slow → timeout', async () => {
    fake = await startFakeAws(scenario().agentVersion('3.3.1957.0').build());
    fake.scenario.faults.push({ service: 's3', operation: 'GetObject', delayMs: 1_000 });
    const source = new HttpAgentReleaseSource({ urlTemplate: fake.agentReleaseUrlTemplate, timeoutMs: 100 });
    const started = Date.now();
    const error = await failure(source.latestVersion('eu-west-1'));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('headers at once, a body that never ends → timeout, within the deadline', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('3.3.');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const source = new HttpAgentReleaseSource({
        urlTemplate: `http://127.0.0.1:${port}/amazon-ssm-{region}/latest/VERSION`,
        timeoutMs: 200,
      });
      const started = Date.now();
      const error = await failure(source.latestVersion('eu-west-1'));
      expect(error.code).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a missing object (404) or a body that is not a version → upstream', async () => {
    fake = await startFakeAws(scenario().agentVersion('<html>captive portal</html>', 'eu-west-1').build());
    const source = new HttpAgentReleaseSource({ urlTemplate: fake.agentReleaseUrlTemplate, failureTtlMs: 0 });
    await expect(failure(source.latestVersion('us-east-1'))).resolves.toMatchObject({
      code: 'upstream',
      upstreamCode: '404',
    });
    await expect(failure(source.latestVersion('eu-west-1'))).resolves.toMatchObject({
      code: 'upstream',
      message: expect.stringContaining('returned no version'),
    });
  });

  it('refuses a region that is not one (no URL injection)', async () => {
    const source = new HttpAgentReleaseSource();
    await expect(failure(source.latestVersion('eu-west-1/../../evil'))).resolves.toMatchObject({
      code: 'invalid-input',
    });
  });
});
