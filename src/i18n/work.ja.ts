// 調査の仕組みが伝える文言 (権限の拒否、読めなかった呼び出し、出力表示、打ち切り、フリートの範囲、購読の解析) の日本語。
import type { WorkCatalog } from './work.en.ts';

export const workJa: WorkCatalog = {};
