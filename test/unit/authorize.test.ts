// The one authorization rule for every button, and the command's search plan.
import { describe, expect, it } from 'vitest';
import { createAuthorizer, decideButton, planSearch, type SearchRequest } from '../../src/investigation/authorize.ts';
import type { AccountRef, AuditEventInput } from '../../src/investigation/ports.ts';
import { expectJapaneseText } from '../support/japanese-text.ts';

const PROD: AccountRef = {
  name: 'prod',
  id: '111122223333',
  regions: ['eu-west-1', 'us-east-1'],
  channels: ['CA', 'CB'],
};
const OPEN: AccountRef = { name: 'sandbox', id: '444455556666', regions: ['eu-west-1'] };
const ACCOUNTS = [PROD, OPEN];
const subject = { teamId: 'T1', channelId: 'CA', accountId: PROD.id, associationId: 'a-1' };

describe('decideButton (Re-run, Show output, Investigate again, Mute: the same rule)', () => {
  it.each([
    ['the subject’s own channel', subject, { teamId: 'T1', channelId: 'CA', userId: 'U' }, 'allowed'],
    [
      'another allowed channel (its thread is not there)',
      subject,
      { teamId: 'T1', channelId: 'CB', userId: 'U' },
      'other-channel',
    ],
    ['a channel that may not use the account', subject, { teamId: 'T1', channelId: 'CX', userId: 'U' }, 'unauthorized'],
    ['another team', subject, { teamId: 'T2', channelId: 'CA', userId: 'U' }, 'gone'],
    ['a missing subject', undefined, { teamId: 'T1', channelId: 'CA', userId: 'U' }, 'gone'],
    [
      'an account no longer configured',
      { ...subject, accountId: '999999999999' },
      { teamId: 'T1', channelId: 'CA', userId: 'U' },
      'account-gone',
    ],
    [
      'no channel binding (a location choice), allowed channel',
      { teamId: 'T1', accountId: PROD.id, associationId: 'a' },
      { teamId: 'T1', channelId: 'CB', userId: 'U' },
      'allowed',
    ],
  ] as const)('%s → %s', (_label, s, who, kind) => {
    expect(decideButton(ACCOUNTS, s, who).kind).toBe(kind);
  });

  it('audits every refusal that names an account, with the action', async () => {
    const events: AuditEventInput[] = [];
    const authorizer = createAuthorizer({ accounts: ACCOUNTS, audit: { record: async (e) => void events.push(e) } });
    await authorizer.button('rerun', subject, { teamId: 'T1', channelId: 'CB', userId: 'U' });
    await authorizer.button('show_output', subject, { teamId: 'T1', channelId: 'CX', userId: 'U' });
    await authorizer.button('mute', subject, { teamId: 'T1', channelId: 'CA', userId: 'U' });
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'button.refused',
        channelId: 'CB',
        detail: { action: 'rerun', reason: 'other-channel' },
      }),
      expect.objectContaining({ kind: 'button.refused', channelId: 'CX', detail: { action: 'show_output' } }),
    ]);
  });
});

describe('planSearch', () => {
  it('searches every pair the channel may use, or the one asked for', () => {
    const en = { associationId: 'a', lang: 'en' } as const;
    expect(planSearch(ACCOUNTS, { ...en, channelId: 'CA' })).toMatchObject({ kind: 'search' });
    const plan = planSearch(ACCOUNTS, { ...en, channelId: 'CX' });
    expect(plan.kind === 'search' && plan.pairs.map((p) => p.account.name)).toEqual(['sandbox']);
    expect(planSearch(ACCOUNTS, { ...en, channelId: 'CX', account: 'prod' }).kind).toBe('unauthorized');
    expect(planSearch(ACCOUNTS, { ...en, channelId: 'CA', account: 'nope' }).kind).toBe('invalid');
    expect(planSearch(ACCOUNTS, { ...en, channelId: 'CA', region: 'ap-south-1' }).kind).toBe('invalid');
  });

  /** A refusal planSearch can give, the request that gives it, and the configured values it must quote. */
  interface Refusal {
    name: string;
    request: Pick<SearchRequest, 'channelId' | 'account' | 'region'>;
    accounts?: AccountRef[];
    kind: 'invalid' | 'unauthorized';
    english: string;
    values: string[];
  }
  const REFUSALS: Refusal[] = [
    {
      name: 'an account that is not configured',
      request: { channelId: 'CA', account: 'nope' },
      kind: 'invalid',
      english: 'No account named `nope` is configured. Known: prod (111122223333), sandbox (444455556666).',
      values: ['prod (111122223333)', 'sandbox (444455556666)'],
    },
    {
      name: 'an account the channel may not use',
      request: { channelId: 'CX', account: 'prod' },
      kind: 'unauthorized',
      english: 'This channel may not investigate account prod (111122223333).',
      values: ['prod (111122223333)'],
    },
    {
      name: 'no account the channel may use',
      request: { channelId: 'CX' },
      accounts: [PROD],
      kind: 'unauthorized',
      english: 'This channel is not allowed to investigate any configured account.',
      values: [],
    },
    {
      name: 'a region no allowed account has',
      request: { channelId: 'CA', region: 'ap-south-1' },
      kind: 'invalid',
      english:
        'Region ap-south-1 is not configured for prod (111122223333), sandbox (444455556666) (configured: eu-west-1, us-east-1).',
      values: ['ap-south-1', 'prod (111122223333), sandbox (444455556666)', 'eu-west-1, us-east-1'],
    },
  ];

  it.each(REFUSALS)('$name: told in English as before', ({ request, accounts, kind, english }) => {
    const plan = planSearch(accounts ?? ACCOUNTS, { associationId: 'a', ...request, lang: 'en' });
    expect(plan).toMatchObject({ kind, reason: english });
  });

  it.each(REFUSALS)('$name: told in Japanese, the configured values as they are', ({ request, accounts, values }) => {
    const english = planSearch(accounts ?? ACCOUNTS, { associationId: 'a', ...request, lang: 'en' });
    const japanese = planSearch(accounts ?? ACCOUNTS, { associationId: 'a', ...request, lang: 'ja' });
    // The same decision, only the words differ.
    expect({ ...japanese, reason: 'told' }).toEqual({ ...english, reason: 'told' });
    if (japanese.kind === 'search') throw new Error('a refusal was expected');
    expectJapaneseText(japanese.reason, values);
  });

  it('the typed account name is quoted as the user typed it', () => {
    const plan = planSearch(ACCOUNTS, { associationId: 'a', channelId: 'CA', account: 'staging-eu', lang: 'ja' });
    expect(plan.kind === 'invalid' && plan.reason).toContain('`staging-eu`');
  });

  it('the audit record keeps the English reason whatever language the requester reads', async () => {
    const events: AuditEventInput[] = [];
    const authorizer = createAuthorizer({ accounts: ACCOUNTS, audit: { record: async (e) => void events.push(e) } });
    const who = { teamId: 'T1', channelId: 'CX', userId: 'U' };
    const plan = await authorizer.command({ associationId: 'a-1', channelId: 'CX', account: 'prod', lang: 'ja' }, who);
    expect(plan.kind === 'unauthorized' && plan.reason).toBe(
      'このチャンネルからはアカウント prod (111122223333) を調査できません。',
    );
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'investigation.refused',
        accountId: PROD.id,
        subject: 'a-1',
        detail: { reason: 'This channel may not investigate account prod (111122223333).' },
      }),
    ]);
  });
});
