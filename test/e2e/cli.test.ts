// `npm run investigate -- <association-id> [--account …] [--region …]` as a user runs it: tsx on
// src/cli/investigate.ts (what the npm script runs) in a child process, the real AWS SDK against the fake
// AWS over HTTP.
// Exit codes: 0 healthy (or warnings only), 1 fault found, 2 usage or configuration error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cliEnv, runToCompletion, TSX } from '../support/cli-process.ts';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.ts';
import { associationNotFound, healthy, PROD, PROD_ACCOUNT, scriptExitCode1 } from '../support/scenarios/index.ts';

const ESC = '\u001b[';
const MISSING = 'deadbeef-0000-4000-8000-000000000000';

let aws: FakeAws;
let dir: string;
let accountsFile: string;

const envWith = (overrides: Record<string, string>) => cliEnv(aws, accountsFile, overrides);

/** `tsx src/cli/investigate.ts <args>`, stdout and stderr piped (not a terminal). */
const investigate = (args: string[], overrides: Record<string, string> = {}) =>
  runToCompletion(TSX, ['src/cli/investigate.ts', ...args], envWith(overrides));

/** The same, with stdout on a pseudo-terminal (util-linux `script`), as in an interactive shell. */
const investigateInTerminal = (args: string[], overrides: Record<string, string> = {}) =>
  runToCompletion(
    'script',
    ['-qfec', [TSX, 'src/cli/investigate.ts', ...args].join(' '), '/dev/null'],
    envWith(overrides),
  );

describe('npm run investigate', () => {
  beforeAll(async () => {
    aws = await startFakeAws(healthy.build({ now: new Date() }));
    dir = mkdtempSync(path.join(tmpdir(), 'ssm-why-cli-'));
    accountsFile = path.join(dir, 'accounts.yml');
    writeFileSync(accountsFile, stringify({ accounts: [PROD_ACCOUNT] }));
  });
  afterAll(async () => {
    await aws?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    aws.calls.length = 0;
  });

  it('healthy association → exit 0 and the verdict, every step, no colour when stdout is not a terminal', async () => {
    aws.scenario = healthy.build({ now: new Date() });
    const result = await investigate([healthy.associationId]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Investigating association ${healthy.associationId}`);
    expect(result.stdout).toContain('account prod (123456789012) · region eu-west-1');
    for (let step = 1; step <= 7; step++) expect(result.stdout).toContain(`Step ${step}/8`);
    expect(result.stdout).toContain('Verdict: Healthy');
    expect(result.stdout).toContain('No fault found');
    expect(result.stdout).not.toContain(ESC);
    // It really asked AWS, through the role, as the terminal user.
    expect(aws.callsTo('DescribeAssociationExecutions').length).toBeGreaterThan(0);
    expect(aws.callsTo('AssumeRole')[0]?.roleSessionName).toMatch(/^ssm-why-cli-/);
  });

  it('shows colour on a terminal (the control for the test above)', async () => {
    aws.scenario = healthy.build({ now: new Date() });
    const result = await investigateInTerminal([healthy.associationId]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${ESC}32m`); // green, the healthy verdict
    expect(result.stdout).toContain('No fault found');
  });

  it('fault → exit 1 with the finding title and its evidence', async () => {
    aws.scenario = scriptExitCode1.build({ now: new Date() });
    const result = await investigate([scriptExitCode1.associationId]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Verdict: Fault');
    expect(result.stdout).toContain(
      '1. [error] Invalid configuration (exit 1): nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:14',
    );
    expect(result.stdout).toContain('GetCommandInvocation.StandardErrorContent');
    expect(result.stdout).not.toContain('No fault found');
    expect(result.stdout).not.toContain(ESC);
  });

  it('honours --account and --region: looks only there', async () => {
    aws.scenario = associationNotFound.build({ now: new Date() }); // lives in us-east-1 only
    const result = await investigate([associationNotFound.associationId, '--account', 'prod', '--region', 'us-east-1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('region us-east-1');
    const ssm = aws.calls.filter((c) => c.service === 'ssm');
    expect(ssm.length).toBeGreaterThan(0);
    expect(ssm.every((c) => c.region === 'us-east-1' && c.account === PROD.id)).toBe(true);
    // Once to locate, once in the association step: no search of the other region.
    expect(aws.callsTo('DescribeAssociation')).toHaveLength(2);
  });

  it('usage error → exit 2 with the usage on stderr, and no AWS call', async () => {
    const cases: [string[], string | undefined][] = [
      [[], undefined],
      [['8dfe3659-4309-493a'], '`8dfe3659-4309-493a` is not a valid association id'],
    ];
    const results = await Promise.all(cases.map(([args]) => investigate(args)));
    results.forEach((result, i) => {
      const problem = cases[i]?.[1];
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('usage: npm run investigate -- <association-id');
      if (problem) expect(result.stderr).toContain(problem);
    });
    expect(aws.calls).toHaveLength(0);
  });

  it('configuration error (bad accounts file) → exit 2 naming file:line, never the value, and no AWS call', async () => {
    const bad = path.join(dir, 'bad-accounts.yml');
    writeFileSync(
      bad,
      ['accounts:', '  - name: prod', '    id: 12345', '    regions: [eu-west-1]', '    colour: blue', ''].join('\n'),
    );
    const result = await investigate([healthy.associationId], { SSM_WHY_ACCOUNTS_FILE: bad });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`config: ${bad}:3: accounts[0].id must be a 12-digit AWS account id`);
    expect(result.stderr).toMatch(new RegExp(`config: ${bad}:2: accounts\\[0\\] .*colour`));
    expect(result.stderr).not.toContain('12345');
    expect(aws.calls).toHaveLength(0);
  });

  it('not found anywhere → exit 2, saying where it looked', async () => {
    aws.scenario = healthy.build({ now: new Date() });
    const result = await investigate([MISSING]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Association ${MISSING} was not found in:`);
    expect(result.stderr).toContain('prod (123456789012) eu-west-1');
    expect(result.stderr).toContain('prod (123456789012) us-east-1');
    expect(
      aws
        .callsTo('DescribeAssociation')
        .map((c) => c.region)
        .sort(),
    ).toEqual(['eu-west-1', 'us-east-1']);
    // Nothing was investigated.
    expect(aws.callsTo('DescribeAssociationExecutions')).toHaveLength(0);
  });

  it('--help → the usage on stdout, exit 0, no AWS call', async () => {
    const calls = aws.calls.length;
    const result = await investigate(['--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('usage: npm run investigate -- <association-id');
    expect(aws.calls).toHaveLength(calls);
  });

  it('AWS unreachable → a network failure, not "not found", and no internal `self` account', async () => {
    const dead = 'http://127.0.0.1:1';
    const result = await investigate([MISSING], {
      SSM_WHY_ACCOUNTS_FILE: '',
      AWS_ENDPOINT_URL_SSM: dead,
      AWS_ENDPOINT_URL_STS: dead,
      SSM_WHY_AWS_MAX_ATTEMPTS: '1',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Could not search for association ${MISSING}`);
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr).not.toContain('was not found');
    expect(result.stderr).not.toMatch(/\bself\b/);
  });
});
