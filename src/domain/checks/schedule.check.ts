// §3.5 — schedule semantics: never ran, waiting for the first cron window, invalid schedules, calendars, Duration.

import type { Catalog } from '../../i18n/index.ts';
import type { AssociationFacts, InvestigationFacts } from '../facts.ts';
import type { Check, Evidence, Finding, Link } from '../finding.ts';
import { cli } from '../references.ts';
import { nextCronRun, parseSchedule, previousCronRun, type ScheduleProblem, scheduleProblems } from '../schedule.ts';
import { associationLinks, associationSucceeding, finding, groupsWithStatus } from './kit.ts';

const scheduleDoc = (t: Catalog): Link => ({
  label: t.findings.schedule.docLink,
  url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/reference-cron-and-rate-expressions.html',
});

const scheduleEvidence = (a: AssociationFacts, t: Catalog): Evidence => ({
  field: 'DescribeAssociation.ScheduleExpression',
  value: a.scheduleExpression ?? t.findings.schedule.none,
});

const noExecutionsEvidence = (t: Catalog): Evidence => ({
  field: 'DescribeAssociationExecutions.AssociationExecutions',
  value: t.findings.targets.neverRan.neverRanValue,
});

const offsetEvidence = (a: AssociationFacts, t: Catalog): Evidence[] =>
  a.scheduleOffset ? [{ field: 'DescribeAssociation.ScheduleOffset', value: t.words.count.day(a.scheduleOffset) }] : [];

/** `2025-06-09 07:00 UTC (3 h ago)`. */
const dateAndAge = (f: InvestigationFacts, at: Date, t: Catalog) =>
  `${t.words.dateTime(at)} (${t.words.since(f.now, at)})`;

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
  run: (f, t) => {
    const say = t.findings.schedule.waiting;
    const a = f.association;
    if (!a?.scheduleExpression || !a.applyOnlyAtCronInterval || !isCron(a) || !validSchedule(f, a)) return [];
    const offset = a.scheduleOffset ?? 0;
    const next = nextCronRun(a.scheduleExpression, f.now, offset);
    const previous = previousCronRun(a.scheduleExpression, f.now, offset);
    // A window already passed since creation without a run: that is no longer "waiting".
    if (previous && a.createdAt && previous > a.createdAt) return [];
    const when = next ? t.words.dateTime(next) : say.unknown;
    return [
      finding({
        id: 'schedule.waiting-for-first-cron',
        severity: 'info',
        title: say.title(when),
        summary: say.summary,
        evidence: [
          { field: 'DescribeAssociation.ApplyOnlyAtCronInterval', value: 'true' },
          scheduleEvidence(a, t),
          ...offsetEvidence(a, t),
          noExecutionsEvidence(t),
          { field: say.nextRunLabel, value: when },
        ],
        remediation: [say.nothingToFix, say.startNow(cli.startOnce(f.scope, a.associationId))],
        links: [...associationLinks(f, t), scheduleDoc(t)],
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
  run: (f, t) => {
    const say = t.findings.schedule.missed;
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
        title: say.title(t.words.dateTime(previous)),
        summary: say.summary,
        evidence: [
          { field: 'DescribeAssociation.ApplyOnlyAtCronInterval', value: 'true' },
          scheduleEvidence(a, t),
          ...offsetEvidence(a, t),
          { field: 'DescribeAssociation.CreatedDate', value: dateAndAge(f, a.createdAt, t) },
          noExecutionsEvidence(t),
          { field: say.lastExpectedLabel, value: t.words.dateTime(previous) },
        ],
        remediation: [
          say.checkTargets,
          say.startOnce(cli.startOnce(f.scope, a.associationId), next ? t.words.dateTime(next) : undefined),
        ],
        links: [...associationLinks(f, t), scheduleDoc(t)],
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
  run: (f, t) => {
    const say = t.findings.schedule.neverRan;
    const a = f.association;
    if (!a || (a.applyOnlyAtCronInterval && isCron(a))) return [];
    const fresh = a.createdAt !== undefined && f.now.getTime() - a.createdAt.getTime() < JUST_CREATED_MS;
    return [
      finding({
        id: 'schedule.never-ran',
        severity: fresh ? 'info' : 'warning',
        title: fresh ? say.freshTitle : say.title,
        summary: fresh ? say.freshSummary : say.summary,
        evidence: [
          noExecutionsEvidence(t),
          { field: 'DescribeAssociation.ApplyOnlyAtCronInterval', value: String(a.applyOnlyAtCronInterval) },
          scheduleEvidence(a, t),
          ...(a.createdAt ? [{ field: 'DescribeAssociation.CreatedDate', value: dateAndAge(f, a.createdAt, t) }] : []),
        ],
        remediation: [say.checkTargets, say.startOnce(cli.startOnce(f.scope, a.associationId))],
        links: associationLinks(f, t),
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
  run: (f, t) => {
    const say = t.findings.schedule.noSchedule;
    const a = f.association;
    if (!a || a.scheduleExpression || associationSucceeding(f) || neverRan(f)) return [];
    return [
      finding({
        id: 'schedule.none',
        severity: 'info',
        title: say.title,
        summary: say.summary,
        evidence: [
          scheduleEvidence(a, t),
          ...(a.status ? [{ field: 'DescribeAssociation.Overview.Status', value: a.status }] : []),
        ],
        remediation: [say.runAgain(cli.startOnce(f.scope, a.associationId)), say.addSchedule],
        links: associationLinks(f, t),
        cli: [cli.describeAssociation(f.scope, a.associationId)],
        step: 'executions',
      }),
    ];
  },
};

const scheduleProblemCheck = (problem: ScheduleProblem['id']): Check => ({
  id: `schedule.${problem}`,
  step: 'association',
  applies: (f) => f.association?.scheduleExpression !== undefined,
  run: (f, t): Finding[] => {
    const say = t.findings.schedule.problem;
    const a = f.association;
    if (!a?.scheduleExpression) return [];
    const found = scheduleProblems(a.scheduleExpression, f.now).filter((p) => p.id === problem);
    const first = found[0];
    if (!first) return [];
    const text = say.kinds[problem];
    return [
      finding({
        id: `schedule.${problem}`,
        severity: 'error',
        title: text.title,
        summary: say.summary(
          a.scheduleExpression,
          found.map((p) => say.detail(p.detail)),
        ),
        evidence: [scheduleEvidence(a, t), { field: say.ruleLabel, value: say.detail(first.detail) }],
        remediation: [
          text.fix,
          say.update(
            `aws ssm update-association --association-id ${a.associationId} --schedule-expression "<expression>" --region ${f.scope.region}`,
          ),
        ],
        links: [...associationLinks(f, t), scheduleDoc(t)],
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
  run: (f, t) => {
    const say = t.findings.schedule.calendar;
    const a = f.association;
    if (!a || a.calendarNames.length === 0 || associationSucceeding(f)) return [];
    const names = a.calendarNames.join(', ');
    return [
      finding({
        id: 'schedule.change-calendar',
        severity: 'warning',
        title: say.title,
        summary: say.summary,
        evidence: [
          { field: 'DescribeAssociation.CalendarNames', value: names },
          ...(a.status ? [{ field: 'DescribeAssociation.Overview.Status', value: a.status }] : []),
          ...(a.lastExecutionAt
            ? [
                {
                  field: 'DescribeAssociation.LastExecutionDate',
                  value: dateAndAge(f, a.lastExecutionAt, t),
                },
              ]
            : []),
        ],
        remediation: [
          say.checkState(
            `aws ssm get-calendar-state --calendar-names ${a.calendarNames.join(' ')} --region ${f.scope.region}`,
          ),
          say.closed,
        ],
        links: associationLinks(f, t),
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
  run: (f, t) => {
    const say = t.findings.schedule.duration;
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
        value: t.findings.kit.statusWithTargets('Cancelled', group.count),
      });
    }
    if (evidence.length === 0) return [];
    return [
      finding({
        id: 'schedule.duration-cutoff',
        severity: 'warning',
        title: say.title(a.duration),
        summary: say.summary,
        evidence: [{ field: 'DescribeAssociation.Duration', value: t.words.count.hour(a.duration) }, ...evidence],
        remediation: [...say.remediation],
        links: associationLinks(f, t),
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
