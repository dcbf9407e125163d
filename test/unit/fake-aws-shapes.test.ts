// The fake must answer exactly what the SSM model says AWS answers. This drives every operation over
// every named scenario's data (over HTTP, without the SDK) and checks each response against the
// official output shape, and each error against the operation's modeled errors.
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeAws } from '../support/fake-aws/index.ts';
import { ssmModel, validateOutput, validateShape } from '../support/fake-aws/model-shapes.ts';
import { rawSsm } from '../support/fake-aws/raw-client.ts';
import { DHMC_SETTING_ID, SSM_OPERATIONS } from '../support/fake-aws/ssm.ts';
import type { RecordedCall, Scenario } from '../support/fake-aws/types.ts';
import { NAMED_SCENARIOS } from '../support/scenarios/index.ts';

/** Errors any operation may return without the model listing them. */
const COMMON_ERRORS = new Set(['ValidationException', 'ThrottlingException', 'AccessDeniedException']);

/** Calls every read operation the fake serves on every piece of data in the scenario. */
async function exercise(scenario: Scenario): Promise<RecordedCall[]> {
  const fake = await startFakeAws(scenario);
  try {
    for (const [accountId, account] of Object.entries(scenario.accounts)) {
      const creds = fake.credentialsFor(accountId);
      for (const [region, data] of Object.entries(account.regions)) {
        const call = (op: string, params: Record<string, unknown>) => rawSsm(fake, op, params, creds, region);
        await call('ListAssociations', { MaxResults: 50 });
        await call('DescribeInstanceInformation', {});
        await call('GetServiceSetting', { SettingId: DHMC_SETTING_ID });
        for (const id of Object.keys(data.serviceSettings ?? {})) await call('GetServiceSetting', { SettingId: id });
        for (const a of data.associations ?? []) {
          await call('DescribeAssociation', { AssociationId: a.AssociationId });
          await call('DescribeDocument', { Name: a.Name, DocumentVersion: a.DocumentVersion });
          await call('StartAssociationsOnce', { AssociationIds: [a.AssociationId] });
          const executions = await call('DescribeAssociationExecutions', {
            AssociationId: a.AssociationId,
            MaxResults: 5,
          });
          if (typeof executions.body.NextToken === 'string') {
            await call('DescribeAssociationExecutions', {
              AssociationId: a.AssociationId,
              MaxResults: 5,
              NextToken: executions.body.NextToken,
            });
          }
          for (const e of data.executions?.[a.AssociationId] ?? []) {
            const base = { AssociationId: a.AssociationId, ExecutionId: e.ExecutionId };
            const first = await call('DescribeAssociationExecutionTargets', base);
            if (typeof first.body.NextToken === 'string') {
              await call('DescribeAssociationExecutionTargets', { ...base, NextToken: first.body.NextToken });
            }
            await call('DescribeAssociationExecutionTargets', {
              ...base,
              Filters: [{ Key: 'Status', Value: 'Failed' }],
            });
          }
        }
        for (const [name, versions] of Object.entries(data.documents ?? {})) {
          await call('DescribeDocument', { Name: name });
          for (const v of versions) await call('DescribeDocument', { Name: name, DocumentVersion: v.DocumentVersion });
        }
        const instanceIds = new Set([
          ...(data.instances ?? []).map((n) => n.InstanceId),
          ...Object.keys(data.instanceAssociationStatuses ?? {}),
        ]);
        for (const id of instanceIds) {
          await call('DescribeInstanceInformation', { Filters: [{ Key: 'InstanceIds', Values: [id] }] });
          await call('DescribeInstanceAssociationsStatus', { InstanceId: id });
          await call('GetConnectionStatus', { Target: id });
        }
        for (const inv of data.commandInvocations ?? []) {
          for (const p of inv.plugins) {
            await call('GetCommandInvocation', {
              CommandId: inv.commandId,
              InstanceId: inv.instanceId,
              PluginName: p.name,
            });
          }
          await call('GetCommandInvocation', { CommandId: inv.commandId, InstanceId: inv.instanceId });
          await call('ListCommandInvocations', { CommandId: inv.commandId, InstanceId: inv.instanceId, Details: true });
        }
        for (const ex of data.automationExecutions ?? []) {
          await call('GetAutomationExecution', { AutomationExecutionId: ex.AutomationExecutionId });
          await call('DescribeAutomationStepExecutions', { AutomationExecutionId: ex.AutomationExecutionId });
        }
      }
    }
    return [...fake.calls];
  } finally {
    await fake.close();
  }
}

describe('fake AWS responses conform to the SSM model', () => {
  const seen = new Set<string>();

  afterAll(() => {
    // Every implemented operation produced at least one checked response across the scenarios.
    expect([...seen].sort()).toEqual([...SSM_OPERATIONS].sort());
  });

  it.each(NAMED_SCENARIOS.map((s) => [s.name, s] as const))(
    '%s',
    async (_name, named) => {
      const calls = await exercise(named.build());
      const ssmCalls = calls.filter((c) => c.service === 'ssm');
      expect(ssmCalls.length).toBeGreaterThan(3);
      const model = ssmModel();
      for (const call of ssmCalls) {
        if (call.status === 200) {
          seen.add(call.operation);
          expect(
            validateOutput(call.operation, call.response),
            `${call.operation} ${JSON.stringify(call.params)}`,
          ).toEqual([]);
        } else {
          const modeled = (model.operations[call.operation]?.errors ?? []).map((e) => e.shape);
          expect(
            modeled.includes(call.errorCode ?? '') || COMMON_ERRORS.has(call.errorCode ?? ''),
            `${call.operation} answered ${call.errorCode}, which the model does not list`,
          ).toBe(true);
        }
      }
      // `large` pages through 10,000 targets: seconds on a quiet machine, more on a loaded one.
    },
    120_000,
  );
});

describe('the shape validator', () => {
  const model = ssmModel();

  it('accepts the CLI example of DescribeAssociationExecutionTargets', () => {
    const body = {
      AssociationExecutionTargets: [
        {
          AssociationId: '8dfe3659-4309-493a-8755-0123456789ab',
          AssociationVersion: '1',
          ExecutionId: '7abb6378-a4a5-4f10-8312-0123456789ab',
          ResourceId: 'i-1234567890abcdef0',
          ResourceType: 'ManagedInstance',
          Status: 'Success',
          DetailedStatus: 'Success',
          LastExecutionDate: 1550505538.497,
          OutputSource: { OutputSourceId: '97fff367-fc5a-4299-aed8-0123456789ab', OutputSourceType: 'RunCommand' },
        },
      ],
    };
    expect(validateOutput('DescribeAssociationExecutionTargets', body)).toEqual([]);
  });

  it('rejects an ISO timestamp, epoch milliseconds, an unknown member, a bad enum and a wrong type', () => {
    const issues = validateOutput('DescribeInstanceInformation', {
      InstanceInformationList: [
        {
          InstanceId: 'i-028ea792daEXAMPLE',
          PingStatus: 'Offline',
          LastPingDateTime: '2020-02-20T18:33:53.421Z',
          RegistrationDate: 1582221233421,
          IsLatestVersion: 'true',
          Tags: [],
          AssociationOverview: { InstanceAssociationStatusAggregatedCount: { Success: '2' } },
        },
      ],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringContaining('$.InstanceInformationList[0].PingStatus: "Offline" is not one of PingStatus'),
        expect.stringContaining('$.InstanceInformationList[0].LastPingDateTime: expected epoch seconds'),
        expect.stringContaining(
          '$.InstanceInformationList[0].RegistrationDate: 1582221233421 looks like epoch milliseconds',
        ),
        expect.stringContaining('$.InstanceInformationList[0].IsLatestVersion: expected boolean'),
        expect.stringContaining('$.InstanceInformationList[0].Tags: unknown member of InstanceInformation'),
        expect.stringContaining('InstanceAssociationStatusAggregatedCount["Success"]: expected integer'),
      ]),
    );
    expect(issues).toHaveLength(6);
  });

  it('rejects missing required members and a structure where a list belongs', () => {
    expect(validateShape(model, 'InstanceInformationStringFilter', { Key: 'InstanceIds' })).toEqual([
      '$.Values: required member missing (InstanceInformationStringFilter)',
    ]);
    expect(validateOutput('DescribeAssociationExecutions', { AssociationExecutions: { ExecutionId: 'x' } })).toEqual([
      '$.AssociationExecutions: expected list AssociationExecutionsList, got object',
    ]);
  });

  it('rejects GetCommandInvocation with epoch numbers where AWS sends ISO strings', () => {
    expect(validateOutput('GetCommandInvocation', { ExecutionStartDateTime: 1582136283.419 })).toEqual([
      '$.ExecutionStartDateTime: expected string (StringDateTime), got number',
    ]);
  });
});
