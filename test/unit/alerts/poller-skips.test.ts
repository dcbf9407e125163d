// A poll job that runs after its cycle is over (polls piling up, the app was down) is skipped, logged and counted,
// never dropped silently.
import { describe, expect, it } from 'vitest';
import { createPoller, startPollCycles } from '../../../src/alerts/poller.ts';

describe('alert poller: skipped cycles', () => {
  it('logs and counts every poll that came too late for its cycle; a poll on time is not a skip', async () => {
    const warnings: { object: Record<string, unknown>; message: string }[] = [];
    const now = new Date('2026-12-07T10:00:30Z');
    let claims = 0;
    const poll = createPoller({
      gateway: { reader: () => ({}) as never },
      accounts: [{ name: 'prod', id: '111122223333', regions: ['eu-west-1'] }],
      subscriptions: { listFor: async () => [] } as never,
      polls: {
        claim: async () => {
          claims += 1;
          return false; // another replica has it: nothing more to do here
        },
      } as never,
      sink: {} as never,
      intervalSeconds: 10,
      clock: () => now,
      logger: {
        info() {},
        warn: (object, message) => warnings.push({ object: object as Record<string, unknown>, message }),
        error() {},
      },
    });
    const job = (cycleStart: string) => ({ accountId: '111122223333', region: 'eu-west-1', cycleStart, maxPages: 1 });

    await poll(job('2026-12-07T10:00:00Z')); // 30 s late with a 10 s interval
    await poll(job('2026-12-07T09:59:00Z'));
    expect(poll.skippedCycles()).toBe(2);
    expect(warnings.map((w) => w.message)).toEqual([
      'alert poll cycle skipped: the poll started after its cycle was over',
      'alert poll cycle skipped: the poll started after its cycle was over',
    ]);
    expect(warnings[1]?.object).toMatchObject({ region: 'eu-west-1', lateSeconds: 90, skippedCycles: 2 });
    expect(claims).toBe(0);

    await poll(job('2026-12-07T10:00:20Z')); // this cycle: polled (claimed), not skipped
    expect(claims).toBe(1);
    expect(poll.skippedCycles()).toBe(2);
  });
});

describe('alert poll cycles: the wall-clock pacer', () => {
  const logger = () => {
    const warnings: { object: Record<string, unknown>; message: string }[] = [];
    return {
      warnings,
      info() {},
      warn: (object: unknown, message: string) => warnings.push({ object: object as Record<string, unknown>, message }),
      error() {},
    };
  };

  it('runs one cycle per boundary, aligned to the wall clock, and waits for the running one on stop', async () => {
    const log = logger();
    const starts: Date[] = [];
    let finished = 0;
    const cycles = startPollCycles({
      intervalSeconds: 1,
      run: async (cycleStart) => {
        starts.push(cycleStart);
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished += 1;
      },
      logger: log,
    });
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    await cycles.stop();
    expect(starts.length).toBeGreaterThanOrEqual(2);
    for (const start of starts) expect(start.getTime() % 1_000).toBe(0);
    const steps = starts.slice(1).map((s, i) => s.getTime() - (starts[i]?.getTime() ?? 0));
    expect(steps.every((step) => step === 1_000)).toBe(true);
    expect(finished).toBe(starts.length); // stop waited for the cycle in flight
    expect(cycles.skippedCycles()).toBe(0);
    expect(log.warnings).toEqual([]);
  });

  it('logs and counts the boundaries it missed while the event loop was held', async () => {
    const log = logger();
    const skips: [string, number][] = [];
    const starts: number[] = [];
    const cycles = startPollCycles({
      intervalSeconds: 1,
      run: async (cycleStart) => {
        starts.push(cycleStart.getTime());
        if (starts.length === 1) {
          const until = Date.now() + 2_300; // holds the event loop through the next two boundaries
          while (Date.now() < until) {}
        }
      },
      onSkip: (reason, count) => skips.push([reason, count]),
      logger: log,
    });
    const deadline = Date.now() + 8_000;
    while (starts.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await cycles.stop();
    const missed = ((starts[1] ?? 0) - (starts[0] ?? 0)) / 1_000 - 1;
    expect(missed).toBeGreaterThanOrEqual(2);
    expect(cycles.skippedCycles()).toBe(missed);
    expect(skips).toEqual([['timer_late', missed]]);
    expect(log.warnings).toEqual([
      {
        message: 'alert poll cycle skipped: the process was too busy to start it on time',
        object: expect.objectContaining({ missed, skippedCycles: missed, intervalSeconds: 1 }),
      },
    ]);
  });
});
