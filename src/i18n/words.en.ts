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
  /** `3 days`, `1 hour`, `30 s`: a count with its unit (evidence values). */
  count: {
    location: (n: number) => plural(n, 'location'),
    hour: (n: number) => plural(n, 'hour'),
    day: (n: number) => plural(n, 'day'),
    second: (n: number) => `${n} s`,
  },
};

export type WordsCatalog = typeof wordsEn;
