// The one authorization rule for every button, and the command's search plan.
import { describe, expect, it } from 'vitest';
import { createAuthorizer, decideButton, planSearch } from '../../src/investigation/authorize.ts';
import type { AccountRef, AuditEventInput } from '../../src/investigation/ports.ts';

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
    expect(planSearch(ACCOUNTS, { associationId: 'a', channelId: 'CA' })).toMatchObject({ kind: 'search' });
    const plan = planSearch(ACCOUNTS, { associationId: 'a', channelId: 'CX' });
    expect(plan.kind === 'search' && plan.pairs.map((p) => p.account.name)).toEqual(['sandbox']);
    expect(planSearch(ACCOUNTS, { associationId: 'a', channelId: 'CX', account: 'prod' }).kind).toBe('unauthorized');
    expect(planSearch(ACCOUNTS, { associationId: 'a', channelId: 'CA', account: 'nope' }).kind).toBe('invalid');
    expect(planSearch(ACCOUNTS, { associationId: 'a', channelId: 'CA', region: 'ap-south-1' }).kind).toBe('invalid');
  });
});
