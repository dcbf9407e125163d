// A crash in the middle of an investigation (here: Slack goes down while step 3 is posted) loses nothing and
// repeats nothing: the next run — another process, with a new AWS gateway — resumes at the next step, posts what
// was stored but never posted, and produces the verdict once. The real store (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set) and the real AWS gateway against the fake AWS.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAwsGateway } from '../../src/aws/gateway.ts';
import type { InvestigationStore, StoredStep } from '../../src/investigation/ports.ts';
import { createInvestigationStore } from '../../src/store/investigation.repository.ts';
import { type AwsHarness, TEST_GATEWAY_OPTIONS } from '../support/aws-harness.ts';
import {
  createTestRunner,
  newInvestigation,
  recordingSink,
  SLACK_DOWN,
  startScenarioNow,
} from '../support/runner-rig.ts';
import { scriptExitCode1 } from '../support/scenarios/index.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

/** The AWS operations each step makes (AssumeRole and the agent VERSION file belong to every run). */
const OPERATIONS_OF_STEP: Record<string, string[]> = {
  access: ['GetCallerIdentity'],
  association: ['DescribeAssociation', 'DescribeDocument'],
  executions: ['DescribeAssociationExecutions'],
  targets: ['DescribeAssociationExecutionTargets'],
  nodes: [
    'DescribeInstanceInformation',
    'DescribeInstanceAssociationsStatus',
    'DescribeInstances',
    'GetServiceSetting',
  ],
  output: [
    'GetCommandInvocation',
    'ListCommandInvocations',
    'GetAutomationExecution',
    'DescribeAutomationStepExecutions',
  ],
};

const withoutMessage = ({ messageTs: _ts, ...step }: StoredStep) => step;

describe.each(databaseBackends())('runner resume ($name)', (backend) => {
  let db: TestDatabase;
  let store: InvestigationStore;
  let aws: AwsHarness;

  beforeAll(async () => {
    db = await backend.create();
    store = createInvestigationStore((await db.open()).prisma);
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    aws = await startScenarioNow(scriptExitCode1);
  });
  afterEach(async () => {
    await aws?.close();
  });

  it('resumes at the next step after a crash, repeating no AWS call and storing no step twice', async () => {
    const { id } = await store.create(newInvestigation(scriptExitCode1.associationId, aws.account, aws.region));

    // First run: Slack goes down while step 3 is posted. Steps 1–3 are stored; 3 never reached Slack.
    const down = recordingSink({ failFromStep: 3 });
    const first = createTestRunner({ store, gateway: aws.gateway, account: aws.account, fake: aws.fake, sink: down });
    await expect(first.run(id)).rejects.toThrow(SLACK_DOWN);
    const afterCrash = await store.listSteps(id);
    expect(afterCrash.map((s) => [s.ordinal, s.key])).toEqual([
      [1, 'access'],
      [2, 'association'],
      [3, 'executions'],
    ]);
    expect(afterCrash.map((s) => s.messageTs !== undefined)).toEqual([true, true, false]);
    expect(down.posted()).toEqual([1, 2]);
    expect(down.verdicts()).toBe(0);
    expect((await store.get(id))?.status).toBe('running');
    const crashedAt = aws.fake.calls.length;

    // Second run, as another process would: a new gateway (no cached credentials or clients), Slack back up.
    const gateway = createAwsGateway({
      ...TEST_GATEWAY_OPTIONS,
      endpoints: { ssm: aws.fake.url, sts: aws.fake.url, ec2: aws.fake.url },
    });
    const up = recordingSink();
    try {
      const second = createTestRunner({ store, gateway, account: aws.account, fake: aws.fake, sink: up });
      const diagnosis = await second.run(id);
      expect(diagnosis?.findings[0]?.id).toBe('command.exit-code');

      // Step 3 (stored, never posted) goes out first, then the steps that had not run, then one verdict.
      expect(up.events.filter((e) => e.kind === 'started')).toHaveLength(0); // the root message exists
      expect(up.posted()).toEqual([3, 4, 5, 6, 7]);
      expect(down.verdicts() + up.verdicts()).toBe(1);

      // No AWS call of a step that was already stored was made again; the resumed steps did call AWS.
      const resumed = aws.fake.calls.slice(crashedAt).map((c) => c.operation);
      for (const key of ['access', 'association', 'executions']) {
        for (const operation of OPERATIONS_OF_STEP[key] ?? [])
          expect(resumed, `${key}: ${operation}`).not.toContain(operation);
      }
      expect(resumed).toContain('DescribeAssociationExecutionTargets');
      expect(resumed).toContain('DescribeInstanceInformation');
      expect(resumed).toContain('GetCommandInvocation');

      // Every step stored once, 1..8, each with the message it was posted as; the stored ones untouched.
      const steps = await store.listSteps(id);
      expect(steps.map((s) => s.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(steps.at(-1)?.key).toBe('diagnosis');
      expect(steps.every((s) => s.messageTs !== undefined)).toBe(true);
      expect(new Set(steps.map((s) => s.messageTs)).size).toBe(8);
      expect(steps.slice(0, 3).map(withoutMessage)).toEqual(afterCrash.map(withoutMessage));
      expect(steps.slice(0, 2).map((s) => s.messageTs)).toEqual(afterCrash.slice(0, 2).map((s) => s.messageTs));

      const record = await store.get(id);
      expect(record?.status).toBe('done');
      expect(record?.verdictSummary).toBe(diagnosis?.summary);
    } finally {
      gateway.close();
    }
  });

  it('posts the verdict once when Slack was down while it was being posted', async () => {
    const { id } = await store.create(newInvestigation(scriptExitCode1.associationId, aws.account, aws.region));
    const down = recordingSink();
    down.finished = async () => {
      throw new Error(SLACK_DOWN);
    };
    await expect(
      createTestRunner({ store, gateway: aws.gateway, account: aws.account, fake: aws.fake, sink: down }).run(id),
    ).rejects.toThrow(SLACK_DOWN);

    const up = recordingSink();
    await createTestRunner({ store, gateway: aws.gateway, account: aws.account, fake: aws.fake, sink: up }).run(id);
    expect(up.posted()).toEqual([]); // every step had reached Slack; the stored verdict is not re-posted as a step
    expect(up.verdicts()).toBe(1);
    expect((await store.listSteps(id)).map((s) => s.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('does nothing for an investigation that has already finished', async () => {
    const { id } = await store.create(newInvestigation(scriptExitCode1.associationId, aws.account, aws.region));
    const sink = recordingSink();
    const runner = createTestRunner({ store, gateway: aws.gateway, account: aws.account, fake: aws.fake, sink });
    expect(await runner.run(id)).toBeDefined();
    const steps = await store.listSteps(id);
    const finished = await store.get(id);
    expect(finished?.status).toBe('done');
    const events = sink.events.length;
    const calls = aws.fake.calls.length;

    expect(await runner.run(id)).toBeUndefined();
    expect(aws.fake.calls.length).toBe(calls);
    expect(sink.events.length).toBe(events);
    expect(await store.listSteps(id)).toEqual(steps);
    expect(await store.get(id)).toEqual(finished);
  });
});
