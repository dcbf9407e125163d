// The users' language cache: hits within the TTL, a bounded size, a small budget on a miss (the look-up goes on
// and warms the cache), failures remembered briefly. Slack itself is the fake over HTTP.

import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createUserLocales, slackUserProfile, type UserProfile } from '../../../src/slack/user-locale.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';

/** A fetcher answering from a table, counting calls; `delayMs` holds each answer back. */
function fetcher(table: Record<string, UserProfile | Error>, delayMs = 0) {
  const calls: string[] = [];
  const fetchProfile = async (userId: string) => {
    calls.push(userId);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const answer = table[userId];
    if (answer instanceof Error || answer === undefined) throw answer ?? new Error('user_not_found');
    return answer;
  };
  return { calls, fetchProfile };
}

describe('createUserLocales', () => {
  it('asks Slack once per user within the TTL, and again after it', async () => {
    let now = 0;
    const slack = fetcher({ U1: { lang: 'ja', timeZone: 'Asia/Tokyo' } });
    const locales = createUserLocales({ ...slack, ttlMs: 1_000, clock: () => now });
    expect(await locales.lookup('T1', 'U1')).toEqual({ lang: 'ja', timeZone: 'Asia/Tokyo' });
    now = 999;
    expect(await locales.lookup('T1', 'U1')).toEqual({ lang: 'ja', timeZone: 'Asia/Tokyo' });
    expect(slack.calls).toEqual(['U1']);
    now = 1_001;
    expect(await locales.lookup('T1', 'U1')).toEqual({ lang: 'ja', timeZone: 'Asia/Tokyo' });
    expect(slack.calls).toEqual(['U1', 'U1']);
  });

  it('keeps users of different teams apart', async () => {
    const slack = fetcher({ U1: { lang: 'ja' } });
    const locales = createUserLocales(slack);
    await locales.lookup('T1', 'U1');
    await locales.lookup('T2', 'U1');
    expect(slack.calls).toEqual(['U1', 'U1']);
  });

  it('holds at most maxEntries users, dropping the least recently used', async () => {
    const slack = fetcher({ U1: { lang: 'ja' }, U2: { lang: 'en' }, U3: {} });
    const locales = createUserLocales({ ...slack, maxEntries: 2 });
    await locales.lookup('T', 'U1');
    await locales.lookup('T', 'U2');
    await locales.lookup('T', 'U1'); // U1 used last: U2 is the oldest now
    await locales.lookup('T', 'U3'); // drops U2
    expect(slack.calls).toEqual(['U1', 'U2', 'U3']);
    await locales.lookup('T', 'U1');
    expect(slack.calls).toEqual(['U1', 'U2', 'U3']);
    await locales.lookup('T', 'U2');
    expect(slack.calls).toEqual(['U1', 'U2', 'U3', 'U2']);
  });

  it('answers undefined past the budget on a miss, and the late answer warms the cache', async () => {
    const slack = fetcher({ U1: { lang: 'ja' } }, 200);
    const locales = createUserLocales({ ...slack, budgetMs: 30 });
    const started = performance.now();
    expect(await locales.lookup('T', 'U1')).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(150);
    // A second look-up while Slack is still answering joins the same call.
    expect(await locales.lookup('T', 'U1')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 250));
    expect(await locales.lookup('T', 'U1')).toEqual({ lang: 'ja' });
    expect(slack.calls).toEqual(['U1']);
  });

  it('remembers a failed look-up as unknown for a while, then asks again', async () => {
    let now = 0;
    const errors: unknown[] = [];
    const slack = fetcher({ U1: new Error('missing_scope') });
    const locales = createUserLocales({
      ...slack,
      failureTtlMs: 100,
      clock: () => now,
      onError: (e) => errors.push(e),
    });
    expect(await locales.lookup('T', 'U1')).toBeUndefined();
    expect(await locales.lookup('T', 'U1')).toBeUndefined();
    expect(slack.calls).toEqual(['U1']);
    expect(errors).toHaveLength(1);
    now = 101;
    await locales.lookup('T', 'U1');
    expect(slack.calls).toEqual(['U1', 'U1']);
  });
});

describe('slackUserProfile over the fake Slack', () => {
  let slack: FakeSlack | undefined;
  afterEach(async () => {
    await slack?.close();
    slack = undefined;
  });
  const client = (fake: FakeSlack) =>
    new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });

  it('reads the locale (asked with include_locale) and the time zone', async () => {
    slack = await startFakeSlack({
      users: { U0JAPAN1: { locale: 'ja-JP', tz: 'Asia/Tokyo' }, U0FRANCE1: { locale: 'fr-FR', tz: 'Europe/Paris' } },
    });
    const profile = slackUserProfile(client(slack));
    expect(await profile('U0JAPAN1')).toEqual({ lang: 'ja', timeZone: 'Asia/Tokyo' });
    expect(await profile('U0FRANCE1')).toEqual({ timeZone: 'Europe/Paris' });
    expect(await profile('U0OTHER1')).toEqual({ lang: 'en', timeZone: 'Europe/London' });
    const [call] = slack.callsTo('users.info');
    expect(call?.body).toMatchObject({ user: 'U0JAPAN1', include_locale: 'true' });
  });

  it('throws when Slack refuses (an unknown user, a token without users:read)', async () => {
    slack = await startFakeSlack({ users: { U0GONE1: null } });
    await expect(slackUserProfile(client(slack))('U0GONE1')).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
    await slack.close();
    slack = await startFakeSlack({ scopes: ['commands', 'chat:write'] });
    await expect(slackUserProfile(client(slack))('U0JAPAN1')).rejects.toMatchObject({
      data: { error: 'missing_scope' },
    });
  });
});
