// The language rules: who reads a message decides which sources win.
import { describe, expect, it } from 'vitest';
import { type Audience, chooseLang, isChannelLangSetting, type LangSources } from '../../../src/i18n/choice.ts';
import type { Lang } from '../../../src/i18n/index.ts';

const cases: [string, Audience, LangSources, Lang][] = [
  ['nothing known: English in a thread', 'thread', {}, 'en'],
  ['nothing known: English for one user', 'personal', {}, 'en'],
  ['the command says ja, over a channel set to en', 'thread', { command: 'ja', channel: 'en', user: 'en' }, 'ja'],
  [
    'the command says en, over a Japanese user and channel',
    'thread',
    { command: 'en', channel: 'ja', user: 'ja' },
    'en',
  ],
  [
    'the command says en, for the ack of a Japanese user',
    'personal',
    { command: 'en', channel: 'ja', user: 'ja' },
    'en',
  ],
  ['a thread follows the channel over the requester', 'thread', { channel: 'ja', user: 'en' }, 'ja'],
  ['a thread follows the channel set to en over a Japanese requester', 'thread', { channel: 'en', user: 'ja' }, 'en'],
  ['an auto channel: the thread follows the requester', 'thread', { user: 'ja' }, 'ja'],
  ['an alert in an auto channel (nobody asked): English', 'thread', {}, 'en'],
  ['an alert in a channel set to ja', 'thread', { channel: 'ja' }, 'ja'],
  ['an ephemeral follows the user over the channel', 'personal', { channel: 'ja', user: 'en' }, 'en'],
  ['an ephemeral of a Japanese user in an English channel', 'personal', { channel: 'en', user: 'ja' }, 'ja'],
  ['an ephemeral whose user is unknown (Slack slow): the channel', 'personal', { channel: 'ja' }, 'ja'],
];

describe('chooseLang', () => {
  it.each(cases)('%s', (_, audience, sources, expected) => {
    expect(chooseLang(audience, sources)).toBe(expected);
  });
});

describe('isChannelLangSetting', () => {
  it.each([
    ['en', true],
    ['ja', true],
    ['auto', true],
    ['fr', false],
    ['JA', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isChannelLangSetting(value)).toBe(expected);
  });
});
