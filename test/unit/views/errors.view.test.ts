import { describe, expect, it } from 'vitest';
import { actionIdPattern, CHOOSE_ACCOUNT } from '../../../src/slack/action-ids.ts';
import {
  renderAmbiguous,
  renderNotFound,
  renderNotInChannel,
  renderProblem,
  renderQueuedAck,
  renderUnauthorized,
} from '../../../src/slack/views/errors.view.ts';
import { allText, buttons, expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import { ASSOCIATION_ID, INJECTION } from './samples.ts';

describe('renderNotFound', () => {
  it('lists where it looked and hints at wrong id, region or account', () => {
    const message = renderNotFound({
      lang: 'en',
      associationId: ASSOCIATION_ID,
      searched: [
        { accountName: 'prod', accountId: '111122223333', regions: ['us-east-1', 'eu-west-1'] },
        { accountName: 'staging', accountId: '444455556666', regions: ['us-east-1'] },
      ],
    });
    expectWithinLimits(message);
    expect(message.text).toBe(
      `Association \`${ASSOCIATION_ID}\` was not found in: prod (111122223333) us-east-1, eu-west-1; staging (444455556666) us-east-1.`,
    );
    const text = allText(message);
    expect(text).toContain('*Wrong id?*');
    expect(text).toContain('*Another region?* Add `region <region>`');
    expect(text).toContain('*Another account?* Add `account <name|id>`');
  });

  it('stays within limits for 500 accounts and escapes the id the user typed', () => {
    const message = renderNotFound({
      lang: 'en',
      associationId: INJECTION,
      searched: Array.from({ length: 500 }, (_, i) => ({
        accountName: `account-${i}`,
        accountId: String(100000000000 + i),
        regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
      })),
    });
    expectWithinLimits(message);
    expectNoInjection(message);
    expect(allText(message)).toMatch(/… and \d+ more accounts/);
  });
});

describe('renderAmbiguous', () => {
  const location = (i: number) => ({
    accountName: `acct-${i}`,
    accountId: String(100000000000 + i),
    region: 'eu-west-1',
    token: `tok-${i}`,
    documentName: 'AWS-RunPatchBaseline',
    status: 'Failed',
  });

  it.each([
    { count: 2, rows: [2] },
    { count: 26, rows: [25, 1] },
  ])('$count locations → one CHOOSE_ACCOUNT button each, values are the tokens', ({ count, rows }) => {
    const locations = Array.from({ length: count }, (_, i) => location(i));
    const message = renderAmbiguous({ lang: 'en', associationId: ASSOCIATION_ID, locations });
    expectWithinLimits(message);
    const actions = message.blocks.filter((b) => b.type === 'actions');
    expect(actions.map((b) => (b.type === 'actions' ? b.elements.length : 0))).toEqual(rows);
    const all = buttons(message);
    expect(all.map((b) => b.value)).toEqual(locations.map((l) => l.token));
    expect(all.map((b) => b.text.text)).toContain('acct-0 / eu-west-1');
    expect(all.every((b) => b.action_id !== undefined && actionIdPattern(CHOOSE_ACCOUNT).test(b.action_id))).toBe(true);
    expect(allText(message)).toContain('• acct-0 (100000000000) / eu-west-1 — `AWS-RunPatchBaseline`, status Failed');
  });

  it('escapes AWS text in the list', () => {
    const message = renderAmbiguous({
      lang: 'en',
      associationId: ASSOCIATION_ID,
      locations: [{ ...location(0), documentName: INJECTION, status: INJECTION }, location(1)],
    });
    expectNoInjection(message);
  });

  it('refuses a token above 2,000 characters', () => {
    expect(() =>
      renderAmbiguous({
        lang: 'en',
        associationId: ASSOCIATION_ID,
        locations: [{ ...location(0), token: 't'.repeat(2_001) }],
      }),
    ).toThrow(RangeError);
  });
});

describe('one-line ephemeral replies', () => {
  it.each([
    {
      name: 'unauthorized',
      message: renderUnauthorized({ lang: 'en', accountName: 'prod', accountId: '111122223333' }),
      expected: 'This channel is not allowed to use account prod (111122223333).',
    },
    {
      name: 'unauthorized without id',
      message: renderUnauthorized({ lang: 'en', accountName: 'prod' }),
      expected: 'This channel is not allowed to use account *prod*.',
    },
    {
      name: 'not_in_channel',
      message: renderNotInChannel({ lang: 'en', reason: 'not_in_channel' }),
      expected: 'Invite @ssm-why with `/invite @ssm-why`, or run it in a public channel.',
    },
    {
      name: 'channel_not_found',
      message: renderNotInChannel({ lang: 'en', reason: 'channel_not_found' }),
      expected: "I can't see this channel",
    },
    {
      name: 'queued ack',
      message: renderQueuedAck({ lang: 'en', associationId: ASSOCIATION_ID, accountName: 'prod', region: 'eu-west-1' }),
      expected: `Investigating \`${ASSOCIATION_ID}\` in prod / eu-west-1 — follow the thread.`,
    },
    {
      name: 'queued ack with a permalink',
      message: renderQueuedAck({
        lang: 'en',
        associationId: ASSOCIATION_ID,
        accountName: 'prod',
        region: 'eu-west-1',
        threadPermalink: 'https://example-ops.slack.com/archives/C02GHIJKL45/p1767225600000100',
      }),
      expected: '<https://example-ops.slack.com/archives/C02GHIJKL45/p1767225600000100|follow the thread>',
    },
    {
      name: 'problem',
      message: renderProblem('AWS did not respond in time.'),
      expected: '⚠️ AWS did not respond in time.',
    },
  ])('$name', ({ message, expected }) => {
    expectWithinLimits(message);
    expect(message.text).toContain(expected);
  });

  it.each([
    ['unauthorized', renderUnauthorized({ lang: 'en', accountName: INJECTION })],
    [
      'queued ack',
      renderQueuedAck({ lang: 'en', associationId: INJECTION, accountName: INJECTION, region: INJECTION }),
    ],
    ['problem', renderProblem(INJECTION.repeat(1_000))],
    ['not in channel', renderNotInChannel({ lang: 'en', reason: 'not_in_channel', botName: INJECTION })],
  ])('%s escapes its input and stays within limits', (_name, message) => {
    expectWithinLimits(message);
    expectNoInjection(message);
  });
});
