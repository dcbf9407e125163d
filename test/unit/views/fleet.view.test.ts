// The fleet view stays within Block Kit limits with hundreds of groups and hostile names, and says how fresh it is.
import { describe, expect, it } from 'vitest';
import { type FailingAssociation, groupFailures } from '../../../src/domain/fleet.ts';
import type { FleetReport, PairReport } from '../../../src/fleet/scan.ts';
import { FLEET_GROUPS_SHOWN, renderFleet } from '../../../src/slack/views/fleet.view.ts';
import { expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import { INJECTION } from './samples.ts';

const now = new Date('2026-12-07T03:00:00Z');
const pair = (over: Partial<PairReport>): PairReport => ({
  account: { name: 'prod', id: '111122223333', regions: ['eu-west-1'] },
  region: 'eu-west-1',
  source: 'scan',
  observedAt: now,
  truncated: false,
  calls: 2,
  failed: 0,
  pending: 0,
  ...over,
});

describe('renderFleet', () => {
  it('300 groups of hostile text: within limits, the first 15 with an Investigate button, the rest summarised', () => {
    const items: FailingAssociation[] = Array.from({ length: 300 }, (_, i) => ({
      accountId: '111122223333',
      accountName: `${INJECTION}${'x'.repeat(500)}`,
      region: 'eu-west-1',
      associationId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      associationName: INJECTION,
      status: 'Failed',
      cause: { id: `family${i}.cause`, title: `${INJECTION} ${'y'.repeat(3_000)}` },
      since: new Date(now.getTime() - i * 60_000),
    }));
    const report: FleetReport = {
      at: now,
      groups: groupFailures(items),
      pairs: Array.from({ length: 250 }, (_, i) =>
        pair({
          region: `eu-west-${i}`,
          truncated: i % 2 === 0,
          source: i % 3 === 0 ? 'error' : 'scan',
          error: INJECTION,
        }),
      ),
    };
    const message = renderFleet({ lang: 'en', report, filter: { account: INJECTION, region: INJECTION } });
    expectWithinLimits(message);
    expectNoInjection(message);
    const accessories = message.blocks.filter((b) => b.type === 'section' && b.accessory);
    expect(accessories.length).toBeGreaterThan(0);
    expect(accessories.length).toBeLessThanOrEqual(FLEET_GROUPS_SHOWN);
    expect(JSON.stringify(message.blocks)).toMatch(/more group|more not shown/);
  });

  it('says where the data came from and how old it is', () => {
    const report: FleetReport = {
      at: now,
      groups: [],
      pairs: [
        pair({ source: 'poll', observedAt: new Date(now.getTime() - 4 * 60_000), calls: 0 }),
        pair({ region: 'us-east-1', calls: 3, truncated: true }),
      ],
    };
    const text = JSON.stringify(renderFleet({ lang: 'en', report }).blocks);
    expect(text).toContain('No Failed or Pending associations');
    expect(text).toContain('1 account/region pair from the alert poller (oldest poll 4 min ago)');
    expect(text).toContain('1 pair scanned just now (3 ListAssociations calls)');
    expect(text).toContain('prod / us-east-1: the listing stopped at its call budget');
  });
});
