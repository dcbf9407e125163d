import { describe, expect, it } from 'vitest';
import { nodeChecks } from '../../../src/domain/checks/node.check.ts';
import { type CheckCase, describeCheckTable, findingById } from '../../support/checks.ts';
import {
  ago,
  document,
  factsWith,
  HOUR,
  INSTANCE_ID,
  instanceAssociation,
  MINUTE,
  node,
  targets,
} from '../../support/facts.ts';

const unmanaged = (state: string | undefined) =>
  node({
    managed: false,
    pingStatus: undefined,
    lastPingAt: undefined,
    agentVersion: undefined,
    isLatestVersion: undefined,
    platformType: undefined,
    associationStatus: undefined,
    allAssociations: undefined,
    targetStatus: 'Pending',
    targetDetailedStatus: 'Pending',
    ec2:
      state === undefined ? undefined : { instanceId: INSTANCE_ID, state, httpTokens: 'required', platform: 'windows' },
  });

const cases: CheckCase[] = [
  { name: 'healthy facts', facts: factsWith(), ids: [] },
  { name: 'no nodes gathered', facts: factsWith({ nodes: undefined }), ids: [] },
  {
    name: 'running EC2 instance without a managed-node record',
    facts: factsWith({ nodes: [unmanaged('running')] }),
    ids: ['node.not-managed', 'node.targets-stuck-offline'],
  },
  {
    name: 'never registered (no EC2 record either)',
    facts: factsWith({ nodes: [unmanaged(undefined)] }),
    ids: ['node.not-managed', 'node.targets-stuck-offline'],
  },
  {
    name: 'stopped instance',
    facts: factsWith({ nodes: [unmanaged('stopped')] }),
    ids: ['node.stopped', 'node.targets-stuck-offline'],
  },
  {
    name: 'terminated instance',
    facts: factsWith({ nodes: [{ ...unmanaged('terminated'), targetStatus: 'Failed' }] }),
    ids: ['node.terminated'],
  },
  {
    name: 'ConnectionLost with a stale ping',
    facts: factsWith({ nodes: [node({ pingStatus: 'ConnectionLost', lastPingAt: ago(3 * HOUR) })] }),
    ids: ['node.connection-lost'],
  },
  {
    name: 'Inactive node',
    facts: factsWith({ nodes: [node({ pingStatus: 'Inactive', lastPingAt: ago(40 * 24 * HOUR) })] }),
    ids: ['node.inactive'],
  },
  {
    name: 'target stuck InProgress on a ConnectionLost node',
    facts: factsWith({
      nodes: [node({ pingStatus: 'ConnectionLost', lastPingAt: ago(HOUR), targetStatus: 'InProgress' })],
    }),
    ids: ['node.connection-lost', 'node.targets-stuck-offline'],
  },
  {
    name: 'target Pending on an Online node is not stuck-offline',
    facts: factsWith({ nodes: [node({ targetStatus: 'Pending' })] }),
    ids: [],
  },
  {
    name: 'DeliveryTimedOut targets',
    facts: factsWith({
      latestTargets: targets([
        {
          status: 'Failed',
          detailedStatus: 'DeliveryTimedOut',
          resourceIds: [INSTANCE_ID, 'i-0bbbbbbbbbbbbbbbb'],
          count: 4,
        },
      ]),
    }),
    ids: ['node.delivery-timed-out'],
  },
  {
    name: 'Undeliverable targets',
    facts: factsWith({
      latestTargets: targets([{ status: 'Undeliverable', resourceIds: ['i-0ccccccccccccccc'] }]),
    }),
    ids: ['node.undeliverable'],
  },
  {
    name: 'DeliveryTimedOut in the newest failed execution only',
    facts: factsWith({
      failedTargets: targets(
        [{ status: 'Failed', detailedStatus: 'DeliveryTimedOut', resourceIds: [INSTANCE_ID] }],
        'e-old',
      ),
    }),
    ids: ['node.delivery-timed-out'],
  },
  {
    name: 'managed node with an empty instance association list',
    facts: factsWith({ nodes: [node({ associationStatus: undefined, allAssociations: [] })] }),
    ids: ['node.no-association-status'],
  },
  {
    name: 'a node whose target timed out is explained by the timeout, not by missing rows',
    facts: factsWith({
      nodes: [
        node({
          associationStatus: undefined,
          allAssociations: [],
          targetStatus: 'Failed',
          targetDetailedStatus: 'ExecutionTimedOut',
        }),
      ],
    }),
    ids: [],
  },
  {
    name: 'before the first run a node has no rows yet: nothing to say',
    facts: factsWith({ executions: [], nodes: [node({ associationStatus: undefined, allAssociations: [] })] }),
    ids: [],
  },
  {
    name: 'an Automation association has no rows on its nodes: nothing to say',
    facts: factsWith({
      document: document({ documentType: 'Automation' }),
      nodes: [node({ associationStatus: undefined, allAssociations: [] })],
    }),
    ids: [],
  },
  {
    name: 'a node whose managed state could not be read (AccessDenied) is not called unmanaged',
    facts: factsWith({ nodes: [{ instanceId: INSTANCE_ID, targetStatus: 'Failed', targetDetailedStatus: 'Failed' }] }),
    ids: [],
  },
  {
    name: 'unknown association list (not gathered) says nothing',
    facts: factsWith({ nodes: [node({ associationStatus: undefined, allAssociations: undefined })] }),
    ids: [],
  },
  {
    name: 'reads the node association rows for the healthy node',
    facts: factsWith({ nodes: [node({ allAssociations: [instanceAssociation()] })] }),
    ids: [],
  },
];

describeCheckTable('node checks (§3.1)', nodeChecks, cases);

describe('node checks (§3.1): evidence', () => {
  it('names PingStatus and how long ago the last ping was', () => {
    const f = findingById(
      nodeChecks,
      factsWith({ nodes: [node({ pingStatus: 'ConnectionLost', lastPingAt: ago(3 * HOUR) })] }),
      'node.connection-lost',
    );
    expect(f.severity).toBe('critical');
    expect(f.evidence).toContainEqual({
      field: `DescribeInstanceInformation(${INSTANCE_ID}).PingStatus`,
      value: 'ConnectionLost (last ping 3 h ago)',
    });
    expect(f.logPaths?.map((l) => l.platform)).toEqual(['Linux/macOS']);
    expect(f.resources).toEqual([INSTANCE_ID]);
    expect(f.cli.join('\n')).toContain('describe-instance-information');
    expect(f.remediation.join('\n')).toContain('ssmmessages.us-east-1.amazonaws.com');
  });

  it('says the instance is running but unmanaged, with Windows log paths from the EC2 platform', () => {
    const f = findingById(nodeChecks, factsWith({ nodes: [unmanaged('running')] }), 'node.not-managed');
    expect(f.evidence).toContainEqual({ field: `ec2:DescribeInstances(${INSTANCE_ID}).State.Name`, value: 'running' });
    expect(f.evidence).toContainEqual({
      field: `DescribeInstanceInformation(InstanceIds=${INSTANCE_ID})`,
      value: '[] — no managed-node record',
    });
    expect(f.logPaths?.map((l) => l.platform)).toEqual(['Windows']);
  });

  it('says the stopped instance is stopped', () => {
    const f = findingById(nodeChecks, factsWith({ nodes: [unmanaged('stopped')] }), 'node.stopped');
    expect(f.title).toContain('is stopped');
    expect(f.evidence[0]).toEqual({ field: `ec2:DescribeInstances(${INSTANCE_ID}).State.Name`, value: 'stopped' });
  });

  it('explains DeliveryTimedOut does not count toward MaxErrors and counts all targets', () => {
    const f = findingById(
      nodeChecks,
      factsWith({
        latestTargets: targets([
          { status: 'Failed', detailedStatus: 'DeliveryTimedOut', resourceIds: [INSTANCE_ID], count: 4 },
        ]),
      }),
      'node.delivery-timed-out',
    );
    expect(f.summary).toContain('do not count toward MaxErrors');
    expect(f.title).toContain('4 targets');
    expect(f.evidence[0]?.field).toContain('DetailedStatus');
    expect(f.evidence).toContainEqual({
      field: `DescribeInstanceInformation(${INSTANCE_ID}).PingStatus`,
      value: 'Online (last ping 2 min ago)',
    });
  });

  it('merges several offline nodes into one bounded finding', () => {
    const nodes = Array.from({ length: 15 }, (_, i) =>
      node({
        instanceId: `i-${String(i).padStart(17, '0')}`,
        pingStatus: 'ConnectionLost',
        lastPingAt: ago(20 * MINUTE),
      }),
    );
    const f = findingById(nodeChecks, factsWith({ nodes }), 'node.connection-lost');
    expect(f.title).toBe('15 target nodes lost their connection to Systems Manager (ConnectionLost)');
    expect(f.resources).toHaveLength(10);
    expect(f.evidence.length).toBeLessThanOrEqual(9);
  });
});
