// The fleet scanner on a real database and the fake AWS: fresh, complete poll state answers without an AWS call;
// a stale or partial poll means a bounded live scan; the call budget truncates, and says so; snapshots feed App Home.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetScanner } from '../../src/fleet/scan.ts';
import type { Database } from '../../src/store/database.ts';
import { createFleetStore } from '../../src/store/fleet.repository.ts';
import { toJson } from '../../src/store/json.ts';
import { type AwsHarness, startAwsHarness } from '../support/aws-harness.ts';
import type { WireAssociationDescription } from '../support/fake-aws/wire.ts';
import { namedScenario, PROD, PROD_ACCOUNT, uuidFrom } from '../support/scenarios/index.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const SCENARIO = namedScenario('script-exit-code-1');
const pair = { account: { ...PROD_ACCOUNT, regions: [PROD.region] }, region: PROD.region };

describe.each(databaseBackends())('fleet scan on $name', (backend) => {
  let testDb: TestDatabase;
  let db: Database;
  let aws: AwsHarness;
  const now = new Date();

  beforeAll(async () => {
    testDb = await backend.create();
    db = await testDb.open();
    const scenario = SCENARIO.build({ now });
    const region = scenario.accounts[PROD.id]?.regions[PROD.region];
    const base = region?.associations?.[0] as WireAssociationDescription;
    for (let i = 0; i < 120; i++) {
      region?.associations?.push({
        ...structuredClone(base),
        AssociationId: uuidFrom(`scan-${i}`),
        Overview: { Status: 'Failed', DetailedStatus: 'Failed', AssociationStatusAggregatedCount: { Failed: 1 } },
      });
    }
    aws = await startAwsHarness({ scenario, account: PROD_ACCOUNT, region: PROD.region });
  });
  afterAll(async () => {
    await aws?.close();
    await testDb?.dispose();
  });

  const scanner = (pagesPerStatus = 20) =>
    createFleetScanner({
      gateway: aws.gateway,
      store: createFleetStore(db.prisma),
      pollIntervalSeconds: 60,
      pagesPerStatus,
      clock: () => now,
    });

  async function recordPoll(finishedAt: Date, outcome: Record<string, unknown>) {
    const cycleStart = new Date(finishedAt.getTime() - 1_000);
    await db.prisma.alertPollRun.create({
      data: { accountId: PROD.id, region: PROD.region, cycleStart, finishedAt, outcome: toJson(outcome) },
    });
    await db.prisma.associationAlertState.upsert({
      where: { accountId_region_associationId: { accountId: PROD.id, region: PROD.region, associationId: 'polled-1' } },
      create: {
        accountId: PROD.id,
        region: PROD.region,
        associationId: 'polled-1',
        status: 'Failed',
        statusSince: new Date(now.getTime() - 3_600_000),
        lastObservedAt: finishedAt,
      },
      update: { lastObservedAt: finishedAt },
    });
  }

  it('scans live (bounded) when no poll saw the region, and stores a snapshot', async () => {
    aws.fake.calls.length = 0;
    const report = await scanner().scan([pair], { userId: 'U1' }, 'en');
    expect(report.pairs[0]).toMatchObject({ source: 'scan', calls: 4, failed: 121, truncated: false });
    expect(aws.fake.callsTo('ListAssociations')).toHaveLength(4);
    const home = await scanner().overview([pair], 'en');
    expect(home.pairs[0]).toMatchObject({ source: 'scan', failed: 121 });
    expect(home.groups[0]?.count).toBe(121);
  });

  it('stops at the call budget and says the listing was truncated', async () => {
    aws.fake.calls.length = 0;
    const report = await scanner(2).scan([pair], { userId: 'U1' }, 'en');
    expect(report.pairs[0]).toMatchObject({ source: 'scan', truncated: true, failed: 100 });
    expect(aws.fake.callsTo('ListAssociations')).toHaveLength(3); // 2 Failed pages + 1 Pending page
  });

  it('answers from a partial poll only by scanning (the poll skipped unsubscribed associations)', async () => {
    await recordPoll(new Date(now.getTime() - 30_000), { listed: 121, relevant: 1, truncated: false });
    aws.fake.calls.length = 0;
    const report = await scanner().scan([pair], { userId: 'U1' }, 'en');
    expect(report.pairs[0]?.source).toBe('scan');
    expect(aws.fake.callsTo('ListAssociations').length).toBeGreaterThan(0);
  });

  it('answers from fresh, complete poll state with no AWS call; a stale poll means a scan', async () => {
    await recordPoll(new Date(now.getTime() - 20_000), { listed: 500, relevant: 500, truncated: false });
    aws.fake.calls.length = 0;
    const fresh = await scanner().scan([pair], { userId: 'U1' }, 'en');
    expect(aws.fake.calls).toHaveLength(0);
    expect(fresh.pairs[0]).toMatchObject({ source: 'poll', calls: 0, failed: 1, total: 500 });
    expect(fresh.groups.map((g) => g.example.associationId)).toEqual(['polled-1']);

    const later = createFleetScanner({
      gateway: aws.gateway,
      store: createFleetStore(db.prisma),
      pollIntervalSeconds: 60,
      clock: () => new Date(now.getTime() + 10 * 60_000),
    });
    const stale = await later.scan([pair], { userId: 'U1' }, 'en');
    expect(stale.pairs[0]?.source).toBe('scan');
    expect(stale.pairs[0]?.lastPollAt).toEqual(new Date(now.getTime() - 20_000));
  });
  it('a denied listing is stored: App Home says "could not read" with the error code and when, until a read works', async () => {
    const east = { account: pair.account, region: 'us-east-1' };
    const denied = { operation: 'ListAssociations', region: 'us-east-1', code: 'AccessDeniedException' };
    aws.fake.scenario.faults.push(denied);
    const report = await scanner().scan([east], { userId: 'U1' }, 'en');
    expect(report.pairs[0]).toMatchObject({ source: 'error', errorCode: 'AccessDeniedException' });
    // Why, in the reader's language, with AWS's action as AWS names it.
    expect(report.pairs[0]?.error).toMatch(/ssm:ListAssociations/);
    const inJapanese = await scanner().scan([east], { userId: 'U1' }, 'ja');
    expect(inJapanese.pairs[0]?.error).toMatch(/ssm:ListAssociations/);
    expect(inJapanese.pairs[0]?.error).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    const home = await scanner().overview([east], 'en');
    expect(home.pairs[0]).toMatchObject({ source: 'error', errorCode: 'AccessDeniedException', observedAt: now });

    aws.fake.scenario.faults.splice(aws.fake.scenario.faults.indexOf(denied), 1);
    await scanner().scan([east], { userId: 'U1' }, 'en');
    expect((await scanner().overview([east], 'en')).pairs[0]).toMatchObject({ source: 'scan', failed: 0 });
    expect((await scanner().overview([east], 'en')).pairs[0]?.errorCode).toBeUndefined();
  });

  it("the poller's failed listing (never scanned) is shown the same way", async () => {
    const region = 'ap-south-1';
    const finishedAt = new Date(now.getTime() - 90_000);
    await db.prisma.alertPollRun.create({
      data: {
        accountId: PROD.id,
        region,
        cycleStart: new Date(finishedAt.getTime() - 1_000),
        finishedAt,
        outcome: toJson({ error: 'access-denied: …', errorCode: 'AccessDeniedException' }),
      },
    });
    const home = await scanner().overview([{ account: pair.account, region }], 'en');
    expect(home.pairs[0]).toMatchObject({
      source: 'error',
      errorCode: 'AccessDeniedException',
      observedAt: finishedAt,
    });
  });
});
