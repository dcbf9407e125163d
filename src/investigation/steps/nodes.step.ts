import type {
  DefaultHostManagementFacts,
  Ec2InstanceFacts,
  ExecutionTargetFacts,
  FactGap,
  InstanceAssociationStatusFacts,
  InvestigationFacts,
  NodeFacts,
  TargetResolutionFacts,
} from '../../domain/facts.ts';
import { type Catalog, texts } from '../../i18n/index.ts';
import { formatWhen } from '../format.ts';
import { attempt, mapBounded } from '../gaps.ts';
import type { StepFact } from '../ports.ts';
import { type StepDefinition, skipped } from '../step.ts';
import { isSuccessStatus } from './executions.step.ts';

const NODE_ID = /^(i|mi)-[0-9a-f]{8,17}$/;
/** Tag selectors resolved for an association that never ran (AWS allows up to 5 tag keys). */
const MAX_TAG_SELECTORS = 5;

/** Ids present in every list (AND of tag keys); no lists → none. */
function intersect(lists: string[][]): string[] {
  const [first, ...rest] = lists;
  return (first ?? []).filter((id) => rest.every((list) => list.includes(id)));
}

function resolutionLines(resolution: TargetResolutionFacts[], t: Catalog): StepFact[] {
  const say = t.thread.facts.nodes;
  return resolution.map((r) => ({
    label: `${r.key} = ${r.values.join(', ')}`,
    value: r.matched === 0 ? say.matchesNone : say.matches(r.matched, Boolean(r.more), r.sample.slice(0, 3).join(', ')),
  }));
}
/** Successful nodes inspected when nothing failed. */
const SPOT_CHECK_NODES = 2;

/** e. Nodes — for failing or pending targets: managed-node info, per-node association status, and EC2 for unmanaged ones. */
export const nodesStep: StepDefinition = {
  key: 'nodes',
  async run({ reader, associationId, now, limits, roleArn, patchOf, lang }) {
    const t = texts(lang);
    const caller = { roleArn, lang };
    const [targets, { association }, { executions }] = await Promise.all([
      patchOf('targets'),
      patchOf('association'),
      patchOf('executions'),
    ]);
    // Never ran: what do its tag selectors match today? (One page per selector, concurrently.)
    const tagSelectors =
      executions?.length === 0
        ? (association?.targets ?? []).filter((selector) => selector.key.startsWith('tag:'))
        : [];
    const resolutionCalls = await Promise.all(
      tagSelectors
        .slice(0, MAX_TAG_SELECTORS)
        .map((selector) =>
          attempt(
            'nodes',
            'DescribeInstanceInformation',
            () => reader.describeManagedNodesByTag(selector.key.slice(4), selector.values),
            caller,
          ),
        ),
    );
    const targetResolution: TargetResolutionFacts[] = tagSelectors.flatMap((selector, i) => {
      const call = resolutionCalls[i];
      if (!call?.ok) return [];
      const sample = call.value.nodes.map((n) => n.instanceId);
      return [
        {
          key: selector.key,
          values: selector.values,
          matched: call.value.nodes.length,
          more: call.value.more,
          sample: sample.slice(0, 10),
        },
      ];
    });
    const resolutionGaps = resolutionCalls.flatMap((call) => (call && !call.ok ? [call.gap] : []));

    const picked = pickNodes({ ...targets, association }, limits.nodes, limits.shownPerGroup);
    // The nodes a never-ran association would target (every tag key must match: AND).
    for (const id of intersect(targetResolution.map((r) => r.sample))) {
      if (picked.length < limits.nodes && !picked.some((p) => p.instanceId === id)) picked.push({ instanceId: id });
    }
    if (picked.length === 0) {
      if (targetResolution.length === 0)
        return { ...skipped(t, t.thread.facts.nodes.nothingToInspect), gaps: resolutionGaps };
      return { facts: resolutionLines(targetResolution, t), patch: { targetResolution }, gaps: resolutionGaps };
    }
    const ids = picked.map((p) => p.instanceId);

    // Independent: which nodes are managed, and each node's association rows.
    const [managedCall, statusCalls] = await Promise.all([
      attempt('nodes', 'DescribeInstanceInformation', () => reader.describeManagedNodes(ids), caller),
      mapBounded(ids, limits.concurrency, (id) =>
        attempt('nodes', 'DescribeInstanceAssociationsStatus', () => reader.describeInstanceAssociations(id), caller),
      ),
    ]);
    const gaps: FactGap[] = [...resolutionGaps];
    if (!managedCall.ok) gaps.push(managedCall.gap);
    const managed = new Map((managedCall.ok ? managedCall.value : []).map((n) => [n.instanceId, n]));
    const unmanagedEc2 = managedCall.ok ? ids.filter((id) => !managed.has(id) && id.startsWith('i-')) : [];

    // Dependent on the above: only unmanaged EC2 instances need EC2 and the DHMC setting.
    const [ec2Call, dhmcCall] =
      unmanagedEc2.length > 0
        ? await Promise.all([
            attempt('nodes', 'ec2:DescribeInstances', () => reader.describeEc2Instances(unmanagedEc2), caller),
            attempt('nodes', 'GetServiceSetting', () => reader.defaultHostManagement(), caller),
          ])
        : [undefined, undefined];
    for (const call of [ec2Call, dhmcCall]) if (call && !call.ok) gaps.push(call.gap);
    const ec2 = new Map<string, Ec2InstanceFacts>((ec2Call?.ok ? ec2Call.value : []).map((i) => [i.instanceId, i]));
    const dhmc: DefaultHostManagementFacts | undefined = dhmcCall?.ok ? dhmcCall.value : undefined;

    const nodes: NodeFacts[] = picked.map(({ instanceId, target }, index) => {
      const info = managed.get(instanceId);
      const statusCall = statusCalls[index];
      // An unmanaged node has no association rows: that failure is expected, not a gap.
      if (statusCall && !statusCall.ok && (info || !managedCall.ok)) gaps.push(statusCall.gap);
      const rows: InstanceAssociationStatusFacts[] = statusCall?.ok ? statusCall.value : [];
      const node: NodeFacts = { ...(info ?? { instanceId }), instanceId };
      if (managedCall.ok) node.managed = Boolean(info);
      const own = rows.find((row) => row.associationId === associationId);
      if (own) node.associationStatus = own;
      if (statusCall?.ok) node.allAssociations = rows;
      const instance = ec2.get(instanceId);
      if (instance) node.ec2 = instance;
      if (target) {
        node.targetStatus = target.status;
        if (target.detailedStatus) node.targetDetailedStatus = target.detailedStatus;
      }
      return node;
    });

    const patch: Partial<InvestigationFacts> = { nodes };
    if (dhmc) patch.dhmc = dhmc;
    if (targetResolution.length > 0) patch.targetResolution = targetResolution;
    return {
      facts: [...resolutionLines(targetResolution, t), ...nodeLines(nodes, now, dhmc, t)],
      patch,
      gaps,
      status: managedCall.ok ? undefined : 'error',
    };
  },
};

interface PickedNode {
  instanceId: string;
  target?: ExecutionTargetFacts;
}

/** Round-robin over the failing groups so each kind of failure gets a node inspected; bounded. */
export function pickNodes(
  facts: Pick<InvestigationFacts, 'latestTargets' | 'failedTargets' | 'association'>,
  max: number,
  perGroup = 3,
): PickedNode[] {
  const groups = [facts.latestTargets, facts.failedTargets]
    .flatMap((targets) => targets?.groups ?? [])
    .filter((group) => !isSuccessStatus(group.status))
    .map((group) => group.samples.filter((s) => NODE_ID.test(s.resourceId)).slice(0, perGroup));
  const picked = new Map<string, PickedNode>();
  for (let round = 0; picked.size < max && groups.some((g) => g.length > round); round++) {
    for (const group of groups) {
      const target = group[round];
      if (target && !picked.has(target.resourceId) && picked.size < max)
        picked.set(target.resourceId, { instanceId: target.resourceId, target });
    }
  }
  if (picked.size === 0) {
    // Nothing failing: spot-check a couple of successful nodes (an all-skipped run still reports Success).
    const successes = [facts.latestTargets, facts.failedTargets]
      .flatMap((targets) => targets?.groups ?? [])
      .filter((group) => isSuccessStatus(group.status))
      .flatMap((group) => group.samples.filter((s) => NODE_ID.test(s.resourceId)));
    for (const target of successes.slice(0, Math.min(SPOT_CHECK_NODES, max)))
      picked.set(target.resourceId, { instanceId: target.resourceId, target });
  }
  if (picked.size === 0 && facts.association) {
    // Never ran, or no failing target: fall back to the instances the association names explicitly.
    const named = [
      facts.association.instanceId,
      ...facts.association.targets.filter((t) => t.key === 'InstanceIds').flatMap((t) => t.values),
    ].filter((id): id is string => id !== undefined && NODE_ID.test(id));
    for (const id of named.slice(0, max)) picked.set(id, { instanceId: id });
  }
  return [...picked.values()];
}

function nodeLines(
  nodes: NodeFacts[],
  now: Date,
  dhmc: DefaultHostManagementFacts | undefined,
  t: Catalog,
): StepFact[] {
  const say = t.thread.facts.nodes;
  const lines: StepFact[] = nodes.map((node) => ({ label: node.instanceId, value: describeNode(node, now, t) }));
  if (nodes.some((n) => n.managed === false)) {
    lines.push({
      label: say.dhmc,
      value: dhmc ? (dhmc.roleName ? say.dhmcOn(dhmc.roleName) : say.dhmcOff) : say.dhmcUnchecked,
    });
  }
  return lines;
}

function describeNode(node: NodeFacts, now: Date, t: Catalog): string {
  const say = t.thread.facts.nodes;
  const parts: string[] = [];
  if (node.managed === false) {
    parts.push(say.notManaged);
    if (node.ec2) {
      parts.push(
        say.ec2(node.ec2.state),
        node.ec2.instanceProfileArn ? say.profile(node.ec2.instanceProfileArn.split('/').pop()) : say.noProfile,
      );
    }
  } else if (node.managed === true) {
    parts.push(say.ping(node.pingStatus, formatWhen(node.lastPingAt, now, t)));
    if (node.agentVersion) parts.push(say.agent(node.agentVersion));
    if (node.platformName || node.platformType)
      parts.push(`${node.platformName ?? node.platformType} ${node.platformVersion ?? ''}`.trim());
    parts.push(node.iamRole ? say.role(node.iamRole) : say.noRole);
  }
  const row = node.associationStatus;
  if (row) {
    parts.push(
      say.association(`${row.status ?? '?'}${row.detailedStatus ? `/${row.detailedStatus}` : ''}`, row.errorCode),
    );
  } else if (node.targetStatus) {
    parts.push(say.target(`${node.targetStatus}${node.targetDetailedStatus ? `/${node.targetDetailedStatus}` : ''}`));
  }
  return parts.join(' · ');
}
