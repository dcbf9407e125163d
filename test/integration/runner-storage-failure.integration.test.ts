// Issue 16.1: a step the database refuses must not stall the thread. Before, the job threw, was retried four
// times with the same refusal, and the thread stopped at "step 4 of 8" with no verdict. Now the step is
// replaced by a note saying what went wrong, the flow stops there, and the verdict names the problem.
// The refusal is a real one: a trigger on the real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is
// set) rejects the targets step's facts, as a constraint or a bad value would.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type InvestigationStore, StoreUnavailable } from '../../src/investigation/ports.ts';
import { createInvestigationStore } from '../../src/store/investigation.repository.ts';
import { type AwsHarness, startAwsHarness } from '../support/aws-harness.ts';
import { createTestRunner, memoryLogger, newInvestigation, recordingSink } from '../support/runner-rig.ts';
import { scriptExitCode1 } from '../support/scenarios/index.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const REJECT_TARGETS = `
CREATE FUNCTION reject_targets_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.step_key = 'targets' AND NEW.facts::text NOT LIKE '%could not be stored%' THEN
    RAISE EXCEPTION 'value too long for the test' USING ERRCODE = '22001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reject_targets_step BEFORE INSERT ON investigation_step
  FOR EACH ROW EXECUTE FUNCTION reject_targets_step();`;

describe.each(databaseBackends())('a step the database refuses ($name)', (backend) => {
  let db: TestDatabase;
  let store: InvestigationStore;
  let aws: AwsHarness;

  beforeAll(async () => {
    db = await backend.create();
    const database = await db.open();
    await database.executeSql(REJECT_TARGETS);
    store = createInvestigationStore(database.prisma);
  });
  afterAll(async () => {
    await db?.dispose();
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

  it('ends the thread with a verdict that says which step could not be stored and why', async () => {
    const { id } = await store.create(newInvestigation(scriptExitCode1.associationId, aws.account, aws.region));
    const sink = recordingSink();
    const logger = memoryLogger();
    const runner = createTestRunner({
      store,
      gateway: aws.gateway,
      account: aws.account,
      fake: aws.fake,
      sink,
      logger,
    });

    const diagnosis = await runner.run(id);

    expect(sink.posted()).toEqual([1, 2, 3, 4]);
    expect(sink.verdicts()).toBe(1);
    const gap = diagnosis?.gaps.find((g) => g.operation === 'store');
    expect(gap?.message).toMatch(/step 4 \(.+\) could not be stored: the database refused it \((22001|P2000)/);
    expect(diagnosis?.summary).toMatch(/could not be checked/);
    const steps = await store.listSteps(id);
    expect(steps.map((s) => s.key)).toEqual(['access', 'association', 'executions', 'targets', 'diagnosis']);
    expect(steps[3]?.status).toBe('error');
    expect(steps[3]?.facts[0]?.value).toContain('could not be stored');
    expect((await store.get(id))?.status).toBe('done');
    expect(logger.entries.some((e) => e.message === 'investigation step could not be stored')).toBe(true);
  });

  it('a lost connection is not bad data: no note, the run fails to be retried, and the retry finishes cleanly', async () => {
    // The targets step's first insert fails as it does when the server shuts down under it (SQLSTATE 57P01); the
    // next statement succeeds, as when the database is back a moment later (a sequence is not rolled back).
    const database = await db.open();
    await database.executeSql(`
      CREATE SEQUENCE lost_once;
      CREATE OR REPLACE FUNCTION reject_targets_step() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.step_key = 'targets' AND nextval('lost_once') = 1 THEN
          RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01';
        END IF;
        RETURN NEW;
      END $$;`);
    const { id } = await store.create(newInvestigation(scriptExitCode1.associationId, aws.account, aws.region));
    const sink = recordingSink();
    const logger = memoryLogger();
    const runner = createTestRunner({
      store,
      gateway: aws.gateway,
      account: aws.account,
      fake: aws.fake,
      sink,
      logger,
    });

    await expect(runner.run(id)).rejects.toBeInstanceOf(StoreUnavailable);
    expect(sink.verdicts()).toBe(0);
    expect((await store.listSteps(id)).map((s) => s.key)).toEqual(['access', 'association', 'executions']);
    expect(logger.entries.some((e) => e.message === 'investigation step could not be stored')).toBe(false);

    const diagnosis = await runner.run(id);
    expect(diagnosis?.gaps.filter((g) => g.operation === 'store')).toEqual([]);
    expect(sink.verdicts()).toBe(1);
    const steps = await store.listSteps(id);
    expect(steps.map((s) => s.key)).toContain('targets');
    expect(steps.every((s) => !JSON.stringify(s.facts).includes('could not be stored'))).toBe(true);
  });
});
