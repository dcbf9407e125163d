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
  | { kind: 'unknown'; reason: ScheduleDetail };

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
  /** What exactly is wrong, for the catalog to put in words. */
  detail: ScheduleDetail;
}

/** What is wrong with a schedule expression, with the values the sentence needs. */
export type ScheduleDetail =
  | { kind: 'unknown-rate-unit'; unit: string }
  | { kind: 'not-an-expression' }
  | { kind: 'cron-field-count'; count: number }
  | { kind: 'rate-zero' }
  | { kind: 'rate-unit'; value: number; unit: string; right: string }
  | { kind: 'rate-too-frequent'; minutes: number }
  | { kind: 'rate-too-long'; days: number }
  | { kind: 'cron-seconds'; seconds: string }
  | { kind: 'cron-month'; month: string }
  | { kind: 'cron-days'; dayOfMonth: string; dayOfWeek: string }
  | { kind: 'cron-unparsable' }
  | { kind: 'cron-too-frequent'; minutes: number };

const MINUTES_PER_UNIT: Record<string, number> = { minute: 1, hour: 60, day: 1440 };
const YEAR_FIELD = /^(\*|\d{4}([-,/]\d{1,4})*)$/;

export function parseSchedule(expression: string): Schedule {
  const text = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+([a-z]+)\s*\)$/i.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    const unit = (rate[2] ?? '').toLowerCase();
    const perUnit = MINUTES_PER_UNIT[unit.replace(/s$/, '')];
    if (perUnit === undefined) return { kind: 'unknown', reason: { kind: 'unknown-rate-unit', unit: rate[2] ?? '' } };
    return { kind: 'rate', value, unit, minutes: value * perUnit };
  }
  const at = /^at\((.+)\)$/i.exec(text);
  if (at) return { kind: 'at', at: (at[1] ?? '').trim() };
  const cron = /^cron\((.*)\)$/i.exec(text);
  if (!cron) return { kind: 'unknown', reason: { kind: 'not-an-expression' } };
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
  return { kind: 'unknown', reason: { kind: 'cron-field-count', count: f.length } };
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
      return [{ id: 'invalid-expression', detail: schedule.reason }];
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
  if (rate.value === 0) problems.push({ id: 'invalid-expression', detail: { kind: 'rate-zero' } });
  const pluralUnit = rate.unit.endsWith('s');
  if (rate.value > 0 && pluralUnit !== rate.value > 1) {
    const right = rate.value === 1 ? rate.unit.replace(/s$/, '') : `${rate.unit}s`;
    problems.push({
      id: 'rate-unit-mismatch',
      detail: { kind: 'rate-unit', value: rate.value, unit: rate.unit, right },
    });
  }
  if (rate.value > 0 && rate.minutes < 30) {
    problems.push({
      id: 'rate-too-frequent',
      detail: { kind: 'rate-too-frequent', minutes: rate.minutes },
    });
  }
  if (rate.minutes >= 31 * 1440) {
    problems.push({
      id: 'rate-too-long',
      detail: { kind: 'rate-too-long', days: rate.minutes / 1440 },
    });
  }
  return problems;
}

function cronProblems(cron: Cron, from: Date): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (cron.seconds !== undefined && cron.seconds !== '0') {
    problems.push({ id: 'invalid-expression', detail: { kind: 'cron-seconds', seconds: cron.seconds } });
  }
  if (cron.month !== '*' && cron.month !== '?') {
    problems.push({ id: 'cron-month-set', detail: { kind: 'cron-month', month: cron.month } });
  }
  const specific = (v: string) => v !== '*' && v !== '?';
  if (cron.dayOfMonth !== '?' && cron.dayOfWeek !== '?' && (specific(cron.dayOfMonth) || specific(cron.dayOfWeek))) {
    problems.push({
      id: 'cron-day-conflict',
      detail: { kind: 'cron-days', dayOfMonth: cron.dayOfMonth, dayOfWeek: cron.dayOfWeek },
    });
  }
  const gap = shortestGapMinutes(cron, from);
  if (gap === undefined) {
    problems.push({ id: 'invalid-expression', detail: { kind: 'cron-unparsable' } });
  } else if (gap < 5) {
    problems.push({
      id: 'cron-too-frequent',
      detail: { kind: 'cron-too-frequent', minutes: gap },
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
