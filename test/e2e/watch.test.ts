// "Tell me when it finishes" through the real app over HTTP: a first run in progress gives a 'running' verdict with
// the button; a click starts the durable watch (a second click is told who asked), nothing is posted while the
// execution runs, the app restarts, and when the execution ends in the fake exactly one reply lands in the thread, followed by a fresh
// investigation there. A click from a channel that may not use the account is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRef } from '../../src/investigation/ports.ts';
import { RERUN, WATCH_EXECUTION } from '../../src/slack/action-ids.ts';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { CHANNEL, type E2e, OTHER_CHANNEL, startE2e, USER } from '../support/e2e.ts';
import { RESPONSE_URL, type RecordedCall } from '../support/fake-slack.ts';
import { namedScenario, PROD, PROD_ACCOUNT } from '../support/scenarios/index.ts';

const SCENARIO = namedScenario('first-run-in-progress');
const ASSOCIATION = SCENARIO.associationId;
const EXECUTION = 'c0e2a4c6-8f0b-4d3f-9c5e-7a9b1d3f5c72';
const ACCOUNT: AccountRef = { ...PROD_ACCOUNT, channels: [CHANNEL] };

const blocksOf = (call: RecordedCall | { blocks?: unknown } | undefined) =>
  JSON.stringify((call && 'body' in call ? call.body.blocks : call?.blocks) ?? '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Polls a condition on what the fakes recorded (fake-slack's waitFor only wakes up on a new Slack call). */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(100);
  }
}

describe('Tell me when it finishes, end to end', () => {
  let e2e: E2e;
  let restarted: AppProcess | undefined;
  beforeAll(async () => {
    e2e = await startE2e({
      scenario: SCENARIO.build({ now: new Date() }),
      accounts: [ACCOUNT],
      env: { SSM_WHY_VERIFY_INTERVAL_SECONDS: '1' },
    });
  }, 120_000);
  afterAll(async () => {
    await restarted?.stop();
    await e2e?.close();
  });

  const responses = (text: string) =>
    e2e.slack.calls.filter((c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes(text));

  it('running → click → restart → the execution ends in the fake → exactly one reply in the thread, then a new verdict', async () => {
    await e2e.command(`${ASSOCIATION} account prod region eu-west-1`);
    const [verdict] = await e2e.slack.waitFor((c) => c.method === 'chat.postMessage' && blocksOf(c).includes(RERUN), {
      timeoutMs: 60_000,
    });
    expect(blocksOf(verdict)).toContain('Still running');
    const [root] = e2e.slack.callsTo('chat.postMessage');
    const rootTs = (root?.response.body as { ts?: string } | undefined)?.ts ?? '';
    const elements = JSON.parse(blocksOf(verdict)).flatMap(
      (b: { elements?: { action_id: string; value: string }[] }) => b.elements ?? [],
    ) as { action_id: string; value: string }[];
    const watch = elements.find((e) => e.action_id === WATCH_EXECUTION);
    expect(watch?.value).toContain(EXECUTION);
    const verdictTs = (verdict?.response.body as { ts?: string } | undefined)?.ts ?? '';
    const click = (userId: string, channelId = CHANNEL) =>
      e2e.click({ actionId: WATCH_EXECUTION, value: watch?.value ?? '', messageTs: verdictTs, userId, channelId });

    // Another channel may not use the account: refused, no watch.
    await click('U0OUTSIDE1', OTHER_CHANNEL);
    await until(() => responses('not allowed to use account').length > 0, 10_000);

    await click(USER);
    await until(() => responses('I will reply in this thread').length > 0, 10_000);
    await click('U0SECOND01');
    await until(() => responses('already asked').length > 0, 10_000);
    expect(responses('I will reply in this thread')).toHaveLength(1);

    // While it runs, the watch polls and says nothing.
    const finished = () => e2e.slack.thread(CHANNEL, rootTs).filter((m) => blocksOf(m).includes('Finished:'));
    const polls = () =>
      e2e.aws.callsTo('DescribeAssociationExecutions').filter((c) => JSON.stringify(c.params).includes(ASSOCIATION));
    const before = polls().length;
    await until(() => polls().length >= before + 2, 20_000);
    expect(finished()).toHaveLength(0);

    // The app restarts while the execution runs: the watch is a queued job, the new process picks it up.
    expect(await e2e.app.stop()).toBe(0);
    // The execution ends meanwhile: 1 Success, 2 Failed.
    const region = e2e.aws.scenario.accounts[PROD.id]?.regions[PROD.region];
    const execution = region?.executions?.[ASSOCIATION]?.find((x) => x.ExecutionId === EXECUTION);
    if (!execution) throw new Error('the fake has no such execution');
    execution.Status = 'Failed';
    execution.DetailedStatus = 'Failed';
    execution.ResourceCountByStatus = '{Success=1, Failed=2}';
    restarted = await startAppProcess(e2e.env, { timeoutMs: 120_000 });

    await until(() => finished().length > 0, 30_000);
    const [reply] = finished();
    expect(blocksOf(reply)).toContain('ended Failed');
    expect(blocksOf(reply)).toContain('2/3 targets not Success');
    // And a fresh investigation in the same thread (a second verdict with Re-run).
    const verdicts = () =>
      e2e.slack.calls.filter(
        (c) => c.method === 'chat.postMessage' && c.body.thread_ts === rootTs && blocksOf(c).includes(RERUN),
      );
    await until(() => verdicts().length >= 2, 60_000);
    // Exactly one reply, however long we wait.
    await sleep(3_000);
    expect(finished()).toHaveLength(1);
  }, 180_000);
});
