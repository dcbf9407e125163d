// Issue 14 end to end: a channel set to Japanese with `/ssm-why lang ja`, a failed investigation there, a
// Japanese user (Slack locale ja-JP) in a channel without a setting, and `lang en` in a command winning over both.
// The real app between the fake Slack (users.info answers each user's locale) and the fake AWS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/i18n/index.ts';
import { MUTE_ALERT, RERUN } from '../../src/slack/action-ids.ts';
import { CHANNEL, type E2e, startE2e, USER } from '../support/e2e.ts';
import { RESPONSE_URL, type RecordedCall } from '../support/fake-slack.ts';
import { namedScenario, PROD, PROD_ACCOUNT } from '../support/scenarios/index.ts';

/** A user whose Slack is in Japanese. */
const JA_USER = 'U0JAPAN0001';
/** A Japanese user whose first look-up Slack answers slowly. */
const SLOW_JA_USER = 'U0SLOWJA001';
/** A channel nobody set a language for (`auto`). */
const AUTO_CHANNEL = 'C0AUTO00001';

const SCENARIO = namedScenario('script-exit-code-1');
const ja = texts('ja');
const en = texts('en');

/** Every piece of text a message shows: `text` and the blocks' mrkdwn and plain_text. */
function shownText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const { type, text } = node as { type?: unknown; text?: unknown };
      if ((type === 'mrkdwn' || type === 'plain_text') && typeof text === 'string') parts.push(text);
      for (const value of Object.values(node)) walk(value);
    }
  };
  if (typeof body.text === 'string') parts.push(body.text);
  walk(body.blocks);
  return parts.join('\n');
}

/**
 * English prose in shown text: three or more English words in a row, once what AWS and Slack wrote is taken out
 * (code spans and blocks, links and mentions, ids). A Japanese message has none.
 */
function englishProse(text: string): string[] {
  const stripped = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
  return stripped.match(/\b[A-Za-z][a-z']*(?:[ ,]+[A-Za-z][a-z']*){2,}\b/g) ?? [];
}

const ackOf = async (response: Response) => {
  expect(response.status).toBe(200);
  return (await response.json()) as { response_type: string; text: string; blocks: unknown[] };
};

describe('Japanese end to end', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({
      scenario: SCENARIO.build({ now: new Date() }),
      accounts: [PROD_ACCOUNT],
      slack: {
        users: {
          [JA_USER]: { locale: 'ja-JP', tz: 'Asia/Tokyo' },
          [SLOW_JA_USER]: { locale: 'ja-JP', tz: 'Asia/Tokyo' },
        },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  /** Sends a command and waits for its verdict in the channel; returns the ack and the thread's messages. */
  async function investigate(text: string, options: { userId: string; channelId: string }) {
    e2e.slack.reset();
    e2e.aws.scenario = SCENARIO.build({ now: new Date() });
    const ack = await ackOf(await e2e.command(text, options));
    const [verdict] = await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body.blocks ?? '').includes(RERUN),
      { timeoutMs: 30_000 },
    );
    const posts = e2e.slack.callsTo('chat.postMessage');
    return { ack, verdict: verdict as RecordedCall, posts };
  }

  it('/ssm-why lang ja sets the channel and answers in Japanese; `lang` alone shows it', async () => {
    const set = await ackOf(await e2e.command('lang ja', { userId: USER }));
    expect(set.response_type).toBe('ephemeral');
    expect(set.text).toBe(`🌐 ${ja.slack.lang.set('ja')}`);
    expect(englishProse(shownText(set))).toEqual([]);

    // The Japanese user asks what the channel speaks: in Japanese, naming who set it.
    const shown = await ackOf(await e2e.command('lang', { userId: JA_USER }));
    expect(shown.text).toBe(`🌐 ${ja.slack.lang.current('ja', USER)}`);
    // An English user asks: in English (their Slack's language wins for what only they see).
    const english = await ackOf(await e2e.command('lang', { userId: USER }));
    expect(english.text).toBe(`🌐 ${en.slack.lang.current('ja', USER)}`);

    // Each user's locale was asked of Slack (users.info with include_locale) once.
    const lookups = e2e.slack.callsTo('users.info');
    expect(lookups.map((c) => [c.body.user, c.body.include_locale])).toEqual([
      [USER, 'true'],
      [JA_USER, 'true'],
    ]);

    const refused = await ackOf(await e2e.command('lang fr', { userId: JA_USER }));
    expect(shownText(refused)).toContain(ja.slack.problems.notALangSetting('fr'));
  });

  it('a failed investigation in the Japanese channel: the ack and the thread speak Japanese', async () => {
    const { ack, verdict, posts } = await investigate(SCENARIO.associationId, { userId: JA_USER, channelId: CHANNEL });
    // PROD is in two regions: the ack says where it is looking, in Japanese.
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain(ja.slack.command.lookingIn(SCENARIO.associationId, 2));
    expect(englishProse(shownText(ack))).toEqual([]);

    // The root, the step replies and the verdict are in the channel and its thread.
    const [root] = posts;
    expect(root?.body.channel).toBe(CHANNEL);
    const rootTs = (root?.response.body as { ts?: string } | undefined)?.ts;
    expect(verdict.body.thread_ts).toBe(rootTs);

    // The findings are Japanese: the verdict's fix, word for word from the Japanese catalog, and no English one.
    const verdictText = shownText(verdict.body);
    expect(verdictText).toContain(ja.findings.script.exitCode.remediation[0]);
    expect(verdictText).not.toContain(en.findings.script.exitCode.remediation[0]);
    const thread = posts.map((p) => shownText(p.body)).join('\n');
    for (const sentence of en.findings.script.exitCode.remediation) expect(thread).not.toContain(sentence);

    // Every message of the thread and every update of the root says no English sentence of ours (AWS's values,
    // in code spans and blocks, aside).
    const updates = e2e.slack.callsTo('chat.update');
    expect(updates.length).toBeGreaterThan(0);
    for (const message of [...posts, ...updates]) {
      const text = shownText(message.body);
      expect(text).toMatch(/[\u3040-\u30ff]/);
      expect(englishProse(text), text).toEqual([]);
    }
    // Found in one place: the requester is told where, through the response_url, in the thread's language.
    const [located] = await e2e.slack.waitFor(RESPONSE_URL, { timeoutMs: 15_000 });
    const locatedText = shownText(located?.body ?? {});
    expect(locatedText).toMatch(/[\u3040-\u30ff]/);
    expect(englishProse(locatedText), locatedText).toEqual([]);

    // The user's language came from the cache filled by the first test: Slack was not asked again.
    expect(e2e.slack.callsTo('users.info')).toEqual([]);
  });

  it('a Japanese user in a channel without a setting gets a Japanese ack and a Japanese thread', async () => {
    const { ack, verdict } = await investigate(SCENARIO.associationId, { userId: JA_USER, channelId: AUTO_CHANNEL });
    expect(ack.text).toContain(ja.slack.command.lookingIn(SCENARIO.associationId, 2));
    expect(englishProse(shownText(ack))).toEqual([]);
    expect(verdict.body.channel).toBe(AUTO_CHANNEL);
    expect(shownText(verdict.body)).toContain(ja.findings.script.exitCode.remediation[0]);
  });

  it('an English user in a channel without a setting: English ack and thread', async () => {
    const { ack, verdict } = await investigate(SCENARIO.associationId, { userId: USER, channelId: AUTO_CHANNEL });
    expect(ack.text).toContain(en.slack.command.lookingIn(SCENARIO.associationId, 2));
    expect(shownText(verdict.body)).toContain(en.findings.script.exitCode.remediation[0]);
  });

  it('`lang en` in the command wins over the Japanese channel and the Japanese user', async () => {
    const { ack, verdict } = await investigate(`${SCENARIO.associationId} lang en`, {
      userId: JA_USER,
      channelId: CHANNEL,
    });
    expect(ack.text).toContain(en.slack.command.lookingIn(SCENARIO.associationId, 2));
    const verdictText = shownText(verdict.body);
    expect(verdictText).toContain(en.findings.script.exitCode.remediation[0]);
    expect(verdictText).not.toContain(ja.findings.script.exitCode.remediation[0]);
    // The control: the same check finds English sentences in an English thread.
    expect(englishProse(verdictText).length).toBeGreaterThan(3);
  });

  it('an English user in the Japanese channel: the thread is Japanese, what only they see is English', async () => {
    const { ack, verdict } = await investigate(SCENARIO.associationId, { userId: USER, channelId: CHANNEL });
    expect(ack.text).toContain(en.slack.command.lookingIn(SCENARIO.associationId, 2));
    expect(shownText(verdict.body)).toContain(ja.findings.script.exitCode.remediation[0]);
  });

  it('a problem with the command is told in the asker’s language; `lang ja` in it chooses Japanese', async () => {
    const english = await ackOf(await e2e.command('frobnicate', { userId: USER, channelId: AUTO_CHANNEL }));
    expect(shownText(english)).toContain(en.slack.problems.unknownSubcommand('frobnicate'));
    const japanese = await ackOf(await e2e.command('frobnicate lang ja', { userId: USER, channelId: AUTO_CHANNEL }));
    expect(shownText(japanese)).toContain(ja.slack.problems.unknownSubcommand('frobnicate'));
  });

  it('a slow users.info does not hold the answer: English at once, Japanese once the cache is warm', async () => {
    e2e.slack.delayNextAnswer('users.info', 1_500);
    const started = performance.now();
    const first = await ackOf(await e2e.command('lang', { userId: SLOW_JA_USER, channelId: AUTO_CHANNEL }));
    expect(performance.now() - started).toBeLessThan(1_200);
    expect(first.text).toBe(`🌐 ${en.slack.lang.currentAuto}`);
    await e2e.slack.waitFor((c) => c.method === 'users.info' && c.body.user === SLOW_JA_USER);
    await new Promise((r) => setTimeout(r, 1_700));
    const second = await ackOf(await e2e.command('lang', { userId: SLOW_JA_USER, channelId: AUTO_CHANNEL }));
    expect(second.text).toBe(`🌐 ${ja.slack.lang.currentAuto}`);
    expect(e2e.slack.callsTo('users.info').filter((c) => c.body.user === SLOW_JA_USER)).toHaveLength(1);
  });

  it('Re-run in a channel without a setting speaks the clicker’s language; App Home speaks its user’s', async () => {
    const { verdict } = await investigate(SCENARIO.associationId, { userId: USER, channelId: AUTO_CHANNEL });
    expect(shownText(verdict.body)).toContain(en.findings.script.exitCode.remediation[0]);
    const value = ((verdict.body.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id?.split('#')[0] === RERUN)?.value;
    expect(value).toBeDefined();
    const threadTs = verdict.body.thread_ts as string;
    e2e.slack.reset();
    await e2e.click({ actionId: RERUN, value: value as string, channelId: AUTO_CHANNEL, userId: JA_USER, threadTs });
    const [again] = await e2e.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.thread_ts === threadTs &&
        JSON.stringify(c.body.blocks ?? '').includes(RERUN),
      { timeoutMs: 30_000 },
    );
    const againText = shownText(again?.body ?? {});
    expect(againText).toContain(ja.findings.script.exitCode.remediation[0]);
    expect(englishProse(againText), againText).toEqual([]);

    e2e.slack.reset();
    expect((await e2e.homeOpened({ userId: JA_USER })).status).toBe(200);
    const [published] = await e2e.slack.waitFor('views.publish', { timeoutMs: 15_000 });
    const home = shownText({ blocks: (published?.body.view as { blocks?: unknown } | undefined)?.blocks });
    expect(home).toMatch(/[\u3040-\u30ff]/);
    expect(englishProse(home), home).toEqual([]);
  });

  it('help speaks the asker’s language and names the lang command', async () => {
    const japanese = await ackOf(await e2e.command('help', { userId: JA_USER, channelId: AUTO_CHANNEL }));
    const text = shownText(japanese);
    expect(text).toContain('lang [en|ja|auto]');
    expect(text).toContain('このメッセージ');
    expect(englishProse(text), text).toEqual([]);
    const english = await ackOf(await e2e.command('help', { userId: USER, channelId: AUTO_CHANNEL }));
    expect(shownText(english)).toContain('this message');
  });

  it('/ssm-why lang auto clears the setting, answered in the user’s language', async () => {
    const cleared = await ackOf(await e2e.command('lang auto', { userId: JA_USER }));
    expect(cleared.text).toBe(`🌐 ${ja.slack.lang.auto}`);
    const shown = await ackOf(await e2e.command('lang', { userId: USER }));
    expect(shown.text).toBe(`🌐 ${en.slack.lang.currentAuto}`);
  });
});

describe('Japanese alerts end to end', () => {
  let e2e: E2e;
  /** The scenario with its association healthy until the test turns it Failed. */
  const healthy = () => {
    const scenario = SCENARIO.build({ now: new Date() });
    for (const a of scenario.accounts[PROD.id]?.regions[PROD.region]?.associations ?? []) {
      a.Overview = { Status: 'Success', DetailedStatus: 'Success', AssociationStatusAggregatedCount: { Success: 3 } };
    }
    return scenario;
  };
  beforeAll(async () => {
    e2e = await startE2e({
      scenario: healthy(),
      accounts: [PROD_ACCOUNT],
      env: { SSM_WHY_POLL_INTERVAL_SECONDS: '1' },
      slack: { users: { [JA_USER]: { locale: 'ja-JP', tz: 'Asia/Tokyo' } } },
    });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('an alert in a channel set to Japanese, and the investigation in its thread, speak Japanese', async () => {
    await ackOf(await e2e.command('lang ja', { userId: JA_USER }));
    await e2e.command(`subscribe account prod region eu-west-1 association ${SCENARIO.associationId}`, {
      userId: JA_USER,
    });
    const seen = e2e.aws.callsTo('ListAssociations').length;
    while (e2e.aws.callsTo('ListAssociations').length < seen + 2) await new Promise((r) => setTimeout(r, 50));
    e2e.slack.reset();
    const association = e2e.aws.scenario.accounts[PROD.id]?.regions[PROD.region]?.associations?.find(
      (a) => a.AssociationId === SCENARIO.associationId,
    );
    if (!association) throw new Error('the scenario lost its association');
    association.Overview = {
      Status: 'Failed',
      DetailedStatus: 'Failed',
      AssociationStatusAggregatedCount: { Failed: 2, Success: 1 },
    };

    const [alert] = await e2e.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.thread_ts === undefined &&
        JSON.stringify(c.body.blocks ?? '').includes(MUTE_ALERT),
      { timeoutMs: 20_000 },
    );
    const alertText = shownText(alert?.body ?? {});
    expect(alertText).toMatch(/[\u3040-\u30ff]/);
    expect(englishProse(alertText), alertText).toEqual([]);

    const alertTs = (alert?.response.body as { ts?: string } | undefined)?.ts;
    const [verdict] = await e2e.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.thread_ts === alertTs &&
        JSON.stringify(c.body.blocks ?? '').includes(RERUN),
      { timeoutMs: 30_000 },
    );
    const verdictText = shownText(verdict?.body ?? {});
    expect(verdictText).toContain(ja.findings.script.exitCode.remediation[0]);
    expect(englishProse(verdictText), verdictText).toEqual([]);
  });
});
