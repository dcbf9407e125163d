// Throttling through the whole flow: the real AWS SDK's retries against the fake AWS answering
// ThrottlingException. A throttle the retries absorb changes nothing; one they cannot absorb becomes a
// 'throttled' gap on its step, and the investigation still ends with a verdict.
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryInvestigationStore } from '../../src/investigation/memory-store.ts';
import { type AwsHarness, startAwsHarness, TEST_GATEWAY_OPTIONS } from '../support/aws-harness.ts';
import type { Fault } from '../support/fake-aws/index.ts';
import { createTestRunner, memoryLogger, newInvestigation, recordingSink } from '../support/runner-rig.ts';
import { scriptExitCode1 } from '../support/scenarios/index.ts';

const OPERATION = 'DescribeAssociationExecutionTargets';

let aws: AwsHarness | undefined;
afterEach(async () => {
  await aws?.close();
  aws = undefined;
});

/** script-exit-code-1 (2 Failed targets, 1 Success) with the targets listing throttled. */
async function investigateThrottled(throttle: Pick<Fault, 'times'>) {
  const scenario = scriptExitCode1.build({ now: new Date() });
  scenario.faults.push({ service: 'ssm', operation: OPERATION, code: 'ThrottlingException', ...throttle });
  aws = await startAwsHarness({ scenario, account: scriptExitCode1.account, region: scriptExitCode1.region });
  const store = createMemoryInvestigationStore();
  const { id } = await store.create(newInvestigation(scriptExitCode1.associationId, aws.account, aws.region));
  const sink = recordingSink();
  const logger = memoryLogger();
  const runner = createTestRunner({ store, gateway: aws.gateway, account: aws.account, fake: aws.fake, sink, logger });
  const diagnosis = await runner.run(id);
  const steps = await store.listSteps(id);
  return {
    diagnosis,
    sink,
    logger,
    steps,
    targets: steps.find((s) => s.key === 'targets'),
    record: await store.get(id),
    calls: aws.fake.callsTo(OPERATION).map((c) => c.errorCode ?? c.status),
  };
}

describe('throttled DescribeAssociationExecutionTargets', () => {
  it('twice, then answered: the retries absorb it and the investigation sees the right groups', async () => {
    const { diagnosis, targets, calls, record, sink } = await investigateThrottled({ times: 2 });
    expect(calls).toEqual(['ThrottlingException', 'ThrottlingException', 200]);

    expect(targets?.status).not.toBe('error');
    expect(targets?.gaps).toEqual([]);
    const groups = targets?.patch.latestTargets?.groups ?? [];
    expect(groups.map((g) => [g.status, g.detailedStatus, g.count])).toEqual([
      ['Failed', 'Failed', 2],
      ['Success', 'Success', 1],
    ]);
    expect(groups[0]?.samples.map((s) => s.resourceId).sort()).toEqual(['i-0123456789abcdef1', 'i-1234567890abcdef0']);

    expect(diagnosis?.findings[0]?.id).toBe('command.exit-code');
    expect(diagnosis?.gaps).toEqual([]);
    expect(sink.verdicts()).toBe(1);
    expect(record?.status).toBe('done');
  });

  it('more often than the attempts allow: a throttled gap on the targets step, and still a verdict', async () => {
    const { diagnosis, targets, calls, steps, record, sink, logger } = await investigateThrottled({});
    const attempts = TEST_GATEWAY_OPTIONS.maxAttempts ?? 4; // the gateway's default
    expect(calls).toEqual(Array(attempts).fill('ThrottlingException'));

    expect(targets?.status).toBe('error');
    expect(targets?.gaps).toEqual([
      expect.objectContaining({ step: 'targets', kind: 'throttled', operation: OPERATION }),
    ]);
    expect(JSON.stringify(targets?.facts)).toContain('throttled');
    expect(targets?.patch.latestTargets).toBeUndefined();

    // The flow went on to the end and the verdict says what could not be checked.
    expect(steps.map((s) => s.key)).toEqual([
      'access',
      'association',
      'executions',
      'targets',
      'nodes',
      'agent-version',
      'output',
      'diagnosis',
    ]);
    expect(diagnosis).toBeDefined();
    expect(diagnosis?.gaps).toContainEqual(expect.objectContaining({ kind: 'throttled', operation: OPERATION }));
    expect(sink.verdicts()).toBe(1);
    expect(record?.status).toBe('done');
    // Handled as a gap, not as a crash of the step.
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});
