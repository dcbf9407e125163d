// コマンドラインツール (src/cli) の日本語。
import type { CliCatalog } from './cli.en.ts';

export const cliJa: CliCatalog = {
  usageTitle: '使い方',
};
