import { describe, expect, it } from 'vitest';
import { scheduleChecks } from '../../../src/domain/checks/schedule.check.ts';
import { nextCronRun, parseSchedule } from '../../../src/domain/schedule.ts';
import { type CheckCase, describeCheckTable, findingById } from '../../support/checks.ts';
import { ago, association, DAY, execution, factsWith, HOUR, MINUTE, NOW, targets } from '../../support/facts.ts';

// NOW is Monday 2025-06-02 12:00 UTC.
const weeklyMonday = 'cron(0 7 ? * MON *)';

const neverRan = (overrides: Parameters<typeof association>[0]) =>
  factsWith({
    association: association({ status: 'Pending', detailedStatus: 'Pending', statusCounts: {}, ...overrides }),
    executions: [],
    latestTargets: undefined,
    nodes: undefined,
  });

const withSchedule = (scheduleExpression: string) => factsWith({ association: association({ scheduleExpression }) });

const failing = (overrides: Parameters<typeof association>[0]) =>
  factsWith({
    association: association({ status: 'Failed', detailedStatus: 'Failed', ...overrides }),
    executions: [execution({ status: 'Failed', resourceCounts: { Failed: 1 }, resourceCountsRaw: '{Failed=1}' })],
  });

const cases: CheckCase[] = [
  { name: 'healthy facts', facts: factsWith(), ids: [] },
  {
    name: 'ApplyOnlyAtCronInterval, created after the last window: waiting',
    facts: neverRan({ scheduleExpression: weeklyMonday, applyOnlyAtCronInterval: true, createdAt: ago(2 * HOUR) }),
    ids: ['schedule.waiting-for-first-cron'],
  },
  {
    name: 'ApplyOnlyAtCronInterval, a window passed since creation without a run',
    facts: neverRan({ scheduleExpression: weeklyMonday, applyOnlyAtCronInterval: true, createdAt: ago(3 * DAY) }),
    ids: ['schedule.missed-cron-window'],
  },
  {
    name: 'never ran, created long ago, runs at creation',
    facts: neverRan({ createdAt: ago(2 * DAY) }),
    ids: ['schedule.never-ran'],
  },
  {
    name: 'never ran, just created',
    facts: neverRan({ createdAt: ago(5 * MINUTE) }),
    ids: ['schedule.never-ran'],
  },
  {
    name: 'no schedule and failing: will not retry',
    facts: failing({ scheduleExpression: undefined }),
    ids: ['schedule.none'],
  },
  {
    name: 'no schedule but succeeding: nothing to say',
    facts: factsWith({ association: association({ scheduleExpression: undefined }) }),
    ids: [],
  },
  { name: 'rate under 30 minutes', facts: withSchedule('rate(15 minutes)'), ids: ['schedule.rate-too-frequent'] },
  { name: 'rate of 31 days or more', facts: withSchedule('rate(31 days)'), ids: ['schedule.rate-too-long'] },
  {
    name: 'rate(1 hours) singular/plural mismatch',
    facts: withSchedule('rate(1 hours)'),
    ids: ['schedule.rate-unit-mismatch'],
  },
  {
    name: 'rate(2 hour) singular/plural mismatch',
    facts: withSchedule('rate(2 hour)'),
    ids: ['schedule.rate-unit-mismatch'],
  },
  { name: 'valid rate(1 hour)', facts: withSchedule('rate(1 hour)'), ids: [] },
  {
    name: 'cron with both day fields',
    facts: withSchedule('cron(0 2 15 * MON *)'),
    ids: ['schedule.cron-day-conflict'],
  },
  { name: 'cron with a month', facts: withSchedule('cron(0 2 ? 3 MON *)'), ids: ['schedule.cron-month-set'] },
  {
    name: 'cron every 2 minutes',
    facts: withSchedule('cron(0/2 * * * ? *)'),
    ids: ['schedule.cron-too-frequent'],
  },
  { name: 'cron with seconds every 30 minutes (valid)', facts: withSchedule('cron(0 */30 * * * ? *)'), ids: [] },
  { name: 'garbage schedule', facts: withSchedule('every day'), ids: ['schedule.invalid-expression'] },
  {
    name: 'cron with an out-of-range hour',
    facts: withSchedule('cron(0 25 * * ? *)'),
    ids: ['schedule.invalid-expression'],
  },
  {
    name: 'cron with non-zero seconds',
    facts: withSchedule('cron(30 0 12 ? * SUN *)'),
    ids: ['schedule.invalid-expression'],
  },
  {
    name: 'change calendar on a failing association',
    facts: failing({ calendarNames: ['arn:aws:ssm:us-east-1:111122223333:document/ProdFreeze'] }),
    ids: ['schedule.change-calendar'],
  },
  {
    name: 'change calendar on a healthy association: nothing',
    facts: factsWith({ association: association({ calendarNames: ['ProdFreeze'] }) }),
    ids: [],
  },
  {
    name: 'Duration cutoff cancelled targets',
    facts: factsWith({
      association: association({
        duration: 2,
        scheduleExpression: 'cron(0 2 ? * SUN *)',
        applyOnlyAtCronInterval: true,
      }),
      executions: [
        execution({
          status: 'Failed',
          resourceCounts: { Success: 3, Cancelled: 2 },
          resourceCountsRaw: '{Success=3, Cancelled=2}',
        }),
      ],
      latestTargets: targets([
        { status: 'Success', resourceIds: ['i-1', 'i-2', 'i-3'] },
        { status: 'Cancelled', resourceIds: ['i-4', 'i-5'] },
      ]),
    }),
    ids: ['schedule.duration-cutoff'],
  },
  {
    name: 'Duration set, nothing cancelled',
    facts: factsWith({ association: association({ duration: 2 }) }),
    ids: [],
  },
];

describeCheckTable('schedule checks (§3.5)', scheduleChecks, cases);

describe('schedule checks (§3.5): evidence', () => {
  it('computes the next cron window from now, with the ScheduleOffset', () => {
    const f = findingById(
      scheduleChecks,
      neverRan({
        scheduleExpression: weeklyMonday,
        applyOnlyAtCronInterval: true,
        scheduleOffset: 2,
        createdAt: ago(HOUR),
      }),
      'schedule.waiting-for-first-cron',
    );
    // Monday 07:00 + 2 days = Wednesday 2025-06-04 07:00, still ahead of NOW.
    expect(f.title).toBe('Waiting for its first cron window; next run at 2025-06-04 07:00 UTC');
    expect(f.severity).toBe('info');
    expect(f.evidence).toContainEqual({ field: 'DescribeAssociation.ScheduleOffset', value: '2 days' });
    expect(f.evidence).toContainEqual({ field: 'DescribeAssociation.ApplyOnlyAtCronInterval', value: 'true' });
  });

  it('names the next window without an offset', () => {
    const f = findingById(
      scheduleChecks,
      neverRan({ scheduleExpression: weeklyMonday, applyOnlyAtCronInterval: true, createdAt: ago(HOUR) }),
      'schedule.waiting-for-first-cron',
    );
    expect(f.title).toContain('2025-06-09 07:00 UTC');
  });

  it('errors name the expression and the rule it breaks', () => {
    const f = findingById(scheduleChecks, withSchedule('rate(1 hours)'), 'schedule.rate-unit-mismatch');
    expect(f.severity).toBe('error');
    expect(f.evidence).toEqual([
      { field: 'DescribeAssociation.ScheduleExpression', value: 'rate(1 hours)' },
      { field: 'Schedule rule broken', value: 'rate(1 hours) must be rate(1 hour)' },
    ]);
  });
});

describe('schedule expressions', () => {
  it.each([
    ['cron(0 7 ? * MON *)', { minutes: '0', hours: '7', dayOfMonth: '?', month: '*', dayOfWeek: 'MON', year: '*' }],
    ['cron(0 00 12 ? * SUN *)', { seconds: '0', minutes: '00', hours: '12', dayOfMonth: '?', dayOfWeek: 'SUN' }],
    ['cron(0 */30 * * * ?)', { seconds: '0', minutes: '*/30', dayOfWeek: '?' }],
    ['cron(0 2 * * *)', { minutes: '0', hours: '2', year: '*' }],
  ])('parses %s', (expression, fields) => {
    expect(parseSchedule(expression)).toMatchObject({ kind: 'cron', ...fields });
  });

  it('computes next runs in UTC and ignores rate expressions', () => {
    expect(nextCronRun('cron(0 2 ? * SUN *)', NOW)?.toISOString()).toBe('2025-06-08T02:00:00.000Z');
    expect(nextCronRun('cron(30 13 * * ? *)', NOW)?.toISOString()).toBe('2025-06-02T13:30:00.000Z');
    expect(nextCronRun('rate(1 day)', NOW)).toBeUndefined();
  });
});
