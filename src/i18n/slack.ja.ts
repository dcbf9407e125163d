// Slack に投稿する文言 (src/slack) の日本語。
import type { SlackCatalog } from './slack.en.ts';

export const slackJa: SlackCatalog = {
  buttons: {
    rerun: '再実行',
  },
};
