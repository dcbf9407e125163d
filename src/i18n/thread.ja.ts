// スレッドに投稿する文言 (ルートメッセージ、ステップ、診断結果、出力表示、監視、フィードバック) の日本語。
import type { ThreadCatalog } from './thread.en.ts';

export const threadJa: ThreadCatalog = {};
