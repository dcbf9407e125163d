// AssumeRole through the real SDK against the fake STS: ExternalId, session names, caching, the
// app's own credentials, and endpoints from the environment.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAwsGateway } from '../../src/aws/gateway.ts';
import { AppError } from '../../src/domain/app-error.ts';
import type { AccountRef } from '../../src/investigation/ports.ts';
import { type AwsHarness, startAwsHarness, TEST_GATEWAY_OPTIONS } from '../support/aws-harness.ts';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.ts';
import {
  DEFAULT_CALLER,
  healthy,
  PROD,
  PROD_ACCOUNT,
  RUN_SHELL_SCRIPT,
  scenario,
  TEST_CREDENTIALS,
} from '../support/scenarios/index.ts';

let aws: AwsHarness | undefined;
let fake: FakeAws | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await aws?.close();
  await fake?.close();
  aws = undefined;
  fake = undefined;
});

describe('AssumeRole', () => {
  it('assumes the account role with its ExternalId and a per-user session name, signed by the app', async () => {
    aws = await startAwsHarness(healthy);
    const identity = await aws.reader({ userId: 'U0123ABCD' }).identity();
    const [assume] = aws.fake.callsTo('AssumeRole');
    expect(assume).toMatchObject({
      service: 'sts',
      status: 200,
      roleArn: PROD.roleArn,
      externalId: PROD.externalId,
      roleSessionName: 'ssm-why-U0123ABCD',
      durationSeconds: 900,
      accessKeyId: TEST_CREDENTIALS.accessKeyId,
      account: DEFAULT_CALLER.account,
      region: PROD.region,
    });
    expect(identity).toEqual({
      arn: `arn:aws:sts::${PROD.id}:assumed-role/SsmWhyReadOnly/ssm-why-U0123ABCD`,
      account: PROD.id,
      roleArn: PROD.roleArn,
      externalIdUsed: true,
      sessionName: 'ssm-why-U0123ABCD',
    });
    // Everything after AssumeRole runs with the assumed account's temporary credentials.
    const [whoami] = aws.fake.callsTo('GetCallerIdentity');
    expect(whoami?.account).toBe(PROD.id);
    expect(whoami?.accessKeyId).toMatch(/^ASIA/);
  });

  it('reuses one session per (role, user) across calls, readers and regions', async () => {
    aws = await startAwsHarness(healthy);
    const first = aws.reader();
    await first.describeAssociation(healthy.associationId);
    await first.listExecutions(healthy.associationId, 5);
    await aws.reader().describeManagedNodes(['i-1234567890abcdef0']);
    await aws.reader({ region: 'us-east-1' }).listAssociations();
    await Promise.all([aws.reader().listAssociations(), aws.reader().defaultHostManagement()]);
    expect(aws.fake.callsTo('AssumeRole')).toHaveLength(1);
    const keys = new Set(aws.fake.calls.filter((c) => c.service === 'ssm').map((c) => c.accessKeyId));
    expect(keys.size).toBe(1);

    await aws.reader({ userId: 'U0999ZZZZ' }).listAssociations();
    expect(aws.fake.callsTo('AssumeRole').map((c) => c.roleSessionName)).toEqual([
      'ssm-why-U0123ABCD',
      'ssm-why-U0999ZZZZ',
    ]);
  });

  it('does not reuse credentials that expire within the refresh window', async () => {
    aws = await startAwsHarness(healthy);
    // 200 s left is inside the 5-minute refresh window (timing details: test/unit/aws-credentials.test.ts).
    aws.fake.scenario.roles[PROD.roleArn] = { externalId: PROD.externalId, credentialLifetimeSeconds: 200 };
    await aws.reader().listAssociations();
    const afterFirst = aws.fake.callsTo('AssumeRole').length;
    await aws.reader().listAssociations();
    expect(afterFirst).toBeGreaterThanOrEqual(1);
    expect(aws.fake.callsTo('AssumeRole').length).toBeGreaterThan(afterFirst);
    expect(aws.fake.callsTo('ListAssociations').every((c) => c.status === 200)).toBe(true);
  });

  it('a wrong ExternalId → access-denied for sts:AssumeRole, and no SSM call', async () => {
    aws = await startAwsHarness(healthy);
    const account: AccountRef = { ...PROD_ACCOUNT, externalId: 'not-the-right-one' };
    const error = await aws
      .reader({ account })
      .describeAssociation(healthy.associationId)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'access-denied', action: 'sts:AssumeRole', upstreamCode: 'AccessDenied' });
    expect((error as AppError).message).toContain(
      `not authorized to perform: sts:AssumeRole on resource: ${PROD.roleArn}`,
    );
    expect(aws.fake.callsTo('AssumeRole')[0]).toMatchObject({ status: 403, errorCode: 'AccessDenied' });
    expect(aws.fake.calls.filter((c) => c.service === 'ssm')).toHaveLength(0);
  });

  it('sanitizes the session name to what STS accepts', async () => {
    aws = await startAwsHarness(healthy);
    await aws.reader({ userId: 'U01 ABC/ü:x' }).listAssociations();
    const [assume] = aws.fake.callsTo('AssumeRole');
    expect(assume).toMatchObject({ status: 200, roleSessionName: 'ssm-why-U01-ABC---x' });
    expect(assume?.roleSessionName).toMatch(/^[\w+=,.@-]{2,64}$/);
  });

  it('clamps DurationSeconds to the one-hour role-chaining limit', async () => {
    aws = await startAwsHarness(healthy, { assumeRoleDurationSeconds: 7200 });
    await aws.reader().listAssociations();
    expect(aws.fake.callsTo('AssumeRole')[0]).toMatchObject({ status: 200, durationSeconds: 3600 });
  });
});

describe("the app's own credentials", () => {
  const callerScenario = () =>
    scenario()
      .account(DEFAULT_CALLER.account)
      .region('eu-west-1')
      .document(RUN_SHELL_SCRIPT)
      .association({
        associationId: '11111111-2222-4333-8444-555555555555',
        documentName: 'AWS-RunShellScript',
        instanceIds: ['i-1234567890abcdef0'],
        parameters: { commands: ['true'] },
      })
      .build();
  const own: AccountRef = { name: 'tools', id: DEFAULT_CALLER.account, regions: ['eu-west-1'] };

  it('an account without roleArn uses them directly (no AssumeRole)', async () => {
    aws = await startAwsHarness({ scenario: callerScenario(), account: own, region: 'eu-west-1' });
    const identity = await aws.reader().identity();
    expect(identity).toEqual({ arn: DEFAULT_CALLER.arn, account: DEFAULT_CALLER.account, externalIdUsed: false });
    await expect(aws.reader().describeAssociation('11111111-2222-4333-8444-555555555555')).resolves.toMatchObject({
      status: 'Pending',
    });
    expect(aws.fake.callsTo('AssumeRole')).toHaveLength(0);
    expect(aws.fake.calls.every((c) => c.accessKeyId === TEST_CREDENTIALS.accessKeyId)).toBe(true);
  });

  it('honours AWS_ENDPOINT_URL_SSM and AWS_ENDPOINT_URL_STS when no endpoint is configured', async () => {
    fake = await startFakeAws(healthy.build());
    vi.stubEnv('AWS_ENDPOINT_URL_SSM', fake.url);
    vi.stubEnv('AWS_ENDPOINT_URL_STS', fake.url);
    const gateway = createAwsGateway(TEST_GATEWAY_OPTIONS);
    try {
      const reader = gateway.reader(PROD_ACCOUNT, PROD.region, { userId: 'U0123ABCD' });
      await expect(reader.describeAssociation(healthy.associationId)).resolves.toMatchObject({ status: 'Success' });
    } finally {
      gateway.close();
    }
    expect(fake.calls.map((c) => `${c.service}:${c.operation}:${c.status}`)).toEqual([
      'sts:AssumeRole:200',
      'ssm:DescribeAssociation:200',
    ]);
  });
});
