// A worker that loses its lease stops. After a database outage a request's lease may have lapsed and been claimed
// by another process while this one still waits on AWS: when its renewal finds the lease taken, the run stops
// before its next write or post (no step or verdict posted beside the new owner's), records nothing as a failure,
// and the new owner finishes it once. Real store (PGlite, and PostgreSQL when TEST_DATABASE_URL is set), real
// runner and worker, the fake AWS.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAssociationHandover } from '../../src/investigation/handover.ts';
import { createLocator } from '../../src/investigation/locate.ts';
import type { InvestigationStore } from '../../src/investigation/ports.ts';
import { createInvestigationWorker } from '../../src/investigation/worker.ts';
import { createRequesterReplies } from '../../src/slack/requester-replies.ts';
import { createAssociationLocationStore } from '../../src/store/association-location.repository.ts';
import { createAuditLog } from '../../src/store/audit-log.repository.ts';
import type { Database } from '../../src/store/database.ts';
import { createInvestigationStore } from '../../src/store/investigation.repository.ts';
import { createInvestigationRequestStore } from '../../src/store/work.repository.ts';
import { type AwsHarness, startAwsHarness } from '../support/aws-harness.ts';
import { createTestRunner, memoryLogger, newInvestigation, recordingSink } from '../support/runner-rig.ts';
import { scriptExitCode1 } from '../support/scenarios/index.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(databaseBackends())('a worker that loses its lease ($name)', (backend) => {
  let testDb: TestDatabase;
  let db: Database;
  let store: InvestigationStore;
  let aws: AwsHarness;

  beforeAll(async () => {
    testDb = await backend.create();
    db = await testDb.open();
    store = createInvestigationStore(db.prisma);
  });
  afterAll(async () => {
    await testDb?.dispose();
  });
  beforeEach(async () => {
    aws = await startAwsHarness({
      scenario: scriptExitCode1.build({ now: new Date() }),
      account: scriptExitCode1.account,
      region: scriptExitCode1.region,
    });
  });
  afterEach(async () => {
    await aws?.close();
  });

  it('stops before its next post when another process holds the lease; the new owner posts the rest once', async () => {
    const recorded = recordingSink();
    let taken: Promise<unknown> | undefined;
    let postedWhenTaken: number[] = [];
    // Slack is slow to answer step 3's post; meanwhile A's lease lapses and process B claims the request (as after
    // a database outage).
    const sinkA: typeof recorded = {
      ...recorded,
      async stepFinished(investigation, step, total) {
        const posted = await recorded.stepFinished(investigation, step, total);
        if (step.ordinal === 3) {
          postedWhenTaken = recorded.posted();
          taken = db.sql.query(
            `UPDATE investigation_request SET lease_owner = 'B', lease_until = now() + interval '1 hour' WHERE id = $1`,
            [investigation.id],
          );
          await taken;
          await sleep(1_500);
        }
        return posted;
      },
    };
    const logger = memoryLogger();
    const worker = createInvestigationWorker({
      requests: createInvestigationRequestStore(db),
      store,
      locator: createLocator({
        accounts: [aws.account],
        gateway: aws.gateway,
        locations: createAssociationLocationStore(db.prisma),
        handover: createAssociationHandover(),
      }),
      runner: createTestRunner({ store, gateway: aws.gateway, account: aws.account, fake: aws.fake, sink: sinkA }),
      audit: createAuditLog(db.prisma),
      accounts: [aws.account],
      replies: createRequesterReplies(),
      logger,
      owner: 'A',
      leaseMs: 900, // renewed every 300 ms
    });
    const { id } = await worker.startLocated(newInvestigation(scriptExitCode1.associationId, aws.account, aws.region));
    const deadline = Date.now() + 30_000;
    while (worker.runningCount() > 0) {
      if (Date.now() > deadline) throw new Error('A kept running');
      await sleep(50);
    }

    expect(taken).toBeDefined();
    expect(postedWhenTaken).toEqual([1, 2, 3]);
    expect(sinkA.posted()).toEqual([1, 2, 3]); // nothing posted after the lease was taken
    expect(sinkA.verdicts()).toBe(0);
    expect(logger.entries.some((e) => e.message.startsWith('lease was lost while working'))).toBe(true);
    const row = await db.prisma.investigationRequest.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ leaseOwner: 'B', status: 'pending', attempts: 0, lastError: null });

    // B resumes it: the steps A stored are skipped, the rest and the verdict are posted once.
    const sinkB = recordingSink();
    const runnerB = createTestRunner({
      store,
      gateway: aws.gateway,
      account: aws.account,
      fake: aws.fake,
      sink: sinkB,
    });
    await runnerB.run(id);
    expect(sinkB.verdicts()).toBe(1);
    const all = [...sinkA.posted(), ...sinkB.posted()];
    expect(new Set(all).size).toBe(all.length);
    expect((await store.listSteps(id)).filter((s) => s.key === 'targets')).toHaveLength(1);
  }, 60_000);
});
