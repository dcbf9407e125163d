import { describe, expect, it } from 'vitest';
import type { CommandInvocationFacts, ExecutionTargetsFacts, OutputSampleFacts } from '../../../src/domain/facts.ts';
import type { InvestigationRecord } from '../../../src/investigation/ports.ts';
import type { OutputContext, TargetOutput } from '../../../src/investigation/show-output.ts';
import { SHOW_MORE_OUTPUT, SHOW_OUTPUT } from '../../../src/slack/action-ids.ts';
import { outputRef } from '../../../src/slack/output-ref.ts';
import {
  MAX_TARGET_BUTTONS,
  PREVIEW_CHARS,
  previewBlock,
  renderFailedTargetList,
  renderTargetOutput,
  stepOutputButtons,
} from '../../../src/slack/views/output.view.ts';
import { renderStepReply } from '../../../src/slack/views/step-reply.view.ts';
import { allText, buttons, expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import { INJECTION, step } from './samples.ts';

const INVESTIGATION_ID = '3f0c9a7e-1b2d-4c5e-8f9a-0b1c2d3e4f50';
const COMMAND_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const NODE = 'i-0a1b2c3d4e5f60718';

const investigation: InvestigationRecord = {
  id: INVESTIGATION_ID,
  associationId: '8dfe3659-4309-493a-8755-0123456789ab',
  accountId: '123456789012',
  accountName: 'prod',
  region: 'eu-west-1',
  trigger: 'command',
  teamId: 'T1',
  channelId: 'C1',
  userId: 'U1',
  status: 'done',
  rootTs: '1767225600.000100',
  createdAt: new Date('2026-11-28T12:00:00Z'),
  updatedAt: new Date('2026-11-28T12:00:00Z'),
};

const context = (overrides: Partial<OutputContext['target']> = {}): OutputContext => ({
  investigation,
  target: {
    resourceId: NODE,
    status: 'Failed',
    detailedStatus: 'Failed',
    outputSource: { id: COMMAND_ID, type: 'RunCommand' },
    groupCount: 12,
    ...overrides,
  },
  association: {
    associationId: investigation.associationId,
    documentName: 'AWS-RunShellScript',
    statusCounts: {},
    applyOnlyAtCronInterval: false,
    calendarNames: [],
    targets: [],
    targetLocationCount: 0,
    parameters: {},
    outputS3: { bucketName: 'acme-ssm-output', keyPrefix: 'sm', region: 'eu-west-1' },
  },
  platformType: 'Linux',
});

const plugin = (overrides: Partial<CommandInvocationFacts> = {}): CommandInvocationFacts => ({
  commandId: COMMAND_ID,
  instanceId: NODE,
  pluginName: 'aws:runShellScript',
  status: 'Failed',
  statusDetails: 'Failed',
  responseCode: 1,
  startedAt: new Date('2026-11-28T11:50:00Z'),
  endedAt: new Date('2026-11-28T11:50:02.350Z'),
  stdout: 'Copying configuration\n',
  stderr: 'nginx: [emerg] unknown directive "proxy_passs"\nfailed to run commands: exit status 1',
  ...overrides,
});

const command = (plugins: CommandInvocationFacts[], focus = 0): TargetOutput => ({
  kind: 'command',
  context: context(),
  plugins,
  focus,
  locations: {
    s3: {
      uri: 's3://acme-ssm-output/sm/x/',
      consoleUrl: 'https://s3.console.aws.amazon.com/s3/buckets/acme-ssm-output',
    },
    consoleUrl: 'https://eu-west-1.console.aws.amazon.com/systems-manager/run-command/x',
    cliCommand: 'aws ssm get-command-invocation …',
  },
});

describe('output refs (button values)', () => {
  it.each([
    { source: 'sample', index: 3 } as const,
    { source: 'latest', group: 0, sample: 2 } as const,
    { source: 'failed', group: 12, sample: 0 } as const,
  ])('round-trips %o', (pointer) => {
    const value = outputRef.target(INVESTIGATION_ID, pointer);
    expect(value.length).toBeLessThan(80);
    expect(outputRef.decode(value)).toEqual({ investigationId: INVESTIGATION_ID, kind: 'target', pointer });
  });

  it('round-trips the "more" ref and rejects anything else', () => {
    expect(outputRef.decode(outputRef.more(INVESTIGATION_ID))).toEqual({
      investigationId: INVESTIGATION_ID,
      kind: 'more',
    });
    for (const bad of [
      '',
      'out1',
      `out1:${INVESTIGATION_ID}`,
      `out2:${INVESTIGATION_ID}:s1`,
      `out1:not-a-uuid:s1`,
      `out1:${INVESTIGATION_ID}:x1`,
      `out1:${INVESTIGATION_ID}:s1:extra`,
      `out1:${INVESTIGATION_ID}:l1`,
    ]) {
      expect(outputRef.decode(bad), bad).toBeUndefined();
    }
  });
});

function targets(groups: { status: string; detailedStatus?: string; nodes: number }[]): ExecutionTargetsFacts {
  let n = 0;
  return {
    executionId: 'e1',
    total: groups.reduce((s, g) => s + g.nodes, 0),
    partial: true,
    groups: groups.map((g) => ({
      status: g.status,
      ...(g.detailedStatus ? { detailedStatus: g.detailedStatus } : {}),
      count: g.nodes,
      samples: Array.from({ length: Math.min(3, g.nodes) }, () => ({
        resourceId: `i-0${String(n++).padStart(16, '0')}`,
        status: g.status,
        ...(g.detailedStatus ? { detailedStatus: g.detailedStatus } : {}),
        outputSource: { id: COMMAND_ID, type: 'RunCommand' },
      })),
    })),
  };
}

describe('stepOutputButtons', () => {
  it('output step: one button per failure signature, labelled with status, exit code and node', () => {
    const outputs: OutputSampleFacts[] = [
      {
        signature: 'a',
        resourceId: NODE,
        targetCount: 3,
        targetStatus: 'Failed',
        targetDetailedStatus: 'Failed',
        command: plugin(),
      },
      {
        signature: 'b',
        resourceId: 'i-0bbbbbbbbbbbbbbbb',
        targetCount: 1,
        targetStatus: 'TimedOut',
        targetDetailedStatus: 'ExecutionTimedOut',
        unavailableReason: 'expired',
      },
    ];
    const { buttons: found, more } = stepOutputButtons(INVESTIGATION_ID, { key: 'output', patch: { outputs } }, 'en');
    expect(more).toBeUndefined();
    expect(found.map((b) => b.label)).toEqual([
      `Failed (exit 1) · ${NODE}`,
      'TimedOut / ExecutionTimedOut · i-0bbbbbbbbbbbbbbbb',
    ]);
    expect(found.map((b) => outputRef.decode(b.value))).toEqual([
      { investigationId: INVESTIGATION_ID, kind: 'target', pointer: { source: 'sample', index: 0 } },
      { investigationId: INVESTIGATION_ID, kind: 'target', pointer: { source: 'sample', index: 1 } },
    ]);
  });

  it('targets step with few failed targets: a button per signature and per other target, none for successes', () => {
    const latestTargets = targets([
      { status: 'Failed', detailedStatus: 'Failed', nodes: 2 },
      { status: 'TimedOut', detailedStatus: 'DeliveryTimedOut', nodes: 1 },
      { status: 'Success', nodes: 40 },
      { status: 'InProgress', nodes: 2 },
    ]);
    const { buttons: found, more } = stepOutputButtons(
      INVESTIGATION_ID,
      { key: 'targets', patch: { latestTargets } },
      'en',
    );
    expect(more).toBeUndefined();
    expect(found).toHaveLength(3);
    expect(found[0]?.label).toMatch(/^Failed · i-0/);
    expect(found[1]?.label).toMatch(/^TimedOut \/ DeliveryTimedOut · i-0/);
    expect(found[2]?.label).toMatch(/^Output of i-0/);
  });

  it('targets step with many failed targets: signature buttons, then a "more" button', () => {
    const latestTargets = targets([
      { status: 'Failed', detailedStatus: 'Failed', nodes: 2000 },
      { status: 'TimedOut', detailedStatus: 'ExecutionTimedOut', nodes: 40 },
    ]);
    const { buttons: found, more } = stepOutputButtons(
      INVESTIGATION_ID,
      { key: 'targets', patch: { latestTargets } },
      'en',
    );
    expect(found).toHaveLength(2);
    expect(more?.label).toBe('All 6 sampled failed targets…');
    expect(outputRef.decode(more?.value ?? '')).toEqual({ investigationId: INVESTIGATION_ID, kind: 'more' });
    expect(6).toBeGreaterThan(MAX_TARGET_BUTTONS);

    const message = renderStepReply(step({ key: 'targets', patch: { latestTargets } }), 8, {
      lang: 'en',
      outputButtons: found,
      ...(more ? { moreOutputButton: more } : {}),
    });
    expectWithinLimits(message);
    const ids = buttons(message).map((b) => b.action_id);
    expect(ids).toEqual([SHOW_OUTPUT, `${SHOW_OUTPUT}#1`, SHOW_MORE_OUTPUT]);
  });

  it('other steps have no buttons', () => {
    expect(stepOutputButtons(INVESTIGATION_ID, { key: 'nodes', patch: {} }, 'en').buttons).toEqual([]);
  });

  it('the "more" list: a button per sampled target, within limits', () => {
    const list = Array.from({ length: 60 }, (_, i) => ({
      pointer: { source: 'latest' as const, group: Math.floor(i / 3), sample: i % 3 },
      target: { resourceId: `i-0${String(i).padStart(16, '0')}`, status: 'Failed', groupCount: 3 },
    }));
    const message = renderFailedTargetList({ investigationId: INVESTIGATION_ID, targets: list, lang: 'en' });
    expectWithinLimits(message);
    expect(buttons(message)).toHaveLength(50);
    expect(allText(message)).toContain('the first 50 of 60');
  });
});

describe('previewBlock', () => {
  it('shows short text whole, and escapes it', () => {
    const { text, truncated } = previewBlock('a < b & c', 'en');
    expect(truncated).toBe(false);
    expect(text).toBe('```\na &lt; b &amp; c\n```');
  });

  it('shows the end of long text with a visible marker, never over the limit or inside an entity', () => {
    for (const filler of ['x', '<', '&', '`']) {
      const raw = `${'start\n'.repeat(10)}${filler.repeat(5_000)}\nlast line`;
      const { text, truncated } = previewBlock(raw, 'en');
      expect(truncated).toBe(true);
      expect(text.length).toBeLessThanOrEqual(PREVIEW_CHARS);
      expect(text.length).toBeGreaterThan(PREVIEW_CHARS - 200);
      expect(text).toMatch(/^```\n… \(truncated: the first [\d,]+ characters are in the file below\)\n/);
      expect(text).toContain('last line');
      expect(text.split('```').length).toBe(3);
      expect(text).not.toMatch(/\n(?:amp|mp|p|lt|t|gt);/);
    }
  });

  it('says (empty) for empty output', () => {
    expect(previewBlock('  \n', 'en').text).toBe('```\n(empty)\n```');
  });
});

describe('renderTargetOutput', () => {
  it('command output that fits: status, details, exit code, timings, both streams, no file', () => {
    const { message, file } = renderTargetOutput(command([plugin()]), 'en');
    expectWithinLimits(message);
    const text = allText(message);
    expect(file).toBeUndefined();
    expect(text).toContain(`Output of ${NODE} — Failed (12 targets with this status)`);
    for (const expected of [
      '*Status*\nFailed',
      '*Status details*\nFailed',
      '*Exit code*\n1',
      '2026-11-28T11:50:00.000Z',
      '(2.4 s)',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(`*stderr (${plugin().stderr.length} characters)*`);
    expect(text).toContain('unknown directive');
    expect(text).toContain('Checked for secrets before posting');
    expect(text).toContain('s3://acme-ssm-output/sm/');
  });

  it('long output: previews within limits, the marker, and the full text as a file', () => {
    const stdout = Array.from({ length: 600 }, (_, i) => `line ${i} of the deploy log [REDACTED:secret-value]`).join(
      '\n',
    );
    const { message, file } = renderTargetOutput(command([plugin({ stdout: stdout.slice(0, 24_000) })]), 'en');
    expectWithinLimits(message);
    const text = allText(message);
    expect(text).toContain('truncated: the first');
    expect(text).toContain('SSM keeps only the first 24,000');
    expect(text).toMatch(/\d+ secrets masked before posting/);
    expect(file?.filename).toBe(`ssm-output-${NODE}-a1b2c3d4.txt`);
    expect(file?.content).toContain('line 0 of the deploy log');
    expect(file?.content).toContain(`--- stderr (${plugin().stderr.length} characters) ---`);
  });

  it('a multi-step document: every step listed, the failed one shown, all in the file', () => {
    const plugins = [
      plugin({ pluginName: 'installDeps', status: 'Success', statusDetails: 'Success', responseCode: 0, stderr: '' }),
      plugin({ pluginName: 'configure', stderr: 'boom' }),
      plugin({ pluginName: 'restart', status: 'Cancelled', statusDetails: 'Cancelled', responseCode: -1 }),
    ];
    const { message, file } = renderTargetOutput(command(plugins, 1), 'en');
    expectWithinLimits(message);
    const text = allText(message);
    expect(text).toContain('*Steps of the document*');
    expect(text).toContain('▸ configure — Status: Failed');
    expect(text).toContain('*Plugin*\nconfigure');
    expect(file?.content).toContain('== installDeps — Status: Success · exit code: 0 ==');
    expect(file?.content).toContain('== restart — Status: Cancelled · exit code: -1 ==');
  });

  it('keeps mention and link injection inert', () => {
    const { message } = renderTargetOutput(command([plugin({ stdout: INJECTION, stderr: INJECTION })]), 'en');
    expectWithinLimits(message);
    expectNoInjection(message);
  });

  it('automation: status, the failed step with its failure message and outputs', () => {
    const output: TargetOutput = {
      kind: 'automation',
      context: context({ outputSource: { id: 'auto-1', type: 'Automation' } }),
      automation: {
        executionId: 'auto-1',
        documentName: 'AWS-RestartEC2Instance',
        status: 'Failed',
        failureMessage:
          'Step fails when it is Executing. Fail message: The security token included in the request is invalid.',
        parameters: {},
        failedSteps: [
          {
            stepName: 'stopInstances',
            action: 'aws:changeInstanceState',
            status: 'Failed',
            failureType: 'Permission',
            failureStage: 'Invocation',
            failureMessage: 'User is not authorized to perform ec2:StopInstances',
            outputs: { CurrentState: ['running'] },
          },
        ],
        startedAt: new Date('2026-11-28T11:00:00Z'),
        endedAt: new Date('2026-11-28T11:00:05Z'),
      },
      locations: {},
    };
    const { message, file } = renderTargetOutput(output, 'en');
    expectWithinLimits(message);
    const text = allText(message);
    expect(file).toBeUndefined();
    expect(text).toContain('*FailureMessage*');
    expect(text).toContain('*Step stopInstances* (aws:changeInstanceState) — Failed · Permission / Invocation');
    expect(text).toContain('CurrentState: running');
  });

  it('unavailable: why, the node ExecutionSummary, agent logs and the run folder, no file', () => {
    const output: TargetOutput = {
      kind: 'unavailable',
      context: context(),
      reason:
        'The command invocation no longer exists (InvocationDoesNotExist): Systems Manager keeps command and automation history for 30 days',
      executionSummary: {
        raw: '1 out of 1 plugin processed, 0 success, 1 failed, 0 timedout, 0 skipped. ',
        failures: [],
        truncated: false,
      },
      outputUrl: 'https://s3.console.aws.amazon.com/s3/object/acme-ssm-output?prefix=x',
      locations: {
        s3: {
          uri: 's3://acme-ssm-output/sm/x/',
          consoleUrl: 'https://s3.console.aws.amazon.com/s3/buckets/acme-ssm-output',
        },
      },
      logPaths: [{ platform: 'Linux/macOS', paths: ['/var/log/amazon/ssm/amazon-ssm-agent.log'] }],
      orchestrationFolders: [`/var/lib/amazon/ssm/${NODE}/document/orchestration/${COMMAND_ID}/`],
    };
    const { message, file } = renderTargetOutput(output, 'en');
    expectWithinLimits(message);
    const text = allText(message);
    expect(file).toBeUndefined();
    expect(text).toContain('InvocationDoesNotExist');
    expect(text).toContain('*ExecutionSummary on the node*');
    expect(text).toContain('/var/log/amazon/ssm/amazon-ssm-agent.log');
    expect(text).toContain(`/var/lib/amazon/ssm/${NODE}/document/orchestration/${COMMAND_ID}/`);
    expect(text).toContain('s3://acme-ssm-output/sm/x/');
  });
});
