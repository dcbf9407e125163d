// The SsmReader with the real AWS SDK over HTTP against the fake: protocol, pagination, mapping to
// facts, error translation and call budgets.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../src/domain/app-error.ts';
import { type AwsHarness, startAwsHarness, TEST_USER } from '../support/aws-harness.ts';
import {
  accessDeniedOnOneOperation,
  agentTooOld,
  associationNotFound,
  automationMissingAssumeRole,
  documentDeleted,
  executionTimedOutWindows,
  generatedInstanceId,
  healthy,
  instanceProfileMissing,
  LARGE_COMMAND_ID,
  LARGE_EXECUTION_ID,
  LARGE_FAILED,
  LARGE_SAMPLED_PER_GROUP,
  large,
  largeGroupStart,
  nodeNotManaged,
  PROD,
  pinnedVersionMissing,
  scriptExitCode1,
  stuckAtInProgress,
} from '../support/scenarios/index.ts';

let aws: AwsHarness | undefined;
afterEach(async () => {
  await aws?.close();
  aws = undefined;
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('association, executions, targets', () => {
  it('maps DescribeAssociation to facts, with epoch timestamps as Dates', async () => {
    aws = await startAwsHarness(scriptExitCode1);
    const facts = await aws.reader().describeAssociation(scriptExitCode1.associationId);
    expect(facts).toMatchObject({
      associationId: scriptExitCode1.associationId,
      associationName: 'ConfigureNginx',
      documentName: 'AWS-RunShellScript',
      documentVersion: '$DEFAULT',
      status: 'Failed',
      statusCounts: { Failed: 2, Success: 1 },
      scheduleExpression: 'rate(30 minutes)',
      applyOnlyAtCronInterval: false,
      targets: [{ key: 'tag:Role', values: ['web'] }],
      maxConcurrency: '50%',
      maxErrors: '100%',
      parameters: { commands: expect.arrayContaining(['nginx -t']) },
    });
    expect(facts.lastExecutionAt).toEqual(new Date('2025-03-14T09:18:00.000Z'));
    expect(facts.createdAt).toBeInstanceOf(Date);
  });

  it('AssociationDoesNotExist → not-found, with the request id and code', async () => {
    aws = await startAwsHarness(associationNotFound);
    const error = await rejection(aws.reader().describeAssociation(associationNotFound.associationId));
    const call = aws.fake.callsTo('DescribeAssociation')[0];
    expect(error.code).toBe('not-found');
    expect(error.upstreamCode).toBe('AssociationDoesNotExist');
    expect(error.requestId).toBe(call?.requestId);
    expect(error.userMessage).toContain(`account ${PROD.id} (eu-west-1)`);
    // The same id in its real region is found.
    await expect(
      aws.reader({ region: 'us-east-1' }).describeAssociation(associationNotFound.associationId),
    ).resolves.toMatchObject({ status: 'Success' });
  });

  it('lists executions newest first, bounded, parsing ResourceCountByStatus', async () => {
    aws = await startAwsHarness(healthy);
    const executions = await aws.reader().listExecutions(healthy.associationId, 1);
    expect(executions).toEqual([
      expect.objectContaining({
        executionId: '474925ef-1249-45a2-b93d-0123456789ab',
        status: 'Success',
        resourceCounts: { Success: 2 },
        resourceCountsRaw: '{Success=2}',
      }),
    ]);
    expect(aws.fake.callsTo('DescribeAssociationExecutions')[0]?.params).toMatchObject({ MaxResults: 1 });
    const both = await aws.reader().listExecutions(healthy.associationId, 10);
    expect(both.map((e) => e.executionId)).toEqual([
      '474925ef-1249-45a2-b93d-0123456789ab',
      '7abb6378-a4a5-4f10-8312-0123456789ab',
    ]);
  });

  it('groups targets by Status / DetailedStatus with OutputSource samples', async () => {
    aws = await startAwsHarness(scriptExitCode1);
    const [latest] = await aws.reader().listExecutions(scriptExitCode1.associationId, 1);
    const targets = await aws.reader().listExecutionTargets(scriptExitCode1.associationId, latest!.executionId, {
      samplesPerGroup: 1,
    });
    expect(targets).toMatchObject({ total: 3, partial: false });
    expect(targets.groups.map((g) => [g.status, g.detailedStatus, g.count, g.samples.length])).toEqual([
      ['Failed', 'Failed', 2, 1],
      ['Success', 'Success', 1, 1],
    ]);
    expect(targets.groups[0]?.samples[0]).toMatchObject({
      resourceId: 'i-1234567890abcdef0',
      resourceType: 'ManagedInstance',
      outputSource: { type: 'RunCommand', id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
  });
});

describe('LARGE: 10,000 targets, 2,000 failed', () => {
  it('pages only the failed targets (40 calls of 50) and groups them exactly', async () => {
    aws = await startAwsHarness(large);
    const reader = aws.reader();
    const targets = await reader.listExecutionTargets(large.associationId, LARGE_EXECUTION_ID, {
      statuses: ['Failed'],
      samplesPerGroup: 3,
    });
    const pages = aws.fake.callsTo('DescribeAssociationExecutionTargets');
    expect(pages).toHaveLength(LARGE_FAILED / 50);
    for (const page of pages) {
      expect(page.params).toMatchObject({ MaxResults: 50, Filters: [{ Key: 'Status', Value: 'Failed' }] });
    }
    expect(targets.total).toBe(2000);
    expect(targets.partial).toBe(true);
    expect(targets.groups.map((g) => [g.status, g.detailedStatus, g.count])).toEqual([
      ['Failed', 'Failed', 1200],
      ['Failed', 'ExecutionTimedOut', 500],
      ['Failed', 'DeliveryTimedOut', 300],
    ]);
    targets.groups.forEach((group, i) => {
      // Three distinct targets of the group, drawn from the whole listing (a reservoir), not its first page.
      const start = largeGroupStart(i + 1);
      const ids = group.samples.map((s) => s.resourceId);
      const indexes = Array.from({ length: group.count }, (_, k) => generatedInstanceId(start + k));
      expect(new Set(ids).size).toBe(3);
      for (const id of ids) expect(indexes).toContain(id);
      expect(ids.some((id) => indexes.indexOf(id) >= 50)).toBe(true);
      expect(group.samples[0]?.outputSource).toEqual({ id: LARGE_COMMAND_ID, type: 'RunCommand' });
    });
  });

  it('costs a fixed, small number of calls for a whole drill-down', async () => {
    aws = await startAwsHarness(large);
    const reader = aws.reader();
    await reader.identity(); // AssumeRole + GetCallerIdentity
    await reader.describeAssociation(large.associationId);
    const [latest] = await reader.listExecutions(large.associationId, 5);
    const targets = await reader.listExecutionTargets(large.associationId, latest!.executionId, {
      statuses: ['Failed', 'Pending', 'InProgress'],
      samplesPerGroup: LARGE_SAMPLED_PER_GROUP,
    });
    const sampled = targets.groups.flatMap((g) => g.samples.map((s) => s.resourceId));
    expect(sampled).toHaveLength(15);
    const nodes = await reader.describeManagedNodes(sampled);
    expect(nodes).toHaveLength(15);
    const first = targets.groups[0]!.samples[0]!;
    const invocation = await reader.getCommandInvocation(first.outputSource!.id, first.resourceId);
    expect(invocation).toMatchObject({ responseCode: 1, status: 'Failed' });
    expect(invocation.stderr).toContain('exit status 1');

    const byOperation = aws.fake.calls.reduce<Record<string, number>>((acc, c) => {
      acc[c.operation] = (acc[c.operation] ?? 0) + 1;
      return acc;
    }, {});
    expect(byOperation).toEqual({
      AssumeRole: 1,
      GetCallerIdentity: 1,
      DescribeAssociation: 1,
      DescribeAssociationExecutions: 1,
      // 40 pages of Failed + one empty page each for Pending and InProgress; never a call per target.
      DescribeAssociationExecutionTargets: 42,
      DescribeInstanceInformation: 1,
      GetCommandInvocation: 1,
    });
    expect(aws.fake.calls).toHaveLength(48);
  });
});

describe('nodes', () => {
  it('batches DescribeInstanceInformation by 50 ids and omits unmanaged ids', async () => {
    aws = await startAwsHarness(large);
    // 115 failed targets (managed nodes in the scenario) and 5 successful ones (no node data: unmanaged).
    const failed = Array.from({ length: 115 }, (_, i) => generatedInstanceId(largeGroupStart(1) + i));
    const ids = [...failed, ...Array.from({ length: 5 }, (_, i) => generatedInstanceId(i))];
    const nodes = await aws.reader().describeManagedNodes([...ids, ids[0]!]);
    const calls = aws.fake.callsTo('DescribeInstanceInformation');
    expect(calls.map((c) => (c.params.Filters as { Values: string[] }[])[0]?.Values.length)).toEqual([50, 50, 20]);
    expect(nodes.map((n) => n.instanceId)).toEqual(failed);
    expect(nodes[0]).toMatchObject({
      managed: true,
      pingStatus: 'Online',
      platformType: 'Linux',
      agentVersion: '3.3.1957.0',
    });
  });

  it('isolates an id that makes the batch fail with InvalidInstanceId by halving', async () => {
    aws = await startAwsHarness(large);
    const bad = 'i-0badbadbadbadbad0';
    aws.fake.scenario.faults.push({
      operation: 'DescribeInstanceInformation',
      code: 'InvalidInstanceId',
      match: (p) => JSON.stringify(p).includes(bad),
    });
    const managed = (g: number, k: number) => generatedInstanceId(largeGroupStart(g) + k);
    const ids = [managed(1, 0), managed(1, 1), bad, managed(2, 0), managed(2, 1)];
    const nodes = await aws.reader().describeManagedNodes(ids);
    expect(nodes.map((n) => n.instanceId).sort()).toEqual(ids.filter((id) => id !== bad).sort());
    // 5 ✗ → [3 ✗ → 2 ✓ + 1 ✗ (not managed)] + 2 ✓: O(log n) extra calls, never one per id.
    expect(aws.fake.callsTo('DescribeInstanceInformation')).toHaveLength(5);
  });

  it('parses the agent ExecutionSummary of DescribeInstanceAssociationsStatus', async () => {
    aws = await startAwsHarness(scriptExitCode1);
    const [row] = await aws.reader().describeInstanceAssociations('i-1234567890abcdef0');
    expect(row).toMatchObject({
      associationId: scriptExitCode1.associationId,
      status: 'Failed',
      errorCode: 'ExecutionError',
      executionSummary: { processed: 1, plugins: 1, success: 0, failed: 1, timedOut: 0, skipped: 0, truncated: false },
    });
    expect(row?.executionSummary?.failures).toEqual([
      {
        plugin: 'aws:runShellScript',
        reason: expect.stringMatching(
          /^nginx: \[emerg\] unknown directive "proxy_passs"[\s\S]*failed to run commands: exit status 1$/,
        ),
      },
    ]);
  });

  it('keeps StuckAtInProgress and free-text summaries; an unregistered node has no rows', async () => {
    aws = await startAwsHarness(stuckAtInProgress);
    const [row] = await aws.reader().describeInstanceAssociations('i-0c7d8e9f0a1b2c3d4');
    expect(row).toMatchObject({
      errorCode: 'StuckAtInProgress',
      executionSummary: { raw: 'Association stuck at InProgress for longer than 2 hours', failures: [] },
    });
    await expect(aws.reader().describeInstanceAssociations('i-0ffffffffffffffff')).resolves.toEqual([]);
  });

  it('describes EC2 instances by id filter, skipping non-EC2 ids', async () => {
    aws = await startAwsHarness(nodeNotManaged);
    const found = await aws
      .reader()
      .describeEc2Instances(['mi-0123456789abcdef0', 'i-0b22a22eec53b9321', 'i-0aaaaaaaaaaaaaaaa']);
    expect(found).toEqual([
      {
        instanceId: 'i-0b22a22eec53b9321',
        state: 'running',
        instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile',
        httpTokens: 'required',
        platform: 'Linux/UNIX',
      },
    ]);
    const [call] = aws.fake.callsTo('DescribeInstances');
    expect(call?.params).toMatchObject({
      InstanceIds: [],
      Filters: [{ Name: 'instance-id', Values: ['i-0b22a22eec53b9321', 'i-0aaaaaaaaaaaaaaaa'] }],
    });
    await expect(aws.reader().describeEc2Instances(['mi-0123456789abcdef0'])).resolves.toEqual([]);
    expect(aws.fake.callsTo('DescribeInstances')).toHaveLength(1);
  });

  it('reads Default Host Management: configured, and not configured (ServiceSettingNotFound)', async () => {
    aws = await startAwsHarness(healthy);
    await expect(aws.reader().defaultHostManagement()).resolves.toEqual({
      roleName: 'service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole',
      settingStatus: 'Customized',
    });
    await aws.close();
    aws = await startAwsHarness(instanceProfileMissing);
    await expect(aws.reader().defaultHostManagement()).resolves.toEqual({});
    expect(aws.fake.callsTo('GetServiceSetting')[0]).toMatchObject({
      params: { SettingId: '/ssm/managed-instance/default-ec2-instance-management-role' },
      errorCode: 'ServiceSettingNotFound',
    });
  });
});

describe('documents', () => {
  it('a deleted (or unshared) document → found:false InvalidDocument', async () => {
    aws = await startAwsHarness(documentDeleted);
    const association = await aws.reader().describeAssociation(documentDeleted.associationId);
    const doc = await aws.reader().describeDocument(association.documentName, association.documentVersion);
    expect(doc).toEqual({
      found: false,
      name: 'arn:aws:ssm:eu-west-1:444455556666:document/Acme-HardenLinux',
      version: '$DEFAULT',
      errorCode: 'InvalidDocument',
      message: expect.stringContaining('does not exist'),
    });
  });

  it('a pinned version that is gone → found:false InvalidDocumentVersion; the default still reads', async () => {
    aws = await startAwsHarness(pinnedVersionMissing);
    await expect(aws.reader().describeDocument('Acme-RotateLogs', '4')).resolves.toMatchObject({
      found: false,
      errorCode: 'InvalidDocumentVersion',
    });
    await expect(aws.reader().describeDocument('Acme-RotateLogs')).resolves.toMatchObject({
      found: true,
      version: '2',
      defaultVersion: '2',
      latestVersion: '3',
      parameters: [{ name: 'retentionDays', hasDefault: true, defaultValue: '14' }],
    });
  });
});

describe('output', () => {
  it('GetCommandInvocation: ISO dates, exit code, stderr (Windows timeout exits -1)', async () => {
    aws = await startAwsHarness(executionTimedOutWindows);
    const reader = aws.reader();
    const [latest] = await reader.listExecutions(executionTimedOutWindows.associationId, 1);
    const targets = await reader.listExecutionTargets(executionTimedOutWindows.associationId, latest!.executionId, {
      statuses: ['Failed'],
      samplesPerGroup: 1,
    });
    const sample = targets.groups[0]!.samples[0]!;
    expect(sample.detailedStatus).toBe('ExecutionTimedOut');
    const invocation = await reader.getCommandInvocation(sample.outputSource!.id, sample.resourceId);
    expect(invocation).toMatchObject({
      pluginName: 'aws:runPowerShellScript',
      status: 'TimedOut',
      statusDetails: 'ExecutionTimedOut',
      responseCode: -1,
      documentName: 'AWS-RunPowerShellScript',
    });
    expect(invocation.startedAt).toBeInstanceOf(Date);
    expect(invocation.endedAt!.getTime() - invocation.startedAt!.getTime()).toBe(3_600_000);
  });

  it('ListCommandInvocations(Details) splits plugin Output into stdout and stderr', async () => {
    aws = await startAwsHarness(agentTooOld);
    const reader = aws.reader();
    const [latest] = await reader.listExecutions(agentTooOld.associationId, 1);
    const targets = await reader.listExecutionTargets(agentTooOld.associationId, latest!.executionId, {
      samplesPerGroup: 1,
    });
    const sample = targets.groups[0]!.samples[0]!;
    const [plugin] = await reader.listCommandPlugins(sample.outputSource!.id, sample.resourceId);
    expect(plugin).toMatchObject({ pluginName: 'downloadConfig', status: 'Failed', responseCode: 1, stdout: '' });
    expect(plugin?.stderr).toMatch(
      /^Plugin with name aws:downloadContent is not supported by this version of ssm agent/,
    );
    const [node] = await reader.describeManagedNodes([sample.resourceId]);
    expect(node).toMatchObject({ agentVersion: '2.3.842.0', isLatestVersion: false });
  });

  it('InvocationDoesNotExist → not-found', async () => {
    aws = await startAwsHarness(scriptExitCode1);
    const error = await rejection(
      aws.reader().getCommandInvocation('00000000-0000-4000-8000-000000000000', 'i-1234567890abcdef0'),
    );
    expect(error).toMatchObject({ code: 'not-found', upstreamCode: 'InvocationDoesNotExist' });
  });

  it('GetAutomationExecution: failed steps with FailureDetails; unknown id → not-found', async () => {
    aws = await startAwsHarness(automationMissingAssumeRole);
    const facts = await aws.reader().getAutomationExecution('73c8eef8-f4ee-4a05-820c-e354f1a2b3c4');
    expect(facts).toMatchObject({
      documentName: 'AWS-StartEC2Instance',
      status: 'Failed',
      parameters: { InstanceId: ['{{ TARGET }}'] },
      failedSteps: [
        {
          stepName: 'startInstances',
          action: 'aws:changeInstanceState',
          failureStage: 'Invocation',
          failureType: 'Permission',
          failureMessage: expect.stringContaining('UnauthorizedOperation'),
        },
      ],
    });
    const error = await rejection(aws.reader().getAutomationExecution('ffffffff-ffff-4fff-8fff-ffffffffffff'));
    expect(error).toMatchObject({ code: 'not-found', upstreamCode: 'AutomationExecutionNotFoundException' });
  });

  it('reads failed steps through DescribeAutomationStepExecutions when the list is truncated', async () => {
    aws = await startAwsHarness(automationMissingAssumeRole);
    const data = aws.fake.scenario.accounts[PROD.id]!.regions[PROD.region]!;
    const execution = data.automationExecutions![0]!;
    execution.StepExecutionsTruncated = true;
    const facts = await aws.reader().getAutomationExecution(execution.AutomationExecutionId);
    expect(facts.failedSteps.map((s) => s.stepName)).toEqual(['startInstances']);
    expect(aws.fake.callsTo('DescribeAutomationStepExecutions')[0]?.params).toMatchObject({
      Filters: [{ Key: 'StepExecutionStatus', Values: ['Failed', 'TimedOut'] }],
    });
  });

  it('lists associations for alert polling', async () => {
    aws = await startAwsHarness(healthy);
    await expect(aws.reader().listAssociations()).resolves.toEqual([
      expect.objectContaining({
        associationId: healthy.associationId,
        associationName: 'Inventory-Association',
        documentName: 'AWS-GatherSoftwareInventory',
        status: 'Success',
        statusCounts: { Success: 2 },
        lastExecutionAt: expect.any(Date),
      }),
    ]);
  });
});

describe('errors', () => {
  it('AccessDeniedException → access-denied naming ssm:DescribeInstanceInformation (no retry)', async () => {
    aws = await startAwsHarness(accessDeniedOnOneOperation);
    const reader = aws.reader();
    const error = await rejection(reader.describeManagedNodes(['i-0f0a1b2c3d4e5f607']));
    expect(error.code).toBe('access-denied');
    expect(error.action).toBe('ssm:DescribeInstanceInformation');
    expect(error.upstreamCode).toBe('AccessDeniedException');
    expect(error.requestId).toBe(aws.fake.callsTo('DescribeInstanceInformation')[0]?.requestId);
    expect(error.userMessage).toContain('ssm:DescribeInstanceInformation');
    expect(aws.fake.callsTo('DescribeInstanceInformation')).toHaveLength(1);
    // Other reads still work.
    await expect(reader.describeInstanceAssociations('i-0f0a1b2c3d4e5f607')).resolves.toHaveLength(1);
  });

  it('retries ThrottlingException and succeeds', async () => {
    aws = await startAwsHarness(healthy);
    aws.fake.scenario.faults.push({ operation: 'DescribeAssociation', code: 'ThrottlingException', times: 2 });
    await expect(aws.reader().describeAssociation(healthy.associationId)).resolves.toMatchObject({ status: 'Success' });
    expect(aws.fake.callsTo('DescribeAssociation').map((c) => c.errorCode ?? 'ok')).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      'ok',
    ]);
  });

  it('throttled once the attempts are spent', async () => {
    aws = await startAwsHarness(healthy, { maxAttempts: 2 });
    aws.fake.scenario.faults.push({ operation: 'ListAssociations', code: 'ThrottlingException' });
    const error = await rejection(aws.reader().listAssociations());
    expect(error).toMatchObject({ code: 'throttled', upstreamCode: 'ThrottlingException' });
    expect(aws.fake.callsTo('ListAssociations')).toHaveLength(2);
  });

  it('a slow answer → timeout', async () => {
    aws = await startAwsHarness(healthy, { maxAttempts: 1, timeouts: { connectionMs: 500, requestMs: 200 } });
    aws.fake.scenario.faults.push({ operation: 'DescribeAssociation', delayMs: 1000 });
    const error = await rejection(aws.reader().describeAssociation(healthy.associationId));
    expect(error.code).toBe('timeout');
  });

  it('an unexpected AWS error → upstream with its code', async () => {
    aws = await startAwsHarness(healthy, { maxAttempts: 1 });
    aws.fake.scenario.faults.push({ operation: 'DescribeAssociation', code: 'InternalServerError', message: 'boom' });
    const error = await rejection(aws.reader().describeAssociation(healthy.associationId));
    expect(error).toMatchObject({ code: 'upstream', upstreamCode: 'InternalServerError' });
    expect(isAppError(error, 'upstream')).toBe(true);
  });

  it('EC2 UnauthorizedOperation → access-denied naming ec2:DescribeInstances', async () => {
    aws = await startAwsHarness(nodeNotManaged);
    aws.fake.scenario.faults.push({ service: 'ec2', operation: 'DescribeInstances', code: 'UnauthorizedOperation' });
    const error = await rejection(aws.reader().describeEc2Instances(['i-0b22a22eec53b9321']));
    expect(error).toMatchObject({ code: 'access-denied', action: 'ec2:DescribeInstances' });
  });
});

describe('reader per user', () => {
  it('records the requester in the session name of the calls', async () => {
    aws = await startAwsHarness(healthy);
    await aws.reader().describeAssociation(healthy.associationId);
    expect(aws.fake.callsTo('AssumeRole')[0]?.roleSessionName).toBe(`ssm-why-${TEST_USER}`);
  });
});
