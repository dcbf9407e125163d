// State Manager schedule expressions (UG reference-cron-and-rate-expressions): parse, validate, next run.
import awsCronParser from 'aws-cron-parser';

export type Schedule =
  | { kind: 'rate'; value: number; unit: string; minutes: number }
  | {
      kind: 'cron';
      seconds?: string;
      minutes: string;
      hours: string;
      dayOfMonth: string;
      month: string;
      dayOfWeek: string;
      year: string;
    }
  | { kind: 'at'; at: string }
  | { kind: 'unknown'; reason: string };

/** Why a schedule breaks the association rules; `id` is the finding id suffix. */
export interface ScheduleProblem {
  id:
    | 'invalid-expression'
    | 'rate-too-frequent'
    | 'rate-too-long'
    | 'rate-unit-mismatch'
    | 'cron-day-conflict'
    | 'cron-month-set'
    | 'cron-too-frequent';
  message: string;
}

const MINUTES_PER_UNIT: Record<string, number> = { minute: 1, hour: 60, day: 1440 };
const YEAR_FIELD = /^(\*|\d{4}([-,/]\d{1,4})*)$/;

export function parseSchedule(expression: string): Schedule {
  const text = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+([a-z]+)\s*\)$/i.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    const unit = (rate[2] ?? '').toLowerCase();
    const perUnit = MINUTES_PER_UNIT[unit.replace(/s$/, '')];
    if (perUnit === undefined) return { kind: 'unknown', reason: `unknown rate unit "${rate[2]}"` };
    return { kind: 'rate', value, unit, minutes: value * perUnit };
  }
  const at = /^at\((.+)\)$/i.exec(text);
  if (at) return { kind: 'at', at: (at[1] ?? '').trim() };
  const cron = /^cron\((.*)\)$/i.exec(text);
  if (!cron) return { kind: 'unknown', reason: 'not a cron(…), rate(…) or at(…) expression' };
  const f = (cron[1] ?? '').trim().split(/\s+/);
  const [a = '', b = '', c = '', d = '', e = '', g = '', h = ''] = f;
  if (f.length === 5) return { kind: 'cron', minutes: a, hours: b, dayOfMonth: c, month: d, dayOfWeek: e, year: '*' };
  if (f.length === 7)
    return { kind: 'cron', seconds: a, minutes: b, hours: c, dayOfMonth: d, month: e, dayOfWeek: g, year: h };
  if (f.length === 6) {
    // Either `min hour dom month dow year` or `sec min hour dom month dow`: the `?` placeholder tells them apart.
    const yearLast = c === '?' || e === '?' || (!(d === '?' || g === '?') && YEAR_FIELD.test(g));
    return yearLast
      ? { kind: 'cron', minutes: a, hours: b, dayOfMonth: c, month: d, dayOfWeek: e, year: g }
      : { kind: 'cron', seconds: a, minutes: b, hours: c, dayOfMonth: d, month: e, dayOfWeek: g, year: '*' };
  }
  return { kind: 'unknown', reason: `a cron expression has 5 to 7 fields, this one has ${f.length}` };
}

type Cron = Extract<Schedule, { kind: 'cron' }>;

function parsedCron(cron: Cron) {
  return awsCronParser.parse(
    [cron.minutes, cron.hours, cron.dayOfMonth, cron.month, cron.dayOfWeek, cron.year].join(' '),
  );
}

/** Every way the expression breaks the State Manager schedule rules; empty when it is valid. */
export function scheduleProblems(expression: string, from: Date): ScheduleProblem[] {
  const schedule = parseSchedule(expression);
  switch (schedule.kind) {
    case 'unknown':
      return [{ id: 'invalid-expression', message: schedule.reason }];
    case 'at':
      return [];
    case 'rate':
      return rateProblems(schedule);
    case 'cron':
      return cronProblems(schedule, from);
  }
}

function rateProblems(rate: Extract<Schedule, { kind: 'rate' }>): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (rate.value === 0) problems.push({ id: 'invalid-expression', message: 'a rate of 0 never runs' });
  const pluralUnit = rate.unit.endsWith('s');
  if (rate.value > 0 && pluralUnit !== rate.value > 1) {
    const right = rate.value === 1 ? rate.unit.replace(/s$/, '') : `${rate.unit}s`;
    problems.push({
      id: 'rate-unit-mismatch',
      message: `rate(${rate.value} ${rate.unit}) must be rate(${rate.value} ${right})`,
    });
  }
  if (rate.value > 0 && rate.minutes < 30) {
    problems.push({
      id: 'rate-too-frequent',
      message: `every ${rate.minutes} min; associations need at least 30 minutes`,
    });
  }
  if (rate.minutes >= 31 * 1440) {
    problems.push({
      id: 'rate-too-long',
      message: `every ${rate.minutes / 1440} days; associations need less than 31 days`,
    });
  }
  return problems;
}

function cronProblems(cron: Cron, from: Date): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (cron.seconds !== undefined && cron.seconds !== '0') {
    problems.push({ id: 'invalid-expression', message: `the seconds field may only be 0, not "${cron.seconds}"` });
  }
  if (cron.month !== '*' && cron.month !== '?') {
    problems.push({ id: 'cron-month-set', message: `month field "${cron.month}"; associations do not support months` });
  }
  const specific = (v: string) => v !== '*' && v !== '?';
  if (cron.dayOfMonth !== '?' && cron.dayOfWeek !== '?' && (specific(cron.dayOfMonth) || specific(cron.dayOfWeek))) {
    problems.push({
      id: 'cron-day-conflict',
      message: `day-of-month "${cron.dayOfMonth}" and day-of-week "${cron.dayOfWeek}" are both set; use ? in one of them`,
    });
  }
  const gap = shortestGapMinutes(cron, from);
  if (gap === undefined) {
    problems.push({ id: 'invalid-expression', message: 'the cron fields could not be parsed' });
  } else if (gap < 5) {
    problems.push({
      id: 'cron-too-frequent',
      message: `fires every ${gap} min; associations run at most every 5 minutes`,
    });
  }
  return problems;
}

/** Shortest gap between consecutive fire times (sampled), or undefined when the cron cannot be evaluated. */
function shortestGapMinutes(cron: Cron, from: Date): number | undefined {
  try {
    const parsed = parsedCron(cron);
    // More than 12 minute values in an hour always leave two of them < 5 min apart; 16 samples cover any cycle.
    let previous = awsCronParser.next(parsed, from);
    let shortest = Number.POSITIVE_INFINITY;
    for (let i = 0; previous && i < 16; i++) {
      const following = awsCronParser.next(parsed, previous);
      if (!following) break;
      shortest = Math.min(shortest, (following.getTime() - previous.getTime()) / 60_000);
      previous = following;
    }
    return shortest;
  } catch {
    // aws-cron-parser throws on malformed fields; that is an invalid expression, reported by the caller.
    return undefined;
  }
}

/**
 * The next time a cron association runs after `from` (UTC), with ScheduleOffset days added;
 * undefined for rate/at expressions or when the cron cannot be evaluated.
 */
export function nextCronRun(expression: string, from: Date, offsetDays = 0): Date | undefined {
  return cronRun(expression, from, offsetDays, 'next');
}

/** The last time a cron association should have run before `from` (UTC), with ScheduleOffset days added. */
export function previousCronRun(expression: string, from: Date, offsetDays = 0): Date | undefined {
  return cronRun(expression, from, offsetDays, 'prev');
}

function cronRun(expression: string, from: Date, offsetDays: number, direction: 'next' | 'prev'): Date | undefined {
  const schedule = parseSchedule(expression);
  if (schedule.kind !== 'cron') return undefined;
  const offsetMs = offsetDays * 86_400_000;
  try {
    // A fire time f runs at f + offset, so the run after `from` is the fire after `from - offset`.
    const fire = awsCronParser[direction](parsedCron(schedule), new Date(from.getTime() - offsetMs));
    return fire ? new Date(fire.getTime() + offsetMs) : undefined;
  } catch {
    return undefined;
  }
}
