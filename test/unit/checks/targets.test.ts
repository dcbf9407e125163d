import { describe, expect, it } from 'vitest';
import { targetChecks } from '../../../src/domain/checks/targets.check.ts';
import type { InvestigationFacts } from '../../../src/domain/facts.ts';
import { type CheckCase, describeCheckTable, findingById } from '../../support/checks.ts';
import { association, execution, factsWith, targets } from '../../support/facts.ts';

const emptyRun = execution({
  status: 'Success',
  detailedStatus: 'Success',
  resourceCounts: {},
  resourceCountsRaw: '{}',
});

const noTargets = (overrides: Partial<InvestigationFacts> = {}) =>
  factsWith({
    association: association({ statusCounts: {}, status: 'Success' }),
    executions: [emptyRun],
    latestTargets: targets([]),
    nodes: [],
    ...overrides,
  });

const cases: CheckCase[] = [
  { name: 'healthy facts', facts: factsWith(), ids: [] },
  {
    name: 'executions exist, zero targets, empty aggregated count',
    facts: noTargets(),
    ids: ['targets.none-matched'],
  },
  {
    name: 'zero targets known only from ResourceCountByStatus',
    facts: noTargets({ latestTargets: undefined }),
    ids: ['targets.none-matched'],
  },
  {
    name: 'NoInstancesInTag detailed status',
    facts: factsWith({ executions: [execution({ status: 'Failed', detailedStatus: 'NoInstancesInTag' })] }),
    ids: ['targets.none-matched'],
  },
  {
    name: 'no executions at all is the schedule branch, not this one',
    facts: noTargets({ executions: [] }),
    ids: [],
  },
  {
    name: 'aggregated count still shows nodes from earlier runs',
    facts: noTargets({ association: association({ statusCounts: { Success: 2 } }) }),
    ids: [],
  },
  {
    name: 'listed targets of an older execution do not count for the newest',
    facts: noTargets({ latestTargets: targets([{ status: 'Success', resourceIds: ['i-1'] }], 'e-older') }),
    ids: ['targets.none-matched'],
  },
];

describeCheckTable('target checks (§3.4)', targetChecks, cases);

describe('target checks (§3.4): evidence', () => {
  it('shows the selector and the empty counts, with the tag rules as remediation', () => {
    const f = findingById(
      targetChecks,
      noTargets({
        association: association({
          statusCounts: {},
          targets: [
            { key: 'tag:Env', values: ['prod'] },
            { key: 'tag:Role', values: ['web', 'api'] },
          ],
        }),
      }),
      'targets.none-matched',
    );
    expect(f.title).toBe('No targets matched tag:Env = prod AND tag:Role = web OR api');
    expect(f.evidence).toEqual(
      expect.arrayContaining([
        { field: 'DescribeAssociation.Targets', value: 'tag:Env = prod AND tag:Role = web OR api' },
        { field: 'DescribeAssociation.Overview.AssociationStatusAggregatedCount', value: '{}' },
        { field: `DescribeAssociationExecutions(${emptyRun.executionId}).ResourceCountByStatus`, value: '{}' },
      ]),
    );
    const fix = f.remediation.join('\n');
    expect(fix).toContain('Key=tag:Env,Values=prod Key=tag:Role,Values=web,api');
    expect(fix).toContain('(AND)');
    expect(fix).toContain('not Automation runbooks');
  });

  it('gives resource-group and instance-id rules for those selectors', () => {
    const rg = findingById(
      targetChecks,
      noTargets({
        association: association({ statusCounts: {}, targets: [{ key: 'resource-groups:Name', values: ['web'] }] }),
      }),
      'targets.none-matched',
    );
    expect(rg.remediation.join('\n')).toContain('resource group');
    const ids = findingById(
      targetChecks,
      noTargets({ association: association({ statusCounts: {}, targets: [{ key: 'InstanceIds', values: ['i-1'] }] }) }),
      'targets.none-matched',
    );
    expect(ids.remediation.join('\n')).toContain('instance ids must be managed nodes');
  });
});

describe('an association that never ran, its tag selectors resolved now', () => {
  const neverRan = (targetResolution: InvestigationFacts['targetResolution']) =>
    factsWith({
      association: association({
        targets: [
          { key: 'tag:Environment', values: ['Production'] },
          { key: 'tag:Role', values: ['web'] },
        ],
        statusCounts: {},
        status: 'Pending',
      }),
      executions: [],
      latestTargets: undefined,
      nodes: [],
      targetResolution,
    });
  const tag = (key: string, sample: string[], more = false) => ({
    key,
    values: ['x'],
    matched: sample.length,
    more,
    sample,
  });

  describeCheckTable('targets, never ran', targetChecks, [
    {
      name: 'one tag matches nothing',
      facts: neverRan([tag('tag:Environment', []), tag('tag:Role', ['i-0aaaaaaaaaaaaaaa1'])]),
      ids: ['targets.never-ran-no-match'],
    },
    {
      name: 'each tag matches, but no node has both (AND)',
      facts: neverRan([tag('tag:Environment', ['i-0aaaaaaaaaaaaaaa1']), tag('tag:Role', ['i-0bbbbbbbbbbbbbbb2'])]),
      ids: ['targets.never-ran-no-match'],
    },
    {
      name: 'a node has both tags',
      facts: neverRan([tag('tag:Environment', ['i-0aaaaaaaaaaaaaaa1']), tag('tag:Role', ['i-0aaaaaaaaaaaaaaa1'])]),
      ids: [],
    },
    {
      name: 'the lists are incomplete (more than a page): no claim',
      facts: neverRan([
        tag('tag:Environment', ['i-0aaaaaaaaaaaaaaa1'], true),
        tag('tag:Role', ['i-0bbbbbbbbbbbbbbb2']),
      ]),
      ids: [],
    },
  ]);

  it('names the filter and its empty result as evidence', () => {
    const f = findingById(targetChecks, neverRan([tag('tag:Environment', [])]), 'targets.never-ran-no-match');
    expect(f.evidence).toContainEqual({
      field: 'DescribeInstanceInformation(Filters=[tag:Environment=x]).InstanceInformationList',
      value: '[] (no managed node)',
    });
    expect(f.remediation.join(' ')).toContain('AND');
  });
});
