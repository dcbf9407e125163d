// The fake's own behaviour that adapters rely on: pagination rules, auth, STS/EC2 wire formats,
// fault injection, and the builder's derived fields.
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.ts';
import { rawQuery, rawSsm } from '../support/fake-aws/raw-client.ts';
import {
  applyOnlyAtCronNeverRan,
  DEFAULT_CALLER,
  generatedInstanceId,
  LARGE_EXECUTION_ID,
  large,
  PROD,
  scenario,
  scriptExitCode1,
  TEST_CREDENTIALS,
  toEpochSeconds,
} from '../support/scenarios/index.ts';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const region = PROD.region;

describe('SSM pagination', () => {
  it('pages with NextToken, enforces the model MaxResults range and rejects a replayed token', async () => {
    fake = await startFakeAws(large.build());
    const creds = fake.credentialsFor(PROD.id);
    const base = { AssociationId: large.associationId, ExecutionId: LARGE_EXECUTION_ID };
    const first = await rawSsm(fake, 'DescribeAssociationExecutionTargets', { ...base, MaxResults: 50 }, creds, region);
    expect(first.status).toBe(200);
    expect(first.body.AssociationExecutionTargets).toHaveLength(50);
    const second = await rawSsm(
      fake,
      'DescribeAssociationExecutionTargets',
      { ...base, MaxResults: 50, NextToken: first.body.NextToken },
      creds,
      region,
    );
    expect((second.body.AssociationExecutionTargets as { ResourceId: string }[])[0]?.ResourceId).toBe(
      generatedInstanceId(50),
    );

    const tooMany = await rawSsm(
      fake,
      'DescribeAssociationExecutionTargets',
      { ...base, MaxResults: 51 },
      creds,
      region,
    );
    expect(tooMany).toMatchObject({ status: 400, body: { __type: 'ValidationException' } });

    const replayed = await rawSsm(
      fake,
      'DescribeAssociationExecutionTargets',
      { ...base, Filters: [{ Key: 'Status', Value: 'Failed' }], NextToken: first.body.NextToken },
      creds,
      region,
    );
    expect(replayed).toMatchObject({ status: 400, body: { __type: 'InvalidNextToken' } });
  });

  it('filters generated targets server-side by Status', async () => {
    fake = await startFakeAws(large.build());
    const creds = fake.credentialsFor(PROD.id);
    const res = await rawSsm(
      fake,
      'DescribeAssociationExecutionTargets',
      {
        AssociationId: large.associationId,
        ExecutionId: LARGE_EXECUTION_ID,
        Filters: [{ Key: 'Status', Value: 'Failed' }],
      },
      creds,
      region,
    );
    const targets = res.body.AssociationExecutionTargets as { Status: string; ResourceId: string }[];
    expect(targets.every((t) => t.Status === 'Failed')).toBe(true);
    expect(targets[0]?.ResourceId).toBe(generatedInstanceId(8000));
  });

  it('rejects an input that breaks the model (unknown filter key)', async () => {
    fake = await startFakeAws(large.build());
    const res = await rawSsm(
      fake,
      'DescribeAssociationExecutionTargets',
      { AssociationId: large.associationId, ExecutionId: LARGE_EXECUTION_ID, Filters: [{ Key: 'Colour', Value: 'x' }] },
      fake.credentialsFor(PROD.id),
      region,
    );
    expect(res).toMatchObject({ status: 400, body: { __type: 'ValidationException' } });
    expect(String(res.body.Message)).toContain('"Colour" is not one of AssociationExecutionTargetsFilterKey');
  });

  it('says clearly when an operation is not implemented yet', async () => {
    fake = await startFakeAws(large.build());
    const res = await rawSsm(fake, 'ListComplianceItems', {}, fake.credentialsFor(PROD.id), region);
    expect(res).toMatchObject({ status: 400, body: { __type: 'UnknownOperationException' } });
  });
});

describe('auth', () => {
  it('maps static keys to the caller and rejects unknown temporary keys', async () => {
    fake = await startFakeAws(scriptExitCode1.build());
    const own = await rawQuery(fake, 'sts', { Action: 'GetCallerIdentity' }, TEST_CREDENTIALS, region);
    expect(own.text).toContain(`<Account>${DEFAULT_CALLER.account}</Account>`);
    const bogus = await rawSsm(
      fake,
      'ListAssociations',
      {},
      { accessKeyId: 'ASIAFAKEFAKEFAKEFAKE', sessionToken: 'x' },
      region,
    );
    expect(bogus).toMatchObject({ status: 400, body: { __type: 'UnrecognizedClientException' } });
  });

  it('AssumeRole: XML credentials that identify the assumed account; expired ones are refused', async () => {
    const s = scriptExitCode1.build();
    s.roles[PROD.roleArn] = { externalId: PROD.externalId, credentialLifetimeSeconds: 0 };
    fake = await startFakeAws(s);
    const res = await rawQuery(
      fake,
      'sts',
      {
        Action: 'AssumeRole',
        RoleArn: PROD.roleArn,
        RoleSessionName: 'ssm-why-U0123ABCD',
        ExternalId: PROD.externalId,
      },
      TEST_CREDENTIALS,
      region,
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    const accessKeyId = /<AccessKeyId>(ASIA\w+)<\/AccessKeyId>/.exec(res.text)?.[1] ?? '';
    const sessionToken = /<SessionToken>([^<]+)<\/SessionToken>/.exec(res.text)?.[1] ?? '';
    expect(accessKeyId.endsWith(PROD.id)).toBe(true);
    const expired = await rawSsm(fake, 'ListAssociations', {}, { accessKeyId, sessionToken }, region);
    expect(expired).toMatchObject({ status: 400, body: { __type: 'ExpiredTokenException' } });
  });

  it('AssumeRole errors are awsQuery XML with status 403 / 400', async () => {
    fake = await startFakeAws(scriptExitCode1.build());
    const denied = await rawQuery(
      fake,
      'sts',
      { Action: 'AssumeRole', RoleArn: PROD.roleArn, RoleSessionName: 'ssm-why-U0123ABCD' },
      TEST_CREDENTIALS,
      region,
    );
    expect(denied.status).toBe(403);
    expect(denied.text).toContain('<Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: ');
    const badName = await rawQuery(
      fake,
      'sts',
      { Action: 'AssumeRole', RoleArn: PROD.roleArn, RoleSessionName: 'has space', ExternalId: PROD.externalId },
      TEST_CREDENTIALS,
      region,
    );
    expect(badName.status).toBe(400);
    expect(badName.text).toContain('<Code>ValidationError</Code>');
  });
});

describe('EC2 and faults', () => {
  it('DescribeInstances by InstanceId.N fails for an unknown id, as EC2 does', async () => {
    fake = await startFakeAws(
      scenario()
        .account(PROD.id)
        .region(region)
        .ec2Instance({ instanceId: 'i-0123456789abcdef0', state: 'stopped' })
        .build(),
    );
    const creds = fake.credentialsFor(PROD.id);
    const ok = await rawQuery(
      fake,
      'ec2',
      { Action: 'DescribeInstances', 'InstanceId.1': 'i-0123456789abcdef0' },
      creds,
      region,
    );
    expect(ok.text).toContain('<instanceState><code>80</code><name>stopped</name></instanceState>');
    const missing = await rawQuery(
      fake,
      'ec2',
      { Action: 'DescribeInstances', 'InstanceId.1': 'i-0123456789abcdef0', 'InstanceId.2': 'i-0fffffffffffffff0' },
      creds,
      region,
    );
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<Code>InvalidInstanceID.NotFound</Code>');
  });

  it('a fault fires the given number of times, for the given account only', async () => {
    fake = await startFakeAws(scriptExitCode1.build());
    fake.scenario.faults.push({
      operation: 'ListAssociations',
      account: PROD.id,
      code: 'ThrottlingException',
      times: 1,
    });
    const creds = fake.credentialsFor(PROD.id);
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await rawSsm(fake, 'ListAssociations', {}, creds, region)).status);
    const other = await rawSsm(fake, 'ListAssociations', {}, fake.credentialsFor('999999999999'), region);
    expect([...statuses, other.status]).toEqual([400, 200, 200]);
    expect(fake.calls.map((c) => c.errorCode ?? 'ok')).toEqual(['ThrottlingException', 'ok', 'ok']);
  });
});

describe('scenario builder', () => {
  it('derives Overview, counts and dates from the executions', () => {
    const s = scriptExitCode1.build();
    const data = s.accounts[PROD.id]!.regions[region]!;
    const [a] = data.associations!;
    expect(a?.Overview).toEqual({
      Status: 'Failed',
      DetailedStatus: 'Failed',
      AssociationStatusAggregatedCount: { Failed: 2, Success: 1 },
    });
    expect(data.executions![a!.AssociationId]![0]?.ResourceCountByStatus).toBe('{Failed=2, Success=1}');
    expect(a?.LastExecutionDate).toBe(toEpochSeconds('12m ago'));
  });

  it('a never-run association is Pending with no counts', () => {
    const a = applyOnlyAtCronNeverRan.build().accounts[PROD.id]!.regions[region]!.associations![0];
    expect(a).toMatchObject({
      ApplyOnlyAtCronInterval: true,
      Overview: { Status: 'Pending', DetailedStatus: 'Creating', AssociationStatusAggregatedCount: {} },
    });
    expect(a?.LastExecutionDate).toBeUndefined();
  });

  it('relative times follow the injected now', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(toEpochSeconds('3h ago', now)).toBe(now.getTime() / 1000 - 3 * 3600);
    expect(toEpochSeconds('in 2d', now)).toBe(now.getTime() / 1000 + 2 * 86400);
    expect(toEpochSeconds('2025-03-14T09:30:00Z')).toBe(1741944600);
  });
});
