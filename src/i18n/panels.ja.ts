// アラート、ダイジェスト、フリート表示、App Home、履歴、購読、doctor、今すぐ実行、使い方の日本語。
import type { PanelsCatalog } from './panels.en.ts';

export const panelsJa: PanelsCatalog = {};
