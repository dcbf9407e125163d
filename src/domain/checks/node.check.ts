// §3.1 — the target node is not a managed node, or its agent is offline.

import type { Catalog } from '../../i18n/index.ts';
import type { InvestigationFacts, NodeFacts } from '../facts.ts';
import type { Check, Evidence, Finding, Link, Severity } from '../finding.ts';
import { agentLogPaths, cli, consoleLinks } from '../references.ts';
import {
  associationLinks,
  commonPlatform,
  type ExecutionTargetGroup,
  finding,
  groupSampleIds,
  groupsWithStatus,
  isOffline,
  isStopped,
  isTerminated,
  MAX_PER_RESOURCE_EVIDENCE,
  nodeCli,
  nodeLinks,
  unique,
} from './kit.ts';

const notAppearingKc = (t: Catalog): Link => ({
  label: t.findings.node.notAppearingLink,
  url: 'https://repost.aws/knowledge-center/systems-manager-ec2-instance-not-appear',
});

/** The three requirements of a managed node (UG troubleshooting-managed-instances). */
const managedNodeRequirements = (region: string, t: Catalog): string[] => t.findings.node.requirements(region);

const nodesOf = (f: InvestigationFacts): NodeFacts[] => f.nodes ?? [];

const pingEvidence = (f: InvestigationFacts, n: NodeFacts, t: Catalog): Evidence => ({
  field: `DescribeInstanceInformation(${n.instanceId}).PingStatus`,
  value: n.lastPingAt
    ? t.findings.node.lastPing(`${n.pingStatus}`, t.words.since(f.now, n.lastPingAt))
    : `${n.pingStatus}`,
});

const noRecordEvidence = (n: NodeFacts, t: Catalog): Evidence => ({
  field: `DescribeInstanceInformation(InstanceIds=${n.instanceId})`,
  value: t.findings.node.noRecord,
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

/** The title of a finding about target nodes: one node by id, or how many. */
const nodeTitle = (nodes: NodeFacts[], title: (count: number, first: string) => string): string =>
  title(nodes.length, `${nodes[0]?.instanceId}`);

const ec2Links = (f: InvestigationFacts, nodes: NodeFacts[], t: Catalog) =>
  nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => consoleLinks.ec2Instance(f.scope, n.instanceId, t.lang));

const ec2Cli = (f: InvestigationFacts, nodes: NodeFacts[]) =>
  nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => cli.ec2Instance(f.scope, n.instanceId));

// `managed` is undefined when DescribeInstanceInformation could not be read: unknown is not unmanaged.
const unmanagedRunning = (n: NodeFacts): boolean => n.managed === false && !isStopped(n) && !isTerminated(n);

export const notManaged: Check = {
  id: 'node.not-managed',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f, t) => {
    const say = t.findings.node.notManaged;
    const nodes = nodesOf(f).filter(unmanagedRunning);
    if (nodes.length === 0) return [];
    const neverSeen = nodes.every((n) => n.ec2 === undefined);
    return [
      finding({
        id: 'node.not-managed',
        severity: 'critical',
        title: nodeTitle(nodes, say.title),
        summary: neverSeen
          ? say.neverSeen(t.words.idList(nodes.map((n) => n.instanceId)), f.scope.region)
          : say.summary,
        evidence: perNode(nodes, (n) => [noRecordEvidence(n, t), ...ec2StateEvidence(n), ...targetStatusEvidence(n)]),
        remediation: managedNodeRequirements(f.scope.region, t),
        links: [...ec2Links(f, nodes, t), notAppearingKc(t)],
        cli: [...nodeCli(f, nodes), ...ec2Cli(f, nodes)],
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
};

const notRunningCheck = (id: string, state: 'stopped' | 'terminated', select: (n: NodeFacts) => boolean): Check => ({
  id,
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f, t) => {
    const say = t.findings.node[state];
    const nodes = nodesOf(f).filter((n) => n.managed === false && select(n));
    if (nodes.length === 0) return [];
    return [
      finding({
        id,
        severity: 'error',
        title: nodeTitle(nodes, say.title),
        summary: say.summary,
        evidence: perNode(nodes, (n) => [...ec2StateEvidence(n), noRecordEvidence(n, t), ...targetStatusEvidence(n)]),
        remediation: [...say.remediation],
        links: [...ec2Links(f, nodes, t), ...associationLinks(f, t)],
        cli: ec2Cli(f, nodes),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
});

export const nodeStopped = notRunningCheck('node.stopped', 'stopped', isStopped);

export const nodeTerminated = notRunningCheck('node.terminated', 'terminated', isTerminated);

const offlinePingCheck = (
  id: string,
  ping: string,
  severity: Severity,
  text: 'connectionLost' | 'inactive',
): Check => ({
  id,
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f, t) => {
    const say = t.findings.node[text];
    const nodes = nodesOf(f).filter((n) => n.managed && n.pingStatus === ping);
    if (nodes.length === 0) return [];
    return [
      finding({
        id,
        severity,
        title: nodeTitle(nodes, say.title),
        summary: say.summary,
        evidence: perNode(nodes, (n) => [
          pingEvidence(f, n, t),
          ...(n.lastPingAt
            ? [
                {
                  field: `DescribeInstanceInformation(${n.instanceId}).LastPingDateTime`,
                  value: t.words.dateTime(n.lastPingAt),
                },
              ]
            : []),
          ...ec2StateEvidence(n),
        ]),
        remediation: [t.findings.node.pingEvery5Minutes, ...managedNodeRequirements(f.scope.region, t)],
        links: [...nodeLinks(f, nodes, t), notAppearingKc(t)],
        cli: nodeCli(f, nodes),
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
});

export const connectionLost = offlinePingCheck('node.connection-lost', 'ConnectionLost', 'critical', 'connectionLost');

export const inactive = offlinePingCheck('node.inactive', 'Inactive', 'error', 'inactive');

export const targetsStuckOffline: Check = {
  id: 'node.targets-stuck-offline',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f, t) => {
    const say = t.findings.node.stuckOffline;
    const waiting = new Set(['Pending', 'InProgress']);
    const nodes = nodesOf(f).filter((n) => waiting.has(n.targetStatus ?? '') && isOffline(n));
    if (nodes.length === 0) return [];
    return [
      finding({
        id: 'node.targets-stuck-offline',
        severity: 'error',
        title: say.title(nodes.length),
        summary: say.summary,
        evidence: perNode(nodes, (n) => [
          ...targetStatusEvidence(n),
          n.managed ? pingEvidence(f, n, t) : noRecordEvidence(n, t),
        ]),
        remediation: [...say.remediation],
        links: [...nodeLinks(f, nodes, t), ...associationLinks(f, t)],
        cli: [...nodeCli(f, nodes), ...(f.association ? [cli.startOnce(f.scope, f.association.associationId)] : [])],
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
};

const undeliveredEvidence = (groups: ExecutionTargetGroup[], status: string, t: Catalog): Evidence[] =>
  groups.slice(0, MAX_PER_RESOURCE_EVIDENCE).map(({ executionId, group }) => ({
    field: `DescribeAssociationExecutionTargets(ExecutionId=${executionId}).${group.detailedStatus === status ? 'DetailedStatus' : 'Status'}`,
    value: t.findings.node.undelivered.value(
      status,
      group.count,
      group.samples.length ? t.words.idList(group.samples.map((s) => s.resourceId)) : undefined,
    ),
  }));

const executionTargetsCli = (f: InvestigationFacts, groups: ExecutionTargetGroup[]): string[] => {
  const associationId = f.association?.associationId;
  return associationId
    ? groups.map(({ executionId }) => cli.executionTargets(f.scope, associationId, executionId))
    : [];
};

const undeliveredCheck = (id: string, status: string, text: 'deliveryTimedOut' | 'undeliverable'): Check => ({
  id,
  step: 'targets',
  applies: (f) => f.latestTargets !== undefined || f.failedTargets !== undefined,
  run: (f, t): Finding[] => {
    const say = t.findings.node.undelivered;
    const groups = groupsWithStatus(f, status);
    if (groups.length === 0) return [];
    const ids = groupSampleIds(groups);
    const known = nodesOf(f).filter((n) => ids.includes(n.instanceId));
    const count = groups.reduce((sum, { group }) => sum + group.count, 0);
    return [
      finding({
        id,
        severity: 'error',
        title: say.title(count, status),
        summary: say[text].summary,
        evidence: [
          ...undeliveredEvidence(groups, status, t),
          ...known
            .slice(0, MAX_PER_RESOURCE_EVIDENCE)
            .map((n) => (n.managed ? pingEvidence(f, n, t) : noRecordEvidence(n, t))),
        ],
        remediation: [...say[text].remediation],
        links: [...nodeLinks(f, known, t), ...associationLinks(f, t)],
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

export const deliveryTimedOut = undeliveredCheck('node.delivery-timed-out', 'DeliveryTimedOut', 'deliveryTimedOut');

export const undeliverable = undeliveredCheck('node.undeliverable', 'Undeliverable', 'undeliverable');

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
  run: (f, t) => {
    const say = t.findings.node.noAssociationRows;
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
        title: nodeTitle(nodes, say.title),
        summary: say.summary,
        evidence: perNode(nodes, (n) => [
          { field: `DescribeInstanceAssociationsStatus(${n.instanceId}).InstanceAssociationStatusInfos`, value: '[]' },
          pingEvidence(f, n, t),
        ]),
        remediation: [...say.remediation],
        links: nodeLinks(f, nodes, t),
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
