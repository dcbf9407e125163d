import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error.ts';
import type { CommandInvocationFacts, InvestigationFacts } from '../../src/domain/facts.ts';
import type { Lang } from '../../src/i18n/index.ts';
import { createMemoryInvestigationStore } from '../../src/investigation/memory-store.ts';
import type { AccountRef, SsmReader } from '../../src/investigation/ports.ts';
import { createShowOutputService, orchestrationFolders } from '../../src/investigation/show-output.ts';
import { createRedactor } from '../../src/redaction/redact.ts';
import { investigationAtTargets, newInvestigation } from '../support/runner-rig.ts';

const ACCOUNT: AccountRef = { name: 'prod', id: '123456789012', regions: ['eu-west-1'] };
const COMMAND_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const NODE = 'i-0a1b2c3d4e5f60718';
const ASSOCIATION = '8dfe3659-4309-493a-8755-0123456789ab';

const plugin = (pluginName: string, status: string, stdout = ''): CommandInvocationFacts => ({
  commandId: COMMAND_ID,
  instanceId: NODE,
  pluginName,
  status,
  statusDetails: status,
  responseCode: status === 'Success' ? 0 : 1,
  stdout,
  stderr: '',
});

async function setup(patch: Partial<InvestigationFacts>, reader: Partial<SsmReader>, lang?: Lang) {
  const store = createMemoryInvestigationStore();
  const investigation = await investigationAtTargets(
    store,
    { ...newInvestigation(ASSOCIATION, ACCOUNT, 'eu-west-1'), ...(lang ? { lang } : {}) },
    patch,
  );
  const readers: string[] = [];
  const service = createShowOutputService({
    store,
    gateway: {
      reader: (_account, _region, requester) => {
        readers.push(requester.userId);
        return reader as SsmReader;
      },
    },
    redactor: createRedactor(),
  });
  return { service, investigation, readers };
}

const targets = (outputSource?: { id: string; type: string }): Partial<InvestigationFacts> => ({
  latestTargets: {
    executionId: 'e1',
    total: 2,
    partial: true,
    groups: [
      {
        status: 'Failed',
        detailedStatus: 'Failed',
        count: 2,
        samples: [
          { resourceId: NODE, status: 'Failed', detailedStatus: 'Failed', ...(outputSource ? { outputSource } : {}) },
          { resourceId: 'i-0bbbbbbbbbbbbbbbb', status: 'Failed', detailedStatus: 'Failed' },
        ],
      },
      { status: 'Success', count: 8, samples: [{ resourceId: 'i-0ccc', status: 'Success' }] },
    ],
  },
  nodes: [{ instanceId: NODE, platformType: 'Windows' }],
  association: {
    associationId: ASSOCIATION,
    documentName: 'AWS-RunPowerShellScript',
    statusCounts: {},
    applyOnlyAtCronInterval: false,
    calendarNames: [],
    targets: [],
    targetLocationCount: 0,
    parameters: {},
  },
});

describe('Show output service', () => {
  it('reads every plugin of a multi-step document in full and shows the failed one, as the clicking user', async () => {
    const calls: (string | undefined)[] = [];
    const plugins = [
      plugin('install', 'Success', 'ok'),
      plugin('configure', 'Failed', 'boom'),
      plugin('start', 'Cancelled'),
    ];
    const { service, investigation, readers } = await setup(targets({ id: COMMAND_ID, type: 'RunCommand' }), {
      async getCommandInvocation(_c, _i, pluginName) {
        calls.push(pluginName);
        if (!pluginName) throw new AppError('upstream', 'x', { upstreamCode: 'InvalidPluginName' });
        return plugins.find((p) => p.pluginName === pluginName) as CommandInvocationFacts;
      },
      listCommandPlugins: async () => plugins.map((p) => ({ ...p, stdout: p.stdout.slice(0, 1) })),
    });
    const context = await service.resolve(investigation, { source: 'latest', group: 0, sample: 0 });
    const output = await service.fetch(context as NonNullable<typeof context>, ACCOUNT, { userId: 'U9' });
    expect(readers).toEqual(['U9']);
    expect(calls).toEqual([undefined, 'install', 'configure', 'start']);
    expect(output.kind).toBe('command');
    if (output.kind !== 'command') return;
    expect(output.plugins.map((p) => p.stdout)).toEqual(['ok', 'boom', '']);
    expect(output.focus).toBe(1);
    expect(output.locations.cliCommand).toContain('--plugin-name configure');
  });

  it('an expired invocation: why, the node ExecutionSummary, logs and the run folder for its platform', async () => {
    const { service, investigation } = await setup(targets({ id: COMMAND_ID, type: 'RunCommand' }), {
      getCommandInvocation: async () => {
        throw new AppError('not-found', 'gone', { upstreamCode: 'InvocationDoesNotExist' });
      },
      describeInstanceAssociations: async () => [
        { associationId: 'other' },
        {
          associationId: ASSOCIATION,
          executionSummary: { raw: 'summary with password=Hq7Wz2Kp9Lm', failures: [], truncated: false },
          outputUrl: 'https://s3.console.aws.amazon.com/x',
        },
      ],
    });
    const context = await service.resolve(investigation, { source: 'latest', group: 0, sample: 0 });
    const output = await service.fetch(context as NonNullable<typeof context>, ACCOUNT, { userId: 'U1' });
    expect(output.kind).toBe('unavailable');
    if (output.kind !== 'unavailable') return;
    expect(output.reason).toContain('InvocationDoesNotExist');
    expect(output.executionSummary?.raw).toBe('summary with password=[REDACTED:secret-value]');
    expect(output.outputUrl).toBe('https://s3.console.aws.amazon.com/x');
    expect(output.logPaths.map((l) => l.platform)).toEqual(['Windows']);
    expect(output.orchestrationFolders).toEqual([
      `C:\\ProgramData\\Amazon\\SSM\\InstanceData\\${NODE}\\document\\orchestration\\${COMMAND_ID}\\`,
    ]);
  });

  it('a target without OutputSource, and an AccessDenied, say so', async () => {
    const { service, investigation } = await setup(targets(), {
      describeInstanceAssociations: async () => {
        throw new AppError('access-denied', 'no', { action: 'ssm:DescribeInstanceAssociationsStatus' });
      },
    });
    const context = await service.resolve(investigation, { source: 'latest', group: 0, sample: 1 });
    const output = await service.fetch(context as NonNullable<typeof context>, ACCOUNT, { userId: 'U1' });
    expect(output.kind).toBe('unavailable');
    if (output.kind !== 'unavailable') return;
    expect(output.reason).toContain('no OutputSource');
    expect(output.reason).toContain('could not be read either');
    expect(output.orchestrationFolders).toHaveLength(2);
  });

  it("says why in the investigation's language (Japanese), AWS codes as AWS wrote them", async () => {
    const { service, investigation } = await setup(
      targets({ id: COMMAND_ID, type: 'RunCommand' }),
      {
        getCommandInvocation: async () => {
          throw new AppError('not-found', 'gone', { upstreamCode: 'InvocationDoesNotExist' });
        },
        describeInstanceAssociations: async () => {
          throw new AppError('access-denied', 'no', { action: 'ssm:DescribeInstanceAssociationsStatus' });
        },
      },
      'ja',
    );
    const context = await service.resolve(investigation, { source: 'latest', group: 0, sample: 0 });
    const output = await service.fetch(context as NonNullable<typeof context>, ACCOUNT, { userId: 'U1' });
    if (output.kind !== 'unavailable') throw new Error(`expected unavailable, got ${output.kind}`);
    expect(output.reason).toContain('コマンドの呼び出しはもう存在しません (InvocationDoesNotExist)');
    expect(output.reason).toContain('ノードの関連付けのステータスも読み取れませんでした');
    expect(output.reason).not.toMatch(/no longer exists|could not be read/);
  });

  it('resolves output samples to their target (also when the sample could not be read) and lists failed targets', async () => {
    const patch: Partial<InvestigationFacts> = {
      ...targets({ id: COMMAND_ID, type: 'RunCommand' }),
      outputs: [
        { signature: 's', resourceId: NODE, targetCount: 2, targetStatus: 'Failed', unavailableReason: 'expired' },
      ],
    };
    const { service, investigation } = await setup(patch, {});
    const context = await service.resolve(investigation, { source: 'sample', index: 0 });
    expect(context?.target).toMatchObject({ resourceId: NODE, outputSource: { id: COMMAND_ID }, executionId: 'e1' });
    expect(context?.platformType).toBe('Windows');
    expect(await service.resolve(investigation, { source: 'sample', index: 5 })).toBeUndefined();
    expect(await service.resolve(investigation, { source: 'failed', group: 0, sample: 0 })).toBeUndefined();
    const failed = await service.listFailed(investigation);
    expect(failed.map((f) => f.target.resourceId)).toEqual([NODE, 'i-0bbbbbbbbbbbbbbbb']);
  });

  it('orchestration folders by platform', () => {
    expect(orchestrationFolders('Linux', 'i-1', 'c-1')).toEqual([
      '/var/lib/amazon/ssm/i-1/document/orchestration/c-1/',
    ]);
    expect(orchestrationFolders(undefined, 'i-1', 'c-1')).toHaveLength(2);
  });
});
