// Every panel (alerts, digests, fleet, App Home, history, subscriptions, doctor, Run now, usage, errors) in
// Japanese: within Block Kit limits (characters), Japanese throughout, AWS values verbatim; and the same panel in
// English is English (the control that shows the Japanese check can fail).
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../src/alerts/ports.ts';
import { type FailingAssociation, groupFailures } from '../../../src/domain/fleet.ts';
import type { RemediationRecord } from '../../../src/fleet/ports.ts';
import type { FleetReport, PairReport } from '../../../src/fleet/scan.ts';
import type { Lang } from '../../../src/i18n/index.ts';
import type { InvestigationRecord } from '../../../src/investigation/ports.ts';
import {
  renderAlert,
  renderDigest,
  renderDigestItem,
  renderMuted,
  renderMuteNote,
  renderRecoveryReply,
} from '../../../src/slack/views/alert.view.ts';
import { renderDoctor, renderDoctorRunning } from '../../../src/slack/views/doctor.view.ts';
import {
  renderAlreadyStarted,
  renderAmbiguous,
  renderButtonRefusal,
  renderNotFound,
  renderNotInChannel,
  renderQueuedAck,
  renderUnauthorized,
} from '../../../src/slack/views/errors.view.ts';
import { renderFleet, renderFleetScanning } from '../../../src/slack/views/fleet.view.ts';
import { type HistoryItem, renderHistory } from '../../../src/slack/views/history.view.ts';
import { HOME_PAIR_LINES, renderHome } from '../../../src/slack/views/home.view.ts';
import type { SlackMessage } from '../../../src/slack/views/limits.ts';
import {
  renderRootVerified,
  renderRunAlready,
  renderRunFailed,
  renderRunNowModal,
  renderRunRefused,
  renderRunStarted,
  renderVerifyResult,
  withRemediationHistory,
  withRunNow,
} from '../../../src/slack/views/remediation.view.ts';
import {
  renderSubscribed,
  renderSubscriptionList,
  renderUnsubscribed,
} from '../../../src/slack/views/subscriptions.view.ts';
import { renderUsage } from '../../../src/slack/views/usage.view.ts';
import { expectJapanesePanel } from './assert-japanese.ts';
import { allText, expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import { ASSOCIATION_ID, INJECTION, investigation } from './samples.ts';

const NOW = new Date('2026-03-01T10:30:00.000Z');
const OPENED = new Date('2026-03-01T10:00:00.000Z');
const ROLE_ARN = 'arn:aws:iam::111122223333:role/ssm-why-remediator';

/** What AWS (or the node, or the configuration) wrote: it stays as written, and is not ours to translate. */
const AWS_VALUES = [
  ASSOCIATION_ID,
  'ConfigureNginx',
  'AWS-RunShellScript',
  '111122223333',
  'prod',
  'eu-west-1',
  'us-east-1',
  'Failed',
  'Pending',
  'Success',
  'InProgress',
  'AccessDeniedException',
  'AssumeRole into arn:aws:iam::111122223333:role/ssm-why-investigator',
  'The security token included in the request is invalid.',
  'ListAssociations',
  'StartAssociationsOnce',
  'DescribeAssociation',
  ROLE_ARN,
  'ssm-why',
  '/ssm-why',
];

function alert(overrides: Partial<AlertView> = {}): AlertView {
  return {
    episodeId: '01890a5d-ac96-7000-8000-000000000001',
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
const recovered = alert({ status: 'recovered', lastSeenStatus: 'Success', closedAt: NOW });
const pending = alert({ triggerStatus: 'Pending', lastSeenStatus: 'Pending', pendingAlertMinutes: 60 });

const account = { name: 'prod', id: '111122223333', regions: ['eu-west-1', 'us-east-1'] };
const pair = (over: Partial<PairReport>): PairReport => ({
  account,
  region: 'eu-west-1',
  source: 'scan',
  observedAt: new Date(NOW.getTime() - 4 * 60_000),
  truncated: false,
  calls: 2,
  failed: 0,
  pending: 0,
  ...over,
});
const failing = (i: number, cause: boolean): FailingAssociation => ({
  accountId: '111122223333',
  accountName: 'prod',
  region: i % 2 === 0 ? 'eu-west-1' : 'us-east-1',
  associationId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  associationName: 'ConfigureNginx',
  status: i % 3 === 0 ? 'Pending' : 'Failed',
  ...(cause ? { cause: { id: 'node.connection-lost', title: 'マネージドノードが SSM との接続を失っています' } } : {}),
  since: new Date(OPENED.getTime() - i * 3_600_000),
});
const fleetReport = (lang: Lang): FleetReport => ({
  at: NOW,
  groups: groupFailures(
    Array.from({ length: 24 }, (_, i) => failing(i, i % 2 === 0)),
    lang,
  ),
  pairs: [
    pair({ source: 'poll', calls: 0, failed: 8, pending: 4, total: 120 }),
    pair({ region: 'us-east-1', truncated: true, failed: 8, pending: 4 }),
    pair({ account: { ...account, name: 'staging', id: '444455556666' }, source: 'none' }),
    pair({
      account: { ...account, name: 'dev', id: '777788889999' },
      source: 'error',
      error: 'The security token included in the request is invalid.',
      errorCode: 'AccessDeniedException',
    }),
    pair({ account: { ...account, name: 'sandbox', id: '222233334444' }, source: 'error', errorCode: 'Error' }),
  ],
});

const record = (i: number): InvestigationRecord =>
  investigation({
    id: `inv-${i}`,
    status: i % 2 === 0 ? 'done' : 'running',
    verdictSummary: 'マネージドノードが SSM との接続を失っています',
    channelId: 'C0123ABCD',
    rootTs: '1767225600.000100',
    createdAt: OPENED,
  });
const historyItem = (i: number): HistoryItem => ({ ...record(i), outcome: 'fault' });

const remediation: RemediationRecord = {
  id: 'r1',
  investigationId: 'inv-1',
  associationId: ASSOCIATION_ID,
  accountId: '111122223333',
  region: 'eu-west-1',
  teamId: 'T1',
  channelId: 'C1',
  userId: 'U0AAA',
  roleArn: ROLE_ARN,
  status: 'still-failing',
  verifyPolls: 3,
  createdAt: OPENED,
};
const cause = (title: string) => ({ id: 'command.exit-code', family: 'configuration', title });

const subscription = { shortId: '3f9a0c1e', createdBy: 'U0AAA', createdAt: OPENED };
const names = { '111122223333': 'prod' };

/** Every panel, as a function of the language. */
const panels: [string, (lang: Lang) => SlackMessage][] = [
  ['alert, failed', (lang) => renderAlert({ ...alert(), lang })],
  ['alert, pending', (lang) => renderAlert({ ...pending, lang })],
  ['alert, recovered', (lang) => renderAlert({ ...recovered, lang })],
  ['recovery reply', (lang) => renderRecoveryReply({ ...recovered, lang })],
  [
    'digest',
    (lang) =>
      renderDigest({
        digestId: 'd',
        channelId: 'C1',
        openedAt: OPENED,
        items: [alert(), recovered],
        threadedItems: 1,
        lang,
      }),
  ],
  [
    'digest, all recovered',
    (lang) =>
      renderDigest({ digestId: 'd', channelId: 'C1', openedAt: OPENED, items: [recovered], threadedItems: 1, lang }),
  ],
  ['digest item', (lang) => renderDigestItem({ ...alert(), lang })],
  ['digest item, recovered', (lang) => renderDigestItem({ ...recovered, lang })],
  [
    'digest item, no document',
    (lang) => renderDigestItem({ ...alert({ documentName: undefined, investigating: false }), lang }),
  ],
  ['muted', (lang) => renderMuted({ associationId: ASSOCIATION_ID, until: NOW, lang })],
  ['mute note', (lang) => renderMuteNote({ userId: 'U0AAA', until: NOW, lang })],
  ['fleet, scanning', (lang) => renderFleetScanning({ pairs: 12, lang })],
  [
    'fleet',
    (lang) => renderFleet({ report: fleetReport(lang), filter: { account: 'prod', region: 'eu-west-1' }, lang }),
  ],
  ['fleet, none failing', (lang) => renderFleet({ report: { at: NOW, groups: [], pairs: [pair({})] }, lang })],
  [
    'history',
    (lang) =>
      renderHistory({ items: [historyItem(0), historyItem(1)], workspaceUrl: 'https://example-ops.slack.com', lang }),
  ],
  ['history, empty', (lang) => renderHistory({ items: [], associationId: ASSOCIATION_ID, lang })],
  [
    'history with remediations',
    (lang) =>
      withRemediationHistory(
        renderHistory({ items: [historyItem(0)], associationId: ASSOCIATION_ID, lang }),
        [remediation, { ...remediation, status: 'verified' }],
        lang,
      ),
  ],
  [
    'subscribed',
    (lang) =>
      renderSubscribed({
        subscription: { ...subscription, accountId: '111122223333', documentName: 'AWS-RunShellScript' },
        created: true,
        covers: [{ accountName: 'prod', accountId: '111122223333', regions: ['eu-west-1', 'us-east-1'] }],
        accountNames: names,
        pollIntervalSeconds: 300,
        pendingAlertMinutes: 60,
        lang,
      }),
  ],
  [
    'already subscribed',
    (lang) =>
      renderSubscribed({
        subscription: { ...subscription, region: 'eu-west-1' },
        created: false,
        covers: [],
        accountNames: names,
        pollIntervalSeconds: 90,
        pendingAlertMinutes: 30,
        lang,
      }),
  ],
  [
    'subscriptions',
    (lang) =>
      renderSubscriptionList({
        items: [subscription, { ...subscription, shortId: 'aaaabbbb', namePattern: 'web-*' }],
        accountNames: names,
        lang,
      }),
  ],
  ['subscriptions, none', (lang) => renderSubscriptionList({ items: [], accountNames: names, lang })],
  [
    'unsubscribed',
    (lang) =>
      renderUnsubscribed({
        removed: [{ ...subscription, associationId: ASSOCIATION_ID }],
        all: false,
        accountNames: names,
        lang,
      }),
  ],
  ['unsubscribed, none', (lang) => renderUnsubscribed({ removed: [], all: true, accountNames: names, lang })],
  ['unsubscribed, nothing', (lang) => renderUnsubscribed({ removed: [], all: false, accountNames: names, lang })],
  ['doctor, running', (lang) => renderDoctorRunning(3, lang)],
  ['doctor, no account', (lang) => renderDoctor({ checks: [], accounts: 0, lang })],
  [
    'doctor, passed',
    (lang) => renderDoctor({ checks: [{ ok: true, subject: 'ssm-why', detail: 'ssm-why' }], accounts: 1, lang }),
  ],
  [
    'doctor, a check failed',
    (lang) =>
      renderDoctor({
        checks: [
          { ok: true, subject: 'ssm-why', detail: 'ssm-why' },
          { ok: false, subject: 'AccessDeniedException', detail: ROLE_ARN, fix: ROLE_ARN },
        ],
        accounts: 1,
        lang,
      }),
  ],
  ['run now started', (lang) => renderRunStarted(remediation, lang)],
  ['run now failed', (lang) => renderRunFailed('The security token included in the request is invalid.', lang)],
  ['run now refused', (lang) => renderRunRefused('prod', lang)],
  ['run now already', (lang) => renderRunAlready(remediation, lang)],
  ['verified', (lang) => renderVerifyResult(remediation, { kind: 'verified', success: 12, total: 12 }, lang)],
  [
    'still failing, new investigation follows',
    (lang) => renderVerifyResult(remediation, { kind: 'still-failing', failing: 3, total: 12, status: 'Failed' }, lang),
  ],
  [
    'still failing, same cause',
    (lang) =>
      renderVerifyResult(remediation, { kind: 'still-failing', failing: 3, total: 12, status: 'Failed' }, lang, {
        kind: 'same',
        cause: cause('設定が不正です (終了コード 1)'),
      }),
  ],
  [
    'still failing, different cause',
    (lang) =>
      renderVerifyResult(remediation, { kind: 'still-failing', failing: 3, total: 12, status: 'Failed' }, lang, {
        kind: 'different',
        cause: cause('マネージドノードが SSM との接続を失っています'),
        before: cause('設定が不正です (終了コード 1)'),
      }),
  ],
  [
    'still failing, no cause',
    (lang) =>
      renderVerifyResult(remediation, { kind: 'still-failing', failing: 3, total: 12, status: 'Failed' }, lang, {
        kind: 'none',
      }),
  ],
  ['not verified', (lang) => renderVerifyResult(remediation, { kind: 'timed-out', polls: 20 }, lang)],
  ['root verified', (lang) => renderRootVerified(remediation, { success: 12, total: 12 }, 'prod', lang)],
  ['usage', (lang) => renderUsage({ lang })],
  ['usage with a problem', (lang) => renderUsage({ problem: 'ssm-why', lang })],
  [
    'not found',
    (lang) =>
      renderNotFound({
        associationId: ASSOCIATION_ID,
        searched: [{ accountName: 'prod', accountId: '111122223333', regions: ['eu-west-1', 'us-east-1'] }],
        couldNotLook: [
          {
            accountName: 'prod',
            accountId: '111122223333',
            region: 'us-east-1',
            call: 'AssumeRole into arn:aws:iam::111122223333:role/ssm-why-investigator',
            code: 'AccessDeniedException',
            meaning: 'The security token included in the request is invalid.',
          },
        ],
        lang,
      }),
  ],
  ['not found, nowhere searched', (lang) => renderNotFound({ associationId: ASSOCIATION_ID, searched: [], lang })],
  [
    'could not search',
    (lang) =>
      renderNotFound({
        associationId: ASSOCIATION_ID,
        searched: [],
        couldNotLook: [
          {
            accountName: 'prod',
            accountId: '111122223333',
            region: 'eu-west-1',
            call: 'DescribeAssociation',
            code: 'AccessDeniedException',
            meaning: '',
          },
        ],
        lang,
      }),
  ],
  [
    'ambiguous',
    (lang) =>
      renderAmbiguous({
        associationId: ASSOCIATION_ID,
        locations: ['eu-west-1', 'us-east-1'].map((region) => ({
          accountName: 'prod',
          accountId: '111122223333',
          region,
          token: `t-${region}`,
          documentName: 'AWS-RunShellScript',
          status: 'Failed',
        })),
        lang,
      }),
  ],
  ['unauthorized', (lang) => renderUnauthorized({ accountName: 'prod', accountId: '111122223333', lang })],
  ['not in channel', (lang) => renderNotInChannel({ reason: 'not_in_channel', lang })],
  ['cannot see the channel', (lang) => renderNotInChannel({ reason: 'channel_not_found', botName: 'ssm-why', lang })],
  [
    'queued',
    (lang) =>
      renderQueuedAck({
        associationId: ASSOCIATION_ID,
        accountName: 'prod',
        region: 'eu-west-1',
        threadPermalink: 'https://example-ops.slack.com/archives/C1/p1',
        lang,
      }),
  ],
  ['refusal, gone', (lang) => renderButtonRefusal({ kind: 'gone' }, lang)],
  ['refusal, alert gone', (lang) => renderButtonRefusal({ kind: 'gone' }, lang, 'alert')],
  ['refusal, account gone', (lang) => renderButtonRefusal({ kind: 'account-gone', accountId: '111122223333' }, lang)],
  [
    'refusal, other channel',
    (lang) =>
      renderButtonRefusal({ kind: 'other-channel', account: { name: 'prod', id: '111122223333' } }, lang, 'alert'),
  ],
  [
    'refusal, unauthorized',
    (lang) => renderButtonRefusal({ kind: 'unauthorized', account: { name: 'prod', id: '111122223333' } }, lang),
  ],
  ['already started, re-run', (lang) => renderAlreadyStarted('rerun', lang)],
  ['already started', (lang) => renderAlreadyStarted('investigation', lang)],
];

describe('every panel in Japanese', () => {
  it.each(panels)('%s: within limits, Japanese throughout, AWS values verbatim', (_name, render) => {
    const message = render('ja');
    expectWithinLimits(message);
    expectJapanesePanel(message, AWS_VALUES);
  });

  it.each(panels)('%s in English is English (the control)', (_name, render) => {
    const message = render('en');
    expectWithinLimits(message);
    expect(() => expectJapanesePanel(message, AWS_VALUES)).toThrow();
  });

  it('AWS values appear as AWS wrote them; dates are reader-local tokens with a Japanese fallback', () => {
    const text = allText(renderAlert({ ...alert(), lang: 'ja' }));
    expect(text).toContain(`\`${ASSOCIATION_ID}\``);
    expect(text).toContain('`AWS-RunShellScript`');
    expect(text).toContain('Failed 3 · Success 7');
    expect(text).toContain(`<!date^${OPENED.getTime() / 1_000}^{date_short_pretty} {time}|2026/03/01 10:00 UTC>`);
    const notFound = allText(panels.find(([name]) => name === 'not found')?.[1]('ja') as SlackMessage);
    expect(notFound).toContain('`AccessDeniedException`');
    expect(notFound).toContain('The security token included in the request is invalid.');
    expect(allText(renderRunStarted(remediation, 'ja'))).toContain(`\`${ROLE_ARN}\``);
  });

  it('the fleet groups name their never-investigated failures in Japanese', () => {
    const text = allText(renderFleet({ report: fleetReport('ja'), lang: 'ja' }));
    expect(text).toContain('マネージドノードが SSM との接続を失っています');
    expect(text).toContain('sandbox / eu-west-1: スキャンできませんでした — スキャンに失敗しました');
    expect(allText(renderFleet({ report: fleetReport('en'), lang: 'en' }))).not.toMatch(/[\u3040-\u30ff]{2}.*未調査/);
  });

  it('ages read naturally: "4 分前にスキャン", "たった今スキャン"', () => {
    const scanned = (observedAt: Date) =>
      allText(renderFleet({ report: { at: NOW, groups: [], pairs: [pair({ observedAt, calls: 1 })] }, lang: 'ja' }));
    expect(scanned(new Date(NOW.getTime() - 4 * 60_000))).toContain('1 組を 4 分前にスキャンしました');
    expect(scanned(NOW)).toContain('1 組を たった今スキャンしました');
  });

  it('buttons speak Japanese and keep their action ids and values', () => {
    const buttons = renderAlert({ ...alert(), lang: 'ja' }).blocks.flatMap((b) =>
      b.type === 'actions' ? b.elements : [],
    );
    expect(buttons.map((b) => (b.type === 'button' ? b.text.text : ''))).toEqual(['再調査', '24 時間ミュート']);
    const english = renderAlert({ ...alert(), lang: 'en' }).blocks.flatMap((b) =>
      b.type === 'actions' ? b.elements : [],
    );
    expect(buttons.map((b) => ('action_id' in b ? b.action_id : ''))).toEqual(
      english.map((b) => ('action_id' in b ? b.action_id : '')),
    );
    const verdict = withRunNow({ text: 'x', blocks: [] }, 'inv-1', 'ja');
    expect(JSON.stringify(verdict.blocks)).toContain('今すぐ実行');
  });

  it('the Run now dialog in Japanese: title, submit and close within Slack’s 24 characters', () => {
    const modal = renderRunNowModal({
      investigation: investigation(),
      accountName: 'prod',
      roleArn: ROLE_ARN,
      targets: 12,
      privateMetadata: '{}',
      lang: 'ja',
    });
    for (const text of [modal.title.text, modal.submit.text, modal.close.text]) {
      expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(text.length).toBeLessThanOrEqual(24);
    }
    const message = { text: modal.title.text, blocks: modal.blocks };
    expectWithinLimits(message);
    expectJapanesePanel(message, AWS_VALUES);
  });
});

describe('Japanese panels with huge and hostile input', () => {
  const longJapanese = (n: number) => `本番環境のアカウント「決済基盤」${'関連付けの名前がとても長い場合'.repeat(n)}`;
  const hostile = alert({
    associationName: `${INJECTION} ${longJapanese(3_000)}`,
    documentName: `${INJECTION} ${longJapanese(3_000)}`,
    accountName: `${INJECTION} ${longJapanese(3_000)}`,
    detailedStatus: `${INJECTION} ${longJapanese(3_000)}`,
    statusCounts: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${INJECTION}失敗${i}`, i])),
  });
  const cases: [string, () => SlackMessage][] = [
    ['alert', () => renderAlert({ ...hostile, lang: 'ja' })],
    [
      'digest of 2,000 alerts',
      () =>
        renderDigest({
          digestId: 'd',
          channelId: 'C1',
          openedAt: OPENED,
          items: Array(2_000).fill(hostile),
          threadedItems: 40,
          lang: 'ja',
        }),
    ],
    ['digest item', () => renderDigestItem({ ...hostile, status: 'recovered', closedAt: NOW, lang: 'ja' })],
    [
      'fleet of 300 groups',
      () =>
        renderFleet({
          report: {
            at: NOW,
            groups: groupFailures(
              Array.from({ length: 300 }, (_, i) => ({
                ...failing(i, true),
                accountName: `${INJECTION}${longJapanese(30)}`,
                cause: { id: `family${i}.cause`, title: `${INJECTION} ${longJapanese(200)}` },
              })),
              'ja',
            ),
            pairs: Array.from({ length: 250 }, (_, i) =>
              pair({
                region: `eu-west-${i}`,
                truncated: i % 2 === 0,
                source: i % 3 === 0 ? 'error' : 'scan',
                error: INJECTION,
              }),
            ),
          },
          filter: { account: `${INJECTION}${longJapanese(50)}`, region: INJECTION },
          lang: 'ja',
        }),
    ],
    [
      'history of long verdicts',
      () =>
        renderHistory({
          items: Array.from({ length: 200 }, (_, i) => ({
            ...historyItem(i),
            verdictSummary: `${INJECTION}${longJapanese(100)}`,
          })),
          lang: 'ja',
        }),
    ],
    [
      'subscriptions',
      () =>
        renderSubscriptionList({
          items: Array.from({ length: 500 }, () => ({
            ...subscription,
            namePattern: `${INJECTION}${longJapanese(20)}`,
          })),
          accountNames: names,
          lang: 'ja',
        }),
    ],
    [
      'not found in 300 places',
      () =>
        renderNotFound({
          associationId: ASSOCIATION_ID,
          searched: Array.from({ length: 300 }, (_, i) => ({
            accountName: longJapanese(5),
            accountId: String(i),
            regions: ['eu-west-1'],
          })),
          couldNotLook: Array.from({ length: 300 }, (_, i) => ({
            accountName: `${INJECTION}${longJapanese(5)}`,
            accountId: String(i),
            region: 'eu-west-1',
            call: 'DescribeAssociation',
            code: 'AccessDeniedException',
            meaning: longJapanese(20),
          })),
          lang: 'ja',
        }),
    ],
    ['usage with a huge problem', () => renderUsage({ problem: `${INJECTION}${longJapanese(3_000)}`, lang: 'ja' })],
  ];
  it.each(cases)('%s: within limits and inert', (_name, render) => {
    const message = render();
    expectWithinLimits(message);
    expectNoInjection(message);
  });
});

describe('App Home in Japanese', () => {
  it('50 accounts × 5 regions: within limits, failing pairs first, the rest counted, all in Japanese', () => {
    const pairs: PairReport[] = [];
    const items: FailingAssociation[] = [];
    for (let a = 0; a < 50; a++) {
      const acct = { name: `本番アカウント${a}-決済基盤サービス`, id: String(100000000000 + a), regions: [] };
      for (let r = 0; r < 5; r++) {
        const failed = (a * 5 + r) % 7 === 0 ? 3 : 0;
        pairs.push(
          pair({
            account: acct,
            region: `eu-west-${r}`,
            source: r === 4 ? 'none' : 'poll',
            failed,
            pending: 1,
            total: 5_000,
            lastPollAt: NOW,
          }),
        );
        for (let i = 0; i < failed; i++)
          items.push({ ...failing(i, i > 0), accountId: acct.id, accountName: acct.name, region: `eu-west-${r}` });
      }
    }
    pairs.push(pair({ source: 'error', errorCode: 'AccessDeniedException' }));
    const view = renderHome({
      report: { at: NOW, pairs, groups: groupFailures(items, 'ja') },
      recent: Array.from({ length: 30 }, (_, i) => record(i)),
      workspaceUrl: 'https://example-ops.slack.com',
      accounts: 50,
      lang: 'ja',
    });
    const message = { text: 'ssm-why', blocks: view.blocks };
    expectWithinLimits(message);
    const values = [...AWS_VALUES, ...pairs.map((p) => p.account.name), ...pairs.map((p) => p.region)];
    expectJapanesePanel({ text: 'フリート', blocks: view.blocks }, values);
    const text = allText(message);
    expect(text.indexOf('❗')).toBeLessThan(text.indexOf('🔴'));
    expect(text).toContain(`ほかにアカウント/リージョンが ${pairs.length - HOME_PAIR_LINES} 組あります`);
    expect(text).toContain('AccessDeniedException');
  });

  it('an empty home in Japanese', () => {
    const view = renderHome({ report: { at: NOW, pairs: [], groups: [] }, recent: [], accounts: 0, lang: 'ja' });
    expectJapanesePanel({ text: 'フリート', blocks: view.blocks }, AWS_VALUES);
  });
});
