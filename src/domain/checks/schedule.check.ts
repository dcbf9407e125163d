// §3.5 — schedule semantics: never ran, waiting for the first cron window, invalid schedules, calendars, Duration.
import type { AssociationFacts, InvestigationFacts } from '../facts.ts';
import type { Check, Evidence, Finding } from '../finding.ts';
import { cli } from '../references.ts';
import { nextCronRun, parseSchedule, previousCronRun, type ScheduleProblem, scheduleProblems } from '../schedule.ts';
import { associationLinks, associationSucceeding, finding, groupsWithStatus, plural, since, utc } from './kit.ts';

const SCHEDULE_DOC = {
  label: 'Reference: cron and rate expressions for Systems Manager',
  url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/reference-cron-and-rate-expressions.html',
};

const scheduleEvidence = (a: AssociationFacts): Evidence => ({
  field: 'DescribeAssociation.ScheduleExpression',
  value: a.scheduleExpression ?? '(none)',
});

const noExecutionsEvidence: Evidence = {
  field: 'DescribeAssociationExecutions.AssociationExecutions',
  value: '[] (never ran)',
};

const offsetEvidence = (a: AssociationFacts): Evidence[] =>
  a.scheduleOffset ? [{ field: 'DescribeAssociation.ScheduleOffset', value: plural(a.scheduleOffset, 'day') }] : [];

const baseCli = (f: InvestigationFacts, a: AssociationFacts) => [
  cli.describeAssociation(f.scope, a.associationId),
  cli.executions(f.scope, a.associationId),
];

/** Associations with a schedule and no executions at all. */
const neverRan = (f: InvestigationFacts): boolean => f.executions !== undefined && f.executions.length === 0;

const isCron = (a: AssociationFacts) =>
  a.scheduleExpression !== undefined && parseSchedule(a.scheduleExpression).kind === 'cron';

const validSchedule = (f: InvestigationFacts, a: AssociationFacts) =>
  a.scheduleExpression !== undefined && scheduleProblems(a.scheduleExpression, f.now).length === 0;

export const waitingForFirstCron: Check = {
  id: 'schedule.waiting-for-first-cron',
  step: 'executions',
  applies: (f) => f.association !== undefined && neverRan(f),
  run: (f) => {
    const a = f.association;
    if (!a?.scheduleExpression || !a.applyOnlyAtCronInterval || !isCron(a) || !validSchedule(f, a)) return [];
    const offset = a.scheduleOffset ?? 0;
    const next = nextCronRun(a.scheduleExpression, f.now, offset);
    const previous = previousCronRun(a.scheduleExpression, f.now, offset);
    // A window already passed since creation without a run: that is no longer "waiting".
    if (previous && a.createdAt && previous > a.createdAt) return [];
    const when = next ? utc(next) : 'unknown';
    return [
      finding({
        id: 'schedule.waiting-for-first-cron',
        severity: 'info',
        title: `Waiting for its first cron window; next run at ${when}`,
        summary:
          'ApplyOnlyAtCronInterval is true, so the association did not run when it was created; it runs first at the next cron time. Pending until then is expected, not a failure.',
        evidence: [
          { field: 'DescribeAssociation.ApplyOnlyAtCronInterval', value: 'true' },
          scheduleEvidence(a),
          ...offsetEvidence(a),
          noExecutionsEvidence,
          { field: 'Next run (computed from ScheduleExpression, UTC)', value: when },
        ],
        remediation: [
          'Nothing to fix if waiting is intended.',
          `To run it now, start it once: \`${cli.startOnce(f.scope, a.associationId)}\`.`,
        ],
        links: [...associationLinks(f), SCHEDULE_DOC],
        cli: baseCli(f, a),
        step: 'executions',
      }),
    ];
  },
};

export const missedCronWindow: Check = {
  id: 'schedule.missed-cron-window',
  step: 'executions',
  applies: (f) => f.association !== undefined && neverRan(f),
  run: (f) => {
    const a = f.association;
    if (!a?.scheduleExpression || !a.applyOnlyAtCronInterval || !isCron(a) || !validSchedule(f, a)) return [];
    const offset = a.scheduleOffset ?? 0;
    const previous = previousCronRun(a.scheduleExpression, f.now, offset);
    if (!previous || !a.createdAt || previous <= a.createdAt) return [];
    const next = nextCronRun(a.scheduleExpression, f.now, offset);
    return [
      finding({
        id: 'schedule.missed-cron-window',
        severity: 'warning',
        title: `A cron window passed (${utc(previous)}) without any execution`,
        summary:
          'The association waits for its cron interval, and at least one window has passed since it was created, yet no execution exists. Something kept it from starting: a closed change calendar, no matching targets, or a schedule the agent cannot parse.',
        evidence: [
          { field: 'DescribeAssociation.ApplyOnlyAtCronInterval', value: 'true' },
          scheduleEvidence(a),
          ...offsetEvidence(a),
          { field: 'DescribeAssociation.CreatedDate', value: `${utc(a.createdAt)} (${since(f.now, a.createdAt)})` },
          noExecutionsEvidence,
          { field: 'Last expected run (computed, UTC)', value: utc(previous) },
        ],
        remediation: [
          'Check the targets resolve to managed nodes and any change calendar is open.',
          `Start it once to see what happens: \`${cli.startOnce(f.scope, a.associationId)}\`${next ? `; otherwise the next window is ${utc(next)}` : ''}.`,
        ],
        links: [...associationLinks(f), SCHEDULE_DOC],
        cli: baseCli(f, a),
        step: 'executions',
      }),
    ];
  },
};

/** New associations show Pending while the first run reaches the targets (UG sysman-state-about). */
const JUST_CREATED_MS = 30 * 60_000;

export const neverRanAfterCreation: Check = {
  id: 'schedule.never-ran',
  step: 'executions',
  applies: (f) => f.association !== undefined && neverRan(f),
  run: (f) => {
    const a = f.association;
    if (!a || (a.applyOnlyAtCronInterval && isCron(a))) return [];
    const fresh = a.createdAt !== undefined && f.now.getTime() - a.createdAt.getTime() < JUST_CREATED_MS;
    return [
      finding({
        id: 'schedule.never-ran',
        severity: fresh ? 'info' : 'warning',
        title: fresh ? 'Just created: the first run is still starting' : 'The association has never run',
        summary: fresh
          ? 'A new association shows Pending while Systems Manager reaches its targets and applies it for the first time.'
          : 'An association without ApplyOnlyAtCronInterval runs as soon as it is created, but there is no execution at all.',
        evidence: [
          noExecutionsEvidence,
          { field: 'DescribeAssociation.ApplyOnlyAtCronInterval', value: String(a.applyOnlyAtCronInterval) },
          scheduleEvidence(a),
          ...(a.createdAt
            ? [
                {
                  field: 'DescribeAssociation.CreatedDate',
                  value: `${utc(a.createdAt)} (${since(f.now, a.createdAt)})`,
                },
              ]
            : []),
        ],
        remediation: [
          'Check that the targets resolve to managed nodes in this Region and that any change calendar is open.',
          `Start it once: \`${cli.startOnce(f.scope, a.associationId)}\`.`,
        ],
        links: associationLinks(f),
        cli: baseCli(f, a),
        step: 'executions',
      }),
    ];
  },
};

export const noSchedule: Check = {
  id: 'schedule.none',
  step: 'executions',
  applies: (f) => f.association !== undefined && f.executions !== undefined,
  run: (f) => {
    const a = f.association;
    if (!a || a.scheduleExpression || associationSucceeding(f) || neverRan(f)) return [];
    return [
      finding({
        id: 'schedule.none',
        severity: 'info',
        title: 'No schedule: the association does not retry by itself',
        summary:
          'Without a ScheduleExpression the association runs once when it is created (or updated) and never again, so its current status stays until you run it again.',
        evidence: [
          scheduleEvidence(a),
          ...(a.status ? [{ field: 'DescribeAssociation.Overview.Status', value: a.status }] : []),
        ],
        remediation: [
          `After fixing the cause, run it again: \`${cli.startOnce(f.scope, a.associationId)}\`.`,
          'Or add a schedule (e.g. rate(1 day)) so State Manager keeps re-applying the state.',
        ],
        links: associationLinks(f),
        cli: [cli.describeAssociation(f.scope, a.associationId)],
        step: 'executions',
      }),
    ];
  },
};

const PROBLEM_TEXT: Record<ScheduleProblem['id'], { title: string; fix: string }> = {
  'invalid-expression': {
    title: 'The schedule expression is not valid for State Manager',
    fix: 'Use cron(…) with 6 fields (minutes hours day-of-month month day-of-week year, optional leading seconds = 0), rate(N minutes|hours|days) or at(…).',
  },
  'rate-too-frequent': {
    title: 'The rate is shorter than 30 minutes',
    fix: 'Use a rate of at least 30 minutes, e.g. rate(30 minutes).',
  },
  'rate-too-long': {
    title: 'The rate is 31 days or longer',
    fix: 'Use a rate shorter than 31 days, or a cron expression for monthly runs.',
  },
  'rate-unit-mismatch': {
    title: 'The rate unit does not agree in number',
    fix: 'Use the singular unit for 1 and the plural otherwise: rate(1 hour), rate(2 hours).',
  },
  'cron-day-conflict': {
    title: 'The cron sets both day-of-month and day-of-week',
    fix: 'Put ? in one of the two day fields, e.g. cron(0 2 ? * SUN *).',
  },
  'cron-month-set': {
    title: 'The cron sets the month field, which associations do not support',
    fix: 'Use * in the month field and pick the days with day-of-month or day-of-week.',
  },
  'cron-too-frequent': {
    title: 'The cron fires more often than every 5 minutes',
    fix: 'Associations run at most every 5 minutes; widen the minutes field (e.g. 0/30).',
  },
};

const scheduleProblemCheck = (problem: ScheduleProblem['id']): Check => ({
  id: `schedule.${problem}`,
  step: 'association',
  applies: (f) => f.association?.scheduleExpression !== undefined,
  run: (f): Finding[] => {
    const a = f.association;
    if (!a?.scheduleExpression) return [];
    const found = scheduleProblems(a.scheduleExpression, f.now).filter((p) => p.id === problem);
    const first = found[0];
    if (!first) return [];
    const text = PROBLEM_TEXT[problem];
    return [
      finding({
        id: `schedule.${problem}`,
        severity: 'error',
        title: text.title,
        summary: `${a.scheduleExpression}: ${found.map((p) => p.message).join('; ')}. State Manager rejects such schedules, and the agent reports Failed / InvalidExpression when it cannot parse one.`,
        evidence: [scheduleEvidence(a), { field: 'Schedule rule broken', value: first.message }],
        remediation: [
          text.fix,
          `Update it: \`aws ssm update-association --association-id ${a.associationId} --schedule-expression "<expression>" --region ${f.scope.region}\`.`,
        ],
        links: [...associationLinks(f), SCHEDULE_DOC],
        cli: [cli.describeAssociation(f.scope, a.associationId)],
        step: 'association',
      }),
    ];
  },
});

export const changeCalendar: Check = {
  id: 'schedule.change-calendar',
  step: 'executions',
  applies: (f) => (f.association?.calendarNames.length ?? 0) > 0,
  run: (f) => {
    const a = f.association;
    if (!a || a.calendarNames.length === 0 || associationSucceeding(f)) return [];
    const names = a.calendarNames.join(', ');
    return [
      finding({
        id: 'schedule.change-calendar',
        severity: 'warning',
        title: 'A change calendar gates this association; runs are skipped while it is closed',
        summary:
          'Associations with CalendarNames run only while every calendar is OPEN. A closed calendar skips the scheduled run silently, so the association can stay Pending or keep an old status.',
        evidence: [
          { field: 'DescribeAssociation.CalendarNames', value: names },
          ...(a.status ? [{ field: 'DescribeAssociation.Overview.Status', value: a.status }] : []),
          ...(a.lastExecutionAt
            ? [
                {
                  field: 'DescribeAssociation.LastExecutionDate',
                  value: `${utc(a.lastExecutionAt)} (${since(f.now, a.lastExecutionAt)})`,
                },
              ]
            : []),
        ],
        remediation: [
          `Check the calendar state: \`aws ssm get-calendar-state --calendar-names ${a.calendarNames.join(' ')} --region ${f.scope.region}\`.`,
          'If the calendar is CLOSED, the next run happens at the first schedule time after it opens; start it once when the window is open if needed.',
        ],
        links: associationLinks(f),
        cli: baseCli(f, a),
        step: 'executions',
      }),
    ];
  },
};

export const durationCutoff: Check = {
  id: 'schedule.duration-cutoff',
  step: 'targets',
  applies: (f) => f.association?.duration !== undefined,
  run: (f) => {
    const a = f.association;
    if (a?.duration === undefined) return [];
    const evidence: Evidence[] = [];
    for (const e of (f.executions ?? []).slice(0, 3)) {
      const cancelled = e.resourceCounts.Cancelled ?? 0;
      if (cancelled > 0) {
        evidence.push({
          field: `DescribeAssociationExecutions(${e.executionId}).ResourceCountByStatus`,
          value: e.resourceCountsRaw ?? `{Cancelled=${cancelled}}`,
        });
      }
    }
    for (const { executionId, group } of groupsWithStatus(f, 'Cancelled').slice(0, 3)) {
      evidence.push({
        field: `DescribeAssociationExecutionTargets(ExecutionId=${executionId}).Status`,
        value: `Cancelled (${plural(group.count, 'target')})`,
      });
    }
    if (evidence.length === 0) return [];
    return [
      finding({
        id: 'schedule.duration-cutoff',
        severity: 'warning',
        title: `Targets were cancelled by the ${plural(a.duration, 'hour')} Duration cutoff`,
        summary:
          'When the Duration passes, State Manager cancels running targets and does not start the remaining ones; they end Cancelled or never run in that window.',
        evidence: [{ field: 'DescribeAssociation.Duration', value: plural(a.duration, 'hour') }, ...evidence],
        remediation: [
          'Raise Duration (1–24 hours) so every target fits in the window.',
          'Or raise MaxConcurrency so more targets run at once, or make the document finish faster.',
        ],
        links: associationLinks(f),
        cli: baseCli(f, a),
        step: 'targets',
      }),
    ];
  },
};

export const scheduleChecks: Check[] = [
  waitingForFirstCron,
  missedCronWindow,
  neverRanAfterCreation,
  noSchedule,
  scheduleProblemCheck('invalid-expression'),
  scheduleProblemCheck('rate-too-frequent'),
  scheduleProblemCheck('rate-too-long'),
  scheduleProblemCheck('rate-unit-mismatch'),
  scheduleProblemCheck('cron-day-conflict'),
  scheduleProblemCheck('cron-month-set'),
  scheduleProblemCheck('cron-too-frequent'),
  changeCalendar,
  durationCutoff,
];
