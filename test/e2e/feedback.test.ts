// "Was this right?" and `/ssm-why stats` through the real app over HTTP: the verdict carries 👍/👎, a 👍 is thanked,
// a 👎 opens the "what was it really?" dialog (views.open with the click's trigger_id) whose submit stores the note,
// a re-click by the same user replaces their vote, a click from a channel that may not use the account is refused
// (and stores nothing), and `stats` counts the investigation and the votes under the verdict's cause family.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRef } from '../../src/investigation/ports.ts';
import { FEEDBACK_DOWN, FEEDBACK_UP, RERUN } from '../../src/slack/action-ids.ts';
import {
  FEEDBACK_NOTE_ACTION,
  FEEDBACK_NOTE_BLOCK,
  FEEDBACK_NOTE_CALLBACK,
} from '../../src/slack/views/feedback.view.ts';
import { openDatabase } from '../../src/store/database.ts';
import { CHANNEL, type E2e, OTHER_CHANNEL, startE2e, USER } from '../support/e2e.ts';
import { RESPONSE_URL, type RecordedCall } from '../support/fake-slack.ts';
import { namedScenario, PROD_ACCOUNT } from '../support/scenarios/index.ts';

const SCENARIO = namedScenario('script-exit-code-1');
const ASSOCIATION = SCENARIO.associationId;
const ACCOUNT: AccountRef = { ...PROD_ACCOUNT, channels: [CHANNEL] };
const SECOND = 'U0SECOND01';
const THIRD = 'U0THIRD001';
const OUTSIDER = 'U0OUTSIDE1';
const NOTE = 'It was the proxy, not the script';

const blocksOf = (call: RecordedCall | undefined) => JSON.stringify(call?.body.blocks ?? '');

describe('verdict feedback and /ssm-why stats end to end', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ scenario: SCENARIO.build({ now: new Date() }), accounts: [ACCOUNT] });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  let investigationId = '';
  let verdictTs = '';
  const responses = (text: string) =>
    e2e.slack.calls.filter((c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes(text));
  const click = (actionId: string, userId: string, channelId = CHANNEL, triggerId?: string) =>
    e2e.click({
      actionId,
      value: investigationId,
      messageTs: verdictTs,
      userId,
      channelId,
      ...(triggerId ? { triggerId } : {}),
    });

  it('the verdict carries 👍 and 👎 with the investigation id', async () => {
    await e2e.command(`${ASSOCIATION} account prod region eu-west-1`);
    const [verdict] = await e2e.slack.waitFor((c) => c.method === 'chat.postMessage' && blocksOf(c).includes(RERUN), {
      timeoutMs: 60_000,
    });
    const elements = JSON.parse(blocksOf(verdict)).flatMap(
      (b: { elements?: { action_id: string; value: string }[] }) => b.elements ?? [],
    ) as { action_id: string; value: string }[];
    const up = elements.find((e) => e.action_id === FEEDBACK_UP);
    const down = elements.find((e) => e.action_id === FEEDBACK_DOWN);
    const rerun = elements.find((e) => e.action_id === RERUN);
    expect(up?.value).toBe(rerun?.value);
    expect(down?.value).toBe(rerun?.value);
    investigationId = up?.value ?? '';
    verdictTs = (verdict?.response.body as { ts?: string } | undefined)?.ts ?? '';
  }, 90_000);

  it('👍 is thanked; 👎 opens the dialog and its submit stores the note; a re-click replaces the vote', async () => {
    expect((await click(FEEDBACK_UP, USER)).status).toBe(200);
    await e2e.slack.waitFor((c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes('Thanks'), {
      timeoutMs: 10_000,
    });

    const trigger = '1111.2222.feedback';
    await click(FEEDBACK_DOWN, SECOND, CHANNEL, trigger);
    const [opened] = await e2e.slack.waitFor('views.open', { timeoutMs: 10_000 });
    expect(opened?.body.trigger_id).toBe(trigger);
    const view = opened?.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(FEEDBACK_NOTE_CALLBACK);
    const submitted = await e2e.submit({
      callbackId: FEEDBACK_NOTE_CALLBACK,
      privateMetadata: view.private_metadata,
      userId: SECOND,
      values: { [FEEDBACK_NOTE_BLOCK]: { [FEEDBACK_NOTE_ACTION]: { type: 'plain_text_input', value: NOTE } } },
    });
    expect(submitted.status).toBe(200);

    // THIRD first says 👎, then changes their mind: one vote, 👍.
    await click(FEEDBACK_DOWN, THIRD, CHANNEL, '3333.4444.feedback');
    await e2e.slack.waitFor((c) => c.method === 'views.open' && c.body.trigger_id === '3333.4444.feedback', {
      timeoutMs: 10_000,
    });
    const thanked = responses('Thanks').length;
    await click(FEEDBACK_UP, THIRD);
    await e2e.slack.waitFor(() => responses('Thanks').length > thanked, { timeoutMs: 10_000 });
  }, 60_000);

  it('refuses a click from a channel that may not use the account (and records the refusal only)', async () => {
    await click(FEEDBACK_UP, OUTSIDER, OTHER_CHANNEL);
    const [refusal] = await e2e.slack.waitFor(
      (c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes('not allowed to use account'),
      { timeoutMs: 10_000 },
    );
    expect(refusal).toBeDefined();
  }, 30_000);

  it('stats shows the investigation under its cause family with 👍 2 · 👎 1 and a median time to verdict', async () => {
    const before = responses('Verdicts, last 30 days').length;
    const ack = await e2e.command('stats');
    expect(ack.status).toBe(200);
    await e2e.slack.waitFor(() => responses('Verdicts, last 30 days').length > before, { timeoutMs: 10_000 });
    const stats = responses('Verdicts, last 30 days').at(-1);
    expect(stats?.body.response_type).toBe('ephemeral');
    const text = JSON.stringify(stats?.body.blocks);
    expect(text).toContain('1 investigation, 1 verdict');
    expect(text).toContain('median time to verdict');
    expect(text).toMatch(/\*[a-z-]+\*: 1 investigation — 👍 2 · 👎 1/);
    expect(text).not.toContain('no verdict');

    // The other channel may not use the account: its stats count nothing.
    const otherBefore = responses('No investigations').length;
    await e2e.command('stats', { channelId: OTHER_CHANNEL });
    await e2e.slack.waitFor(() => responses('No investigations').length > otherBefore, { timeoutMs: 10_000 });
  }, 30_000);

  it('stores one vote per user with the clicker and the note (the outsider stored nothing)', async () => {
    expect(await e2e.app.stop()).toBe(0);
    const database = await openDatabase(e2e.database);
    try {
      const rows = await database.prisma.verdictFeedback.findMany({ orderBy: { userId: 'asc' } });
      expect(rows.map((r) => [r.investigationId, r.userId, r.vote, r.note])).toEqual(
        [
          [investigationId, SECOND, 'down', NOTE],
          [investigationId, THIRD, 'up', null],
          [investigationId, USER, 'up', null],
        ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      );
    } finally {
      await database.close();
    }
  }, 60_000);
});
