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
};

export type WordsCatalog = typeof wordsEn;
