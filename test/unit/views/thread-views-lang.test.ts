// Every view of an investigation's thread, in every language, fed the longest input we can build: within Slack's
// limits (Japanese is measured in characters, as Slack measures it), escaped, and speaking the language asked for.
import { describe, expect, it } from 'vitest';
import type { CommandInvocationFacts } from '../../../src/domain/facts.ts';
import type { Diagnosis, Finding } from '../../../src/domain/finding.ts';
import { verdictStats } from '../../../src/domain/verdict-stats.ts';
import { LANGS, type Lang, texts } from '../../../src/i18n/index.ts';
import type { OutputContext, TargetOutput } from '../../../src/investigation/show-output.ts';
import { renderFeedbackModal, renderFeedbackThanks, renderStats } from '../../../src/slack/views/feedback.view.ts';
import type { SlackMessage } from '../../../src/slack/views/limits.ts';
import {
  renderFailedTargetList,
  renderOutputRecentlyShown,
  renderTargetOutput,
  stepOutputButtons,
} from '../../../src/slack/views/output.view.ts';
import { renderRootMessage } from '../../../src/slack/views/root-message.view.ts';
import { renderStepReply } from '../../../src/slack/views/step-reply.view.ts';
import { renderVerdict } from '../../../src/slack/views/verdict.view.ts';
import { renderWatchAlready, renderWatchResult, renderWatchStarted } from '../../../src/slack/views/watch.view.ts';
import { allText, buttons, expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import {
  accessDeniedGap,
  connectionLost,
  diagnosis,
  INJECTION,
  INVESTIGATION_ID,
  investigation,
  step,
  throttledGap,
} from './samples.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** ~`size` characters of Japanese (what a Japanese finding, document or account name looks like), with injections. */
function longJa(size: number, seed = '本'): string {
  const chunk = `${seed}ノード上のスクリプトが終了コード 1 で失敗しました。${INJECTION} \`\`\` 設定ファイルを確認してください。\n`;
  return chunk.repeat(Math.ceil(size / chunk.length)).slice(0, size);
}

function longJaFinding(n: number): Finding {
  return {
    ...connectionLost(),
    id: `ja.${n}`,
    severity: n % 3 === 0 ? 'critical' : n % 3 === 1 ? 'error' : 'warning',
    title: longJa(2_000, `タイトル${n}`),
    summary: longJa(5_000, `概要${n}`),
    evidence: Array.from({ length: 40 }, (_, i) => ({
      field: longJa(500, `項目${i}`),
      value: longJa(20_000, `値${i}`),
    })),
    remediation: Array.from({ length: 30 }, (_, i) => longJa(1_000, `対処${i}`)),
    links: Array.from({ length: 30 }, (_, i) => ({
      label: longJa(300, `リンク${i}`),
      url: `https://example.com/${i}`,
    })),
    cli: Array.from({ length: 20 }, () => longJa(1_000, 'aws ssm ')),
    logPaths: [{ platform: 'Linux/macOS', paths: Array.from({ length: 20 }, () => longJa(300, '/var/log/')) }],
    resources: Array.from({ length: 500 }, (_, i) => `i-${String(i).padStart(17, '0')}`),
  };
}

const longDiagnosis = (outcome: Diagnosis['outcome'] = 'fault'): Diagnosis => ({
  outcome,
  findings: Array.from({ length: 100 }, (_, i) => longJaFinding(i)),
  checked: Array.from({ length: 200 }, (_, i) => longJa(300, `確認${i}`)),
  gaps: Array.from({ length: 100 }, (_, i) => ({ ...accessDeniedGap, message: longJa(5_000, `欠落${i}`) })),
  summary: longJa(10_000, '診断'),
  ...(outcome === 'running' ? { runningExecutionId: 'b1c2d3e4-0000-4000-8000-000000000001' } : {}),
});

const longStep = () =>
  step({
    title: longJa(1_000, 'ステップ'),
    facts: Array.from({ length: 500 }, (_, i) => ({
      label: longJa(200, `ラベル${i}`),
      value: longJa(5_000, `値${i}`),
    })),
    findings: Array.from({ length: 100 }, (_, i) => longJaFinding(i)),
    gaps: Array.from({ length: 100 }, (_, i) => ({ ...throttledGap, message: longJa(2_000, `欠落${i}`) })),
    durationMs: 123_456,
  });

const longInvestigation = (overrides: Parameters<typeof investigation>[0] = {}) =>
  investigation({ accountName: longJa(500, '本番アカウント'), region: longJa(100, 'リージョン'), ...overrides });

const outputContext = (): OutputContext => ({
  investigation: longInvestigation(),
  target: {
    resourceId: 'i-0a1b2c3d4e5f60718',
    status: 'Failed',
    detailedStatus: 'Failed',
    outputSource: { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', type: 'RunCommand' },
    groupCount: 12_345,
  },
  platformType: 'Linux',
});

const plugin = (i: number): CommandInvocationFacts => ({
  commandId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  instanceId: 'i-0a1b2c3d4e5f60718',
  pluginName: longJa(300, `プラグイン${i}`),
  status: 'Failed',
  statusDetails: 'Failed',
  responseCode: 1,
  startedAt: new Date('2026-11-28T11:50:00Z'),
  endedAt: new Date('2026-11-28T13:55:02Z'),
  stdout: longJa(24_000, '標準出力'),
  stderr: longJa(8_000, '標準エラー'),
});

const locations = {
  stdoutUrl: 'https://s3.console.aws.amazon.com/x/stdout',
  stderrUrl: 'https://s3.console.aws.amazon.com/x/stderr',
  s3: { uri: 's3://acme-ssm-output/sm/x/', consoleUrl: 'https://s3.console.aws.amazon.com/s3/buckets/acme-ssm-output' },
  cloudWatchLogGroup: longJa(500, 'ロググループ'),
  consoleUrl: 'https://eu-west-1.console.aws.amazon.com/systems-manager/run-command/x',
  cliCommand: longJa(1_000, 'aws ssm get-command-invocation '),
};

const outputs: TargetOutput[] = [
  {
    kind: 'command',
    context: outputContext(),
    plugins: Array.from({ length: 30 }, (_, i) => plugin(i)),
    focus: 3,
    locations,
  },
  {
    kind: 'automation',
    context: outputContext(),
    automation: {
      executionId: 'auto-1',
      documentName: longJa(300, 'オートメーション'),
      status: 'Failed',
      failureMessage: longJa(10_000, '失敗'),
      parameters: {},
      failedSteps: Array.from({ length: 10 }, (_, i) => ({
        stepName: longJa(200, `手順${i}`),
        action: 'aws:executeScript',
        status: 'Failed',
        failureType: 'Verification',
        failureStage: 'Execution',
        failureMessage: longJa(5_000, 'メッセージ'),
        failureDetails: longJa(5_000, '詳細'),
        outputs: { 出力: [longJa(5_000, '値')] },
      })),
      startedAt: new Date('2026-11-28T11:00:00Z'),
      endedAt: new Date('2026-11-28T11:00:05Z'),
    },
    locations,
  },
  {
    kind: 'unavailable',
    context: outputContext(),
    reason: longJa(3_000, '理由'),
    executionSummary: { raw: longJa(5_000, '概要'), failures: [], truncated: false },
    outputUrl: 'https://s3.console.aws.amazon.com/s3/object/acme-ssm-output?prefix=x',
    locations,
    logPaths: Array.from({ length: 10 }, () => ({ platform: 'Linux/macOS', paths: [longJa(300, '/var/log/')] })),
    orchestrationFolders: Array.from({ length: 10 }, () => longJa(300, '/var/lib/amazon/ssm/')),
  },
];

const watch = {
  id: 'w',
  investigationId: INVESTIGATION_ID,
  executionId: longJa(300, '実行'),
  userId: 'U0123456789',
  status: 'watching',
  createdAt: new Date(0),
  associationId: 'a',
  accountId: '111122223333',
  region: 'eu-west-1',
  teamId: 'T',
  channelId: 'C',
};

const messages = (lang: Lang): [string, () => SlackMessage][] => [
  [
    'root message, running',
    () =>
      renderRootMessage({
        lang,
        investigation: longInvestigation(),
        documentName: longJa(2_000, 'ドキュメント'),
        progress: { done: 3, total: 8, currentTitle: longJa(500, 'ステップ') },
        threadPermalink: 'https://example.slack.com/archives/C1/p1',
      }),
  ],
  [
    'root message, queued',
    () =>
      renderRootMessage({
        lang,
        investigation: longInvestigation({ status: 'queued' }),
        progress: { done: 0, total: 8 },
      }),
  ],
  [
    'root message, verdict',
    () =>
      renderRootMessage({
        lang,
        investigation: longInvestigation({ status: 'done', trigger: 'alert' }),
        documentName: longJa(2_000, 'ドキュメント'),
        progress: { done: 8, total: 8 },
        diagnosis: longDiagnosis(),
        threadPermalink: 'https://example.slack.com/archives/C1/p1',
      }),
  ],
  [
    'root message, failed',
    () =>
      renderRootMessage({
        lang,
        investigation: longInvestigation({ status: 'failed', verdictSummary: longJa(5_000, '失敗') }),
        progress: { done: 1, total: 8 },
      }),
  ],
  [
    'step reply',
    () =>
      renderStepReply(longStep(), 8, {
        lang,
        outputButtons: Array.from({ length: 500 }, (_, i) => ({ label: longJa(200, 'ボタン'), value: `o${i}` })),
        moreOutputButton: { label: longJa(200, 'もっと'), value: 'more' },
      }),
  ],
  [
    'verdict',
    () => renderVerdict(longDiagnosis(), { lang, investigationId: INVESTIGATION_ID, associationId: longJa(500) }),
  ],
  ['verdict, running', () => renderVerdict(longDiagnosis('running'), { lang, investigationId: INVESTIGATION_ID })],
  [
    'verdict, healthy',
    () => renderVerdict({ ...longDiagnosis('healthy'), findings: [] }, { lang, investigationId: INVESTIGATION_ID }),
  ],
  ...outputs.map((output): [string, () => SlackMessage] => [
    `output, ${output.kind}`,
    () => renderTargetOutput(output, lang).message,
  ]),
  [
    'failed target list',
    () =>
      renderFailedTargetList({
        lang,
        investigationId: INVESTIGATION_ID,
        targets: Array.from({ length: 2_000 }, (_, i) => ({
          pointer: { source: 'latest' as const, group: 0, sample: i },
          target: { resourceId: `i-${String(i).padStart(17, '0')}`, status: longJa(100, '状態'), groupCount: 2_000 },
        })),
      }),
  ],
  ['output recently shown', () => renderOutputRecentlyShown(longJa(500, 'ノード'), lang)],
  ['watch started', () => renderWatchStarted(longJa(300, '実行'), 24, lang)],
  ['watch already', () => renderWatchAlready(watch, lang)],
  ['watch verified', () => renderWatchResult(watch, { kind: 'verified', success: 9_999, total: 10_000 }, lang)],
  [
    'watch still failing',
    () => renderWatchResult(watch, { kind: 'still-failing', failing: 2_000, total: 10_000, status: longJa(200) }, lang),
  ],
  ['watch timed out', () => renderWatchResult(watch, { kind: 'timed-out', polls: 360 }, lang)],
  ['feedback thanks 👍', () => renderFeedbackThanks('up', lang)],
  ['feedback thanks 👎', () => renderFeedbackThanks('down', lang)],
  [
    'stats',
    () =>
      renderStats({
        lang,
        days: 30,
        accountNames: Array.from({ length: 50 }, () => longJa(200, 'アカウント')),
        stats: verdictStats(
          Array.from({ length: 400 }, (_, i) => ({
            causeFamily: `${longJa(200, '分類')} ${i}`,
            createdAt: new Date(0),
            finishedAt: new Date(95_000),
            votes: ['down' as const],
          })),
        ),
      }),
  ],
  ['stats, empty', () => renderStats({ lang, days: 30, accountNames: [], stats: verdictStats([]) })],
];

describe.each(LANGS)('the thread views in %s, with the longest input', (lang) => {
  it.each(messages(lang))('%s: within Slack limits and escaped', (_name, render) => {
    const message = render();
    expectWithinLimits(message);
    expectNoInjection(message);
    expect(JSON.stringify(message).length).toBeLessThan(80_000);
  });

  it('the Show output file and the step buttons fit Slack too', () => {
    for (const output of outputs.slice(0, 2)) {
      const { file } = renderTargetOutput(output, lang);
      expect(file?.title.length).toBeLessThanOrEqual(250);
      expect(file?.content.length).toBeGreaterThan(0);
    }
    const latestTargets = {
      executionId: 'e',
      total: 10_000,
      partial: true,
      groups: [
        {
          status: 'Failed',
          detailedStatus: 'Failed',
          count: 2_000,
          samples: Array.from({ length: 25 }, (_, i) => ({
            resourceId: `i-${String(i).padStart(17, '0')}`,
            status: 'Failed',
            detailedStatus: 'Failed',
          })),
        },
      ],
    };
    const { buttons: shown, more } = stepOutputButtons(
      INVESTIGATION_ID,
      { key: 'targets', patch: { latestTargets } },
      lang,
    );
    for (const button of [...shown, ...(more ? [more] : [])]) expect(button.label.length).toBeLessThanOrEqual(75);
    expect(more?.label).toBe(texts(lang).thread.output.allSampled(25));
  });

  it('the 👎 dialog stays within the modal limits', () => {
    const modal = renderFeedbackModal({ privateMetadata: '{}', lang });
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.submit.text.length).toBeLessThanOrEqual(24);
    expect(modal.close.text.length).toBeLessThanOrEqual(24);
    const input = modal.blocks[1] as { label: { text: string }; element: { placeholder: { text: string } } };
    expect(input.label.text.length).toBeLessThanOrEqual(2_000);
    expect(input.element.placeholder.text.length).toBeLessThanOrEqual(150);
  });
});

describe('the thread views speak the language they are given', () => {
  const ordinary = (lang: Lang): SlackMessage[] => [
    renderRootMessage({ lang, investigation: investigation(), progress: { done: 2, total: 8, currentTitle: 'x' } }),
    renderRootMessage({
      lang,
      investigation: investigation({ status: 'done' }),
      progress: { done: 8, total: 8 },
      diagnosis: diagnosis(),
    }),
    renderStepReply(step({ gaps: [accessDeniedGap] }), 8, { lang }),
    renderVerdict(diagnosis({ gaps: [accessDeniedGap, throttledGap] }), { lang, investigationId: INVESTIGATION_ID }),
    renderTargetOutput(
      {
        kind: 'unavailable',
        context: { ...outputContext(), investigation: investigation() },
        reason: 'InvocationDoesNotExist',
        locations: {},
        logPaths: [{ platform: 'Linux/macOS', paths: ['/var/log/amazon/ssm/amazon-ssm-agent.log'] }],
        orchestrationFolders: [],
      },
      lang,
    ).message,
    renderWatchStarted('exe-1', 24, lang),
    renderFeedbackThanks('down', lang),
  ];

  it('Japanese: the header, buttons, fallback text and context lines are Japanese', () => {
    for (const message of ordinary('ja')) {
      expect(message.text, message.text).toMatch(JAPANESE);
      for (const b of buttons(message)) expect(b.text.text, b.text.text).toMatch(JAPANESE);
      for (const block of message.blocks) {
        if (block.type === 'header') expect(block.text.text).toMatch(JAPANESE);
      }
    }
    const verdict = ordinary('ja')[3] as SlackMessage;
    expect(allText(verdict)).toContain('*確認できなかった項目*');
    expect(allText(verdict)).toContain('確認できませんでした: `ssm:DescribeInstanceInformation` で AccessDenied');
  });

  it('English: no Japanese anywhere (the English catalog is whole)', () => {
    for (const message of ordinary('en')) expect(JSON.stringify(message)).not.toMatch(JAPANESE);
  });

  it('Japanese Show output gives the times of the run as Slack date tokens (the zone of each reader), English keeps ISO', () => {
    const [en, ja] = (['en', 'ja'] as const).map((lang) =>
      allText(renderTargetOutput(outputs[0] as TargetOutput, lang).message),
    );
    expect(ja).toContain(
      `<!date^${Date.parse('2026-11-28T11:50:00Z') / 1_000}^{date_short_pretty} {time_secs}|2026/11/28 11:50 UTC>`,
    );
    expect(en).toContain('2026-11-28T11:50:00.000Z');
  });

  it('the same AWS values in both languages', () => {
    const [en, ja] = (['en', 'ja'] as const).map((lang) =>
      allText(renderVerdict(diagnosis(), { lang, investigationId: INVESTIGATION_ID })),
    );
    for (const value of [
      '`DescribeInstanceInformation.PingStatus` = `ConnectionLost`',
      'systemctl status amazon-ssm-agent',
    ]) {
      expect(en).toContain(value);
      expect(ja).toContain(value);
    }
  });
});
