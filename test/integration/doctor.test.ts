// The setup checks with the real adapters: the AWS gateway against the fake AWS (real SDK over HTTP), the Slack
// check against the fake Slack Web API, the database check against PGlite and PostgreSQL. A healthy setup passes
// everything; a broken trust policy, a missing action, a wrong region, a missing scope, a bad token and an
// unmigrated database each fail with one line naming the fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_PROBES } from '../../src/aws/access-probes.ts';
import { createAgentReleaseSource } from '../../src/aws/agent-release.ts';
import { createAwsGateway } from '../../src/aws/gateway.ts';
import { allPassed, doctorLines, runDoctor } from '../../src/doctor/checks.ts';
import type { DoctorCheck } from '../../src/doctor/ports.ts';
import type { Lang } from '../../src/i18n/index.ts';
import type { AccountRef } from '../../src/investigation/ports.ts';
import { doctorSlackClient, slackChecks } from '../../src/slack/doctor.ts';
import { databaseChecks } from '../../src/store/doctor.ts';
import { TEST_GATEWAY_OPTIONS } from '../support/aws-harness.ts';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { englishLeft } from '../support/japanese-text.ts';
import { healthy, PROD, PROD_ACCOUNT } from '../support/scenarios/index.ts';
import { databaseBackends } from '../support/test-database.ts';

let aws: FakeAws;

beforeAll(async () => {
  aws = await startFakeAws(healthy.build());
});
afterAll(async () => {
  await aws?.close();
});

async function doctorAws(accounts: AccountRef[], lang: Lang = 'en'): Promise<DoctorCheck[]> {
  const gateway = createAwsGateway({
    ...TEST_GATEWAY_OPTIONS,
    maxAttempts: 1,
    endpoints: { ssm: aws.url, sts: aws.url, ec2: aws.url },
  });
  try {
    return await runDoctor({
      accounts,
      lang,
      aws: gateway,
      agentReleases: createAgentReleaseSource({ urlTemplate: aws.agentReleaseUrlTemplate }),
    });
  } finally {
    gateway.close();
  }
}

const failures = (checks: DoctorCheck[]) => checks.filter((c) => !c.ok);
const account = (overrides: Partial<AccountRef> = {}): AccountRef => ({
  ...PROD_ACCOUNT,
  regions: [PROD.region],
  ...overrides,
});

describe('AWS: each account × region', () => {
  it('a correct setup passes: the app identity, AssumeRole with the ExternalId, every read action, the agent version', async () => {
    aws.scenario = healthy.build();
    aws.calls.length = 0;
    const checks = await doctorAws([account()]);
    expect(failures(checks)).toEqual([]);
    expect(allPassed(checks)).toBe(true);
    const lines = doctorLines(checks, 'en').join('\n');
    expect(lines).toContain(`AssumeRole ${PROD.roleArn} with the ExternalId`);
    expect(lines).toContain(`all ${ACCESS_PROBES.length} read actions allowed`);
    expect(lines).toContain('latest is 3.3.1957.0');
    // Every probe reached AWS under the assumed role, with the ExternalId, as `ssm-why-doctor`.
    const assume = aws.callsTo('AssumeRole');
    expect(assume.map((c) => [c.externalId, c.roleSessionName])).toContainEqual([PROD.externalId, 'ssm-why-doctor']);
    const probed = new Set(aws.calls.filter((c) => c.account === PROD.id).map((c) => `${c.service}:${c.operation}`));
    for (const probe of ACCESS_PROBES) expect(probed, probe.action).toContain(probe.action);
  });

  it('a broken trust policy (another ExternalId) fails AssumeRole and says what the trust policy must allow', async () => {
    aws.scenario = healthy.build();
    const checks = await doctorAws([account({ externalId: 'not-the-one-the-role-wants' })]);
    const [failure, ...rest] = failures(checks);
    expect(rest).toEqual([]);
    expect(failure?.detail).toBe(`AssumeRole ${PROD.roleArn} denied (AccessDenied)`);
    expect(failure?.fix).toMatch(
      /trust policy must allow sts:AssumeRole by arn:aws:iam::\d{12}:\S+ with sts:ExternalId/,
    );
    expect(allPassed(checks)).toBe(false);
  });

  it('a missing action is named, with the template to redeploy', async () => {
    const scenario = healthy.build();
    scenario.faults.push({ service: 'ssm', operation: 'GetServiceSetting', code: 'AccessDeniedException' });
    aws.scenario = scenario;
    const checks = await doctorAws([account()]);
    expect(failures(checks).map((c) => c.detail)).toEqual(['ssm:GetServiceSetting denied (AccessDeniedException)']);
    expect(failures(checks)[0]?.fix).toContain('deploy/aws/investigator-role.yaml');
  });

  it('a wrong region (not enabled for the account) fails that region only', async () => {
    const scenario = healthy.build();
    scenario.faults.push({
      operation: '*',
      region: 'ap-east-1',
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
    aws.scenario = scenario;
    const checks = await doctorAws([account({ regions: [PROD.region, 'ap-east-1'] })]);
    const failed = failures(checks);
    // The fault answers every request in that region, the agent-version file's bucket included.
    expect(failed.map((c) => c.subject)).toEqual([`prod (${PROD.id}) ap-east-1`, 'SSM Agent version ap-east-1']);
    expect(failed[0]?.detail).toBe('AWS rejected the request in ap-east-1 (UnrecognizedClientException)');
    expect(failed[0]?.fix).toContain('remove it from this account');
    expect(checks.some((c) => c.ok && c.subject === `prod (${PROD.id}) ${PROD.region}`)).toBe(true);
  });
});

/** A Japanese line: Japanese in it, and no English phrase left once the values it may quote are set aside. */
const expectJapaneseLine = (line: string, mayQuote: readonly string[]) => {
  expect(line).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  expect(englishLeft(line, mayQuote), line).toEqual([]);
};

describe('in Japanese', () => {
  it('a correct setup and a broken trust policy: every line Japanese, ARNs, actions and codes verbatim', async () => {
    aws.scenario = healthy.build();
    const lines = doctorLines(await doctorAws([account()], 'ja'), 'ja');
    for (const line of lines) expectJapaneseLine(line, ['AssumeRole', 'ExternalId']);
    expect(lines.join('\n')).toContain(`AssumeRole ${PROD.roleArn} (ExternalId 付き)`);
    expect(lines.join('\n')).toContain(`読み取りアクション ${ACCESS_PROBES.length} 件すべてが許可されています`);

    const broken = failures(await doctorAws([account({ externalId: 'not-the-one' })], 'ja'));
    expect(broken).toHaveLength(1);
    const [line] = doctorLines(broken, 'ja');
    expect(line).toContain('→ 対処: ロールの信頼ポリシーで');
    expectJapaneseLine(line ?? '', ['AssumeRole', 'InvalidClientTokenId', 'AccessDenied']);
    for (const value of [PROD.roleArn ?? '', 'sts:AssumeRole', 'sts:ExternalId']) expect(line).toContain(value);
  });
});

describe('Slack: token and scopes', () => {
  let slack: FakeSlack | undefined;
  afterAll(async () => {
    await slack?.close();
  });

  it('passes with the manifest scopes, names a missing one, and a revoked token', async () => {
    slack = await startFakeSlack();
    const client = doctorSlackClient({ botToken: 'xoxb-test', apiUrl: slack.apiUrl });
    const good = await slackChecks(client);
    expect(failures(good)).toEqual([]);
    expect(doctorLines(good, 'en').join('\n')).toContain(
      'scopes commands, chat:write, chat:write.public, files:write, users:read granted',
    );

    // In Japanese for a Japanese user; the scope names stay as Slack spells them.
    const japanese = await slackChecks(client, 'ja');
    expect(failures(japanese)).toEqual([]);
    expect(japanese.map((c) => c.detail)).toContain(
      'スコープ commands, chat:write, chat:write.public, files:write, users:read が付与されています',
    );

    slack.failNext('auth.test', { error: 'invalid_auth' });
    const [bad] = failures(await slackChecks(client));
    expect(bad?.detail).toBe('auth.test failed (invalid_auth)');
    expect(bad?.fix).toContain('SLACK_BOT_TOKEN');
    await slack.close();

    slack = await startFakeSlack({ scopes: ['commands', 'chat:write'] });
    const narrow = await slackChecks(doctorSlackClient({ botToken: 'xoxb-test', apiUrl: slack.apiUrl }));
    expect(failures(narrow).map((c) => c.detail)).toEqual([
      'missing scopes: chat:write.public, files:write, users:read',
    ]);
  });
});

describe.each(databaseBackends())('database on $name', (backend) => {
  it('passes when migrated, and lists the pending migrations when not', async () => {
    const migrated = await backend.create();
    const fresh = await backend.create({ migrated: false });
    try {
      const ok = await databaseChecks(migrated.connect(), 'en');
      expect(failures(ok)).toEqual([]);
      expect(doctorLines(ok, 'en').join('\n')).toMatch(/all \d+ migrations applied/);
      const pending = failures(await databaseChecks(fresh.connect(), 'en'));
      expect(pending).toHaveLength(1);
      expect(pending[0]?.detail).toMatch(/^\d+ migration\(s\) not applied: \d{14}_/);
      expect(pending[0]?.fix).toContain('start ssm-why once');
      const japanese = doctorLines(await databaseChecks(migrated.connect(), 'ja'), 'ja');
      for (const line of japanese) expectJapaneseLine(line, []);
    } finally {
      await migrated.dispose();
      await fresh.dispose();
    }
  });
});
