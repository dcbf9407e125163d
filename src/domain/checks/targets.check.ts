// §3.4 — executions exist, but the targets resolved to no node.
import type { AssociationFacts, InvestigationFacts } from '../facts.ts';
import type { Check, Evidence } from '../finding.ts';
import { cli } from '../references.ts';
import { associationLinks, finding, selectorText } from './kit.ts';

const TARGETS_DOC = {
  label: 'Understanding targets and rate controls in State Manager associations',
  url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-state-manager-targets-and-rate-controls.html',
};

const isEmpty = (record: Record<string, number>) => Object.values(record).every((n) => n === 0);

/** Remediation for the kinds of selector the association uses (UG targets and rate controls). */
function targetingRules(f: InvestigationFacts, a: AssociationFacts): string[] {
  const keys = a.targets.map((t) => t.key);
  const tags = a.targets.filter((t) => t.key.startsWith('tag:'));
  const rules: string[] = [];
  if (tags.length > 0) {
    const filters = tags.map((t) => `Key=${t.key},Values=${t.values.join(',')}`).join(' ');
    rules.push(
      `See which managed nodes carry the tags: \`aws ssm describe-instance-information --filters ${filters} --region ${f.scope.region}\` — tag keys and values are case-sensitive; EC2 nodes use their EC2 tags, hybrid nodes their SSM tags.`,
      'Several values of one tag key match any of them (OR); several tag keys must ALL match (AND) — a node needs every key.',
      'Tag-targeted associations apply to newly tagged nodes right away only for Command/Policy documents, not Automation runbooks.',
    );
  }
  if (keys.some((k) => k.startsWith('resource-groups:'))) {
    rules.push(
      'Check the resource group query returns the nodes: only one group, no nesting, at most 5 tag keys and 5 values per key; a group of type AWS::SSM::ManagedInstance covers EC2 and hybrid nodes; a deleted group stops the association.',
    );
  }
  if (keys.includes('InstanceIds') || a.instanceId) {
    rules.push(
      'The listed instance ids must be managed nodes (PingStatus Online) in this Region; InstanceIds=* targets every managed node.',
    );
  }
  rules.push(
    `Associations are regional: the nodes must be managed nodes in ${f.scope.region}. Removing a tag from a node disassociates it.`,
  );
  return rules;
}

export const noTargetsMatched: Check = {
  id: 'targets.none-matched',
  step: 'targets',
  applies: (f) => f.association !== undefined && (f.executions?.length ?? 0) > 0,
  run: (f) => {
    const a = f.association;
    const latest = f.executions?.[0];
    if (!a || !latest) return [];
    const listed = f.latestTargets?.executionId === latest.executionId ? f.latestTargets : undefined;
    const noInstancesInTag = /NoInstancesInTag/i.test(`${latest.status} ${latest.detailedStatus ?? ''}`);
    const zeroTargets = listed ? listed.total === 0 : isEmpty(latest.resourceCounts);
    if (!noInstancesInTag && !(zeroTargets && isEmpty(a.statusCounts))) return [];
    const selector = selectorText(a);
    const evidence: Evidence[] = [
      { field: 'DescribeAssociation.Targets', value: selector },
      {
        field: `DescribeAssociationExecutions(${latest.executionId}).ResourceCountByStatus`,
        value: latest.resourceCountsRaw?.trim() || '{}',
      },
      ...(listed
        ? [{ field: `DescribeAssociationExecutionTargets(${latest.executionId})`, value: '[] (0 targets)' }]
        : []),
      ...(noInstancesInTag
        ? [
            {
              field: `DescribeAssociationExecutions(${latest.executionId}).DetailedStatus`,
              value: `${latest.detailedStatus ?? latest.status}`,
            },
          ]
        : []),
      { field: 'DescribeAssociation.Overview.AssociationStatusAggregatedCount', value: JSON.stringify(a.statusCounts) },
    ];
    return [
      finding({
        id: 'targets.none-matched',
        severity: 'error',
        title: `No targets matched ${selector}`,
        summary:
          'The association ran, but its targets resolved to no managed node, so nothing was applied anywhere. The status can even show Success with zero nodes.',
        evidence,
        remediation: targetingRules(f, a),
        links: [...associationLinks(f), TARGETS_DOC],
        cli: [
          cli.describeAssociation(f.scope, a.associationId),
          cli.executionTargets(f.scope, a.associationId, latest.executionId),
        ],
        step: 'targets',
      }),
    ];
  },
};

/** §3.4 + §2.7 for an association that never ran: its tag selectors resolve to no managed node today. */
export const neverRanNoMatch: Check = {
  id: 'targets.never-ran-no-match',
  step: 'nodes',
  applies: (f) => f.association !== undefined && f.executions?.length === 0 && (f.targetResolution?.length ?? 0) > 0,
  run: (f) => {
    const a = f.association;
    const resolution = f.targetResolution ?? [];
    if (!a) return [];
    const empty = resolution.filter((r) => r.matched === 0);
    // Several tag keys must all match; with every list complete (one page), an empty intersection means no node.
    const complete = resolution.every((r) => !r.more);
    const [first, ...rest] = resolution.map((r) => r.sample);
    const andEmpty =
      empty.length === 0 &&
      resolution.length > 1 &&
      complete &&
      !(first ?? []).some((id) => rest.every((l) => l.includes(id)));
    if (empty.length === 0 && !andEmpty) return [];
    const evidence: Evidence[] = [
      { field: 'DescribeAssociation.Targets', value: selectorText(a) },
      { field: 'DescribeAssociationExecutions', value: '[] (never ran)' },
      ...resolution.map((r) => ({
        field: `DescribeInstanceInformation(Filters=[${r.key}=${r.values.join(',')}]).InstanceInformationList`,
        value:
          r.matched === 0
            ? '[] (no managed node)'
            : `${r.more ? `more than ${r.matched}` : r.matched} node(s), e.g. ${r.sample.slice(0, 3).join(', ')}`,
      })),
    ];
    return [
      finding({
        id: 'targets.never-ran-no-match',
        severity: 'error',
        title: andEmpty
          ? `No managed node carries every tag of ${selectorText(a)}`
          : `${empty.map((r) => `${r.key} = ${r.values.join(', ')}`).join(' and ')} matches no managed node`,
        summary: andEmpty
          ? 'Each tag matches some nodes, but the association needs a node with ALL of them (several tag keys are ANDed), and none has.'
          : 'The association has never run, and its tag selector matches no managed node in this Region today, so there is nothing to run on.',
        evidence,
        remediation: targetingRules(f, a),
        links: [...associationLinks(f), TARGETS_DOC],
        cli: [cli.describeAssociation(f.scope, a.associationId)],
        step: 'nodes',
      }),
    ];
  },
};

export const targetChecks: Check[] = [noTargetsMatched, neverRanNoMatch];
