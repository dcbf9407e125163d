// §3.1 — the target node is not a managed node, or its agent is offline.
import type { InvestigationFacts, NodeFacts } from '../facts.ts';
import type { Check, Evidence, Finding, Severity } from '../finding.ts';
import { agentLogPaths, cli, consoleLinks } from '../references.ts';
import {
  associationLinks,
  commonPlatform,
  type ExecutionTargetGroup,
  finding,
  groupSampleIds,
  groupsWithStatus,
  idList,
  isOffline,
  isStopped,
  isTerminated,
  MAX_PER_RESOURCE_EVIDENCE,
  nodeCli,
  nodeLinks,
  plural,
  since,
  unique,
  utc,
} from './kit.ts';

const NOT_APPEARING_KC = {
  label: 'Knowledge Center: EC2 instance not shown as a managed node',
  url: 'https://repost.aws/knowledge-center/systems-manager-ec2-instance-not-appear',
};

/** The three requirements of a managed node (UG troubleshooting-managed-instances). */
const managedNodeRequirements = (region: string): string[] => [
  'Make sure the SSM Agent is installed and running on a supported OS (`sudo systemctl status amazon-ssm-agent`; Windows: `Get-Service AmazonSSMAgent`).',
  'Give the node credentials: an instance profile with the AmazonSSMManagedInstanceCore policy, or Default Host Management Configuration (needs IMDSv2 and agent ≥ 3.2.582.0).',
  `Allow HTTPS (TCP 443) outbound to ssm.${region}.amazonaws.com, ssmmessages.${region}.amazonaws.com and ec2messages.${region}.amazonaws.com — through a NAT/internet gateway or interface VPC endpoints; check any proxy configuration.`,
  `Make sure the node registers in ${region}: associations and managed nodes are regional.`,
  'Run the AWSSupport-TroubleshootManagedInstance runbook, or `sudo ssm-cli get-diagnostics --output table` on the node (agent ≥ 3.1.501.0).',
];

const nodesOf = (f: InvestigationFacts): NodeFacts[] => f.nodes ?? [];

const pingEvidence = (f: InvestigationFacts, n: NodeFacts): Evidence => ({
  field: `DescribeInstanceInformation(${n.instanceId}).PingStatus`,
  value: n.lastPingAt ? `${n.pingStatus} (last ping ${since(f.now, n.lastPingAt)})` : `${n.pingStatus}`,
});

const noRecordEvidence = (n: NodeFacts): Evidence => ({
  field: `DescribeInstanceInformation(InstanceIds=${n.instanceId})`,
  value: '[] — no managed-node record',
});

const ec2StateEvidence = (n: NodeFacts): Evidence[] =>
  n.ec2?.state ? [{ field: `ec2:DescribeInstances(${n.instanceId}).State.Name`, value: n.ec2.state }] : [];

const targetStatusEvidence = (n: NodeFacts): Evidence[] =>
  n.targetStatus
    ? [
        {
          field: `DescribeAssociationExecutionTargets(${n.instanceId}).Status`,
          value: n.targetDetailedStatus ? `${n.targetStatus} / ${n.targetDetailedStatus}` : n.targetStatus,
        },
      ]
    : [];

const perNode = (nodes: NodeFacts[], evidence: (n: NodeFacts) => Evidence[]): Evidence[] =>
  nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).flatMap(evidence);

const nodeTitle = (nodes: NodeFacts[], one: string, many: string): string =>
  nodes.length === 1 ? `Target node ${nodes[0]?.instanceId} ${one}` : `${nodes.length} target nodes ${many}`;

const ec2Links = (f: InvestigationFacts, nodes: NodeFacts[]) =>
  nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => consoleLinks.ec2Instance(f.scope, n.instanceId));

const ec2Cli = (f: InvestigationFacts, nodes: NodeFacts[]) =>
  nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => cli.ec2Instance(f.scope, n.instanceId));

// `managed` is undefined when DescribeInstanceInformation could not be read: unknown is not unmanaged.
const unmanagedRunning = (n: NodeFacts): boolean => n.managed === false && !isStopped(n) && !isTerminated(n);

export const notManaged: Check = {
  id: 'node.not-managed',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f) => {
    const nodes = nodesOf(f).filter(unmanagedRunning);
    if (nodes.length === 0) return [];
    const neverSeen = nodes.every((n) => n.ec2 === undefined);
    return [
      finding({
        id: 'node.not-managed',
        severity: 'critical',
        title: nodeTitle(nodes, 'is not a managed node', 'are not managed nodes'),
        summary: neverSeen
          ? `Systems Manager has no record of ${idList(nodes.map((n) => n.instanceId))} in ${f.scope.region}: it never registered (or was deregistered), so the association cannot reach it.`
          : `The instance is running but Systems Manager has no record of it (DescribeInstanceInformation returns nothing): the SSM Agent never registered or stopped reporting, so the association cannot reach it.`,
        evidence: perNode(nodes, (n) => [noRecordEvidence(n), ...ec2StateEvidence(n), ...targetStatusEvidence(n)]),
        remediation: managedNodeRequirements(f.scope.region),
        links: [...ec2Links(f, nodes), NOT_APPEARING_KC],
        cli: [...nodeCli(f, nodes), ...ec2Cli(f, nodes)],
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
};

const notRunningCheck = (
  id: string,
  state: string,
  select: (n: NodeFacts) => boolean,
  remediation: string[],
): Check => ({
  id,
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f) => {
    const nodes = nodesOf(f).filter((n) => n.managed === false && select(n));
    if (nodes.length === 0) return [];
    return [
      finding({
        id,
        severity: 'error',
        title: nodeTitle(nodes, `is ${state}`, `are ${state}`),
        summary: `The EC2 instance is ${state}. Systems Manager lists no managed node for stopped or terminated instances, so the association cannot run there and its targets stay Pending or fail.`,
        evidence: perNode(nodes, (n) => [...ec2StateEvidence(n), noRecordEvidence(n), ...targetStatusEvidence(n)]),
        remediation,
        links: [...ec2Links(f, nodes), ...associationLinks(f)],
        cli: ec2Cli(f, nodes),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
});

export const nodeStopped = notRunningCheck('node.stopped', 'stopped', isStopped, [
  'Start the instance if it should be managed; the agent reconnects and the association runs at the next schedule (or run it now with start-associations-once).',
  'If the instance is meant to stay stopped, take it out of the association targets (remove the tag or the instance id).',
]);

export const nodeTerminated = notRunningCheck('node.terminated', 'terminated', isTerminated, [
  'Remove the terminated instance from the association targets (its instance id, or the tag on a replacement).',
  'If an Auto Scaling group replaced it, target by tag or resource group instead of instance ids.',
]);

const offlinePingCheck = (
  id: string,
  ping: string,
  severity: Severity,
  title: [one: string, many: string],
  summary: string,
): Check => ({
  id,
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f) => {
    const nodes = nodesOf(f).filter((n) => n.managed && n.pingStatus === ping);
    if (nodes.length === 0) return [];
    return [
      finding({
        id,
        severity,
        title: nodeTitle(nodes, ...title),
        summary,
        evidence: perNode(nodes, (n) => [
          pingEvidence(f, n),
          ...(n.lastPingAt
            ? [{ field: `DescribeInstanceInformation(${n.instanceId}).LastPingDateTime`, value: utc(n.lastPingAt) }]
            : []),
          ...ec2StateEvidence(n),
        ]),
        remediation: [
          'A healthy agent pings every 5 minutes: check that the agent process is running and look for credential or endpoint errors in its log.',
          ...managedNodeRequirements(f.scope.region),
        ],
        links: [...nodeLinks(f, nodes), NOT_APPEARING_KC],
        cli: nodeCli(f, nodes),
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
});

export const connectionLost = offlinePingCheck(
  'node.connection-lost',
  'ConnectionLost',
  'critical',
  [
    'lost its connection to Systems Manager (ConnectionLost)',
    'lost their connection to Systems Manager (ConnectionLost)',
  ],
  'The SSM Agent stopped pinging Systems Manager, so it cannot receive the association: targets on this node stay Pending or end DeliveryTimedOut.',
);

export const inactive = offlinePingCheck(
  'node.inactive',
  'Inactive',
  'error',
  ['is Inactive in Systems Manager', 'are Inactive in Systems Manager'],
  'Systems Manager marks the node Inactive: it has not reported for a long time or was deregistered, so the association cannot reach it.',
);

export const targetsStuckOffline: Check = {
  id: 'node.targets-stuck-offline',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f) => {
    const waiting = new Set(['Pending', 'InProgress']);
    const nodes = nodesOf(f).filter((n) => waiting.has(n.targetStatus ?? '') && isOffline(n));
    if (nodes.length === 0) return [];
    return [
      finding({
        id: 'node.targets-stuck-offline',
        severity: 'error',
        title: `${plural(nodes.length, 'target')} stuck Pending/InProgress on offline nodes`,
        summary:
          'These targets wait for nodes whose agent cannot be reached; they stay Pending or InProgress until the agent is back or the delivery times out. Fix the node connection, not the document.',
        evidence: perNode(nodes, (n) => [
          ...targetStatusEvidence(n),
          n.managed ? pingEvidence(f, n) : noRecordEvidence(n),
        ]),
        remediation: [
          'Bring the node back online first (see the managed-node finding): agent running, credentials, HTTPS 443 to the SSM endpoints.',
          'Once the node is Online, run the association again instead of waiting for the schedule.',
        ],
        links: [...nodeLinks(f, nodes), ...associationLinks(f)],
        cli: [...nodeCli(f, nodes), ...(f.association ? [cli.startOnce(f.scope, f.association.associationId)] : [])],
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
};

const undeliveredEvidence = (groups: ExecutionTargetGroup[], status: string): Evidence[] =>
  groups.slice(0, MAX_PER_RESOURCE_EVIDENCE).map(({ executionId, group }) => ({
    field: `DescribeAssociationExecutionTargets(ExecutionId=${executionId}).${group.detailedStatus === status ? 'DetailedStatus' : 'Status'}`,
    value: `${status} (${plural(group.count, 'target')}${group.samples.length ? `, e.g. ${idList(group.samples.map((s) => s.resourceId))}` : ''})`,
  }));

const executionTargetsCli = (f: InvestigationFacts, groups: ExecutionTargetGroup[]): string[] => {
  const associationId = f.association?.associationId;
  return associationId
    ? groups.map(({ executionId }) => cli.executionTargets(f.scope, associationId, executionId))
    : [];
};

const undeliveredCheck = (id: string, status: string, summary: string, remediation: string[]): Check => ({
  id,
  step: 'targets',
  applies: (f) => f.latestTargets !== undefined || f.failedTargets !== undefined,
  run: (f): Finding[] => {
    const groups = groupsWithStatus(f, status);
    if (groups.length === 0) return [];
    const ids = groupSampleIds(groups);
    const known = nodesOf(f).filter((n) => ids.includes(n.instanceId));
    const count = groups.reduce((sum, { group }) => sum + group.count, 0);
    return [
      finding({
        id,
        severity: 'error',
        title: `${plural(count, 'target')} ${status}: the command never reached the node`,
        summary,
        evidence: [
          ...undeliveredEvidence(groups, status),
          ...known
            .slice(0, MAX_PER_RESOURCE_EVIDENCE)
            .map((n) => (n.managed ? pingEvidence(f, n) : noRecordEvidence(n))),
        ],
        remediation,
        links: [...nodeLinks(f, known), ...associationLinks(f)],
        cli: unique([
          ...executionTargetsCli(f, groups),
          ...ids.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((i) => cli.instanceInformation(f.scope, i)),
        ]),
        logPaths: agentLogPaths(commonPlatform(known)),
        resources: ids,
        step: 'targets',
      }),
    ];
  },
});

export const deliveryTimedOut = undeliveredCheck(
  'node.delivery-timed-out',
  'DeliveryTimedOut',
  'The agent did not pick up (or did not acknowledge) the command before the delivery timeout. This is a node-reachability problem, not a script failure — and DeliveryTimedOut targets do not count toward MaxErrors.',
  [
    'Check PingStatus of the nodes: an offline agent is the usual cause (agent stopped, credentials, HTTPS 443 to the SSM endpoints).',
    'If the node is Online, look in the agent log around the execution time: agent restarts, self-updates and worker crashes can drop commands (aws/amazon-ssm-agent#569, #430).',
    'Run the association again once the node is reachable.',
  ],
);

export const undeliverable = undeliveredCheck(
  'node.undeliverable',
  'Undeliverable',
  'Systems Manager could not deliver the command: the node may no longer exist or is not responding. Undeliverable targets do not count toward MaxErrors.',
  [
    'Check that the node still exists and is a managed node that pings Online in this Region.',
    'Remove nodes that no longer exist from the targets (instance ids, tags, resource group).',
  ],
);

/** Target statuses that do not explain, by themselves, why the node has no association rows. */
const UNEXPLAINED = new Set(['Pending', 'InProgress', 'Success']);
const isAutomation = (f: InvestigationFacts): boolean =>
  f.document?.found === true && f.document.documentType === 'Automation';

export const noAssociationRows: Check = {
  id: 'node.no-association-status',
  step: 'nodes',
  // Automation runbooks do not run through the node's agent, so their nodes have no association rows.
  // Before the first run (e.g. ApplyOnlyAtCronInterval) a node has no row to report yet.
  applies: (f) => f.nodes !== undefined && !isAutomation(f) && (f.executions?.length ?? 0) > 0,
  run: (f) => {
    const nodes = nodesOf(f).filter(
      (n) =>
        n.managed === true &&
        n.pingStatus === 'Online' &&
        n.allAssociations !== undefined &&
        n.allAssociations.length === 0 &&
        // A target that failed for a reason of its own (timed out, wrong platform) is explained by that reason.
        (n.targetStatus === undefined || UNEXPLAINED.has(n.targetStatus)),
    );
    if (nodes.length === 0) return [];
    return [
      finding({
        id: 'node.no-association-status',
        // A symptom worth a look, not a root cause: the agent may simply not have polled yet.
        severity: 'warning',
        title: nodeTitle(nodes, 'reports no associations at all', 'report no associations at all'),
        summary:
          'The node is managed but DescribeInstanceAssociationsStatus is empty: its registration has not completed or failed, so the agent has not picked up any association.',
        evidence: perNode(nodes, (n) => [
          { field: `DescribeInstanceAssociationsStatus(${n.instanceId}).InstanceAssociationStatusInfos`, value: '[]' },
          pingEvidence(f, n),
        ]),
        remediation: [
          'The agent polls for associations every 10 minutes by default; if the node registered recently, wait one polling interval.',
          'Otherwise restart the agent and look in its log for `Unable to load instance associations`.',
          'Make sure the node credentials allow ssm:ListInstanceAssociations, ssm:DescribeAssociation, ssm:GetDocument and ssm:UpdateInstanceAssociationStatus (AmazonSSMManagedInstanceCore).',
        ],
        links: nodeLinks(f, nodes),
        cli: nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => cli.instanceAssociations(f.scope, n.instanceId)),
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
};

export const nodeChecks: Check[] = [
  notManaged,
  nodeStopped,
  nodeTerminated,
  connectionLost,
  inactive,
  targetsStuckOffline,
  deliveryTimedOut,
  undeliverable,
  noAssociationRows,
];
