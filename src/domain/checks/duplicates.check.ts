// §3.12 / §3.14 — one inventory association per node: duplicates fail, a global one is skipped.
import type { InvestigationFacts, NodeFacts } from '../facts.ts';
import type { Check, Evidence } from '../finding.ts';
import { agentLogPaths, cli } from '../references.ts';
import {
  associationLinks,
  commonPlatform,
  finding,
  groupSampleIds,
  groupsWithStatus,
  lineMatching,
  MAX_PER_RESOURCE_EVIDENCE,
  nodeLinks,
  unique,
  uniqueEvidence,
} from './kit.ts';

const INVENTORY_DOCUMENT = 'AWS-GatherSoftwareInventory';
const MULTIPLE_INVENTORY = /detected multiple inventory configurations/i;

const inventoryRows = (n: NodeFacts) => (n.allAssociations ?? []).filter((r) => r.documentName === INVENTORY_DOCUMENT);

const listInventoryCli = (f: InvestigationFacts) =>
  `aws ssm list-associations --association-filter-list key=Name,value=${INVENTORY_DOCUMENT} --region ${f.scope.region}`;

export const multipleInventory: Check = {
  id: 'inventory.multiple-associations',
  step: 'output',
  applies: (f) => f.nodes !== undefined || f.outputs !== undefined,
  run: (f, t) => {
    const say = t.findings.inventory.multiple;
    const evidence: Evidence[] = [];
    const ids: string[] = [];
    for (const n of f.nodes ?? []) {
      const associationIds = unique(inventoryRows(n).map((r) => r.associationId));
      const message =
        lineMatching(n.associationStatus?.executionSummary?.raw, MULTIPLE_INVENTORY) ??
        n.associationStatus?.executionSummary?.failures
          .map((x) => lineMatching(x.reason, MULTIPLE_INVENTORY))
          .find((x) => x !== undefined);
      if (associationIds.length < 2 && !message) continue;
      ids.push(n.instanceId);
      if (associationIds.length >= 2) {
        evidence.push({
          field: `DescribeInstanceAssociationsStatus(${n.instanceId})`,
          value: say.associations(associationIds.length, t.words.idList(associationIds, 4)),
        });
      }
      if (message)
        evidence.push({
          field: `DescribeInstanceAssociationsStatus(${n.instanceId}).ExecutionSummary`,
          value: message,
        });
    }
    for (const o of f.outputs ?? []) {
      const line =
        lineMatching(o.command?.stderr, MULTIPLE_INVENTORY) ?? lineMatching(o.command?.stdout, MULTIPLE_INVENTORY);
      if (!o.command || !line) continue;
      ids.push(o.resourceId);
      evidence.push({
        field: `GetCommandInvocation(${o.command.commandId}, ${o.resourceId}).StandardErrorContent`,
        value: line,
      });
    }
    if (evidence.length === 0) return [];
    const resources = unique(ids);
    const nodes = (f.nodes ?? []).filter((n) => resources.includes(n.instanceId));
    return [
      finding({
        id: 'inventory.multiple-associations',
        severity: 'error',
        title: say.title(t.words.idList(resources)),
        summary: say.summary,
        evidence: uniqueEvidence(evidence).slice(0, 2 * MAX_PER_RESOURCE_EVIDENCE),
        remediation: say.remediation(listInventoryCli(f)),
        links: [...nodeLinks(f, nodes, t), ...associationLinks(f, t)],
        cli: [
          ...nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => cli.instanceAssociations(f.scope, n.instanceId)),
          listInventoryCli(f),
        ],
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources,
        step: 'output',
      }),
    ];
  },
};

const isGlobalInventory = (f: InvestigationFacts) =>
  f.association?.documentName === INVENTORY_DOCUMENT &&
  f.association.targets.some((x) => x.key === 'InstanceIds' && x.values.includes('*'));

export const globalInventorySkipped: Check = {
  id: 'inventory.global-skipped',
  step: 'nodes',
  applies: (f) => isGlobalInventory(f),
  run: (f, t) => {
    const say = t.findings.inventory.globalSkipped;
    if (!isGlobalInventory(f)) return [];
    const nodes = (f.nodes ?? []).filter(
      (n) => n.associationStatus?.status === 'Skipped' || n.targetStatus === 'Skipped',
    );
    const groups = groupsWithStatus(f, 'Skipped');
    if (nodes.length === 0 && groups.length === 0) return [];
    const resources = unique([...nodes.map((n) => n.instanceId), ...groupSampleIds(groups)]);
    return [
      finding({
        id: 'inventory.global-skipped',
        severity: 'warning',
        title: say.title(resources.length ? t.words.idList(resources) : undefined),
        summary: say.summary,
        evidence: [
          { field: 'DescribeAssociation.Targets', value: 'InstanceIds = *' },
          { field: 'DescribeAssociation.Name', value: INVENTORY_DOCUMENT },
          ...groups.slice(0, MAX_PER_RESOURCE_EVIDENCE).map(({ executionId, group }) => ({
            field: `DescribeAssociationExecutionTargets(ExecutionId=${executionId}).Status`,
            value: t.findings.kit.statusWithTargets('Skipped', group.count),
          })),
          ...nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => ({
            field: `DescribeInstanceAssociationsStatus(${n.instanceId}).Status`,
            value: n.associationStatus?.status ?? `${n.targetStatus}`,
          })),
        ],
        remediation: [...say.remediation],
        links: [...nodeLinks(f, nodes, t), ...associationLinks(f, t)],
        cli: [listInventoryCli(f)],
        resources,
        step: 'nodes',
      }),
    ];
  },
};

export const duplicateChecks: Check[] = [multipleInventory, globalInventorySkipped];
