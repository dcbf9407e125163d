// The subscription rules and the alert buttons, with in-memory fakes of the store and audit ports.
import { describe, expect, it } from 'vitest';
import { createAlertActions, MUTE_DURATION_MS } from '../../../src/alerts/alert-actions.ts';
import type {
  AlertEpisodeRecord,
  NewSubscription,
  SubscriptionRecord,
  SubscriptionStore,
} from '../../../src/alerts/ports.ts';
import { createSubscriptionService, shortSubscriptionId } from '../../../src/alerts/subscriptions.ts';
import { createAuthorizer } from '../../../src/investigation/authorize.ts';
import type { AccountRef, AuditEventInput, NewInvestigation } from '../../../src/investigation/ports.ts';

const PROD: AccountRef = { name: 'prod', id: '111122223333', regions: ['eu-west-1', 'us-east-1'] };
const PAYMENTS: AccountRef = { name: 'payments', id: '210987654321', regions: ['eu-west-1'], channels: ['CPAY'] };
const ACCOUNTS = [PROD, PAYMENTS];
const WHO = { teamId: 'T1', channelId: 'CTEAM', userId: 'U1' };
const ID = '8dfe3659-4309-493a-8755-0123456789ab';

function memoryStore(): SubscriptionStore & { rows: SubscriptionRecord[] } {
  const rows: SubscriptionRecord[] = [];
  let n = 0;
  return {
    rows,
    async add(input: NewSubscription) {
      const existing = rows.find(
        (r) => r.teamId === input.teamId && r.channelId === input.channelId && r.filterKey === input.filterKey,
      );
      if (existing) return { subscription: existing, created: false };
      const row = { ...input, id: `0190aaaa-0000-7000-8000-${String(++n).padStart(12, '0')}`, createdAt: new Date() };
      rows.push(row);
      return { subscription: row, created: true };
    },
    async listForChannel(teamId, channelId) {
      return rows.filter((r) => r.teamId === teamId && r.channelId === channelId);
    },
    async listFor() {
      return rows;
    },
    async listAll() {
      return rows;
    },
    async remove(teamId, channelId, ids) {
      const removed = rows.filter((r) => r.teamId === teamId && r.channelId === channelId && ids.includes(r.id));
      for (const r of removed) rows.splice(rows.indexOf(r), 1);
      return removed;
    },
  };
}

function setup() {
  const store = memoryStore();
  const events: AuditEventInput[] = [];
  const service = createSubscriptionService({
    store,
    audit: { record: async (e) => void events.push(e) },
    accounts: ACCOUNTS,
  });
  return { store, events, service };
}

describe('subscribe', () => {
  it('stores the resolved account id, merges a duplicate typed differently, and audits only the change', async () => {
    const { service, events, store } = setup();
    const first = await service.subscribe(
      WHO,
      {
        account: 'PROD',
        region: 'eu-west-1',
        associationId: ID.toUpperCase(),
      },
      'en',
    );
    const again = await service.subscribe(WHO, { account: PROD.id, associationId: ID, region: 'eu-west-1' }, 'en');
    expect(first).toMatchObject({ kind: 'subscribed', created: true });
    expect(again).toMatchObject({ kind: 'subscribed', created: false });
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]).toMatchObject({
      accountId: PROD.id,
      associationId: ID,
      region: 'eu-west-1',
      createdBy: 'U1',
    });
    expect(events.map((e) => e.kind)).toEqual(['subscription.created']);
    expect(first.kind === 'subscribed' && first.covers.map((c) => [c.account.name, c.regions])).toEqual([
      ['prod', ['eu-west-1']],
    ]);
  });

  it('covers every account the channel may use when no account is given', async () => {
    const { service } = setup();
    const mine = await service.subscribe(WHO, {}, 'en');
    expect(mine.kind === 'subscribed' && mine.covers.map((c) => c.account.name)).toEqual(['prod']);
    const theirs = await service.subscribe({ ...WHO, channelId: 'CPAY' }, { region: 'eu-west-1' }, 'en');
    expect(theirs.kind === 'subscribed' && theirs.covers.map((c) => c.account.name)).toEqual(['prod', 'payments']);
  });

  it('refuses an account the channel may not use, and audits the refusal', async () => {
    const { service, events, store } = setup();
    const result = await service.subscribe(WHO, { account: 'payments' }, 'en');
    expect(result).toMatchObject({ kind: 'unauthorized', account: { id: PAYMENTS.id } });
    expect(store.rows).toHaveLength(0);
    expect(events).toEqual([expect.objectContaining({ kind: 'subscription.refused', accountId: PAYMENTS.id })]);
  });

  it('rejects an unknown account and a region the accounts do not have', async () => {
    const { service } = setup();
    expect(await service.subscribe(WHO, { account: 'nope' }, 'en')).toMatchObject({ kind: 'invalid' });
    expect(await service.subscribe(WHO, { account: 'prod', region: 'ap-south-1' }, 'en')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('eu-west-1, us-east-1'),
    });
  });
});

describe('unsubscribe', () => {
  it('removes by short id, by full id, or all — only in this channel — and audits each', async () => {
    const { service, events, store } = setup();
    await service.subscribe(WHO, { documentName: 'AWS-RunShellScript' }, 'en');
    await service.subscribe(WHO, { namePattern: 'web-*' }, 'en');
    await service.subscribe(WHO, { region: 'us-east-1' }, 'en');
    await service.subscribe({ ...WHO, channelId: 'COTHER' }, {}, 'en');
    const [a, b] = store.rows;
    expect(await service.unsubscribe(WHO, shortSubscriptionId(a?.id ?? ''))).toMatchObject({ kind: 'removed' });
    expect(await service.unsubscribe(WHO, b?.id ?? '')).toMatchObject({ kind: 'removed' });
    expect(await service.unsubscribe(WHO, 'deadbeef')).toMatchObject({ kind: 'not-found' });
    const all = await service.unsubscribe(WHO, 'all');
    expect(all.kind === 'removed' && all.removed).toHaveLength(1);
    expect(store.rows.map((r) => r.channelId)).toEqual(['COTHER']);
    expect(events.filter((e) => e.kind === 'subscription.deleted')).toHaveLength(3);
  });
});

describe('alert buttons', () => {
  const episode: AlertEpisodeRecord = {
    id: '0190bbbb-0000-7000-8000-000000000001',
    teamId: 'T1',
    channelId: 'CPAY',
    accountId: PAYMENTS.id,
    region: 'eu-west-1',
    associationId: ID,
    incident: 1,
    status: 'open',
    triggerStatus: 'Failed',
    source: 'poll',
    openedAt: new Date(0),
    rootTs: '1.000100',
    threadTs: '1.000100',
    postAttempts: 0,
    changeSeq: 1,
    syncedSeq: 1,
    lastSeenStatus: 'Failed',
    statusCounts: {},
  };

  function actions(accounts: AccountRef[] = ACCOUNTS) {
    // The claims port in memory (the database one is tested in work-store.integration.test.ts).
    const held = new Set<string>();
    const claims = {
      claim: async (key: string) => {
        if (held.has(key)) return { claimed: false as const };
        held.add(key);
        return { claimed: true as const };
      },
      release: async (key: string) => void held.delete(key),
    };
    const started: NewInvestigation[] = [];
    const mutes: unknown[] = [];
    const events: AuditEventInput[] = [];
    const now = new Date('2026-03-01T10:00:00Z');
    const subject = createAlertActions({
      episodes: {
        get: async (id) => (id === episode.id ? episode : undefined),
        mute: async (input) => void mutes.push(input),
      },
      authorizer: createAuthorizer({ accounts, audit: { record: async (e) => void events.push(e) } }),
      claims,
      audit: { record: async (e) => void events.push(e) },
      start: async (input) => {
        started.push(input);
        return { ...input, id: 'inv-1', status: 'queued', createdAt: now, updatedAt: now };
      },
      clock: () => now,
    });
    return { subject, started, mutes, events, now };
  }

  it('re-investigates in the alert’s thread as the clicking user', async () => {
    const { subject, started } = actions();
    const result = await subject.investigateAgain(episode.id, { teamId: 'T1', channelId: 'CPAY', userId: 'U9' });
    expect(result.kind).toBe('started');
    expect(started).toEqual([
      expect.objectContaining({
        associationId: ID,
        accountId: PAYMENTS.id,
        threadTs: '1.000100',
        trigger: 'button',
        userId: 'U9',
      }),
    ]);
  });

  it('a double click on Investigate again starts one investigation', async () => {
    const { subject, started } = actions();
    const who = { teamId: 'T1', channelId: 'CPAY', userId: 'U9' };
    const results = await Promise.all([
      subject.investigateAgain(episode.id, who),
      subject.investigateAgain(episode.id, who),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['already-started', 'started']);
    expect(started).toHaveLength(1);
  });

  it('mutes the association in the channel for 24 h, audited', async () => {
    const { subject, mutes, events, now } = actions();
    const result = await subject.mute(episode.id, { teamId: 'T1', channelId: 'CPAY', userId: 'U9' });
    expect(result).toMatchObject({ kind: 'muted', until: new Date(now.getTime() + MUTE_DURATION_MS) });
    expect(mutes).toEqual([expect.objectContaining({ channelId: 'CPAY', associationId: ID, by: 'U9' })]);
    expect(events.map((e) => e.kind)).toEqual(['alert.muted']);
  });

  it('re-authorizes every click: another channel, a revoked account, an unknown episode', async () => {
    const elsewhere = actions();
    // CTEAM may not use payments: refused by the account rule before the channel rule.
    expect((await elsewhere.subject.mute(episode.id, { teamId: 'T1', channelId: 'CTEAM', userId: 'U9' })).kind).toBe(
      'unauthorized',
    );
    expect((await elsewhere.subject.mute(episode.id, { teamId: 'T2', channelId: 'CPAY', userId: 'U9' })).kind).toBe(
      'gone',
    );
    expect((await elsewhere.subject.mute('nope', { teamId: 'T1', channelId: 'CPAY', userId: 'U9' })).kind).toBe('gone');

    const revoked = actions([PROD, { ...PAYMENTS, channels: ['CSOMEONE'] }]);
    const result = await revoked.subject.investigateAgain(episode.id, {
      teamId: 'T1',
      channelId: 'CPAY',
      userId: 'U9',
    });
    expect(result.kind).toBe('unauthorized');
    expect(revoked.started).toEqual([]);
    expect(revoked.events.map((e) => e.kind)).toEqual(['button.refused']);

    const removed = actions([PROD]);
    expect((await removed.subject.mute(episode.id, { teamId: 'T1', channelId: 'CPAY', userId: 'U9' })).kind).toBe(
      'account-gone',
    );
  });

  it('says why in the requester’s language, the account names and regions as configured', async () => {
    const { service } = setup();
    expect(await service.subscribe(WHO, { account: 'nope' }, 'ja')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/^`nope` という名前のアカウントは設定されていません。設定済みのアカウント: .*prod/),
    });
    expect(await service.subscribe(WHO, { account: 'prod', region: 'ap-south-1' }, 'ja')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(
        /^リージョン ap-south-1 は .*prod.* に設定されていません \(設定済み: eu-west-1, us-east-1\)。$/,
      ),
    });
    expect(await service.subscribe(WHO, { account: 'payments' }, 'ja')).toMatchObject({
      reason: expect.stringContaining('このチャンネルはアカウント'),
    });
  });
});
