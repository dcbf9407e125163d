// 調査の仕組みが伝える文言 (権限の拒否、読めなかった呼び出し、出力表示、打ち切り、フリートの範囲、購読の解析) の日本語。
// アカウント名・ID、リージョン、Slack や AWS のエラーコードとメッセージは元の表記のまま埋め込みます。
import type { WorkCatalog } from './work.en.ts';

export const workJa: WorkCatalog = {
  refusals: {
    unknownAccount: (asked, known) =>
      `\`${asked}\` という名前のアカウントは設定されていません。設定済みのアカウント: ${known}。`,
    accountNotAllowed: (account) => `このチャンネルからはアカウント ${account} を調査できません。`,
    noAccountAllowed: 'このチャンネルから調査できるアカウントは、設定済みのアカウントの中にありません。',
    regionNotConfigured: (region, accounts, configured) =>
      `リージョン ${region} は ${accounts} に設定されていません (設定済みのリージョン: ${configured})。`,
  },
  fleetScope: {
    noAccountInRegion: (region) =>
      `このチャンネルで使用できるアカウントのうち、${region} が設定されたものはありません。`,
    noAccount: 'このチャンネルで使用できるアカウントは、設定済みのアカウントの中にありません。',
  },
  endings: {
    unpostable: (code) => `チャンネルに投稿できません (${code})`,
    couldNotFinish: (message) => `調査を完了できませんでした: ${message}`,
  },
};
