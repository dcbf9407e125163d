// `npm run investigate` in Japanese, as a user runs it (tsx on src/cli/investigate.ts in a child process, the real
// AWS SDK against the fake AWS over HTTP): `--lang ja` and `LANG=ja_JP.UTF-8` print Japanese, `--lang en` wins over
// LANG, and what AWS and the node wrote is printed as they wrote it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cliEnv, runToCompletion, TSX } from '../support/cli-process.ts';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.ts';
import { healthy, PROD_ACCOUNT, scriptExitCode1 } from '../support/scenarios/index.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const MISSING = 'deadbeef-0000-4000-8000-000000000000';

let aws: FakeAws;
let dir: string;
let accountsFile: string;

const investigate = (args: string[], overrides: Record<string, string> = {}) =>
  runToCompletion(TSX, ['src/cli/investigate.ts', ...args], cliEnv(aws, accountsFile, overrides));

describe('npm run investigate in Japanese', () => {
  beforeAll(async () => {
    aws = await startFakeAws(healthy.build({ now: new Date() }));
    dir = mkdtempSync(path.join(tmpdir(), 'ssm-why-cli-lang-'));
    accountsFile = path.join(dir, 'accounts.yml');
    writeFileSync(accountsFile, stringify({ accounts: [PROD_ACCOUNT] }));
  });
  afterAll(async () => {
    await aws?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('--lang ja and LANG=ja_JP.UTF-8 print the run in Japanese; --lang en wins over LANG', async () => {
    aws.scenario = healthy.build({ now: new Date() });
    const [flag, env, english] = await Promise.all([
      investigate([healthy.associationId, '--lang', 'ja']),
      investigate([healthy.associationId], { LANG: 'ja_JP.UTF-8' }),
      investigate([healthy.associationId, '--lang', 'en'], { LANG: 'ja_JP.UTF-8' }),
    ]);
    for (const result of [flag, env]) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`関連付け ${healthy.associationId} を調査しています`);
      expect(result.stdout).toContain('アカウント prod (123456789012) · リージョン eu-west-1');
      for (let step = 1; step <= 7; step++) expect(result.stdout).toContain(`ステップ ${step}/8`);
      expect(result.stdout).toContain('診断結果: 正常');
      expect(result.stdout).toContain('障害は見つかりませんでした。');
      expect(result.stdout).not.toMatch(/Investigating association|Verdict:|No fault found|Step \d\/8/);
    }
    expect(english.code).toBe(0);
    expect(english.stdout).toContain(`Investigating association ${healthy.associationId}`);
    expect(english.stdout).toContain('Verdict: Healthy');
    expect(english.stdout).not.toContain('診断結果');
  });

  it('a fault in Japanese: exit 1, the labels in Japanese, the node’s error and the evidence field as written', async () => {
    aws.scenario = scriptExitCode1.build({ now: new Date() });
    const result = await investigate([scriptExitCode1.associationId, '--lang=ja', '--show-output']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('診断結果: 障害あり');
    // The investigation itself runs in the chosen language: steps, the finding, its fix and what was checked.
    expect(result.stdout).toContain('ステップ 7/8 — 出力');
    expect(result.stdout).toContain(
      '1. [エラー] 設定の誤り (終了コード 1): nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:14',
    );
    for (const label of ['対処方法:', 'リンク:', '自分で確認するには:', 'エージェントのログ:', '確認した項目:']) {
      expect(result.stdout).toContain(label);
    }
    expect(result.stdout).not.toMatch(
      /Step \d|Fix:|Links:|Check it yourself:|Agent logs:|Checked:|Invalid configuration/,
    );
    // Show output: the node's output as it printed it.
    expect(result.stdout).toContain('nginx: configuration file /etc/nginx/nginx.conf test failed');
    expect(result.stdout).toContain('nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:14');
    expect(result.stdout).toContain('GetCommandInvocation.StandardErrorContent');
    expect(result.stdout).toContain('根拠:');
    expect(result.stdout).not.toMatch(/Verdict:|Evidence:/);
  });

  it('--help, a refused --lang and a missing association speak the chosen language', async () => {
    aws.scenario = healthy.build({ now: new Date() });
    const [help, refused, missing] = await Promise.all([
      investigate(['--help'], { LANG: 'ja_JP.UTF-8' }),
      investigate([healthy.associationId, '--lang', 'fr'], { LANG: 'ja_JP.UTF-8' }),
      investigate([MISSING, '--lang', 'ja']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('使い方: npm run investigate -- <association-id');
    expect(help.stdout).toContain('--lang en|ja');
    const helpLines = help.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('使い方'));
    expect(helpLines.filter((line) => !JAPANESE.test(line))).toEqual([]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--lang には en か ja を指定してください (指定された値: "fr")');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`関連付け ${MISSING} は次の場所に見つかりませんでした:`);
    expect(missing.stderr).toContain('prod (123456789012) eu-west-1');
  });
});
