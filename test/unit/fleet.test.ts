// The fleet view's rules: failure signatures, grouping (largest first, oldest example), and the scope of a channel.
import { describe, expect, it } from 'vitest';
import { type FailingAssociation, failureSignature, groupFailures, isFresh } from '../../src/domain/fleet.ts';
import { fleetScope } from '../../src/fleet/scope.ts';
import type { AccountRef } from '../../src/investigation/ports.ts';
import { parseCommand } from '../../src/slack/parse-command.ts';

const item = (over: Partial<FailingAssociation>): FailingAssociation => ({
  accountId: '111122223333',
  accountName: 'prod',
  region: 'eu-west-1',
  associationId: 'a',
  status: 'Failed',
  ...over,
});

describe('failure signatures', () => {
  it.each([
    [item({}), 'Failed|status:', 'status', 'Failed, not investigated yet'],
    [item({ detailedStatus: 'Failed' }), 'Failed|status:', 'status', 'Failed, not investigated yet'],
    [
      item({ status: 'Pending', detailedStatus: 'Associated' }),
      'Pending|status:Associated',
      'status',
      'Pending (DetailedStatus Associated), not investigated yet',
    ],
    [
      item({ cause: { id: 'node.connection-lost', title: 'Node lost its connection' } }),
      'Failed|node.connection-lost',
      'node',
      'Node lost its connection',
    ],
  ])('%o → %s', (input, signature, family, decisiveError) => {
    expect(failureSignature(input)).toEqual({ signature, family, decisiveError });
  });
});

describe('grouping', () => {
  it('puts the largest group first, lists its places once, and takes the oldest member as the example', () => {
    const d = (h: number) => new Date(Date.UTC(2026, 0, 1, h));
    const groups = groupFailures([
      item({ associationId: 'p1', status: 'Pending', since: d(5) }),
      item({ associationId: 'f1', since: d(3) }),
      item({ associationId: 'f2', since: d(1), region: 'us-east-1' }),
      item({ associationId: 'f3', since: d(2) }),
      item({ associationId: 'c1', cause: { id: 'document.missing', title: 'Document missing' }, since: d(0) }),
      item({
        associationId: 'c2',
        cause: { id: 'document.missing', title: 'Document missing' },
        accountId: '2',
        accountName: 'staging',
      }),
    ]);
    expect(groups.map((g) => [g.signature, g.count, g.example.associationId])).toEqual([
      ['Failed|status:', 3, 'f2'],
      ['Failed|document.missing', 2, 'c1'],
      ['Pending|status:', 1, 'p1'],
    ]);
    expect(groups[0]?.places.map((p) => p.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(groups[0]?.oldestSince).toEqual(d(1));
    expect(groups[1]?.places.map((p) => p.accountName)).toEqual(['prod', 'staging']);
  });

  it('ties on size go to the group failing longest', () => {
    const groups = groupFailures([
      item({ associationId: 'new', status: 'Pending', since: new Date(2_000) }),
      item({ associationId: 'old', since: new Date(1_000) }),
    ]);
    expect(groups.map((g) => g.example.associationId)).toEqual(['old', 'new']);
  });

  it('freshness', () => {
    const now = new Date(100_000);
    expect(isFresh(new Date(90_000), now, 10_000)).toBe(true);
    expect(isFresh(new Date(89_999), now, 10_000)).toBe(false);
    expect(isFresh(undefined, now, 10_000)).toBe(false);
  });
});

describe('scope', () => {
  const accounts: AccountRef[] = [
    { name: 'prod', id: '111122223333', regions: ['eu-west-1', 'us-east-1'] },
    { name: 'pay', id: '444455556666', regions: ['eu-west-1'], channels: ['CPAY'] },
  ];
  it('covers every pair the channel may use, narrowed by account and region', () => {
    const pairs = (s: ReturnType<typeof fleetScope>) =>
      s.kind === 'pairs' ? s.pairs.map((p) => `${p.account.name}/${p.region}`) : s.kind;
    expect(pairs(fleetScope(accounts, ['C1'], {}, 'en'))).toEqual(['prod/eu-west-1', 'prod/us-east-1']);
    expect(pairs(fleetScope(accounts, ['CPAY'], {}, 'en'))).toEqual([
      'prod/eu-west-1',
      'prod/us-east-1',
      'pay/eu-west-1',
    ]);
    expect(pairs(fleetScope(accounts, ['CPAY'], { region: 'eu-west-1' }, 'en'))).toEqual([
      'prod/eu-west-1',
      'pay/eu-west-1',
    ]);
    expect(pairs(fleetScope(accounts, ['C1'], { account: 'pay' }, 'en'))).toBe('unauthorized');
    expect(pairs(fleetScope(accounts, ['C1'], { account: 'nope' }, 'en'))).toBe('unknown-account');
    expect(pairs(fleetScope(accounts, ['C1'], { region: 'ap-south-1' }, 'en'))).toBe('no-pairs');
  });

  it('says why there is nothing to cover in the requester’s language', () => {
    const reason = (scope: ReturnType<typeof fleetScope>) => (scope.kind === 'no-pairs' ? scope.reason : scope.kind);
    expect(reason(fleetScope(accounts, ['C1'], { region: 'ap-south-1' }, 'en'))).toBe(
      'No account this channel may use is configured in ap-south-1.',
    );
    expect(reason(fleetScope(accounts, ['C1'], { region: 'ap-south-1' }, 'ja'))).toBe(
      'このチャンネルで使えるアカウントのうち、ap-south-1 が設定されているものはありません。',
    );
    expect(reason(fleetScope(accounts.slice(1), ['C1'], {}, 'ja'))).toBe(
      'このチャンネルは、設定済みのどのアカウントも使用できません。',
    );
  });
});

describe('parsing `failing`', () => {
  it.each([
    ['failing', { kind: 'failing' }],
    ['FAILING account prod region eu-west-1', { kind: 'failing', account: 'prod', region: 'eu-west-1' }],
    ['failing --region=us-east-1', { kind: 'failing', region: 'us-east-1' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
  it.each(['failing region', 'failing region mars', 'failing colour blue'])('%s is invalid', (text) => {
    expect(parseCommand(text).kind).toBe('invalid');
  });
});
