// `/ssm-why stats`: investigations by verdict cause family, the 👍/👎 counts per family and the median time to
// verdict. Pure: the store hands over the rows, this adds them up.

export type FeedbackVote = 'up' | 'down';

/** One investigation of the window with the votes its verdict received. */
export interface StatsInvestigation {
  /** The verdict's cause family; absent while no verdict was given (still running, failed to finish). */
  causeFamily?: string;
  createdAt: Date;
  finishedAt?: Date;
  votes: readonly FeedbackVote[];
}

export interface FamilyStats {
  family: string;
  investigations: number;
  up: number;
  down: number;
}

export interface VerdictStats {
  investigations: number;
  /** Investigations that reached a verdict. */
  verdicts: number;
  /** Median of (finishedAt − createdAt) over the verdicts, in ms; absent with no verdict. */
  medianMsToVerdict?: number;
  /** Most investigations first, then by name. */
  families: FamilyStats[];
}

/** The family under which an investigation without a verdict is counted. */
export const NO_VERDICT_FAMILY = 'no verdict';

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function verdictStats(rows: readonly StatsInvestigation[]): VerdictStats {
  const families = new Map<string, FamilyStats>();
  const durations: number[] = [];
  for (const row of rows) {
    const family = row.causeFamily ?? NO_VERDICT_FAMILY;
    const entry = families.get(family) ?? { family, investigations: 0, up: 0, down: 0 };
    entry.investigations += 1;
    for (const vote of row.votes) entry[vote] += 1;
    families.set(family, entry);
    if (row.causeFamily && row.finishedAt) durations.push(row.finishedAt.getTime() - row.createdAt.getTime());
  }
  const medianMs = median(durations);
  return {
    investigations: rows.length,
    verdicts: durations.length,
    ...(medianMs === undefined ? {} : { medianMsToVerdict: medianMs }),
    families: [...families.values()].sort(
      (a, b) => b.investigations - a.investigations || a.family.localeCompare(b.family),
    ),
  };
}
