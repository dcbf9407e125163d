import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAccountsFile } from '../../../src/config/accounts-file.ts';
import { loadConfig } from '../../../src/config/config.ts';

const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 's3cr3t-signing', AWS_REGION: 'eu-west-1' };

describe('loadConfig', () => {
  it('applies defaults: port 3000, ./data, PGlite, one self account in AWS_REGION', () => {
    const result = loadConfig(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.port).toBe(3000);
    expect(result.config.dataDir).toBe('./data');
    expect(result.config.databaseUrl).toBeUndefined();
    expect(result.config.accounts).toEqual([{ name: 'default', id: 'self', regions: ['eu-west-1'] }]);
    expect(result.config.agentVersionUrl).toContain('{region}');
    expect(result.config.alerts).toEqual({
      pollIntervalSeconds: 300,
      pendingAlertMinutes: 60,
      pollPageBudget: 100,
      digestWindowSeconds: 600,
      digestThreshold: 3,
    });
    expect(Object.isFrozen(result.config.slack)).toBe(true);
  });

  it('SSM_WHY_ROLE: all by default; web or worker only with a shared PostgreSQL', () => {
    const role = (env: Record<string, string>) => {
      const result = loadConfig({ ...base, ...env });
      return result.ok ? result.config.role : result.problems;
    };
    expect(role({})).toBe('all');
    expect(role({ SSM_WHY_ROLE: 'web', DATABASE_URL: 'postgres://db/ssm' })).toBe('web');
    expect(role({ SSM_WHY_ROLE: 'worker', DATABASE_URL: 'postgres://db/ssm' })).toBe('worker');
    expect(role({ SSM_WHY_ROLE: 'worker' })).toEqual([
      expect.stringMatching(/^SSM_WHY_ROLE: worker needs DATABASE_URL/),
    ]);
    expect(role({ SSM_WHY_ROLE: 'both', DATABASE_URL: 'postgres://db/ssm' })).toEqual([
      expect.stringMatching(/^SSM_WHY_ROLE: /),
    ]);
  });

  it('reads Socket Mode, the Slack API URL, DATABASE_URL and AWS endpoints', () => {
    const result = loadConfig({
      ...base,
      SLACK_APP_TOKEN: 'xapp-1-A1-xyz',
      SLACK_API_URL: 'http://127.0.0.1:4010/api/',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      AWS_ENDPOINT_URL_SSM: 'http://127.0.0.1:9000',
      PORT: '0',
    });
    expect(result.ok && result.config.slack.appToken).toBe('xapp-1-A1-xyz');
    expect(result.ok && result.config.slack.apiUrl).toBe('http://127.0.0.1:4010/api/');
    expect(result.ok && result.config.aws.endpoints).toEqual({ ssm: 'http://127.0.0.1:9000' });
    expect(result.ok && result.config.port).toBe(0);
  });

  it('lists every problem, one line each, naming the variable and never the value', () => {
    const secret = 'super-secret-value-123';
    const result = loadConfig({
      SLACK_BOT_TOKEN: secret,
      PORT: 'eighty',
      DATABASE_URL: `mysql://${secret}`,
      LOG_LEVEL: 'loud',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.join('\n');
    expect(text).toMatch(/^SLACK_BOT_TOKEN: /m);
    expect(text).toMatch(/^PORT: /m);
    expect(text).toMatch(/^DATABASE_URL: /m);
    expect(text).toMatch(/^LOG_LEVEL: /m);
    expect(text).not.toContain(secret);
  });

  it('requires the Slack credentials for the app but not for the CLI', () => {
    const app = loadConfig({ AWS_REGION: 'us-east-1' }, 'app');
    expect(app.ok).toBe(false);
    expect(!app.ok && app.problems.join('\n')).toMatch(/SLACK_BOT_TOKEN[\s\S]*SLACK_SIGNING_SECRET/);
    expect(loadConfig({ AWS_REGION: 'us-east-1' }, 'cli').ok).toBe(true);
  });

  it('needs AWS_REGION when there is no accounts file', () => {
    const result = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'x' });
    expect(!result.ok && result.problems).toEqual([expect.stringMatching(/^AWS_REGION: /)]);
  });

  it('loads the accounts file and reports a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssm-why-config-'));
    const file = join(dir, 'accounts.yml');
    writeFileSync(file, 'accounts:\n  - name: prod\n    id: "111122223333"\n    regions: [us-east-1]\n');
    const ok = loadConfig({ ...base, SSM_WHY_ACCOUNTS_FILE: file });
    expect(ok.ok && ok.config.accounts).toEqual([{ name: 'prod', id: '111122223333', regions: ['us-east-1'] }]);
    const missing = loadConfig({ ...base, SSM_WHY_ACCOUNTS_FILE: join(dir, 'nope.yml') });
    expect(!missing.ok && missing.problems[0]).toMatch(/^SSM_WHY_ACCOUNTS_FILE: .*nope\.yml: file not found$/);
  });
});

describe('parseAccountsFile', () => {
  const good = `accounts:
  - name: prod
    id: "111122223333"
    roleArn: arn:aws:iam::111122223333:role/ssm-why-investigator
    externalId: "ext-1234-abcd"
    regions: [us-east-1, eu-west-1]
    channels: [C0123ABCD]
  - name: dev
    id: "444455556666"
    regions: [eu-west-1]
`;

  it('parses every field', () => {
    const result = parseAccountsFile(good, 'accounts.yml');
    expect(result).toEqual({
      ok: true,
      accounts: [
        {
          name: 'prod',
          id: '111122223333',
          roleArn: 'arn:aws:iam::111122223333:role/ssm-why-investigator',
          externalId: 'ext-1234-abcd',
          regions: ['us-east-1', 'eu-west-1'],
          channels: ['C0123ABCD'],
        },
        { name: 'dev', id: '444455556666', regions: ['eu-west-1'] },
      ],
    });
  });

  it.each([
    [
      'a bad region',
      good.replace('eu-west-1]\n    channels', 'mars-1]\n    channels'),
      /^a\.yml:6: accounts\[0\]\.regions\[1\] must be an AWS region/,
    ],
    ['an unquoted short id', good.replace('"444455556666"', '4444'), /^a\.yml:9: accounts\[1\]\.id must be a 12-digit/],
    [
      'a role in another account',
      good.replace('iam::111122223333', 'iam::999988887777'),
      /^a\.yml:4: accounts\[0\]\.roleArn belongs to account 999988887777/,
    ],
    [
      'an unknown key',
      good.replace('    regions: [eu-west-1]\n', '    regions: [eu-west-1]\n    region: x\n'),
      /^a\.yml:8: accounts\[1\] .*region/,
    ],
    ['a missing regions list', good.replace('    regions: [eu-west-1]\n', ''), /^a\.yml:8: accounts\[1\]\.regions /],
    [
      'a bad channel id',
      good.replace('C0123ABCD', 'ops-channel'),
      /^a\.yml:7: accounts\[0\]\.channels\[0\] must be a Slack channel id/,
    ],
    ['a duplicate name', good.replace('name: dev', 'name: PROD'), /duplicates account #1 \(prod\)/],
    ['broken YAML', 'accounts:\n  - name: [unclosed\n', /^a\.yml:\d+: invalid YAML/],
  ])('reports %s with file and line', (_label, text, expected) => {
    const result = parseAccountsFile(text, 'a.yml');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('\n')).toMatch(expected);
  });

  it('never echoes the external id in a problem', () => {
    const result = parseAccountsFile(good.replace('"ext-1234-abcd"', '"x y secret!"'), 'a.yml');
    expect(!result.ok && result.problems.join('\n')).not.toContain('secret');
  });
});

describe('operations settings (issue 12)', () => {
  it('defaults: shutdown inside Docker’s 10 s, retention 90 / 400 days, metrics open', () => {
    const result = loadConfig(base);
    expect(result.ok && result.config.shutdownDeadlineMs).toBe(8_000);
    expect(result.ok && result.config.retention).toEqual({ investigationDays: 90, auditDays: 400 });
    expect(result.ok && result.config.metrics).toEqual({});
  });

  it('reads them, and refuses a short metrics token without echoing it', () => {
    const result = loadConfig({
      ...base,
      SSM_WHY_SHUTDOWN_DEADLINE_MS: '25000',
      SSM_WHY_RETENTION_DAYS: '30',
      SSM_WHY_AUDIT_RETENTION_DAYS: '365',
      SSM_WHY_METRICS_TOKEN: 'a-long-enough-metrics-token',
    });
    expect(result.ok && result.config.shutdownDeadlineMs).toBe(25_000);
    expect(result.ok && result.config.retention).toEqual({ investigationDays: 30, auditDays: 365 });
    expect(result.ok && result.config.metrics.token).toBe('a-long-enough-metrics-token');
    const bad = loadConfig({ ...base, SSM_WHY_METRICS_TOKEN: 'short-tok' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.join('\n')).toContain('SSM_WHY_METRICS_TOKEN');
    expect(!bad.ok && bad.problems.join('\n')).not.toContain('short-tok');
  });
});
