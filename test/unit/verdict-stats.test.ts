// `/ssm-why stats` aggregation: investigations and votes per cause family, median time to verdict.
import { describe, expect, it } from 'vitest';
import { median, NO_VERDICT_FAMILY, verdictStats } from '../../src/domain/verdict-stats.ts';

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 11, 1, 10, minute, second));

describe('verdictStats', () => {
  it('counts investigations and 👍/👎 per cause family, most investigations first', () => {
    const stats = verdictStats([
      { causeFamily: 'network', createdAt: at(0), finishedAt: at(0, 30), votes: ['up', 'down', 'up'] },
      { causeFamily: 'network', createdAt: at(1), finishedAt: at(1, 50), votes: [] },
      { causeFamily: 'disk-space', createdAt: at(2), finishedAt: at(2, 10), votes: ['down'] },
      { createdAt: at(3), votes: [] },
    ]);
    expect(stats.investigations).toBe(4);
    expect(stats.verdicts).toBe(3);
    expect(stats.families).toEqual([
      { family: 'network', investigations: 2, up: 2, down: 1 },
      { family: 'disk-space', investigations: 1, up: 0, down: 1 },
      { family: NO_VERDICT_FAMILY, investigations: 1, up: 0, down: 0 },
    ]);
    // Time to verdict: 30 s, 50 s, 10 s → median 30 s; the one without a verdict does not count.
    expect(stats.medianMsToVerdict).toBe(30_000);
  });

  it('orders families of equal size by name, and has no median without a verdict', () => {
    const stats = verdictStats([
      { causeFamily: 'timeout', createdAt: at(0), votes: [] },
      { causeFamily: 'healthy', createdAt: at(0), votes: ['up'] },
    ]);
    expect(stats.families.map((f) => f.family)).toEqual(['healthy', 'timeout']);
    expect(stats.verdicts).toBe(0);
    expect(stats).not.toHaveProperty('medianMsToVerdict');
    expect(verdictStats([])).toEqual({ investigations: 0, verdicts: 0, families: [] });
  });

  it('median: odd, even, empty', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});
