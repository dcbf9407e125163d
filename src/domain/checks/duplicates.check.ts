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
  idList,
  lineMatching,
  MAX_PER_RESOURCE_EVIDENCE,
  nodeLinks,
  plural,
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
  run: (f) => {
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
          value: `${plural(associationIds.length, `${INVENTORY_DOCUMENT} association`)}: ${idList(associationIds, 4)}`,
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
        title: `More than one inventory association targets ${idList(resources)}`,
        summary:
          'A node can have only one AWS-GatherSoftwareInventory association; with two or more, the aws:softwareInventory plugin fails with "detected multiple inventory configurations".',
        evidence: uniqueEvidence(evidence).slice(0, 2 * MAX_PER_RESOURCE_EVIDENCE),
        remediation: [
          'Keep one inventory association per node: delete the extra one(s), or narrow their targets so they do not overlap.',
          'Quick Setup (Host Management) creates its own inventory association — remove yours or the Quick Setup one.',
          `List them: \`${listInventoryCli(f)}\`.`,
        ],
        links: [...nodeLinks(f, nodes), ...associationLinks(f)],
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
  f.association.targets.some((t) => t.key === 'InstanceIds' && t.values.includes('*'));

export const globalInventorySkipped: Check = {
  id: 'inventory.global-skipped',
  step: 'nodes',
  applies: (f) => isGlobalInventory(f),
  run: (f) => {
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
        title: `The global inventory association skipped ${resources.length ? idList(resources) : 'some nodes'}`,
        summary:
          'A global inventory association (InstanceIds = *) skips nodes that already have their own inventory association: they report Skipped, not Failed. Inventory still runs there through the other association.',
        evidence: [
          { field: 'DescribeAssociation.Targets', value: 'InstanceIds = *' },
          { field: 'DescribeAssociation.Name', value: INVENTORY_DOCUMENT },
          ...groups.slice(0, MAX_PER_RESOURCE_EVIDENCE).map(({ executionId, group }) => ({
            field: `DescribeAssociationExecutionTargets(ExecutionId=${executionId}).Status`,
            value: `Skipped (${plural(group.count, 'target')})`,
          })),
          ...nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => ({
            field: `DescribeInstanceAssociationsStatus(${n.instanceId}).Status`,
            value: n.associationStatus?.status ?? `${n.targetStatus}`,
          })),
        ],
        remediation: [
          'Nothing is broken if the other inventory association is the one you want on those nodes.',
          'To have the global association cover them, delete the node-specific inventory association.',
        ],
        links: [...nodeLinks(f, nodes), ...associationLinks(f)],
        cli: [listInventoryCli(f)],
        resources,
        step: 'nodes',
      }),
    ];
  },
};

export const duplicateChecks: Check[] = [multipleInventory, globalInventorySkipped];
