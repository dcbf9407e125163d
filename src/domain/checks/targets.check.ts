// §3.4 — executions exist, but the targets resolved to no node.

import type { Catalog } from '../../i18n/index.ts';
import type { AssociationFacts, InvestigationFacts } from '../facts.ts';
import type { Check, Evidence, Link } from '../finding.ts';
import { cli } from '../references.ts';
import { associationLinks, finding, selectorText } from './kit.ts';

const targetsDoc = (t: Catalog): Link => ({
  label: t.findings.targets.docLink,
  url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-state-manager-targets-and-rate-controls.html',
});

const isEmpty = (record: Record<string, number>) => Object.values(record).every((n) => n === 0);

/** Remediation for the kinds of selector the association uses (UG targets and rate controls). */
function targetingRules(f: InvestigationFacts, a: AssociationFacts, t: Catalog): string[] {
  const say = t.findings.targets.rules;
  const keys = a.targets.map((x) => x.key);
  const tags = a.targets.filter((x) => x.key.startsWith('tag:'));
  const rules: string[] = [];
  if (tags.length > 0) {
    const filters = tags.map((x) => `Key=${x.key},Values=${x.values.join(',')}`).join(' ');
    rules.push(
      say.tags(`aws ssm describe-instance-information --filters ${filters} --region ${f.scope.region}`),
      say.tagLogic,
      say.newlyTagged,
    );
  }
  if (keys.some((k) => k.startsWith('resource-groups:'))) rules.push(say.resourceGroup);
  if (keys.includes('InstanceIds') || a.instanceId) rules.push(say.instanceIds);
  rules.push(say.regional(f.scope.region));
  return rules;
}

export const noTargetsMatched: Check = {
  id: 'targets.none-matched',
  step: 'targets',
  applies: (f) => f.association !== undefined && (f.executions?.length ?? 0) > 0,
  run: (f, t) => {
    const say = t.findings.targets.noneMatched;
    const a = f.association;
    const latest = f.executions?.[0];
    if (!a || !latest) return [];
    const listed = f.latestTargets?.executionId === latest.executionId ? f.latestTargets : undefined;
    const noInstancesInTag = /NoInstancesInTag/i.test(`${latest.status} ${latest.detailedStatus ?? ''}`);
    const zeroTargets = listed ? listed.total === 0 : isEmpty(latest.resourceCounts);
    if (!noInstancesInTag && !(zeroTargets && isEmpty(a.statusCounts))) return [];
    const selector = selectorText(a, t);
    const evidence: Evidence[] = [
      { field: 'DescribeAssociation.Targets', value: selector },
      {
        field: `DescribeAssociationExecutions(${latest.executionId}).ResourceCountByStatus`,
        value: latest.resourceCountsRaw?.trim() || '{}',
      },
      ...(listed
        ? [{ field: `DescribeAssociationExecutionTargets(${latest.executionId})`, value: say.noTargetsListed }]
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
        title: say.title(selector),
        summary: say.summary,
        evidence,
        remediation: targetingRules(f, a, t),
        links: [...associationLinks(f, t), targetsDoc(t)],
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
  run: (f, t) => {
    const say = t.findings.targets.neverRan;
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
      { field: 'DescribeAssociation.Targets', value: selectorText(a, t) },
      { field: 'DescribeAssociationExecutions', value: say.neverRanValue },
      ...resolution.map((r) => ({
        field: `DescribeInstanceInformation(Filters=[${r.key}=${r.values.join(',')}]).InstanceInformationList`,
        value:
          r.matched === 0 ? say.noNodeValue : say.matchedValue(r.matched, !!r.more, r.sample.slice(0, 3).join(', ')),
      })),
    ];
    return [
      finding({
        id: 'targets.never-ran-no-match',
        severity: 'error',
        title: andEmpty
          ? say.andTitle(selectorText(a, t))
          : say.title(empty.map((r) => `${r.key} = ${r.values.join(', ')}`)),
        summary: andEmpty ? say.andSummary : say.summary,
        evidence,
        remediation: targetingRules(f, a, t),
        links: [...associationLinks(f, t), targetsDoc(t)],
        cli: [cli.describeAssociation(f.scope, a.associationId)],
        step: 'nodes',
      }),
    ];
  },
};

export const targetChecks: Check[] = [noTargetsMatched, neverRanNoMatch];
