// Fault: SIGKILL of the app mid-investigation, then a restart. The interrupted investigation resumes within
// 10 s of the new process being ready, and every post is in Slack exactly once — including when the kill lands
// between Slack accepting a post and the app recording it (the ledger entry is reconciled from the message's
// metadata in the thread, not posted again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { CHANNEL, type E2e, newTriggerId, startE2e, USER } from '../support/e2e.ts';
import { namedScenario, PROD_ACCOUNT } from '../support/scenarios/index.ts';
import { postSigned, slashCommandBody } from '../support/slack-requests.ts';
import { duplicates, figure, isVerdict, postKeys, sleep } from './fault-kit.ts';

const scenario = namedScenario('script-exit-code-1');

/** When the process logged `msg` (first time at or after `from`), from pino's ISO `time`. */
const loggedAt = (app: AppProcess, msg: string): number | undefined => {
  const entry = app.logs.find((l) => l.msg === msg);
  return entry ? Date.parse(String(entry.time)) : undefined;
};

describe('fault: kill -9 mid-investigation, restart', () => {
  let e2e: E2e;
  let current: AppProcess;
  beforeAll(async () => {
    e2e = await startE2e({ scenario: scenario.build({ now: new Date() }), accounts: [PROD_ACCOUNT] });
    current = e2e.app;
  }, 120_000);
  afterAll(async () => {
    await current?.stop();
    await e2e?.close();
  });

  /** `/ssm-why <id>` to whichever process is current (a restarted one listens on a new port). */
  const command = (text: string) =>
    postSigned(
      current.url,
      slashCommandBody({
        text,
        channelId: CHANNEL,
        userId: USER,
        responseUrl: e2e.slack.responseUrl(),
        triggerId: newTriggerId(),
      }),
      { secret: e2e.secret },
    );

  async function killAndRestart(): Promise<{ ready: number }> {
    current.child.kill('SIGKILL');
    await new Promise((resolve) => current.child.once('exit', resolve));
    current = await startAppProcess(e2e.env, { timeoutMs: 90_000 });
    return { ready: loggedAt(current, 'ssm-why listening') ?? Date.now() };
  }

  async function expectOneCleanThread(resumeBoundMs: number, ready: number) {
    const [verdict] = await e2e.slack.waitFor(isVerdict, { timeoutMs: 60_000 });
    const resumedAt = loggedAt(current, 'resuming investigation request');
    expect(resumedAt).toBeDefined();
    const resumeMs = (resumedAt as number) - ready;
    expect(resumeMs).toBeLessThan(resumeBoundMs);
    expect(duplicates(e2e.slack)).toEqual([]);
    // root + 7 steps + verdict, each once
    const keys = postKeys(e2e.slack);
    expect(keys.filter((k) => k.endsWith(':root'))).toHaveLength(1);
    expect(keys.filter((k) => k.includes(':step:'))).toHaveLength(7);
    expect(keys.filter((k) => k.endsWith(':verdict'))).toHaveLength(1);
    expect(verdict?.body.thread_ts).toBeTruthy();
    return resumeMs;
  }

  it('killed while an AWS call is in flight → resumes and finishes, nothing posted twice', async () => {
    e2e.slack.reset();
    e2e.aws.scenario.faults.push({ operation: 'DescribeAssociationExecutionTargets', delayMs: 4_000, times: 1 });
    await command(scenario.associationId);
    await e2e.slack.waitFor((c) => c.method === 'chat.postMessage', { count: 2, timeoutMs: 30_000 });
    const { ready } = await killAndRestart();
    const resumeMs = await expectOneCleanThread(10_000, ready);
    figure('resume after kill (AWS call in flight), ms after ready', resumeMs);
  }, 180_000);

  it('killed between Slack accepting a step reply and the app recording it → reconciled, not re-posted', async () => {
    e2e.slack.reset();
    // The 3rd post (root, step 1, step 2) is accepted by Slack but its answer is held back while the app dies.
    const holds = [0, 0, 20_000];
    let seen = 0;
    e2e.slack.setFaults('chat.postMessage', () => {
      const hold = holds[seen++];
      if (hold) e2e.slack.delayNextAnswer('chat.postMessage', hold);
      return undefined;
    });
    await command(scenario.associationId);
    await e2e.slack.waitFor((c) => c.method === 'chat.postMessage', { count: 3, timeoutMs: 30_000 });
    e2e.slack.setFaults('chat.postMessage', undefined);
    const { ready } = await killAndRestart();
    const resumeMs = await expectOneCleanThread(10_000, ready);
    // The held step was found by its metadata, not posted again.
    expect(e2e.slack.callsTo('conversations.replies').length).toBeGreaterThan(0);
    figure('resume after kill (between Slack and the database), ms after ready', resumeMs);
  }, 180_000);

  it('killed right after the root message was accepted (before its ts was stored) → one root', async () => {
    e2e.slack.reset();
    let first = true;
    e2e.slack.setFaults('chat.postMessage', () => {
      if (first) e2e.slack.delayNextAnswer('chat.postMessage', 20_000);
      first = false;
      return undefined;
    });
    await command(scenario.associationId);
    await e2e.slack.waitFor((c) => c.method === 'chat.postMessage', { timeoutMs: 30_000 });
    e2e.slack.setFaults('chat.postMessage', undefined);
    await sleep(100);
    const { ready } = await killAndRestart();
    const resumeMs = await expectOneCleanThread(10_000, ready);
    expect(e2e.slack.callsTo('conversations.history').length).toBeGreaterThan(0);
    figure('resume after kill (root accepted, not stored), ms after ready', resumeMs);
  }, 180_000);
});
