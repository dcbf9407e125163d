// 調査の仕組みが伝える文言 (調査の権限の拒否、判定なしで終わった調査の要約) の日本語。
// アカウント名・ID、リージョン、Slack や AWS のエラーコードとメッセージは元の表記のまま埋め込みます。
import type { WorkCatalog } from './work.en.ts';

export const workJa: WorkCatalog = {
  refusals: {
    unknownAccount: (asked, known) =>
      `\`${asked}\` という名前のアカウントは設定されていません。設定済みのアカウント: ${known}。`,
    accountNotAllowed: (account) => `このチャンネルからはアカウント ${account} を調査できません。`,
    noAccountAllowed: 'このチャンネルからは、設定済みのどのアカウントも調査できません。',
    regionNotConfigured: (region, accounts, configured) =>
      `リージョン ${region} は ${accounts} に設定されていません (設定済みのリージョン: ${configured})。`,
  },
  endings: {
    unpostable: (code) => `チャンネルに投稿できません (${code})`,
    couldNotFinish: (message) => `調査を完了できませんでした: ${message}`,
  },
  aws: {
    place: (account, region) =>
      account && region
        ? `アカウント ${account} (${region}) の `
        : account
          ? `アカウント ${account} の `
          : region
            ? `${region} の `
            : '',
    accessDenied: (action, place) =>
      `ssm-why のロールには ${place}${action} を呼び出す権限がありません。ポリシーに ${action} を追加してください。`,
    notFound: (operation, place, detail) => `${place}${operation} の対象が見つかりません (${detail})。`,
    throttled: (action, place) =>
      `${place}${action} が AWS にスロットリングされ続け、再試行の上限に達しました。1 分ほど置いてからもう一度お試しください。`,
    timedOut: (action, place) => `${place}${action} に AWS が時間内に応答しませんでした。`,
    noCredentials: 'ssm-why が使える AWS 認証情報がありません。',
    unreachable: (action, place, code) =>
      `${place}${action} のために AWS へ接続できませんでした (ネットワークエラー ${code})。`,
    answered: (action, place, name) => `${place}${action} に AWS が ${name} を返しました。`,
  },
  agentRelease: {
    timedOut: (region) => `${region} の SSM エージェントの最新バージョンを確認できませんでした (タイムアウト)。`,
    unreachable: (region) => `${region} の SSM エージェントの最新バージョンを確認できませんでした (接続できません)。`,
    http: (region, status) => `${region} の SSM エージェントの最新バージョンを確認できませんでした (HTTP ${status})。`,
    unreadable: (region) => `${region} の SSM エージェントの最新バージョンを読み取れませんでした。`,
  },
};
