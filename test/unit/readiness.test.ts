import { describe, expect, it } from 'vitest';
import { backoffDelay, createReadiness } from '../../src/readiness.ts';

describe('readiness registry', () => {
  it('is ready only when every registered dependency is, and keeps "since" while the state holds', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const readiness = createReadiness(() => now);
    const database = readiness.dependency('database', 'connecting');
    const slack = readiness.dependency('slack');
    expect(readiness.report()).toEqual({
      ready: false,
      dependencies: {
        database: { state: 'starting', since: '2026-01-01T00:00:00.000Z', detail: 'connecting' },
        slack: { state: 'starting', since: '2026-01-01T00:00:00.000Z' },
      },
    });
    now = new Date('2026-01-01T00:00:05Z');
    slack.failing('auth.test failing: ECONNREFUSED');
    now = new Date('2026-01-01T00:00:09Z');
    slack.failing('auth.test failing: ETIMEDOUT');
    database.ready();
    expect(readiness.report().dependencies.slack).toEqual({
      state: 'failing',
      since: '2026-01-01T00:00:05.000Z',
      detail: 'auth.test failing: ETIMEDOUT',
    });
    expect(readiness.report().ready).toBe(false);
    slack.ready();
    expect(readiness.report().ready).toBe(true);
    expect(readiness.dependency('slack')).toBe(slack);
  });

  it('backs off exponentially, with jitter, never above the cap', () => {
    const options = { initialMs: 500, maxMs: 10_000 };
    expect(backoffDelay(1, options, () => 1)).toBe(500);
    expect(backoffDelay(1, options, () => 0)).toBe(250);
    expect(backoffDelay(3, options, () => 1)).toBe(2_000);
    expect(backoffDelay(30, options, () => 1)).toBe(10_000);
    expect(backoffDelay(30, options, () => 0)).toBe(5_000);
  });
});
