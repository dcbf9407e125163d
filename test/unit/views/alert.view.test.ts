// Alert and subscription views: what they say, the buttons they carry, and that huge or hostile AWS text
// stays inside Slack's limits and inert.
import { describe, expect, it } from 'vitest';
import type { AlertView, DigestView } from '../../../src/alerts/ports.ts';
import { INVESTIGATE_AGAIN, MUTE_ALERT } from '../../../src/slack/action-ids.ts';
import {
  formatStatusCounts,
  renderAlert,
  renderDigest,
  renderDigestItem,
  renderMuted,
  renderMuteNote,
  renderRecoveryReply,
} from '../../../src/slack/views/alert.view.ts';
import type { SlackMessage } from '../../../src/slack/views/limits.ts';
import {
  describeFilter,
  renderSubscribed,
  renderSubscriptionList,
  renderUnsubscribed,
} from '../../../src/slack/views/subscriptions.view.ts';
import { allText, buttons, expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import { ASSOCIATION_ID, huge, INJECTION } from './samples.ts';

const EPISODE_ID = '01890a5d-ac96-7000-8000-000000000001';
const OPENED = new Date('2026-03-01T10:00:00.000Z');

function alert(overrides: Partial<AlertView> = {}): AlertView {
  return {
    episodeId: EPISODE_ID,
    teamId: 'T1',
    channelId: 'C1',
    associationId: ASSOCIATION_ID,
    associationName: 'ConfigureNginx',
    documentName: 'AWS-RunShellScript',
    accountId: '111122223333',
    accountName: 'prod',
    region: 'eu-west-1',
    status: 'open',
    triggerStatus: 'Failed',
    lastSeenStatus: 'Failed',
    detailedStatus: 'Failed',
    statusCounts: { Success: 7, Failed: 3 },
    openedAt: OPENED,
    investigating: true,
    lang: 'en',
    ...overrides,
  };
}

const recovered = (overrides: Partial<AlertView> = {}) =>
  alert({
    status: 'recovered',
    lastSeenStatus: 'Success',
    closedAt: new Date(OPENED.getTime() + 12 * 60_000),
    ...overrides,
  });

const buttonIds = (message: SlackMessage) => buttons(message).map((b) => b.action_id);

describe('renderAlert', () => {
  it('names the association, document, account, region, status and target counts, with both buttons', () => {
    const message = renderAlert(alert());
    expectWithinLimits(message);
    const text = allText(message);
    for (const part of [ASSOCIATION_ID, 'ConfigureNginx', 'AWS-RunShellScript', 'prod', '111122223333', 'eu-west-1']) {
      expect(text).toContain(part);
    }
    expect(text).toContain('Failed 3 · Success 7');
    expect(text).toContain('investigation is running in the thread');
    expect(message.text).toContain('🔴');
    expect(buttonIds(message)).toEqual([INVESTIGATE_AGAIN, MUTE_ALERT]);
    expect(buttons(message).map((b) => b.value)).toEqual([EPISODE_ID, EPISODE_ID]);
  });

  it('says how long Pending lasted for a Pending alert', () => {
    const message = renderAlert(
      alert({ triggerStatus: 'Pending', lastSeenStatus: 'Pending', pendingAlertMinutes: 60 }),
    );
    expect(allText(message)).toContain('pending for over 60 min');
    expect(message.text).toContain('🟠');
  });

  it('turns into "Recovered at …" with only Investigate again', () => {
    const message = renderAlert(recovered());
    expectWithinLimits(message);
    const text = allText(message);
    expect(text).toContain('Recovered at <!date^');
    expect(text).toContain('after 12 min');
    expect(message.text).toContain('recovered at 2026-03-01 10:12 UTC');
    expect(buttonIds(message)).toEqual([INVESTIGATE_AGAIN]);
    expect(allText(renderRecoveryReply(recovered()))).toContain('Recovered at');
  });

  it('uses new block ids when the message changes (Slack keeps state by block id)', () => {
    const ids = (m: SlackMessage) => m.blocks.map((b) => b.block_id);
    expect(ids(renderAlert(alert()))).not.toEqual(ids(renderAlert(recovered())));
  });
});

describe('renderDigest and renderDigestItem', () => {
  const digest = (count: number, threaded = Math.min(count, 40)): DigestView => ({
    lang: 'en',
    digestId: 'd1',
    channelId: 'C1',
    openedAt: OPENED,
    items: Array.from({ length: count }, (_, i) =>
      i % 5 === 4
        ? recovered({ associationId: `${ASSOCIATION_ID.slice(0, -4)}${String(i).padStart(4, '0')}` })
        : alert({ associationId: `${ASSOCIATION_ID.slice(0, -4)}${String(i).padStart(4, '0')}` }),
    ),
    threadedItems: threaded,
  });

  it('counts open and recovered alerts and lists them', () => {
    const message = renderDigest(digest(10));
    expectWithinLimits(message);
    const text = allText(message);
    expect(text).toContain('8 associations failing in this channel');
    expect(text).toContain('10 alerts');
    expect(text).toContain('8 open, 2 recovered');
    expect(text).toContain(`${ASSOCIATION_ID.slice(0, -4)}0009`);
  });

  it('stays one bounded message for 1,000 alerts', () => {
    const message = renderDigest(digest(1_000));
    expectWithinLimits(message);
    expect(allText(message)).toMatch(/… and \d+ more alerts/);
    expect(allText(message)).toContain('The first 40 have a reply there');
  });

  it('says when everything recovered', () => {
    expect(renderDigest({ ...digest(1), items: [recovered()] }).text).toContain('all recovered');
  });

  it('gives each association a reply with Investigate and Mute buttons', () => {
    const item = renderDigestItem(alert());
    expectWithinLimits(item);
    expect(buttonIds(item)).toEqual([INVESTIGATE_AGAIN, MUTE_ALERT]);
    expect(allText(item)).toContain('Investigating in this thread');
    expect(allText(renderDigestItem(recovered()))).toContain('Recovered at');
    expect(buttonIds(renderDigestItem(recovered()))).toEqual([INVESTIGATE_AGAIN]);
  });
});

describe('mute and subscription replies', () => {
  it('says until when an association is muted, and who muted it', () => {
    const until = new Date(OPENED.getTime() + 24 * 3_600_000);
    expect(allText(renderMuted({ lang: 'en', associationId: ASSOCIATION_ID, until }))).toContain('No new alerts about');
    expect(allText(renderMuteNote({ lang: 'en', userId: 'U03MNOPQR67', until }))).toContain('<@U03MNOPQR67>');
  });

  const names = { '111122223333': 'prod' };
  const item = { shortId: '3f9a0c1e', createdBy: 'U1', createdAt: OPENED };

  it.each([
    [{}, 'every association in every account this channel may use, its configured regions'],
    [
      { accountId: '111122223333', region: 'eu-west-1' },
      'every association in account prod (111122223333), region eu-west-1',
    ],
    [{ associationId: ASSOCIATION_ID }, `association \`${ASSOCIATION_ID}\``],
    [{ documentName: 'AWS-RunShellScript' }, 'associations of document `AWS-RunShellScript`'],
    [{ namePattern: 'web-*' }, 'associations named `web-*`'],
  ])('describes %j', (filter, expected) => {
    expect(describeFilter(filter, names, 'en')).toContain(expected);
  });

  it('confirms a new subscription, and says when it merged into an existing one', () => {
    const input = {
      subscription: { ...item, accountId: '111122223333' },
      covers: [{ accountName: 'prod', accountId: '111122223333', regions: ['eu-west-1', 'us-east-1'] }],
      accountNames: names,
      pollIntervalSeconds: 300,
      pendingAlertMinutes: 60,
    };
    const created = renderSubscribed({ lang: 'en', ...input, created: true });
    expectWithinLimits(created);
    expect(allText(created)).toContain('now subscribed');
    expect(allText(created)).toContain('`3f9a0c1e`');
    expect(allText(created)).toContain('prod (111122223333): eu-west-1, us-east-1');
    expect(allText(created)).toContain('every 5 min');
    expect(allText(renderSubscribed({ lang: 'en', ...input, created: false }))).toContain('already subscribed');
  });

  it('lists subscriptions and removals', () => {
    expect(allText(renderSubscriptionList({ lang: 'en', items: [], accountNames: names }))).toContain(
      'no alert subscriptions',
    );
    const list = renderSubscriptionList({
      lang: 'en',
      items: [item, { ...item, shortId: 'aaaabbbb', namePattern: 'web-*' }],
      accountNames: names,
    });
    expectWithinLimits(list);
    expect(allText(list)).toContain('`aaaabbbb`');
    expect(allText(renderUnsubscribed({ lang: 'en', removed: [item], all: false, accountNames: names }))).toContain(
      'Removed 1 subscription',
    );
    expect(allText(renderUnsubscribed({ lang: 'en', removed: [], all: true, accountNames: names }))).toContain(
      'had no alert subscriptions',
    );
  });
});

describe('with huge and hostile input', () => {
  const big = huge(50_000);
  const hostile = alert({
    associationName: `${INJECTION} ${big}`,
    documentName: `${INJECTION} ${big}`,
    accountName: `${INJECTION} ${big}`,
    detailedStatus: `${INJECTION} ${big}`,
    lastSeenStatus: `${INJECTION}`,
    statusCounts: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${INJECTION}${i}`, i])),
  });
  it.each([
    ['alert', () => renderAlert(hostile)],
    ['recovered alert', () => renderAlert({ ...hostile, status: 'recovered', closedAt: OPENED })],
    ['recovery reply', () => renderRecoveryReply(hostile)],
    [
      'digest',
      () =>
        renderDigest({
          digestId: 'd',
          channelId: 'C1',
          openedAt: OPENED,
          items: Array(2_000).fill(hostile),
          threadedItems: 40,
          lang: 'en',
        }),
    ],
    ['digest item', () => renderDigestItem(hostile)],
    [
      'subscription list',
      () =>
        renderSubscriptionList({
          lang: 'en',
          items: Array.from({ length: 500 }, () => ({
            shortId: 'x',
            createdBy: INJECTION,
            createdAt: OPENED,
            documentName: big,
            accountId: INJECTION,
          })),
          accountNames: { [INJECTION]: big },
        }),
    ],
  ])('%s stays within limits and escaped', (_name, render) => {
    const message = render();
    expectWithinLimits(message);
    expectNoInjection(message);
  });

  it('formats at most 8 status counts', () => {
    expect(formatStatusCounts({})).toBe('—');
    expect(
      formatStatusCounts(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`S${i}`, i]))).split(' · '),
    ).toHaveLength(8);
  });
});
