// Subscription filters: canonical keys (duplicates merge), matching, and what gets polled.
import { describe, expect, it } from 'vitest';
import {
  filterKey,
  globToRegExp,
  pageBudgetPerRegion,
  pollTargets,
  subscriptionMatches,
} from '../../../src/alerts/filter.ts';
import type { SubscriptionRecord } from '../../../src/alerts/ports.ts';
import type { AccountRef } from '../../../src/investigation/ports.ts';

const PROD: AccountRef = { name: 'prod', id: '111122223333', regions: ['eu-west-1', 'us-east-1'] };
const PAYMENTS: AccountRef = { name: 'payments', id: '210987654321', regions: ['eu-west-1'], channels: ['CPAY'] };
const ACCOUNTS = [PROD, PAYMENTS];
const ID = '8dfe3659-4309-493a-8755-0123456789ab';

const sub = (filter: Partial<SubscriptionRecord> = {}, channelId = 'CTEAM'): SubscriptionRecord => ({
  id: `s-${Math.random()}`,
  teamId: 'T1',
  channelId,
  filterKey: filterKey(filter),
  createdBy: 'U1',
  createdAt: new Date(0),
  ...filter,
});

const association = {
  accountId: PROD.id,
  region: 'eu-west-1',
  associationId: ID,
  associationName: 'web-nginx-config',
  documentName: 'AWS-RunShellScript',
};

describe('filterKey', () => {
  it('is the same for the same filter however it was typed', () => {
    expect(filterKey({ region: 'EU-WEST-1', associationId: ID.toUpperCase(), accountId: PROD.id })).toBe(
      filterKey({ accountId: PROD.id, associationId: ID, region: 'eu-west-1' }),
    );
    expect(filterKey({})).toBe('*');
    expect(filterKey({ documentName: 'A' })).not.toBe(filterKey({ namePattern: 'A' }));
  });
});

describe('globToRegExp', () => {
  it.each([
    ['web-*', 'web-nginx-config', true],
    ['web-*', 'api-web-1', false],
    ['*nginx*', 'web-nginx-config', true],
    ['web-?', 'web-1', true],
    ['web-?', 'web-12', false],
    ['a.b', 'aXb', false],
    ['a.b', 'a.b', true],
  ])('%s matches %s: %s', (glob, name, expected) => {
    expect(globToRegExp(glob).test(name)).toBe(expected);
  });
});

describe('subscriptionMatches', () => {
  it.each([
    ['everything', sub(), true],
    ['the account', sub({ accountId: PROD.id }), true],
    ['another account', sub({ accountId: PAYMENTS.id }), false],
    ['the region', sub({ region: 'eu-west-1' }), true],
    ['another region', sub({ region: 'us-east-1' }), false],
    ['the association', sub({ associationId: ID }), true],
    ['another association', sub({ associationId: '00000000-0000-4000-8000-000000000000' }), false],
    ['the document', sub({ documentName: 'AWS-RunShellScript' }), true],
    ['another document', sub({ documentName: 'AWS-RunPatchBaseline' }), false],
    ['a matching name glob', sub({ namePattern: 'web-*' }), true],
    ['a name glob that does not match', sub({ namePattern: 'db-*' }), false],
  ])('%s', (_name, subscription, expected) => {
    expect(subscriptionMatches(subscription, association, ACCOUNTS)).toBe(expected);
  });

  it('needs the channel to be allowed to use the account, and the account to be configured', () => {
    const inPayments = { ...association, accountId: PAYMENTS.id };
    expect(subscriptionMatches(sub({}, 'CTEAM'), inPayments, ACCOUNTS)).toBe(false);
    expect(subscriptionMatches(sub({}, 'CPAY'), inPayments, ACCOUNTS)).toBe(true);
    expect(subscriptionMatches(sub(), { ...association, accountId: '999999999999' }, ACCOUNTS)).toBe(false);
  });

  it('does not match a name glob when the association has no name', () => {
    const { associationName: _, ...unnamed } = association;
    expect(subscriptionMatches(sub({ namePattern: '*' }), unnamed, ACCOUNTS)).toBe(false);
  });
});

describe('pollTargets', () => {
  const pairs = (subs: SubscriptionRecord[]) => pollTargets(subs, ACCOUNTS).map((t) => `${t.account.name}/${t.region}`);

  it('polls each account × region some subscription covers, once, for the channels allowed', () => {
    expect(pairs([])).toEqual([]);
    expect(pairs([sub()])).toEqual(['prod/eu-west-1', 'prod/us-east-1']);
    expect(pairs([sub({}, 'CPAY')])).toEqual(['prod/eu-west-1', 'prod/us-east-1', 'payments/eu-west-1']);
    expect(pairs([sub({ region: 'us-east-1' }), sub({ associationId: ID, region: 'us-east-1' })])).toEqual([
      'prod/us-east-1',
    ]);
    expect(pairs([sub({ accountId: PAYMENTS.id }, 'CTEAM')])).toEqual([]);
  });

  it('splits an account’s call budget over its regions', () => {
    const targets = pollTargets([sub({}, 'CPAY')], ACCOUNTS);
    const budget = pageBudgetPerRegion(targets, 9);
    expect(budget.get(PROD.id)).toBe(4);
    expect(budget.get(PAYMENTS.id)).toBe(9);
    expect(pageBudgetPerRegion(targets, 1).get(PROD.id)).toBe(1);
  });
});
