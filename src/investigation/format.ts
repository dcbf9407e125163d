// Small text formatters for step facts (pure).

/** `2026-11-28 10:04 UTC (3 h ago)`. */
export function formatWhen(date: Date | undefined, now: Date): string {
  if (!date) return 'never';
  const stamp = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${stamp} (${formatAge(now.getTime() - date.getTime())})`;
}

export function formatAge(ms: number): string {
  const future = ms < 0;
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  const text =
    minutes < 1
      ? 'just now'
      : minutes < 90
        ? `${minutes} min`
        : minutes < 48 * 60
          ? `${Math.round(minutes / 60)} h`
          : `${Math.round(minutes / 1440)} d`;
  if (text === 'just now') return text;
  return future ? `in ${text}` : `${text} ago`;
}

/** `{Success: 8000, Failed: 2000}` → `8,000 Success · 2,000 Failed`. */
export function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return 'none';
  return entries.map(([status, n]) => `${n.toLocaleString('en-US')} ${status}`).join(' · ');
}

export const formatList = (values: string[], max = 5): string =>
  values.length <= max ? values.join(', ') : `${values.slice(0, max).join(', ')} … (+${values.length - max} more)`;
