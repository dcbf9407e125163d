// The alert poller holds its interval at the smallest allowed setting (SSM_WHY_POLL_INTERVAL_SECONDS=1) with 6
// account × region pairs, through the real app: every pair is polled once per cycle, never twice, and a cycle
// that cannot be polled is logged and counted in /metrics (ssm_why_alert_poll_skipped_total), never dropped
// silently. (Before: the cycles ran as a chain of queued ticks, and at 1 s about half the cycles were lost
// without a log line.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, type E2e, startE2e } from '../support/e2e.ts';
import { prod } from '../support/scenarios/index.ts';

const METRICS_TOKEN = 'metrics-token-for-the-poll-test';
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'].map((id, i) => ({
  name: `acct${i}`,
  id,
  roleArn: `arn:aws:iam::${id}:role/SsmWhyReadOnly`,
  regions: ['eu-west-1', 'us-east-1'],
  channels: [CHANNEL],
}));
const PAIRS = ACCOUNTS.flatMap((a) => a.regions.map((r) => `${a.id}/${r}`));
const SECONDS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('alert polling at the minimum interval (1 s, 6 pairs)', () => {
  let e2e: E2e;
  beforeAll(async () => {
    let builder = prod();
    for (const a of ACCOUNTS) {
      builder = builder.account(a.id, { roleArn: a.roleArn }).region('eu-west-1').region('us-east-1');
    }
    e2e = await startE2e({
      scenario: builder.build(),
      accounts: ACCOUNTS,
      env: { SSM_WHY_POLL_INTERVAL_SECONDS: '1', SSM_WHY_METRICS_TOKEN: METRICS_TOKEN },
    });
  }, 180_000);
  afterAll(async () => {
    await e2e?.close();
  });

  /** Skipped polls per pair, from the app's log lines (a late timer skips every pair). */
  function skipsFromLogs(): { perPair: Map<string, number>; total: number } {
    const perPair = new Map<string, number>(PAIRS.map((p) => [p, 0]));
    let total = 0;
    const add = (pair: string, n: number) => perPair.set(pair, (perPair.get(pair) ?? 0) + n);
    for (const line of e2e.app.logs) {
      const msg = String(line.msg);
      if (!msg.startsWith('alert poll cycle skipped')) continue;
      if (typeof line.missed === 'number') {
        total += line.missed;
        for (const p of PAIRS) add(p, line.missed);
      } else if (Array.isArray(line.pairs)) {
        total += line.pairs.length;
        for (const p of line.pairs) add(String(p), 1);
      } else {
        total += 1;
        add(`${line.accountId}/${line.region}`, 1);
      }
    }
    return { perPair, total };
  }

  async function skippedInMetrics(): Promise<number> {
    const response = await fetch(`${e2e.app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await response.text();
    return [...text.matchAll(/^ssm_why_alert_poll_skipped_total\{[^}]*\} (\d+)$/gm)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
  }

  it('polls every pair once per cycle, and logs and counts any cycle it cannot poll', async () => {
    const response = await e2e.command('subscribe');
    expect(response.status).toBe(200);
    // The first poll of every pair: the subscription is seen.
    const deadline = Date.now() + 15_000;
    const pairsPolled = () => new Set(e2e.aws.callsTo('ListAssociations').map((c) => `${c.account}/${c.region}`));
    while (pairsPolled().size < PAIRS.length) {
      if (Date.now() > deadline) throw new Error(`only ${pairsPolled().size} of ${PAIRS.length} pairs polled`);
      await sleep(100);
    }
    const skippedBefore = skipsFromLogs().perPair;
    e2e.aws.calls.length = 0;
    await sleep(SECONDS * 1_000);
    const calls = e2e.aws.callsTo('ListAssociations');
    const skipped = skipsFromLogs();

    for (const pair of PAIRS) {
      const polls = calls.filter((c) => `${c.account}/${c.region}` === pair).length;
      const skips = (skipped.perPair.get(pair) ?? 0) - (skippedBefore.get(pair) ?? 0);
      // Each 1 s cycle of the window is polled or skipped out loud (one cycle of slack at either edge), never twice.
      expect(polls + skips, `${pair}: ${polls} polls + ${skips} skips in ${SECONDS} s`).toBeGreaterThanOrEqual(
        SECONDS - 1,
      );
      expect(polls, `${pair}: ${polls} polls in ${SECONDS} s`).toBeLessThanOrEqual(SECONDS + 1);
      // Skips are for overload, not the rule: most cycles are polled.
      expect(polls, `${pair}: ${polls} polls in ${SECONDS} s`).toBeGreaterThanOrEqual(SECONDS / 2);
    }
    // Every skip the log shows is counted in the metric.
    expect(await skippedInMetrics()).toBe(skipped.total);
  }, 60_000);
});
