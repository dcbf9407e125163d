// App Home within Block Kit limits for 50 accounts × 5 regions, failing pairs first, the rest summarised.
import { describe, expect, it } from 'vitest';
import { type FailingAssociation, groupFailures } from '../../../src/domain/fleet.ts';
import type { PairReport } from '../../../src/fleet/scan.ts';
import type { InvestigationRecord } from '../../../src/investigation/ports.ts';
import { HOME_PAIR_LINES, renderHome } from '../../../src/slack/views/home.view.ts';
import { expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import { INJECTION } from './samples.ts';

const now = new Date('2026-12-07T03:00:00Z');

function fleet(accounts: number, regions: number) {
  const pairs: PairReport[] = [];
  const items: FailingAssociation[] = [];
  for (let a = 0; a < accounts; a++) {
    const account = { name: `acct-${a}-${INJECTION}`, id: String(100000000000 + a), regions: [] };
    for (let r = 0; r < regions; r++) {
      const failed = (a * regions + r) % 7 === 0 ? 3 : 0;
      pairs.push({
        account,
        region: `eu-west-${r}`,
        source: r === 4 ? 'none' : 'poll',
        observedAt: new Date(now.getTime() - 120_000),
        lastPollAt: new Date(now.getTime() - 120_000),
        truncated: false,
        calls: 0,
        failed,
        pending: 1,
        total: 5_000,
      });
      for (let i = 0; i < failed; i++) {
        items.push({
          accountId: account.id,
          accountName: account.name,
          region: `eu-west-${r}`,
          associationId: `${a}-${r}-${i}`,
          status: 'Failed',
          cause: { id: `fam${i}.x`, title: `${INJECTION} cause ${i}` },
        });
      }
    }
  }
  return { pairs, groups: groupFailures(items) };
}

const recent = (i: number): InvestigationRecord => ({
  id: `inv-${i}`,
  associationId: '8dfe3659-4309-493a-8755-0123456789ab',
  accountId: '111122223333',
  accountName: INJECTION,
  region: 'eu-west-1',
  trigger: 'command',
  teamId: 'T1',
  channelId: 'C0123ABCD',
  userId: 'U1',
  status: 'done',
  verdictSummary: `${INJECTION} ${'z'.repeat(2_000)}`,
  rootTs: '1767225600.000100',
  createdAt: now,
  updatedAt: now,
});

describe('renderHome', () => {
  it('50 accounts × 5 regions: a home view within limits, failing pairs first, the rest counted', () => {
    const { pairs, groups } = fleet(50, 5);
    const view = renderHome({
      lang: 'en',
      report: { at: now, pairs, groups },
      recent: Array.from({ length: 30 }, (_, i) => recent(i)),
      accounts: 50,
      workspaceUrl: 'https://example-ops.slack.com',
    });
    expect(view.type).toBe('home');
    const message = { text: 'home', blocks: view.blocks };
    expectWithinLimits(message);
    expectNoInjection(message);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('250 account/region pairs');
    expect(text).toContain(`… and ${250 - HOME_PAIR_LINES} more pairs`);
    // Every listed pair before the first clear one has failures.
    const lines = text.match(/(🔴|🟡|🟢|⚪)[^\\]*/g) ?? [];
    const firstClear = lines.findIndex((l) => !l.startsWith('🔴'));
    expect(firstClear).toBeGreaterThan(0);
    expect(lines.slice(firstClear).some((l) => l.startsWith('🔴'))).toBe(false);
    expect(text).toContain('Top failure groups');
    expect(text).toContain('/archives/C0123ABCD/p1767225600000100');
  });

  it('an empty fleet says so', () => {
    const view = renderHome({ lang: 'en', report: { at: now, pairs: [], groups: [] }, recent: [], accounts: 0 });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('No failing associations known');
    expect(text).toContain('None yet');
  });
  it('a pair that could not be read says so, with the error code and when (not "no data yet")', () => {
    const account = { name: 'prod', id: '123456789012', regions: [] };
    const base = { account, truncated: false, calls: 0, failed: 0, pending: 0 };
    const view = renderHome({
      lang: 'en',
      report: {
        at: now,
        pairs: [
          {
            ...base,
            region: 'us-east-1',
            source: 'error',
            errorCode: 'AccessDeniedException',
            observedAt: new Date(now.getTime() - 300_000),
          },
          { ...base, region: 'eu-west-1', source: 'none' },
        ],
        groups: [],
      },
      recent: [],
      accounts: 1,
    });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('❗ prod / us-east-1 — could not read: AccessDeniedException · 5 min ago');
    expect(text).toContain('⚪ prod / eu-west-1 — no data yet');
    expect(text).toContain('0 clear, 1 with no data yet, 1 could not be read.');
  });
});
