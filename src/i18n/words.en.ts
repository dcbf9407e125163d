// English words for dates, durations and counts.

/** `2025-06-09 07:00 UTC`, or the wall time of `timeZone` (an IANA name, e.g. from the user's Slack profile). */
const dateTime = (date: Date, timeZone = 'UTC'): string => {
  if (timeZone === 'UTC') return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
};

const plural = (count: number, word: string, words = `${word}s`): string => `${count} ${count === 1 ? word : words}`;

export const wordsEn = {
  dateTime,
  /** `3 h ago`, `12 min ago`, `2 d ago` — judged against the injected now. */
  since: (now: Date, then: Date): string => {
    const minutes = Math.round((now.getTime() - then.getTime()) / 60_000);
    if (minutes < 1) return 'just now';
    if (minutes < 60) return `${minutes} min ago`;
    const hours = Math.round(minutes / 60);
    if (hours < 48) return `${hours} h ago`;
    return `${Math.round(hours / 24)} d ago`;
  },
  /** `1,234`. */
  number: (n: number): string => n.toLocaleString('en-US'),
  /** `under a minute`, `12 min`, `3 h`, `2 d` — a duration in minutes for prose. */
  duration: (minutes: number): string => {
    if (minutes < 1) return 'under a minute';
    if (minutes < 90) return `${Math.round(minutes)} min`;
    if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
    return `${Math.round(minutes / 1440)} d`;
  },
  /** `i-1, i-2, i-3 (+4 more)`. */
  idList: (ids: readonly string[], max = 3): string => {
    const shown = ids.slice(0, max).join(', ');
    return ids.length > max ? `${shown} (+${ids.length - max} more)` : shown;
  },
  /** `a`, `a and b`, `a, b and c`. */
  list: (items: readonly string[]): string =>
    items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`,
  /** `3 targets`, `1 node`: a count with its noun. */
  count: {
    target: (n: number) => plural(n, 'target'),
    node: (n: number) => plural(n, 'node'),
    sampledNode: (n: number) => plural(n, 'sampled node'),
    failedTarget: (n: number) => plural(n, 'failed target'),
    otherTarget: (n: number) => plural(n, 'other target'),
    execution: (n: number) => plural(n, 'execution'),
    recentExecution: (n: number) => plural(n, 'recent execution'),
    command: (n: number) => plural(n, 'command'),
    completedInvocation: (n: number) => plural(n, 'completed invocation'),
    completedNode: (n: number) => plural(n, 'completed node'),
    failure: (n: number) => plural(n, 'failure'),
    location: (n: number) => plural(n, 'location'),
    targetLocation: (n: number) => plural(n, 'target location'),
    hour: (n: number) => plural(n, 'hour'),
    day: (n: number) => plural(n, 'day'),
    finding: (n: number) => plural(n, 'finding'),
    thing: (n: number) => plural(n, 'thing'),
    second: (n: number) => `${n} s`,
  },
};

export type WordsCatalog = typeof wordsEn;
