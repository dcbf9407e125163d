// Only the newest execution can be a root cause: an older failure is history, a run in progress is "still
// running" (or stuck once it outlasts its schedule), and a verdict without its essential facts says so.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/domain/diagnose.ts';
import type { InvestigationFacts } from '../../src/domain/facts.ts';
import { runStateOf } from '../../src/domain/recency.ts';
import {
  ago,
  association,
  execution,
  factsWith,
  HOUR,
  INSTANCE_ID,
  MINUTE,
  node,
  output,
  targets,
} from '../support/facts.ts';

const NEW = 'e2222222-2222-3333-4444-555555555555';
const OLD = 'e1111111-2222-3333-4444-555555555555';

/** An older execution that failed with `psql … Connection refused`, as the investigation gathers it. */
function olderFailure(): Partial<InvestigationFacts> {
  const failed = output();
  return {
    failedTargets: targets([{ status: 'Failed', detailedStatus: 'Failed', resourceIds: [INSTANCE_ID] }], OLD),
    outputs: [
      output({
        command: {
          ...(failed.command as NonNullable<typeof failed.command>),
          stderr:
            'psql: error: connection to server at "db" (10.0.0.4), port 5432 failed: Connection refused\nfailed to run commands: exit status 2',
          responseCode: 2,
        },
      }),
    ],
  };
}

describe('recency: the newest execution decides', () => {
  it('latest succeeded on all targets, an older one failed → healthy, "recovered at …", the failure only as history', () => {
    const facts = factsWith({
      association: association({ status: 'Success' }),
      executions: [
        execution({
          executionId: NEW,
          createdAt: ago(20 * MINUTE),
          resourceCounts: { Success: 4 },
          resourceCountsRaw: '{Success=4}',
        }),
        execution({
          executionId: OLD,
          status: 'Failed',
          detailedStatus: 'Failed',
          createdAt: ago(50 * MINUTE),
          resourceCounts: { Failed: 1, Success: 3 },
        }),
      ],
      latestTargets: targets(
        [{ status: 'Success', detailedStatus: 'Success', resourceIds: [INSTANCE_ID], count: 4 }],
        NEW,
      ),
      ...olderFailure(),
    });
    expect(runStateOf(facts).kind).toBe('recovered');
    const d = diagnose(facts);
    expect(d.outcome).toBe('healthy');
    expect(d.summary).toMatch(/^Recovered at 2025-06-02 11:40 UTC: the newest execution succeeded on all its targets/);
    expect(d.summary).not.toContain('Root cause');
    expect(d.findings.every((f) => f.severity === 'info')).toBe(true);
    const history = d.findings.find((f) => f.id === 'history.command.exit-code');
    expect(history?.title).toContain(`Earlier failure (execution ${OLD}`);
    expect(history?.title).toContain('Connection refused');
  });

  it('the same older failure without the newer success is the root cause (the rule above is what changed it)', () => {
    const facts = factsWith({
      association: association({ status: 'Failed' }),
      executions: [
        execution({ executionId: OLD, status: 'Failed', detailedStatus: 'Failed', resourceCounts: { Failed: 1 } }),
      ],
      latestTargets: targets([{ status: 'Failed', detailedStatus: 'Failed', resourceIds: [INSTANCE_ID] }], OLD),
      ...olderFailure(),
      failedTargets: undefined,
    });
    const d = diagnose(facts);
    expect(d.outcome).toBe('fault');
    expect(d.summary).toMatch(/^Root cause: Network \(exit 2\): psql: error: connection to server/);
  });

  it('latest partially failed (some targets succeeded) → still a fault, from the newest execution', () => {
    const facts = factsWith({
      association: association({ status: 'Failed' }),
      executions: [
        execution({
          executionId: NEW,
          status: 'Failed',
          detailedStatus: 'Failed',
          resourceCounts: { Success: 8, Failed: 2 },
          resourceCountsRaw: '{Success=8, Failed=2}',
        }),
        execution({ executionId: OLD, createdAt: ago(HOUR) }),
      ],
      latestTargets: targets(
        [
          { status: 'Success', detailedStatus: 'Success', resourceIds: ['i-0aaaaaaaaaaaaaaa1'], count: 8 },
          { status: 'Failed', detailedStatus: 'Failed', resourceIds: [INSTANCE_ID], count: 2 },
        ],
        NEW,
      ),
      outputs: olderFailure().outputs,
    });
    expect(runStateOf(facts).kind).toBe('failed');
    const d = diagnose(facts);
    expect(d.outcome).toBe('fault');
    expect(d.findings[0]?.id).toBe('command.exit-code');
    expect(d.causeFamily).toBe('network');
  });
});

describe('in progress', () => {
  const running = (createdAt: Date, extra: Partial<InvestigationFacts> = {}) =>
    factsWith({
      association: association({
        status: 'Pending',
        detailedStatus: 'InProgress',
        createdAt,
        scheduleExpression: 'rate(30 minutes)',
      }),
      executions: [
        execution({
          executionId: NEW,
          status: 'InProgress',
          detailedStatus: 'InProgress',
          createdAt,
          resourceCounts: { Success: 3, InProgress: 5, Pending: 2 },
          resourceCountsRaw: '{Success=3, InProgress=5, Pending=2}',
        }),
      ],
      latestTargets: targets(
        [
          { status: 'Success', detailedStatus: 'Success', resourceIds: ['i-0aaaaaaaaaaaaaaa1'], count: 3 },
          { status: 'InProgress', detailedStatus: 'InProgress', resourceIds: [INSTANCE_ID], count: 5 },
          { status: 'Pending', detailedStatus: 'Pending', resourceIds: ['i-0bbbbbbbbbbbbbbb2'], count: 2 },
        ],
        NEW,
      ),
      nodes: [node()],
      outputs: [],
      ...extra,
    });

  it('first run in progress → "still running — started N min ago, X of Y targets done", not "no known cause"', () => {
    const d = diagnose(running(ago(4 * MINUTE)));
    expect(d.outcome).toBe('running');
    expect(d.summary).toBe('Still running — started 4 min ago, 3 of 10 targets done.');
    expect(d.findings.map((f) => f.id)).toEqual(['execution.in-progress']);
    expect(d.findings[0]?.title).toBe('First run still running — started 4 min ago, 3 of 10 targets done');
    expect(d.findings.some((f) => f.id === 'association.status-unexplained')).toBe(false);
  });

  it('in progress longer than its schedule allows → stuck, a fault', () => {
    const d = diagnose(running(ago(3 * HOUR)));
    expect(d.outcome).toBe('fault');
    expect(d.findings[0]?.id).toBe('execution.stuck-in-progress');
    expect(d.findings[0]?.title).toContain('longer than its rate(30 minutes) schedule allows');
    expect(d.summary).toMatch(/^Root cause: Execution stuck in progress — started 3 h ago, 3 of 10 targets done/);
  });

  it('a Duration shorter than the schedule is the bound', () => {
    const facts = running(ago(90 * MINUTE), {});
    facts.association = {
      ...(facts.association as NonNullable<typeof facts.association>),
      scheduleExpression: 'rate(1 day)',
      duration: 1,
    };
    const d = diagnose(facts);
    expect(d.findings[0]?.id).toBe('execution.stuck-in-progress');
    expect(d.findings[0]?.title).toContain('its Duration of 1 h');
  });

  it('a failure already in the running execution is still a fault', () => {
    const facts = running(ago(4 * MINUTE));
    facts.latestTargets?.groups.push({ status: 'Failed', detailedStatus: 'Failed', count: 1, samples: [] });
    facts.outputs = olderFailure().outputs;
    const d = diagnose(facts);
    expect(d.outcome).toBe('fault');
    expect(d.findings.map((f) => f.id)).toContain('execution.in-progress');
  });
});

describe('faults named, never mistaken for answers', () => {
  it('the association could not be read (throttled) → "Could not investigate: …" with the failed call, never healthy', () => {
    const facts: InvestigationFacts = {
      now: ago(0),
      scope: { accountId: '111122223333', accountName: 'prod', region: 'us-east-1' },
      gaps: [
        {
          step: 'association',
          kind: 'throttled',
          operation: 'DescribeAssociation',
          message: 'DescribeAssociation was throttled by AWS after retries',
        },
        {
          step: 'executions',
          kind: 'throttled',
          operation: 'DescribeAssociationExecutions',
          message: 'DescribeAssociationExecutions was throttled by AWS after retries',
        },
      ],
    };
    const d = diagnose(facts);
    expect(d.outcome).toBe('incomplete');
    expect(d.summary).toMatch(/^Could not investigate: DescribeAssociation \(throttled/);
    expect(d.summary).toContain('DescribeAssociationExecutions (throttled');
    expect(d.causeFamily).toBe('could-not-investigate');
  });

  it('the executions could not be listed (access denied) → incomplete, not healthy', () => {
    const facts = factsWith({
      executions: undefined,
      latestTargets: undefined,
      gaps: [
        {
          step: 'executions',
          kind: 'access-denied',
          operation: 'DescribeAssociationExecutions',
          action: 'ssm:DescribeAssociationExecutions',
          message: 'AccessDenied',
        },
      ],
    });
    expect(diagnose(facts).outcome).toBe('incomplete');
  });

  it('an association that does not exist stays an answer (a fault), not "could not investigate"', () => {
    const facts: InvestigationFacts = {
      now: ago(0),
      scope: { accountId: '111122223333', accountName: 'prod', region: 'us-east-1' },
      gaps: [
        {
          step: 'association',
          kind: 'not-found',
          operation: 'DescribeAssociation',
          message: 'Association x does not exist',
        },
      ],
    };
    expect(diagnose(facts).outcome).toBe('fault');
  });
});
