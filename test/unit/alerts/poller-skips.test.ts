// A poll job that runs after its cycle is over (polls piling up, the app was down) is skipped, logged and counted,
// never dropped silently.
import { describe, expect, it } from 'vitest';
import { createPoller } from '../../../src/alerts/poller.ts';

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
      'alert poll cycle skipped: the job ran after its cycle was over',
      'alert poll cycle skipped: the job ran after its cycle was over',
    ]);
    expect(warnings[1]?.object).toMatchObject({ region: 'eu-west-1', lateSeconds: 90, skippedCycles: 2 });
    expect(claims).toBe(0);

    await poll(job('2026-12-07T10:00:20Z')); // this cycle: polled (claimed), not skipped
    expect(claims).toBe(1);
    expect(poll.skippedCycles()).toBe(2);
  });
});
