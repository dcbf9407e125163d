// 検出結果と診断 (src/domain) の日本語。AWS のフィールド名や値は AWS の表記のまま残します。
import type { FindingsCatalog } from './findings.en.ts';

export const findingsJa: FindingsCatalog = {
  verdict: {
    healthyTitle: '正常',
  },
};
