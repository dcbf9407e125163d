// Acks first (src/foreground.ts) at the doors that matter, opened as the app opens them: the database pool
// (PGlite on its thread, or PostgreSQL), the AWS SDK clients (over HTTP to the fake AWS) and the Slack Web API
// client (over HTTP to the fake Slack). While a request is in flight, background work's next query, AWS call or
// Slack call waits; foreground work's does not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientPool } from '../../src/aws/clients.ts';
import { foregroundInFlight, foregroundStarted, MAX_WAIT_MS, runInBackground } from '../../src/foreground.ts';
import { startHttpServer } from '../../src/http-server.ts';
import { createReadiness } from '../../src/readiness.ts';
import { slackClientOptions } from '../../src/slack/app.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { prod, TEST_CREDENTIALS } from '../support/scenarios/index.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves to when `work` finished, in ms after `since`. */
const finishedAt = async (work: Promise<unknown>, since: number) => {
  await work;
  return performance.now() - since;
};

/**
 * While a request is in flight, `background`'s call is held (the fake has seen `heldCount` of its kind) and
 * `foreground`'s is not; once the request is answered, the held call goes out (`heldCount + 1`).
 */
async function expectHeldUntilAnswered(call: {
  background: () => Promise<unknown>;
  foreground: () => Promise<unknown>;
  seen: () => number;
  heldCount: number;
}) {
  const answered = foregroundStarted();
  try {
    const start = performance.now();
    const background = finishedAt(runInBackground(call.background), start);
    const foreground = finishedAt(call.foreground(), start);
    expect(await foreground).toBeLessThan(1_000);
    await sleep(150);
    expect(call.seen()).toBe(call.heldCount);
    answered();
    expect(await background).toBeGreaterThanOrEqual(150);
    expect(call.seen()).toBe(call.heldCount + 1);
  } finally {
    answered(); // idempotent; a failed expectation must not leave a request in flight for the next test
  }
}

describe.each(databaseBackends())('acks first on $name', (backend) => {
  let dataDir: string;
  let testDb: TestDatabase | undefined;
  let db: Database;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'acks-first-'));
    if (backend.name === 'postgres') {
      testDb = await backend.create();
      db = await openDatabase({ databaseUrl: testDb.target as string, dataDir });
    } else {
      db = await openDatabase({ dataDir });
    }
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a background query waits for the request in flight; the request's own query does not", async () => {
    const answered = foregroundStarted();
    const start = performance.now();
    const background = finishedAt(
      runInBackground(async () => await db.sql.query('SELECT 1 AS one')),
      start,
    );
    const foreground = finishedAt(db.sql.query('SELECT 2 AS two'), start);
    const viaPrisma = finishedAt(
      runInBackground(async () => await db.prisma.auditEvent.count()),
      start,
    );
    expect(await foreground).toBeLessThan(100);
    await sleep(150);
    answered();
    expect(await background).toBeGreaterThanOrEqual(150);
    expect(await viaPrisma).toBeGreaterThanOrEqual(150);
    expect(await background).toBeLessThan(MAX_WAIT_MS);
  });

  it('a background transaction takes its connection after the request, then runs undisturbed', async () => {
    const answered = foregroundStarted();
    const start = performance.now();
    const tx = finishedAt(
      runInBackground(
        async () => await db.prisma.$transaction([db.prisma.auditEvent.count(), db.prisma.auditEvent.count()]),
      ),
      start,
    );
    await sleep(100);
    answered();
    expect(await tx).toBeGreaterThanOrEqual(100);
  });
});

describe('acks first for AWS calls', () => {
  let aws: FakeAws;
  beforeAll(async () => {
    aws = await startFakeAws(prod().build());
  });
  afterAll(() => aws?.close());

  it('a background AWS call is sent once the request in flight is answered', async () => {
    const clients = new ClientPool({
      endpoints: { ssm: aws.url, sts: aws.url },
      timeouts: { connectionMs: 1_000, requestMs: 5_000 },
      maxAttempts: 1,
    });
    const { sts } = clients.get('k', 'eu-west-1', async () => TEST_CREDENTIALS);
    // Both calls are GetCallerIdentity: the request's own has been seen while the background one is held.
    await expectHeldUntilAnswered({
      background: () => sts.send(new GetCallerIdentityCommand({})),
      foreground: () => sts.send(new GetCallerIdentityCommand({})),
      seen: () => aws.callsTo('GetCallerIdentity').length,
      heldCount: 1,
    });
    clients.destroy();
  });
});

describe('acks first for Slack calls', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack?.close());

  it("a background post is sent once the request in flight is answered; the request's own call is not held", async () => {
    const client = new webApi.WebClient('xoxb-test-token', slackClientOptions(slack.apiUrl));
    await expectHeldUntilAnswered({
      background: () => client.chat.postMessage({ channel: 'C1', text: 'a step' }),
      foreground: () => client.auth.test(),
      seen: () => slack.callsTo('chat.postMessage').length,
      heldCount: 0,
    });
  });
});

describe('what counts as a request in flight', () => {
  it("Slack's requests and pushed alerts (POST) do; a scrape of /metrics (GET) does not", async () => {
    const server = await startHttpServer({ port: 0, readiness: createReadiness() });
    const seen: Record<string, number> = {};
    server.attach((req, res) => {
      seen[req.method ?? ''] = foregroundInFlight();
      res.end('ok');
    });
    try {
      await (await fetch(`http://127.0.0.1:${server.port}/slack/events`, { method: 'POST', body: 'x' })).text();
      await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
      expect(seen).toEqual({ POST: 1, GET: 0 });
    } finally {
      await server.close();
    }
  });
});
