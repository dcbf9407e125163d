import { describe, expect, it } from 'vitest';
import { agentVersionChecks } from '../../../src/domain/checks/agent-version.check.ts';
import { type CheckCase, describeCheckTable, findingById } from '../../support/checks.ts';
import { factsWith, INSTANCE_ID, instanceAssociation, node, output, targets } from '../../support/facts.ts';

const summary = (raw: string) => ({ raw, failures: [], truncated: false });

const withSummary = (raw: string) =>
  factsWith({
    nodes: [node({ associationStatus: instanceAssociation({ status: 'Failed', executionSummary: summary(raw) }) })],
  });

const withStderr = (stderr: string) => factsWith({ outputs: [output({ command: { ...output().command!, stderr } })] });

const cases: CheckCase[] = [
  { name: 'healthy facts', facts: factsWith(), ids: [] },
  {
    name: 'plugin not supported by this version of ssm agent (execution summary)',
    facts: withSummary(
      '1 out of 1 plugin processed, 0 success, 1 failed, 0 timedout, 0 skipped. \nThe operation aws:downloadContent failed because Plugin with name aws:downloadContent is not supported by this version of ssm agent, please update to latest version. Step name: download.',
    ),
    ids: ['agent.unsupported-feature'],
  },
  {
    name: 'Unrecognized precondition (stderr)',
    facts: withStderr(
      "Unrecognized precondition(s): 'StringEquals: [platformType, Linux]', please update agent to latest version. Step name: run",
    ),
    ids: ['agent.unsupported-feature'],
  },
  {
    name: 'Document with schema version not supported (stderr)',
    facts: withStderr(
      'Document with schema version 2.2 is not supported by this version of ssm agent, please update to latest version',
    ),
    ids: ['agent.unsupported-feature'],
  },
  {
    name: 'an ordinary script failure is not an agent problem',
    facts: withStderr('failed to run commands: exit status 1'),
    ids: [],
  },
  {
    name: 'UnsupportedAgent detailed status on the node row',
    facts: factsWith({
      nodes: [
        node({ associationStatus: instanceAssociation({ status: 'Failed', detailedStatus: 'UnsupportedAgent' }) }),
      ],
    }),
    ids: ['agent.unsupported-agent'],
  },
  {
    name: 'UnsupportedAgent on execution targets',
    facts: factsWith({
      latestTargets: targets([{ status: 'Failed', detailedStatus: 'UnsupportedAgent', resourceIds: [INSTANCE_ID] }]),
    }),
    ids: ['agent.unsupported-agent'],
  },
  {
    name: 'agent older than the latest release',
    facts: factsWith({ nodes: [node({ agentVersion: '3.2.582.0', isLatestVersion: false })] }),
    ids: ['agent.outdated'],
  },
  {
    name: 'numeric, not string, comparison (3.3.99.0 < 3.3.1142.0)',
    facts: factsWith({ nodes: [node({ agentVersion: '3.3.99.0' })] }),
    ids: ['agent.outdated'],
  },
  {
    name: 'agent newer than the published latest (rollout lag) is fine',
    facts: factsWith({ nodes: [node({ agentVersion: '3.3.1200.0' })] }),
    ids: [],
  },
  {
    name: 'IsLatestVersion=false on Linux when the latest version is unknown',
    facts: factsWith({
      nodes: [node({ agentVersion: '3.2.582.0', isLatestVersion: false })],
      agentRelease: { region: 'us-east-1', unavailableReason: 'timeout' },
    }),
    ids: ['agent.not-latest'],
  },
  {
    name: 'IsLatestVersion=false on Windows is ignored (Linux only)',
    facts: factsWith({
      nodes: [node({ platformType: 'Windows', agentVersion: '3.2.582.0', isLatestVersion: false })],
      agentRelease: { region: 'us-east-1', unavailableReason: 'timeout' },
    }),
    ids: [],
  },
  {
    name: 'latest version unavailable: nothing said about it',
    facts: factsWith({
      nodes: [node({ agentVersion: '2.3.0.0', isLatestVersion: true })],
      agentRelease: { region: 'us-east-1', unavailableReason: 'AccessDenied' },
    }),
    ids: [],
  },
];

describeCheckTable('agent version checks (§3.3)', agentVersionChecks, cases);

describe('agent version checks (§3.3): evidence', () => {
  it('quotes the agent message and the version', () => {
    const f = findingById(
      agentVersionChecks,
      factsWith({
        nodes: [
          node({
            agentVersion: '2.3.50.0',
            associationStatus: instanceAssociation({
              executionSummary: summary(
                'Plugin with name aws:runDockerAction is not supported by this version of ssm agent',
              ),
            }),
          }),
        ],
      }),
      'agent.unsupported-feature',
    );
    expect(f.evidence).toContainEqual({
      field: `DescribeInstanceAssociationsStatus(${INSTANCE_ID}).ExecutionSummary`,
      value: 'Plugin with name aws:runDockerAction is not supported by this version of ssm agent',
    });
    expect(f.evidence).toContainEqual({
      field: `DescribeInstanceInformation(${INSTANCE_ID}).AgentVersion`,
      value: '2.3.50.0',
    });
    expect(f.remediation.join('\n')).toContain('AWS-UpdateSSMAgent');
  });

  it('names the latest version in the outdated evidence', () => {
    const f = findingById(
      agentVersionChecks,
      factsWith({ nodes: [node({ agentVersion: '3.2.582.0', isLatestVersion: false })] }),
      'agent.outdated',
    );
    expect(f.severity).toBe('warning');
    expect(f.evidence).toEqual([
      {
        field: `DescribeInstanceInformation(${INSTANCE_ID}).AgentVersion`,
        value: '3.2.582.0 (latest in us-east-1: 3.3.1142.0)',
      },
      { field: `DescribeInstanceInformation(${INSTANCE_ID}).IsLatestVersion`, value: 'false' },
    ]);
  });
});
