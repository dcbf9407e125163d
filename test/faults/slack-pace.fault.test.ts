// Fault: Slack answers 429 (Retry-After: 1) to every other chat.postMessage for 30 s while 5 investigations run
// in one channel. Nothing is lost, nothing is posted twice, and the channel never gets more than the burst plus
// one post a second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, type E2e, startE2e } from '../support/e2e.ts';
import { namedScenario, PROD_ACCOUNT } from '../support/scenarios/index.ts';
import { duplicates, figure, isVerdict, maxPostsPerWindow, postKeys } from './fault-kit.ts';

const scenario = namedScenario('script-exit-code-1');
const BURST = 10;

describe('fault: a 429 storm while 5 investigations share a channel', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({
      scenario: scenario.build({ now: new Date() }),
      accounts: [PROD_ACCOUNT],
      env: { SSM_WHY_SLACK_CHANNEL_POSTS_PER_MINUTE: '60' }, // the production default
    });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('0 lost, 0 duplicated, ≤ burst + 1/s per channel, root updates coalesced', async () => {
    e2e.slack.reset();
    const stormUntil = Date.now() + 30_000; // the storm of issue 10: 30 s
    let n = 0;
    e2e.slack.setFaults('chat.postMessage', () =>
      Date.now() < stormUntil && n++ % 2 === 0 ? { status: 429, retryAfter: 1 } : undefined,
    );
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect((await e2e.command(scenario.associationId)).status).toBe(200);
    const verdicts = await e2e.slack.waitFor(isVerdict, { count: 5, timeoutMs: 90_000 });
    const elapsedS = (Date.now() - started) / 1_000;

    const keys = postKeys(e2e.slack);
    const rateLimited = e2e.slack.callsTo('chat.postMessage').filter((c) => c.response.status === 429).length;
    const accepted = e2e.slack.callsTo('chat.postMessage').filter((c) => c.response.status === 200).length;
    const maxPerSecond = maxPostsPerWindow(e2e.slack, CHANNEL, 1_000);
    const maxPer20s = maxPostsPerWindow(e2e.slack, CHANNEL, 20_000);
    const updates = e2e.slack.callsTo('chat.update').length;
    figure('429 storm: 429s served', rateLimited);
    figure('429 storm: posts accepted / keys / duplicates', [accepted, keys.length, duplicates(e2e.slack).length]);
    figure('429 storm: max posts in 1 s / in 20 s (channel)', [maxPerSecond, maxPer20s]);
    figure('429 storm: chat.update calls for 5 roots (8 states each)', updates);
    figure('429 storm: elapsed s', elapsedS);

    expect(rateLimited).toBeGreaterThan(0);
    expect(verdicts).toHaveLength(5);
    expect(duplicates(e2e.slack)).toEqual([]);
    expect(keys.filter((k) => k.endsWith(':root'))).toHaveLength(5);
    expect(keys.filter((k) => k.includes(':step:'))).toHaveLength(35);
    expect(accepted).toBe(45);
    expect(maxPerSecond).toBeLessThanOrEqual(BURST);
    expect(maxPer20s).toBeLessThanOrEqual(BURST + 21);
    expect(updates).toBeLessThanOrEqual(5 * 8);
  }, 200_000);
});
