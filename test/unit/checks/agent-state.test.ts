import { describe, expect, it } from 'vitest';
import { agentStateChecks } from '../../../src/domain/checks/agent-state.check.ts';
import type { InvestigationFacts } from '../../../src/domain/facts.ts';
import { type CheckCase, describeCheckTable, findingById } from '../../support/checks.ts';
import {
  ago,
  association,
  execution,
  factsWith,
  HOUR,
  INSTANCE_ID,
  instanceAssociation,
  node,
} from '../../support/facts.ts';

const withErrorCode = (errorCode: string, raw: string, overrides: Partial<InvestigationFacts> = {}) =>
  factsWith({
    association: association({ status: 'Failed', detailedStatus: 'Failed' }),
    executions: [execution({ status: 'Failed', resourceCounts: { Failed: 1 }, resourceCountsRaw: '{Failed=1}' })],
    nodes: [
      node({
        targetStatus: 'Failed',
        associationStatus: instanceAssociation({
          status: 'Failed',
          errorCode,
          executionSummary: { raw, failures: [], truncated: false },
          executionAt: ago(3 * HOUR),
        }),
      }),
    ],
    ...overrides,
  });

const cases: CheckCase[] = [
  { name: 'healthy facts', facts: factsWith(), ids: [] },
  {
    name: 'StuckAtInProgress',
    facts: withErrorCode('StuckAtInProgress', 'Association stuck at InProgress for longer than 2 hours'),
    ids: ['agent-state.stuck-at-in-progress'],
  },
  {
    name: 'InvalidExpression',
    facts: withErrorCode('InvalidExpression', 'Encountered error while parsing expression for association a1'),
    ids: ['agent-state.invalid-expression'],
  },
  {
    name: 'ListAssocError',
    facts: withErrorCode('ListAssocError', 'Encountered error while loading association a1 contents, InvalidDocument'),
    ids: ['agent-state.list-assoc-error'],
  },
  {
    name: 'InvalidAssoc is left to the parameters check',
    facts: withErrorCode(
      'InvalidAssoc',
      'Encountered error while parsing association a1, Input contains invalid parameters',
    ),
    ids: [],
  },
  {
    name: 'ExecutionError is the run-command checks’ business',
    facts: withErrorCode('ExecutionError', 'failed'),
    ids: [],
  },
];

describeCheckTable('agent state checks (§1.3)', agentStateChecks, cases);

describe('agent state checks (§1.3): evidence', () => {
  it('StuckAtInProgress on a failing association is an error with the agent fields', () => {
    const f = findingById(
      agentStateChecks,
      withErrorCode('StuckAtInProgress', 'Association stuck at InProgress for longer than 2 hours'),
      'agent-state.stuck-at-in-progress',
    );
    expect(f.severity).toBe('error');
    expect(f.evidence).toContainEqual({
      field: `DescribeInstanceAssociationsStatus(${INSTANCE_ID}).ErrorCode`,
      value: 'StuckAtInProgress',
    });
    expect(f.evidence).toContainEqual({
      field: `DescribeInstanceAssociationsStatus(${INSTANCE_ID}).ExecutionSummary`,
      value: 'Association stuck at InProgress for longer than 2 hours',
    });
    expect(f.links.map((l) => l.url)).toContain('https://github.com/aws/amazon-ssm-agent/issues/584');
  });

  it('StuckAtInProgress while the console shows Success is the known false Failed (warning)', () => {
    const facts = withErrorCode('StuckAtInProgress', 'Association stuck at InProgress for longer than 2 hours', {
      association: association(),
      executions: [execution()],
    });
    const f = findingById(agentStateChecks, facts, 'agent-state.stuck-at-in-progress');
    expect(f.severity).toBe('warning');
    expect(f.summary).toContain('#584');
  });

  it('ListAssocError points at the document and GetDocument permission', () => {
    const f = findingById(
      agentStateChecks,
      withErrorCode('ListAssocError', 'Encountered error while loading association a1 contents, InvalidDocument'),
      'agent-state.list-assoc-error',
    );
    expect(f.remediation.join('\n')).toContain('ssm:GetDocument');
    expect(f.remediation.join('\n')).toContain('describe-document --name AWS-RunShellScript');
    expect(f.logPaths?.[0]?.paths[0]).toBe('/var/log/amazon/ssm/amazon-ssm-agent.log');
  });
});
