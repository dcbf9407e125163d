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
};
