// コマンドラインツール (src/cli) の日本語。
import type { CliCatalog } from './cli.en.ts';

/** 340 ミリ秒 · 1.2 秒 · 2 分 5 秒 */
const duration = (ms: number): string => {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ミリ秒`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} 秒`;
  return `${Math.floor(ms / 60_000)} 分 ${Math.round((ms % 60_000) / 1_000)} 秒`;
};

const tail = (message: string | undefined) => (message ? ` — ${message}` : '');

export const cliJa: CliCatalog = {
  usageTitle: '使い方',
  usage:
    '使い方: npm run investigate -- <association-id | ARN | console URL> [--account <name|id>] [--region <region>] [--show-output] [--lang en|ja]',
  help: [
    'AWS Systems Manager ステートマネージャーの関連付けを Slack の /ssm-why と同じ手順で調査し、各ステップと診断結果を表示します。',
    '--account/--region を指定しない場合は、設定済みのすべてのアカウントとリージョンを検索します。',
    '表示言語: --lang en|ja で指定します。指定しない場合は LANG (例: LANG=ja_JP.UTF-8) に従い、既定は英語です。',
    '終了コード: 0 は正常または警告のみ、1 は障害あり、2 は使い方・設定・AWS へのアクセスの問題です。',
  ].join('\n'),
  badLang: (value) => `--lang には en か ja を指定してください (指定された値: "${value}")。`,
  notFound: (id, places) => `関連付け ${id} は次の場所に見つかりませんでした: ${places}`,
  couldNotSearch: (id) => `関連付け ${id} を検索できませんでした`,
  couldNotLookIn: (problems) => `確認できなかった場所: ${problems}`,
  ambiguous: (id, places) =>
    `関連付け ${id} は複数の場所にあります。--account と --region を指定してください: ${places}`,
  noOutputSample: '出力のサンプルはありません: 出力を読み取れる失敗したターゲットがありません。',
  investigating: (id) => `関連付け ${id} を調査しています`,
  document: (name) => `ドキュメント ${name}`,
  account: (name, id) => `アカウント ${name} (${id})`,
  region: (region) => `リージョン ${region}`,
  duration,
  step: (ordinal, total, title) => `ステップ ${ordinal}/${total} — ${title}`,
  moreFacts: (n) => `… ほかに ${n} 件の情報があります`,
  moreEvidence: (n) => `… ほかに ${n} 件あります`,
  moreFindings: (n) => `… ほかに ${n} 件の検出結果があります`,
  severity: { critical: '重大', error: 'エラー', warning: '警告', info: '情報' },
  outcome: {
    fault: '障害あり',
    warning: '警告',
    healthy: '正常',
    running: '実行中',
    incomplete: '調査できませんでした',
  },
  verdict: (outcome) => `診断結果: ${outcome}`,
  evidence: '根拠:',
  resources: (list) => `リソース: ${list}`,
  fix: '対処方法:',
  links: 'リンク:',
  checkYourself: '自分で確認するには:',
  agentLogs: 'エージェントのログ:',
  otherFindings: 'その他の検出結果:',
  noFault: '障害は見つかりませんでした。',
  checked: '確認した項目:',
  couldNotCheck: '確認できなかった項目:',
  gap: {
    accessDenied: (action, message) => `確認できませんでした: ${action} で AccessDenied になりました${tail(message)}`,
    anAwsAction: 'AWS のアクション',
    throttled: (operation, message) =>
      `${operation ? `${operation} を` : ''}確認できませんでした: AWS によってスロットリングされました${tail(message)}`,
    unavailable: (operation, message) => `利用できません${operation ? ` (${operation})` : ''}${tail(message)}`,
    failed: (operation, message) =>
      `${operation ? `${operation} を` : ''}確認できませんでした${message ? tail(message) : ': 不明なエラーです'}`,
  },
  doctor: {
    allPassed: (checks) => `${checks} 件の確認がすべて成功しました`,
    someFailed: (failed, checks) => `${checks} 件の確認のうち ${failed} 件が失敗しました`,
  },
};
