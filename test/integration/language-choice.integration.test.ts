// Choosing the language with the real parts: the channel setting in the database (PGlite and PostgreSQL), each
// user's Slack locale from the fake Slack's users.info over HTTP, and `/ssm-why lang` setting, auditing and
// answering in the language it sets.
import { randomUUID } from 'node:crypto';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/i18n/index.ts';
import { langCommand } from '../../src/slack/commands/lang.command.ts';
import { createLanguages } from '../../src/slack/language.ts';
import { createUserLocales, slackUserProfile } from '../../src/slack/user-locale.ts';
import { createAuditLog } from '../../src/store/audit-log.repository.ts';
import { createChannelLanguageStore, withChannelLanguageCache } from '../../src/store/channel-language.repository.ts';
import type { Database } from '../../src/store/database.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const JA_USER = 'U0JAPAN0001';
const EN_USER = 'U0ENGLISH01';

describe.each(databaseBackends())('language choice on $name', (backend) => {
  let testDb: TestDatabase;
  let db: Database;
  let slack: FakeSlack;
  beforeAll(async () => {
    testDb = await backend.create();
    db = await testDb.open();
    slack = await startFakeSlack({ users: { [JA_USER]: { locale: 'ja-JP', tz: 'Asia/Tokyo' } } });
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.dispose();
  });

  const parts = () => {
    const channels = createChannelLanguageStore(db.prisma);
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    const languages = createLanguages({
      channels,
      users: createUserLocales({ fetchProfile: slackUserProfile(client), budgetMs: 2_000 }),
    });
    return { channels, languages, audit: createAuditLog(db.prisma) };
  };

  it('the channel setting is read once per channel and TTL, shared by concurrent reads, and forgotten on set', async () => {
    const real = createChannelLanguageStore(db.prisma);
    let reads = 0;
    const counted = {
      ...real,
      get: (team: string, channel: string) => {
        reads++;
        return real.get(team, channel);
      },
    };
    let now = 0;
    const channels = withChannelLanguageCache(counted, { ttlMs: 30_000, clock: () => now });
    const teamId = `T${randomUUID().slice(0, 8)}`;
    const where = { teamId, channelId: 'C0CACHE' };
    const first = await Promise.all(Array.from({ length: 20 }, () => channels.get(teamId, 'C0CACHE')));
    expect(first.every((r) => r === undefined)).toBe(true);
    expect(reads).toBe(1);
    await channels.set({ ...where, lang: 'ja', setBy: JA_USER });
    expect((await channels.get(teamId, 'C0CACHE'))?.lang).toBe('ja');
    expect(reads).toBe(2);
    // Another replica's change: seen once the TTL has passed.
    await real.set({ ...where, lang: 'en', setBy: EN_USER });
    expect((await channels.get(teamId, 'C0CACHE'))?.lang).toBe('ja');
    now += 30_001;
    expect((await channels.get(teamId, 'C0CACHE'))?.lang).toBe('en');
    expect(reads).toBe(3);
  });

  it('a thread follows the channel, what one user sees follows that user; `lang` in a command wins', async () => {
    const { channels, languages } = parts();
    const teamId = `T${randomUUID().slice(0, 8)}`;
    const where = { teamId, channelId: 'C0JA' };
    expect(await languages.of({ ...where, userId: JA_USER })).toEqual({
      thread: 'ja',
      personal: 'ja',
      channel: 'en',
      user: 'ja',
      timeZone: 'Asia/Tokyo',
    });
    expect(await languages.of({ ...where, userId: EN_USER })).toMatchObject({ thread: 'en', personal: 'en' });
    await channels.set({ ...where, lang: 'ja', setBy: JA_USER });
    expect(await languages.of({ ...where, userId: EN_USER })).toMatchObject({ thread: 'ja', personal: 'en' });
    expect(await languages.of({ ...where, userId: EN_USER }, 'en')).toMatchObject({ thread: 'en', personal: 'en' });
    // An alert: nobody asked, the channel decides.
    expect(await languages.of(where)).toMatchObject({ thread: 'ja', personal: 'ja', channel: 'ja' });
    expect(await languages.of({ ...where, userId: EN_USER })).toMatchObject({ channel: 'ja' });
  });

  it('`/ssm-why lang ja` sets and audits the setting and answers in Japanese; `auto` clears it', async () => {
    const { channels, audit, languages } = parts();
    const teamId = `T${randomUUID().slice(0, 8)}`;
    const who = { teamId, channelId: 'C0SET', userId: EN_USER };
    const set = await langCommand(
      { languages: channels, audit },
      { who, setting: 'ja', personal: 'en', userLang: 'en' },
    );
    expect(set.text).toBe(`🌐 ${texts('ja').slack.lang.set('ja')}`);
    expect((await channels.get(teamId, 'C0SET'))?.lang).toBe('ja');
    expect((await languages.of(who)).thread).toBe('ja');

    const shown = await langCommand({ languages: channels, audit }, { who, personal: 'en' });
    expect(shown.text).toBe(`🌐 ${texts('en').slack.lang.current('ja', EN_USER)}`);

    const cleared = await langCommand(
      { languages: channels, audit },
      { who, setting: 'auto', personal: 'ja', userLang: 'en' },
    );
    expect(cleared.text).toBe(`🌐 ${texts('en').slack.lang.auto}`);
    expect(await channels.get(teamId, 'C0SET')).toBeUndefined();

    const events = await db.prisma.auditEvent.findMany({
      where: { kind: 'channel.language', teamId },
      orderBy: { createdAt: 'asc' },
    });
    expect(events.map((e) => [e.channelId, e.userId, e.detail])).toEqual([
      ['C0SET', EN_USER, { lang: 'ja', previous: 'auto' }],
      ['C0SET', EN_USER, { lang: 'auto', previous: 'ja' }],
    ]);
  });

  it('a direct message has no channel language: nothing is stored, the answer says so', async () => {
    const { channels, audit } = parts();
    const teamId = `T${randomUUID().slice(0, 8)}`;
    const who = { teamId, channelId: 'D0DIRECT1', userId: JA_USER };
    const answer = await langCommand({ languages: channels, audit }, { who, setting: 'en', personal: 'ja' });
    expect(answer.text).toBe(`🌐 ${texts('ja').slack.lang.notInDm}`);
    expect(await channels.get(teamId, 'D0DIRECT1')).toBeUndefined();
    expect(await db.prisma.auditEvent.count({ where: { kind: 'channel.language', teamId } })).toBe(0);
  });
});
