// Failure alerts through the real app: subscription commands over signed HTTP, polling ListAssociations on
// the fake AWS every second (SSM_WHY_POLL_INTERVAL_SECONDS=1), the alert and its investigation thread on the
// fake Slack, recovery in place, the buttons, Slack failures, a storm into one digest, and two app processes
// on one database (PostgreSQL only: PGlite is one process's embedded database, so two processes cannot share it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVESTIGATE_AGAIN, MUTE_ALERT, RERUN } from '../../src/slack/action-ids.ts';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { CHANNEL, type E2e, e2eBackend, OTHER_CHANNEL, startE2e } from '../support/e2e.ts';
import type { FakeAws } from '../support/fake-aws/index.ts';
import type { WireAssociationDescription } from '../support/fake-aws/wire.ts';
import { RESPONSE_URL, type RecordedCall } from '../support/fake-slack.ts';
import { namedScenario, PROD, PROD_ACCOUNT } from '../support/scenarios/index.ts';

const SCENARIO = namedScenario('script-exit-code-1');
const ASSOCIATION = SCENARIO.associationId;
const RESTRICTED = { name: 'payments', id: '210987654321', regions: ['eu-west-1'], channels: [OTHER_CHANNEL] };
const ENV = { SSM_WHY_POLL_INTERVAL_SECONDS: '1', SSM_WHY_ALERT_DIGEST_THRESHOLD: '2' };

function associations(aws: FakeAws): WireAssociationDescription[] {
  const region = aws.scenario.accounts[PROD.id]?.regions[PROD.region];
  if (!region?.associations) throw new Error('the scenario has no associations in PROD');
  return region.associations;
}

function setStatus(aws: FakeAws, associationId: string, status: 'Success' | 'Failed' | 'Pending'): void {
  const association = associations(aws).find((a) => a.AssociationId === associationId);
  if (!association) throw new Error(`no association ${associationId}`);
  association.Overview = {
    Status: status,
    DetailedStatus: status,
    AssociationStatusAggregatedCount: status === 'Failed' ? { Failed: 2, Success: 1 } : { [status]: 3 },
  };
}

/** A scenario where the named association (and any clones) starts out healthy. */
function healthyScenario() {
  const scenario = SCENARIO.build({ now: new Date() });
  const region = scenario.accounts[PROD.id]?.regions[PROD.region];
  for (const a of region?.associations ?? []) {
    a.Overview = { Status: 'Success', DetailedStatus: 'Success', AssociationStatusAggregatedCount: { Success: 3 } };
  }
  return scenario;
}

const blocksText = (call: RecordedCall) => JSON.stringify(call.body.blocks ?? '');
const tsOf = (call: RecordedCall | undefined) => (call?.response.body as { ts?: string } | undefined)?.ts;

/** The value of the first button with this action id. */
function buttonValue(blocks: unknown, actionId: string): string | undefined {
  for (const block of (blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]) {
    const found = block.elements?.find((e) => e.action_id?.split('#')[0] === actionId);
    if (found?.value) return found.value;
  }
  return undefined;
}

/** A root alert message (not in a thread) about this association in this channel. */
const isAlertRoot = (channel: string, associationId: string) => (c: RecordedCall) =>
  c.method === 'chat.postMessage' &&
  c.response.status === 200 &&
  (c.response.body as { ok?: boolean }).ok === true &&
  c.body.channel === channel &&
  c.body.thread_ts === undefined &&
  blocksText(c).includes(MUTE_ALERT) &&
  blocksText(c).includes(associationId);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the fake AWS has answered `n` more ListAssociations calls (polls) than now. */
async function polls(aws: FakeAws, n: number, timeoutMs = 15_000): Promise<void> {
  const target = aws.callsTo('ListAssociations').length + n;
  const deadline = Date.now() + timeoutMs;
  while (aws.callsTo('ListAssociations').length < target) {
    if (Date.now() > deadline) throw new Error(`fewer than ${n} polls in ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe('failure alerts end to end', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ scenario: healthyScenario(), accounts: [PROD_ACCOUNT, RESTRICTED], env: ENV });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  /** Sends a command and answers the text of its ephemeral reply. */
  async function ask(text: string, channelId = CHANNEL): Promise<string> {
    const before = Math.max(0, ...e2e.slack.calls.map((c) => c.seq));
    const response = await e2e.command(text, { channelId });
    expect(response.status).toBe(200);
    const raw = await response.text();
    const acked = raw ? (JSON.parse(raw) as { text?: string; blocks?: unknown }) : {};
    if (acked.text) return JSON.stringify(acked);
    const [reply] = await e2e.slack.waitFor((c) => c.method === RESPONSE_URL && c.seq > before, { timeoutMs: 10_000 });
    return JSON.stringify(reply?.body);
  }

  it('subscribes, merges a duplicate, refuses an account the channel may not use, lists and unsubscribes', async () => {
    expect(await ask('subscribe account prod')).toContain('now subscribed');
    expect(await ask('subscribe account 123456789012')).toContain('already subscribed');
    expect(await ask('subscribe account payments')).toMatch(/not allowed to use account/);
    expect(await ask('subscribe region ap-south-1')).toContain('not configured');
    expect(await ask('subscribe document AWS-RunShellScript region eu-west-1')).toContain('now subscribed');

    const list = await ask('subscriptions');
    expect(list).toContain('2 subscriptions');
    expect(list).toContain('associations of document `AWS-RunShellScript`');
    const shortIds = [...list.matchAll(/• `([0-9a-f]{8})`/g)].map((m) => m[1]);
    expect(shortIds).toHaveLength(2);

    expect(await ask(`unsubscribe ${shortIds[1]}`)).toContain('Removed 1 subscription');
    expect(await ask('unsubscribe 0badc0de')).toContain('no subscription');
    expect(await ask('subscriptions')).toContain('1 subscription');
    expect(await ask('unsubscribe all')).toContain('Removed 1 subscription');
    expect(await ask('subscriptions')).toContain('no alert subscriptions');
    expect(await ask('subscribe colour blue')).toContain('Unexpected');
  });

  let alertTs: string;
  let episodeId: string;

  it('posts one alert when a polled association turns Failed, with the investigation running in its thread', async () => {
    expect(await ask(`subscribe account prod region eu-west-1 association ${ASSOCIATION}`)).toContain('now subscribed');
    await polls(e2e.aws, 2); // it has been seen healthy
    e2e.slack.reset();
    // Slack is down for the first try: the alert is posted by a later try, from the database.
    for (let i = 0; i < 3; i++) e2e.slack.failNext('chat.postMessage', { status: 503 });
    const failedAt = performance.now();
    setStatus(e2e.aws, ASSOCIATION, 'Failed');

    const [root] = await e2e.slack.waitFor(isAlertRoot(CHANNEL, ASSOCIATION), { timeoutMs: 20_000 });
    const alertMs = performance.now() - failedAt;
    alertTs = tsOf(root) as string;
    episodeId = buttonValue(root?.body.blocks, MUTE_ALERT) as string;
    expect(alertTs).toBeDefined();
    expect(e2e.slack.callsTo('chat.postMessage').filter((c) => c.response.status === 503).length).toBe(3);
    const text = blocksText(root as RecordedCall);
    for (const part of [
      'ConfigureNginx',
      'AWS-RunShellScript',
      'prod',
      PROD.id,
      'eu-west-1',
      'Failed 2',
      INVESTIGATE_AGAIN,
    ]) {
      expect(text).toContain(part);
    }

    // The investigation runs in the alert's thread and ends with its verdict there.
    const [verdict] = await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === alertTs && blocksText(c).includes(RERUN),
      { timeoutMs: 30_000 },
    );
    expect(verdict).toBeDefined();
    const thread = e2e.slack.thread(CHANNEL, alertTs);
    expect(thread.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(thread[0]?.blocks)).toContain('Triggered by:* an alert');

    // No repeat while it stays failed.
    await polls(e2e.aws, 3);
    expect(e2e.slack.calls.filter(isAlertRoot(CHANNEL, ASSOCIATION))).toHaveLength(1);
    console.info(`alert posted ${Math.round(alertMs)} ms after the association failed (one Slack outage retried)`);
  });

  it('turns the alert into "Recovered at …" in place, honouring Slack’s Retry-After, and says so in the thread', async () => {
    e2e.slack.reset();
    e2e.slack.failNext('chat.update', { status: 429, retryAfter: 1 });
    setStatus(e2e.aws, ASSOCIATION, 'Success');
    const [reply] = await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === alertTs && blocksText(c).includes('Recovered at'),
      { timeoutMs: 20_000 },
    );
    expect(reply).toBeDefined();
    const updates = e2e.slack.callsTo('chat.update').filter((c) => c.body.ts === alertTs);
    const [limited, done] = updates;
    expect(limited?.response.status).toBe(429);
    expect(blocksText(done as RecordedCall)).toContain('Recovered at');
    expect(JSON.stringify(e2e.slack.message(CHANNEL, alertTs)?.blocks)).toContain('Recovered at');
    expect(JSON.stringify(e2e.slack.message(CHANNEL, alertTs)?.blocks)).not.toContain(MUTE_ALERT);
    expect(e2e.slack.calls.filter(isAlertRoot(CHANNEL, ASSOCIATION))).toHaveLength(0);
  });

  it('re-investigates in the alert thread on Investigate again, and mutes the association for this channel', async () => {
    e2e.slack.reset();
    const click = (actionId: string, channelId = CHANNEL) =>
      e2e.click({ actionId, value: episodeId, channelId, messageTs: alertTs, threadTs: null });

    expect((await click(INVESTIGATE_AGAIN)).status).toBe(200);
    await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === alertTs && blocksText(c).includes(RERUN),
      { timeoutMs: 30_000 },
    );
    // The same button clicked from another channel is refused by the one button rule (src/investigation/authorize.ts).
    await click(INVESTIGATE_AGAIN, OTHER_CHANNEL);
    const [refusal] = await e2e.slack.waitFor(
      (c) =>
        c.method === RESPONSE_URL &&
        /belongs to another channel|may not use|no longer exists/.test(JSON.stringify(c.body)),
      { timeoutMs: 10_000 },
    );
    expect(refusal).toBeDefined();

    await click(MUTE_ALERT);
    await e2e.slack.waitFor((c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes('No new alerts'), {
      timeoutMs: 10_000,
    });
    await e2e.slack.waitFor((c) => c.body.thread_ts === alertTs && JSON.stringify(c.body).includes('Muted by'), {
      timeoutMs: 10_000,
    });
    // Muted: failing again posts nothing in this channel.
    setStatus(e2e.aws, ASSOCIATION, 'Failed');
    await polls(e2e.aws, 3);
    expect(e2e.slack.calls.filter(isAlertRoot(CHANNEL, ASSOCIATION))).toHaveLength(0);
  });

  it('groups a storm into a few alerts of their own and one digest with a reply per association', async () => {
    expect(await ask('unsubscribe all')).toContain('Removed');
    expect(await ask('subscribe account prod name Storm-*', OTHER_CHANNEL)).toContain('now subscribed');
    const base = associations(e2e.aws)[0] as WireAssociationDescription;
    const ids = Array.from({ length: 7 }, (_, i) => `5707a000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const [i, id] of ids.entries()) {
      associations(e2e.aws).push({ ...structuredClone(base), AssociationId: id, AssociationName: `Storm-${i}` });
      setStatus(e2e.aws, id, 'Success');
    }
    await polls(e2e.aws, 2);
    e2e.slack.reset();
    for (const id of ids) setStatus(e2e.aws, id, 'Failed');

    // Threshold 2: two alerts of their own, then one digest for the other five.
    const digestRoot = (c: RecordedCall) =>
      c.method === 'chat.postMessage' &&
      c.body.channel === OTHER_CHANNEL &&
      !c.body.thread_ts &&
      blocksText(c).includes('failing in this channel');
    const [digest] = await e2e.slack.waitFor(digestRoot, { timeoutMs: 20_000 });
    const digestTs = tsOf(digest) as string;
    await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === digestTs && blocksText(c).includes(MUTE_ALERT),
      { count: 5, timeoutMs: 20_000 },
    );
    const channelRoot = (c: RecordedCall) =>
      c.method === 'chat.postMessage' && c.body.channel === OTHER_CHANNEL && !c.body.thread_ts;
    await e2e.slack.waitFor(channelRoot, { count: 3, timeoutMs: 20_000 });
    await polls(e2e.aws, 4); // two cycles (two regions each): nothing more comes
    const roots = e2e.slack.messages(OTHER_CHANNEL).filter((m) => !m.thread_ts);
    expect(roots).toHaveLength(3);
    expect(e2e.slack.calls.filter(digestRoot)).toHaveLength(1);
    const items = e2e.slack
      .thread(OTHER_CHANNEL, digestTs)
      .filter((m) => JSON.stringify(m.blocks).includes(MUTE_ALERT));
    expect(items).toHaveLength(5);
    // The digest lists its five (updated in place as they joined); every association was alerted exactly once.
    const latest = JSON.stringify(e2e.slack.message(OTHER_CHANNEL, digestTs)?.blocks);
    expect(latest).toContain('5 alerts');
    const alerted = [...roots.filter((m) => m.ts !== digestTs), ...items].map((m) => JSON.stringify(m.blocks));
    for (const id of ids) expect(alerted.filter((text) => text.includes(id))).toHaveLength(1);
  });
});

// Two replicas on one PostgreSQL database: exactly one polls each account × region per cycle, one alert.
// (PGlite allows one process per data directory, so this runs where the e2e apps run on PostgreSQL.)
if (e2eBackend() === 'postgres') {
  describe('failure alerts with two app processes on one PostgreSQL database', () => {
    let e2e: E2e;
    let second: AppProcess;
    beforeAll(async () => {
      e2e = await startE2e({ scenario: healthyScenario(), accounts: [PROD_ACCOUNT], env: ENV });
      second = await startAppProcess({ ...e2e.env, PORT: '0' });
    }, 120_000);
    afterAll(async () => {
      await second?.stop();
      await e2e?.close();
    });

    it('posts one alert and runs one investigation, polling once per cycle', async () => {
      const response = await e2e.command(`subscribe account prod region eu-west-1`);
      expect(response.status).toBe(200);
      await polls(e2e.aws, 2);
      const before = e2e.aws.callsTo('ListAssociations').length;
      const started = Date.now();
      setStatus(e2e.aws, ASSOCIATION, 'Failed');
      const [root] = await e2e.slack.waitFor(isAlertRoot(CHANNEL, ASSOCIATION), { timeoutMs: 20_000 });
      const ts = tsOf(root) as string;
      await e2e.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts && blocksText(c).includes(RERUN),
        { timeoutMs: 30_000 },
      );
      await polls(e2e.aws, 3);
      expect(e2e.slack.calls.filter(isAlertRoot(CHANNEL, ASSOCIATION))).toHaveLength(1);
      const verdicts = e2e.slack.calls.filter((c) => c.method === 'chat.postMessage' && blocksText(c).includes(RERUN));
      expect(verdicts).toHaveLength(1);
      // Both processes tick every second, but each cycle's poll is claimed once: about one call per second.
      const seconds = (Date.now() - started) / 1_000;
      expect(e2e.aws.callsTo('ListAssociations').length - before).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
      // Both replicas are up and working the same queue.
      expect(second.logs.some((l) => l.msg === 'ssm-why listening')).toBe(true);
    });
  });
}
