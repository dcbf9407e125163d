// Fault: the database goes away. A PostgreSQL cluster of the test's own (never the shared server) is stopped for
// 20 s (fast shutdown) while investigations are mid-run and alerts are polled every second, then for 60 s
// (immediate shutdown, as in a crash) while an alert is being posted — Slack accepted it, the app has not recorded
// it yet — and more investigations run. The process stays up, /readyz says 503 naming the database while it is
// gone and 200 once it is back, and every investigation ends with exactly one verdict, every step and alert in
// Slack exactly once.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTE_ALERT } from '../../src/slack/action-ids.ts';
import { type E2e, startE2e } from '../support/e2e.ts';
import type { RecordedCall } from '../support/fake-slack.ts';
import { pollUntil, type ReadyBody } from '../support/readiness.ts';
import { namedScenario, PROD, PROD_ACCOUNT } from '../support/scenarios/index.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { duplicates, figure, isVerdict, postKeys, sleep } from './fault-kit.ts';

const SCENARIO = namedScenario('script-exit-code-1');
const ASSOCIATION = SCENARIO.associationId;
/** The step replies of one investigation (the verdict and the root are counted apart). */
const STEPS = 7;

/** The scenario with the association healthy in its overview, so that turning it Failed raises one alert. */
function healthyScenario() {
  const scenario = SCENARIO.build({ now: new Date() });
  for (const a of scenario.accounts[PROD.id]?.regions[PROD.region]?.associations ?? []) {
    a.Overview = { Status: 'Success', DetailedStatus: 'Success', AssociationStatusAggregatedCount: { Success: 3 } };
  }
  return scenario;
}

const isAlertRoot = (c: RecordedCall) =>
  c.method === 'chat.postMessage' &&
  c.body.thread_ts === undefined &&
  JSON.stringify(c.body.blocks ?? '').includes(MUTE_ALERT);

interface ReadyzSample {
  status: number | 'no answer';
  database?: string;
  /** /healthz at the same moment. */
  live?: number | 'no answer';
}

describe('fault: PostgreSQL stops for 20 s, then for 60 s', () => {
  let pg: ThrowawayPostgres;
  let e2e: E2e;
  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    e2e = await startE2e({
      scenario: healthyScenario(),
      accounts: [PROD_ACCOUNT],
      databaseUrl: pg.url,
      env: { SSM_WHY_POLL_INTERVAL_SECONDS: '1' },
    });
  }, 120_000);
  afterAll(async () => {
    // SSM_WHY_FAULT_LOG=<file> keeps the app's log lines, to see what it said during the outages.
    if (process.env.SSM_WHY_FAULT_LOG && e2e) {
      writeFileSync(process.env.SSM_WHY_FAULT_LOG, e2e.app.logs.map((l) => JSON.stringify(l)).join('\n'));
      // …and Slack's side since the last reset: each call's time, method, post key, thread and answer.
      const calls = e2e.slack.calls.map((c) => ({
        at: c.at,
        method: c.method,
        key: (c.body.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key,
        channel: c.body.channel,
        ts: c.body.ts,
        thread: c.body.thread_ts,
        status: c.response.status,
        answer: (c.response.body as { ts?: string; error?: string } | undefined)?.ts,
      }));
      writeFileSync(`${process.env.SSM_WHY_FAULT_LOG}.slack`, calls.map((c) => JSON.stringify(c)).join('\n'));
    }
    await e2e?.close();
    await pg?.dispose();
  });

  const readyz = async (): Promise<ReadyzSample> => {
    const response = await fetch(`${e2e.app.url}/readyz`, { signal: AbortSignal.timeout(5_000) }).catch(
      () => undefined,
    );
    const health = await fetch(`${e2e.app.url}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    const live = health ? health.status : 'no answer';
    if (!response) return { status: 'no answer', live };
    const body = (await response.json()) as ReadyBody;
    return { status: response.status, database: body.dependencies.database?.state ?? 'absent', live };
  };

  /** Stops the cluster for `seconds`, sampling /readyz; starts it again and measures how soon the app is ready. */
  async function outage(seconds: number, mode: 'fast' | 'immediate') {
    const stoppedAt = performance.now();
    await pg.stop(mode);
    const samples: ReadyzSample[] = [];
    while (performance.now() - stoppedAt < seconds * 1_000) {
      samples.push(await readyz());
      await sleep(2_000);
    }
    const up = e2e.app.child.exitCode === null && e2e.app.child.signalCode === null;
    await pg.start();
    const back = performance.now();
    const backAt = Date.now();
    await pollUntil(`${e2e.app.url}/readyz`, (status) => status === 200, 30_000);
    const readyAfterMs = Math.round(performance.now() - back);
    return { samples, up, backAt, readyAfterMs, downS: Math.round((back - stoppedAt) / 1_000) };
  }

  /** Turns the association's overview to `status` in the fake AWS (what the alert poller reads). */
  function setStatus(status: 'Success' | 'Failed') {
    for (const a of e2e.aws.scenario.accounts[PROD.id]?.regions[PROD.region]?.associations ?? []) {
      if (a.AssociationId !== ASSOCIATION) continue;
      a.Overview = {
        Status: status,
        DetailedStatus: status,
        AssociationStatusAggregatedCount: status === 'Failed' ? { Failed: 2, Success: 1 } : { Success: 3 },
      };
    }
  }

  /** How many times the app logged `msg` since log line `from`. */
  const logged = (msg: string, from = 0) => e2e.app.logs.slice(from).filter((l) => l.msg === msg).length;

  /** Warnings and errors the app logged since log line `from`, by message. */
  const complaints = (from: number) => {
    const counts: Record<string, number> = {};
    for (const l of e2e.app.logs.slice(from)) {
      if (['warn', 'error', 'fatal'].includes(String(l.level)))
        counts[String(l.msg)] = (counts[String(l.msg)] ?? 0) + 1;
    }
    return counts;
  };

  /** Sends `/ssm-why <association>` n times (fresh trigger ids: n investigations). */
  async function investigate(n: number) {
    for (let i = 0; i < n; i++) expect((await e2e.command(ASSOCIATION)).status).toBe(200);
  }

  /** Every post key once, and the expected numbers of roots, steps and verdicts. */
  function expectClean(investigations: number, alerts: number) {
    expect(duplicates(e2e.slack)).toEqual([]);
    const keys = postKeys(e2e.slack);
    // An alert's investigation has a root of its own in the alert's thread.
    expect(keys.filter((k) => k.startsWith('inv:') && k.endsWith(':root'))).toHaveLength(investigations);
    expect(keys.filter((k) => k.includes(':step:'))).toHaveLength(investigations * STEPS);
    expect(keys.filter((k) => k.endsWith(':verdict'))).toHaveLength(investigations);
    expect(e2e.slack.calls.filter((c) => isAlertRoot(c) && c.response.status === 200)).toHaveLength(alerts);
  }

  it('subscribes the channel, so alerts are polled every second', async () => {
    const response = await e2e.command(`subscribe account prod region eu-west-1 association ${ASSOCIATION}`);
    expect(response.status).toBe(200);
    const before = e2e.aws.callsTo('ListAssociations').length;
    await expect
      .poll(() => e2e.aws.callsTo('ListAssociations').length, { timeout: 15_000 })
      .toBeGreaterThan(before + 1);
  }, 30_000);

  it('20 s with 3 investigations mid-run and polls every second: up, 503 then 200, 3 clean threads', async () => {
    e2e.slack.reset();
    // Each investigation waits 5 s in one AWS call: the database goes while they wait.
    e2e.aws.scenario.faults.push({ operation: 'DescribeAssociationExecutionTargets', delayMs: 5_000, times: 3 });
    await investigate(3);
    await expect
      .poll(() => e2e.aws.callsTo('DescribeAssociationExecutionTargets').length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(3);
    const stepsBefore = postKeys(e2e.slack).filter((k) => k.includes(':step:')).length;
    const logFrom = e2e.app.logs.length;

    const { samples, up, backAt, readyAfterMs, downS } = await outage(20, 'fast');
    const pollsBack = e2e.aws.callsTo('ListAssociations').length;
    const verdicts = await e2e.slack.waitFor(isVerdict, { count: 3, timeoutMs: 90_000 });
    const firstPost = e2e.slack.callsTo('chat.postMessage').find((c) => c.at >= backAt);
    await expect
      .poll(() => e2e.aws.callsTo('ListAssociations').length, { timeout: 15_000 })
      .toBeGreaterThan(pollsBack + 1);

    figure('db outage 20 s: process up, seconds down', [up, downS]);
    figure('db outage 20 s: /readyz and /healthz while down (distinct)', [
      ...new Set(samples.map((x) => JSON.stringify(x))),
    ]);
    figure('db outage 20 s: ms to /readyz 200 after the database returned', readyAfterMs);
    figure('db outage 20 s: ms to the first Slack post after it returned', firstPost ? firstPost.at - backAt : null);
    figure('db outage 20 s: steps posted before / duplicates', [stepsBefore, duplicates(e2e.slack).length]);
    figure('db outage 20 s: requests resumed', logged('resuming investigation request', logFrom));
    figure('db outage 20 s: warnings and errors logged', complaints(logFrom));

    // A verdict is not the end of an investigation (its root is updated, its record finished): the next test
    // starts when all three have finished, so none of their late updates falls into its count.
    await expect.poll(() => logged('investigation finished', logFrom), { timeout: 30_000 }).toBe(3);

    expect(up).toBe(true);
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) expect(sample).toEqual({ status: 503, database: 'failing', live: 200 });
    expect(verdicts).toHaveLength(3);
    expect(logged('unhandled promise rejection; still serving', logFrom)).toBe(0);
    // A lost connection is not bad data: no step was replaced by a "could not be stored" note.
    expect(logged('investigation step could not be stored', logFrom)).toBe(0);
    // The investigations were in flight: the database went under them and they were taken up again.
    expect(stepsBefore).toBeLessThan(3 * STEPS);
    expect(logged('resuming investigation request', logFrom)).toBeGreaterThan(0);
    expectClean(3, 0);
  }, 150_000);

  it('60 s while an alert is being posted and 2 investigations run: up, 503 then 200, 1 alert, 3 clean threads', async () => {
    e2e.slack.reset();
    // Slack accepts the alert but its answer is held back: the app cannot record it before the database goes.
    let held = false;
    e2e.slack.setFaults('chat.postMessage', (call) => {
      if (!held && isAlertRoot(call)) {
        held = true;
        e2e.slack.delayNextAnswer('chat.postMessage', 4_000);
      }
      return undefined;
    });
    e2e.aws.scenario.faults.push({ operation: 'DescribeAssociationExecutionTargets', delayMs: 5_000, times: 2 });
    setStatus('Failed');
    await investigate(2);
    await e2e.slack.waitFor(isAlertRoot, { timeoutMs: 30_000 });
    const logFrom = e2e.app.logs.length;

    // Immediate: no shutdown checkpoint, as in a crash; the server recovers on start.
    const { samples, up, backAt, readyAfterMs, downS } = await outage(60, 'immediate');
    e2e.slack.setFaults('chat.postMessage', undefined);
    const verdicts = await e2e.slack.waitFor(isVerdict, { count: 3, timeoutMs: 90_000 });
    const firstPost = e2e.slack.callsTo('chat.postMessage').find((c) => c.at >= backAt);
    const pollsBack = e2e.aws.callsTo('ListAssociations').length;
    await expect
      .poll(() => e2e.aws.callsTo('ListAssociations').length, { timeout: 15_000 })
      .toBeGreaterThan(pollsBack + 1);
    await sleep(3_000); // time for a second alert, were one to come

    figure('db outage 60 s: process up, seconds down', [up, downS]);
    figure('db outage 60 s: /readyz and /healthz while down (distinct)', [
      ...new Set(samples.map((x) => JSON.stringify(x))),
    ]);
    figure('db outage 60 s: ms to /readyz 200 after the database returned', readyAfterMs);
    figure('db outage 60 s: ms to the first Slack post after it returned', firstPost ? firstPost.at - backAt : null);
    figure('db outage 60 s: alert roots accepted / duplicates', [
      e2e.slack.calls.filter((c) => isAlertRoot(c) && c.response.status === 200).length,
      duplicates(e2e.slack).length,
    ]);
    figure('db outage 60 s: post keys in Slack', postKeys(e2e.slack).length);
    figure('db outage 60 s: requests resumed', logged('resuming investigation request', logFrom));
    figure('db outage 60 s: warnings and errors logged', complaints(logFrom));

    expect(up).toBe(true);
    expect(samples.length).toBeGreaterThan(20);
    for (const sample of samples) expect(sample).toEqual({ status: 503, database: 'failing', live: 200 });
    expect(verdicts).toHaveLength(3);
    expect(logged('resuming investigation request', logFrom)).toBeGreaterThan(0);
    expect(logged('unhandled promise rejection; still serving', logFrom)).toBe(0);
    // A lost connection is not bad data: no step was replaced by a "could not be stored" note.
    expect(logged('investigation step could not be stored', logFrom)).toBe(0);
    // The alert Slack had accepted while the database was gone was found by its key, not posted again.
    expect(e2e.slack.callsTo('conversations.history').length).toBeGreaterThan(0);
    expectClean(3, 1);
  }, 200_000);
});
