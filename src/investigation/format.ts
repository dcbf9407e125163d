// Small text formatters for step facts (pure), in the investigation's language.
import type { Catalog } from '../i18n/index.ts';

/** `2026-11-28 10:04 UTC (3 h ago)`. */
export function formatWhen(date: Date | undefined, now: Date, t: Catalog): string {
  if (!date) return t.thread.facts.never;
  return t.thread.facts.when(t.words.dateTime(date), formatAge(now.getTime() - date.getTime(), t));
}

/** `3 h ago`, `in 12 min`, `just now`. */
export function formatAge(ms: number, t: Catalog): string {
  const say = t.thread.facts.age;
  const future = ms < 0;
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  if (minutes < 1) return say.justNow;
  const text =
    minutes < 90
      ? say.minutes(minutes)
      : minutes < 48 * 60
        ? say.hours(Math.round(minutes / 60))
        : say.days(Math.round(minutes / 1440));
  return future ? say.in(text) : say.ago(text);
}

/** `{Success: 8000, Failed: 2000}` → `8,000 Success · 2,000 Failed`. */
export function formatCounts(counts: Record<string, number>, t: Catalog): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return t.thread.facts.none;
  return entries.map(([status, n]) => t.thread.facts.count(status, n)).join(' · ');
}

export const formatList = (values: string[], t: Catalog, max = 5): string =>
  values.length <= max
    ? values.join(', ')
    : t.thread.facts.listMore(values.slice(0, max).join(', '), values.length - max);
