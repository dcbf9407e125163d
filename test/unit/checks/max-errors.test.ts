import { describe, expect, it } from 'vitest';
import { maxErrorsChecks, toleratedErrors } from '../../../src/domain/checks/max-errors.check.ts';
import type { InvestigationFacts } from '../../../src/domain/facts.ts';
import { describeCheckTable, findingsOf } from '../../support/checks.ts';
import { association, factsWith, INSTANCE_ID, targets } from '../../support/facts.ts';

const OTHER = 'i-0fedcba9876543210';

const run = (
  maxErrors: string | undefined,
  groups: { status: string; detailedStatus?: string; count: number }[],
  overrides: Partial<InvestigationFacts> = {},
) =>
  factsWith({
    association: association({ status: 'Failed', maxErrors, maxConcurrency: '10' }),
    latestTargets: targets(
      groups.map((g, i) => ({ ...g, resourceIds: [i === 0 ? INSTANCE_ID : `${OTHER.slice(0, -1)}${i}`] })),
    ),
    ...overrides,
  });

const cases: { name: string; facts: InvestigationFacts; ids: string[] }[] = [
  { name: 'healthy association', facts: factsWith(), ids: [] },
  {
    name: 'Terminated after failures (MaxErrors=3)',
    facts: run('3', [
      { status: 'Failed', detailedStatus: 'Failed', count: 4 },
      { status: 'Failed', detailedStatus: 'Terminated', count: 40 },
    ]),
    ids: ['max-errors.threshold-reached'],
  },
  {
    name: 'Cancelled after failures with MaxErrors=0',
    facts: run('0', [
      { status: 'Failed', detailedStatus: 'Failed', count: 1 },
      { status: 'Cancelled', detailedStatus: 'Cancelled', count: 9 },
    ]),
    ids: ['max-errors.threshold-reached'],
  },
  {
    name: 'Skipped after timeouts with MaxErrors=10%',
    facts: run('10%', [
      { status: 'TimedOut', detailedStatus: 'ExecutionTimedOut', count: 6 },
      { status: 'Success', detailedStatus: 'Success', count: 10 },
      { status: 'Skipped', detailedStatus: 'Skipped', count: 34 },
    ]),
    ids: ['max-errors.threshold-reached'],
  },
  {
    name: 'Terminated with MaxErrors unset (default threshold)',
    facts: run(undefined, [
      { status: 'Failed', detailedStatus: 'Failed', count: 2 },
      { status: 'Failed', detailedStatus: 'Terminated', count: 5 },
    ]),
    ids: ['max-errors.threshold-reached'],
  },
  {
    name: 'failures without stopped targets',
    facts: run('3', [{ status: 'Failed', detailedStatus: 'Failed', count: 2 }]),
    ids: [],
  },
  {
    name: 'Cancelled without failures (someone cancelled, or Duration) is not MaxErrors',
    facts: run('3', [{ status: 'Cancelled', detailedStatus: 'Cancelled', count: 5 }]),
    ids: [],
  },
  {
    name: 'Cancelled with failures but MaxErrors unset is not MaxErrors',
    facts: run(undefined, [
      { status: 'Failed', detailedStatus: 'Failed', count: 1 },
      { status: 'Cancelled', detailedStatus: 'Cancelled', count: 5 },
    ]),
    ids: [],
  },
  {
    name: 'DeliveryTimedOut does not count toward MaxErrors',
    facts: run('0', [
      { status: 'Failed', detailedStatus: 'DeliveryTimedOut', count: 3 },
      { status: 'Skipped', detailedStatus: 'Skipped', count: 5 },
    ]),
    ids: [],
  },
  {
    name: 'inventory Skipped is the duplicate-inventory case, not MaxErrors',
    facts: run(
      '0',
      [
        { status: 'Failed', detailedStatus: 'Failed', count: 1 },
        { status: 'Skipped', detailedStatus: 'Skipped', count: 5 },
      ],
      {
        association: association({ status: 'Failed', maxErrors: '0', documentName: 'AWS-GatherSoftwareInventory' }),
      },
    ),
    ids: [],
  },
  {
    name: 'stop seen in the newest failed execution (not the newest execution)',
    facts: factsWith({
      association: association({ status: 'Failed', maxErrors: '1' }),
      failedTargets: targets(
        [
          { status: 'Failed', detailedStatus: 'Failed', resourceIds: [INSTANCE_ID], count: 2 },
          { status: 'Failed', detailedStatus: 'Terminated', resourceIds: [OTHER], count: 8 },
        ],
        'e0000000-0000-0000-0000-000000000001',
      ),
    }),
    ids: ['max-errors.threshold-reached'],
  },
];

describeCheckTable('MaxErrors', maxErrorsChecks, cases);

describe('MaxErrors arithmetic and evidence', () => {
  it.each([
    ['3', 50, 3],
    ['0', 50, 0],
    ['10%', 50, 5],
    ['15%', 50, 7],
    ['100%', 8, 8],
    ['bogus', 8, undefined],
  ])('MaxErrors=%s of %i targets tolerates %j errors', (maxErrors, total, tolerated) => {
    expect(toleratedErrors(maxErrors, total)).toBe(tolerated);
  });

  it('explains the off-by-one and points at the failed targets first', () => {
    const [f] = findingsOf(
      maxErrorsChecks,
      run('3', [
        { status: 'Failed', detailedStatus: 'Failed', count: 4 },
        { status: 'Failed', detailedStatus: 'Terminated', count: 40 },
      ]),
    );
    expect(f?.evidence[0]).toEqual({
      field: 'DescribeAssociation.MaxErrors',
      value: '3, so it stops on the 4th error',
    });
    expect(f?.evidence).toContainEqual({
      field: 'DescribeAssociationExecutionTargets.DetailedStatus',
      value: 'Terminated (40 targets, execution e1111111-2222-3333-4444-555555555555)',
    });
    expect(f?.resources?.[0]).toBe(INSTANCE_ID);
    expect(f?.severity).toBe('warning');
    expect(f?.summary).toContain('root failure');
  });

  it('percentages are explained against the target count', () => {
    const [f] = findingsOf(
      maxErrorsChecks,
      run('10%', [
        { status: 'Failed', detailedStatus: 'Failed', count: 6 },
        { status: 'Cancelled', detailedStatus: 'Cancelled', count: 44 },
      ]),
    );
    expect(f?.evidence[0]?.value).toBe('10% of 50 targets = 5, so it stops on the 6th error');
  });

  it('says when in-flight targets overshot the threshold', () => {
    const [f] = findingsOf(
      maxErrorsChecks,
      run('0', [
        { status: 'Failed', detailedStatus: 'Failed', count: 7 },
        { status: 'Cancelled', detailedStatus: 'Cancelled', count: 30 },
      ]),
    );
    expect(f?.summary).toContain('already running');
  });
});
