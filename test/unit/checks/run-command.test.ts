import { describe, expect, it } from 'vitest';
import { exitStatusIn } from '../../../src/domain/checks/kit.ts';
import { runCommandDispatchChecks } from '../../../src/domain/checks/run-command-dispatch.check.ts';
import { runCommandScriptChecks } from '../../../src/domain/checks/run-command-script.check.ts';
import { runCommandTimeoutChecks } from '../../../src/domain/checks/run-command-timeout.check.ts';
import type { CommandInvocationFacts, InvestigationFacts, OutputSampleFacts } from '../../../src/domain/facts.ts';
import { describeCheckTable, findingsOf, summary } from '../../support/checks.ts';
import {
  association,
  document,
  factsWith,
  INSTANCE_ID,
  instanceAssociation,
  node,
  output,
  targets,
} from '../../support/facts.ts';

/** The three run-command families (script, timeout, dispatch), in ALL_CHECKS order: one table covers how they share out a failure. */
const runCommandChecks = [...runCommandScriptChecks, ...runCommandTimeoutChecks, ...runCommandDispatchChecks];

const OTHER = 'i-0fedcba9876543210';

/** A failed run: the latest execution's targets in one group, a failed node, and (optionally) one output sample. */
function failedRun(
  group: { status: string; detailedStatus?: string; count?: number },
  sample?: Omit<Partial<OutputSampleFacts>, 'command'> & { command?: Partial<CommandInvocationFacts> },
  overrides: Partial<InvestigationFacts> = {},
): InvestigationFacts {
  const base = output();
  const outputs = sample
    ? [
        output({
          ...sample,
          targetStatus: group.status,
          targetDetailedStatus: group.detailedStatus,
          targetCount: group.count ?? 1,
          command: sample.command
            ? { ...(base.command as NonNullable<typeof base.command>), ...sample.command }
            : undefined,
        }),
      ]
    : [];
  return factsWith({
    association: association({ status: 'Failed', detailedStatus: 'Failed', statusCounts: { Failed: 1 } }),
    latestTargets: targets([{ ...group, resourceIds: [INSTANCE_ID] }]),
    nodes: [
      node({
        targetStatus: group.status,
        targetDetailedStatus: group.detailedStatus,
        associationStatus: instanceAssociation({ status: 'Failed', detailedStatus: 'Failed' }),
      }),
    ],
    outputs,
    ...overrides,
  });
}

const stderr = (...lines: string[]) => lines.join('\n');
const patchDoc = { documentName: 'AWS-RunPatchBaseline' };

const cases: { name: string; facts: InvestigationFacts; ids: string[] }[] = [
  { name: 'healthy association', facts: factsWith(), ids: [] },
  {
    name: 'script exits 1',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed', count: 3 },
      {
        command: {
          responseCode: 1,
          stderr: stderr('mkdir: /opt/app: Permission denied', 'failed to run commands: exit status 1'),
        },
      },
    ),
    ids: ['command.exit-code'],
  },
  {
    name: 'two distinct failure signatures → one finding each',
    facts: factsWith({
      association: association({ status: 'Failed' }),
      latestTargets: targets([{ status: 'Failed', detailedStatus: 'Failed', resourceIds: [INSTANCE_ID, OTHER] }]),
      outputs: [
        output({ signature: 'a', command: { ...output().command!, responseCode: 1 } }),
        output({
          signature: 'b',
          resourceId: OTHER,
          command: { ...output().command!, instanceId: OTHER, responseCode: 2 },
        }),
      ],
    }),
    ids: ['command.exit-code', 'command.exit-code'],
  },
  {
    name: 'ResponseCode -1 (never started)',
    facts: failedRun({ status: 'Failed', detailedStatus: 'Failed' }, { command: { responseCode: -1 } }),
    ids: ['command.exit-code'],
  },
  {
    name: 'execution timed out (StatusDetails)',
    facts: failedRun(
      { status: 'TimedOut', detailedStatus: 'ExecutionTimedOut', count: 312 },
      { command: { status: 'TimedOut', statusDetails: 'ExecutionTimedOut', responseCode: 137 } },
    ),
    ids: ['command.execution-timed-out'],
  },
  {
    name: 'exit 137 on Linux reads as a timeout/kill',
    facts: failedRun({ status: 'Failed', detailedStatus: 'Failed' }, { command: { responseCode: 137 } }),
    ids: ['command.execution-timed-out'],
  },
  {
    name: 'execution timed out seen only in the target group',
    facts: failedRun({ status: 'TimedOut', detailedStatus: 'ExecutionTimedOut', count: 12 }),
    ids: ['command.execution-timed-out'],
  },
  {
    name: 'exit 194 (reboot requested)',
    facts: failedRun({ status: 'Failed', detailedStatus: 'Failed' }, { command: { responseCode: 194 } }),
    ids: ['command.reboot-exit-code'],
  },
  {
    name: 'exit 3010 (Windows reboot requested)',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      { command: { responseCode: 3010, documentName: 'AWS-RunPowerShellScript' } },
      { nodes: [node({ platformType: 'Windows', targetStatus: 'Failed', targetDetailedStatus: 'Failed' })] },
    ),
    ids: ['command.reboot-exit-code'],
  },
  {
    name: 'cancelled targets with nothing else to explain them',
    facts: factsWith({
      association: association({ maxErrors: undefined }),
      latestTargets: targets([{ status: 'Cancelled', detailedStatus: 'Cancelled', resourceIds: [INSTANCE_ID] }]),
    }),
    ids: ['command.cancelled'],
  },
  {
    name: 'cancelled by the Duration cutoff → the schedule check says it, not this one',
    facts: factsWith({
      association: association({ duration: 2 }),
      latestTargets: targets([{ status: 'Cancelled', detailedStatus: 'Cancelled', resourceIds: [INSTANCE_ID] }]),
    }),
    ids: [],
  },
  {
    name: 'cancelled after failures with MaxErrors → the MaxErrors check says it; the failure stays',
    facts: factsWith({
      association: association({ status: 'Failed', maxErrors: '1' }),
      latestTargets: targets([
        { status: 'Failed', detailedStatus: 'Failed', resourceIds: [INSTANCE_ID], count: 2 },
        { status: 'Cancelled', detailedStatus: 'Cancelled', resourceIds: [OTHER], count: 8 },
      ]),
    }),
    ids: ['command.plugin-failed'],
  },
  {
    name: 'AccessDenied',
    facts: failedRun({ status: 'Failed', detailedStatus: 'AccessDenied', count: 4 }),
    ids: ['command.access-denied'],
  },
  {
    name: 'LimitExceeded',
    facts: failedRun({ status: 'Failed', detailedStatus: 'LimitExceeded', count: 4 }),
    ids: ['command.rate-exceeded'],
  },
  {
    name: 'patching: /var/lib/amazon mounted noexec (exit 126)',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      {
        command: {
          ...patchDoc,
          responseCode: 126,
          stderr: stderr(
            `/var/lib/amazon/ssm/${INSTANCE_ID}/document/orchestration/c1/PatchLinux/_script.sh: Permission denied`,
            'failed to run commands: exit status 126',
          ),
        },
      },
    ),
    ids: ['patch.noexec-mount'],
  },
  {
    name: 'patching: concurrent runs (exit 155)',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      {
        command: {
          ...patchDoc,
          responseCode: 155,
          stderr:
            'Unable to extract tar file: /var/log/amazon/ssm/patch-baseline-operations/patch-baseline-operations-1.75.tar.gz.failed to run commands: exit status 155',
        },
      },
    ),
    ids: ['patch.concurrent-runs'],
  },
  {
    name: 'patching: concurrent runs (exit 152)',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      {
        command: {
          ...patchDoc,
          responseCode: 152,
          stderr: 'Unable to load and extract the content of payload, abort.failed to run commands: exit status 152',
        },
      },
    ),
    ids: ['patch.concurrent-runs'],
  },
  {
    name: 'patching: payload not downloadable (exit 156)',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      {
        command: {
          ...patchDoc,
          responseCode: 156,
          stderr:
            'Unable to download payload: https://s3.dualstack.us-east-1.amazonaws.com/aws-ssm-us-east-1/patchbaselineoperations/linux/payloads/patch-baseline-operations-1.75.tar.gz.failed to run commands: exit status 156',
        },
      },
    ),
    ids: ['patch.payload-unreachable'],
  },
  {
    name: 'patching: dpkg lock',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      {
        command: {
          ...patchDoc,
          responseCode: 2,
          stderr: stderr(
            'install errors: dpkg: error: dpkg frontend is locked by another process',
            'failed to run commands: exit status 2',
          ),
        },
      },
    ),
    ids: ['patch.dpkg-locked'],
  },
  {
    name: 'patching: no more mirrors',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      {
        command: {
          ...patchDoc,
          responseCode: 1,
          stderr: stderr('[Errno 256] No more mirrors to try.', 'failed to run commands: exit status 1'),
        },
      },
    ),
    ids: ['patch.no-more-mirrors'],
  },
  {
    name: 'patching: unknown failure stays a plain exit code',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      { command: { ...patchDoc, responseCode: 1, stderr: 'something else\nfailed to run commands: exit status 1' } },
    ),
    ids: ['command.exit-code'],
  },
  {
    name: 'Ansible playbook failure',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      {
        command: {
          documentName: 'AWS-ApplyAnsiblePlaybooks',
          responseCode: 127,
          stderr: stderr('/bin/sh: ansible-playbook: command not found', 'failed to run commands: exit status 127'),
        },
      },
      { association: association({ status: 'Failed', documentName: 'AWS-ApplyAnsiblePlaybooks' }) },
    ),
    ids: ['ansible.playbook-failed'],
  },
  {
    name: 'Chef recipe failure',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      {
        command: {
          documentName: 'AWS-ApplyChefRecipes',
          responseCode: 1,
          stderr: stderr(
            'curl: (6) Could not resolve host: omnitruck.chef.io',
            'failed to run commands: exit status 1',
          ),
        },
      },
      { association: association({ status: 'Failed', documentName: 'AWS-ApplyChefRecipes' }) },
    ),
    ids: ['chef.recipe-failed'],
  },
  {
    name: 'no output, but the node ExecutionSummary names the exit status',
    facts: failedRun({ status: 'Failed', detailedStatus: 'Failed' }, undefined, {
      nodes: [
        node({
          targetStatus: 'Failed',
          targetDetailedStatus: 'Failed',
          associationStatus: instanceAssociation({
            status: 'Failed',
            detailedStatus: 'Failed',
            errorCode: 'ExecutionError',
            executionSummary: summary({ plugins: 1, failed: 1 }, [
              { plugin: 'aws:runShellScript', reason: 'yum: not found\nfailed to run commands: exit status 3' },
            ]),
          }),
        }),
      ],
    }),
    ids: ['command.exit-code'],
  },
  {
    name: 'no output, ExecutionSummary timed out',
    facts: failedRun({ status: 'Failed', detailedStatus: 'Failed' }, undefined, {
      nodes: [
        node({
          targetStatus: 'Failed',
          targetDetailedStatus: 'Failed',
          associationStatus: instanceAssociation({
            status: 'TimedOut',
            executionSummary: summary({ plugins: 1, timedOut: 1 }),
          }),
        }),
      ],
    }),
    ids: ['command.execution-timed-out'],
  },
  {
    name: 'failed targets whose output could not be read',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'Failed', count: 7 },
      { command: undefined, unavailableReason: 'InvocationDoesNotExist (expired)' },
    ),
    ids: ['command.plugin-failed'],
  },
  {
    name: 'DeliveryTimedOut belongs to the node checks',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'DeliveryTimedOut' },
      { command: { status: 'TimedOut', statusDetails: 'DeliveryTimedOut', responseCode: -1 } },
    ),
    ids: [],
  },
  {
    name: 'Undeliverable belongs to the node checks',
    facts: failedRun({ status: 'Failed', detailedStatus: 'Undeliverable' }),
    ids: [],
  },
  {
    name: 'InvalidPlatform belongs to the document checks',
    facts: failedRun(
      { status: 'Failed', detailedStatus: 'InvalidPlatform' },
      { command: { statusDetails: 'InvalidPlatform', responseCode: -1 } },
    ),
    ids: [],
  },
  {
    name: 'Automation associations are not Run Command',
    facts: failedRun({ status: 'Failed', detailedStatus: 'Failed' }, undefined, {
      document: document({ documentType: 'Automation', schemaVersion: '0.3', platformTypes: [] }),
    }),
    ids: [],
  },
  {
    name: 'the agent never ran the document (InvalidAssoc) → no generic failure',
    facts: failedRun({ status: 'Failed', detailedStatus: 'Failed' }, undefined, {
      nodes: [
        node({
          targetStatus: 'Failed',
          targetDetailedStatus: 'Failed',
          associationStatus: instanceAssociation({ status: 'Failed', errorCode: 'InvalidAssoc' }),
        }),
      ],
    }),
    ids: [],
  },
  {
    name: 'the document is gone → no generic failure',
    facts: failedRun({ status: 'Failed', detailedStatus: 'Failed' }, undefined, {
      document: { found: false, name: 'Custom-Doc', errorCode: 'InvalidDocument', message: 'gone' },
    }),
    ids: [],
  },
];

describeCheckTable('run-command', runCommandChecks, cases);

describe('run-command evidence', () => {
  it('quotes the decisive line first, in the title and the evidence, then ResponseCode, StatusDetails and the target count', () => {
    const facts = failedRun(
      { status: 'Failed', detailedStatus: 'Failed', count: 3 },
      {
        command: {
          responseCode: 1,
          stderr: stderr('starting', 'mkdir: /opt/app: Permission denied', 'failed to run commands: exit status 1'),
        },
      },
    );
    const [finding] = findingsOf(runCommandChecks, facts);
    expect(finding?.evidence).toEqual(
      expect.arrayContaining([
        { field: 'GetCommandInvocation.ResponseCode', value: '1' },
        { field: 'GetCommandInvocation.StatusDetails', value: 'Failed' },
        { field: 'GetCommandInvocation.StandardErrorContent', value: 'mkdir: /opt/app: Permission denied' },
        { field: 'DescribeAssociationExecutionTargets.DetailedStatus', value: 'Failed (3 targets)' },
      ]),
    );
    expect(finding?.evidence[0]?.value).toBe('mkdir: /opt/app: Permission denied');
    expect(finding?.title).toBe('Permission denied (exit 1): mkdir: /opt/app: Permission denied');
    expect(finding?.cause).toBe('permission');
    expect(finding?.links.some((l) => l.url.includes('/run-command/'))).toBe(true);
    expect(finding?.cli.some((c) => c.startsWith('aws ssm get-command-invocation'))).toBe(true);
    expect(finding?.logPaths?.length).toBeGreaterThan(0);
    expect(finding?.resources).toEqual([INSTANCE_ID]);
    expect(finding?.step).toBe('output');
  });

  it('timeout evidence carries the timeout parameter and the target count', () => {
    const facts = failedRun(
      { status: 'TimedOut', detailedStatus: 'ExecutionTimedOut', count: 312 },
      { command: { status: 'TimedOut', statusDetails: 'ExecutionTimedOut', responseCode: 137 } },
      {
        association: association({
          status: 'Failed',
          parameters: { commands: ['sleep 9999'], executionTimeout: ['600'] },
        }),
      },
    );
    const [finding] = findingsOf(runCommandChecks, facts);
    expect(finding?.evidence).toEqual(
      expect.arrayContaining([
        { field: 'DescribeAssociationExecutionTargets.DetailedStatus', value: 'ExecutionTimedOut (312 targets)' },
        { field: 'DescribeAssociation.Parameters.executionTimeout', value: '600' },
      ]),
    );
  });

  it('Ansible hints follow the error text', () => {
    const facts = failedRun(
      { status: 'Failed', detailedStatus: 'Failed' },
      {
        command: {
          documentName: 'AWS-ApplyAnsiblePlaybooks',
          responseCode: 127,
          stderr: '/bin/sh: ansible-playbook: command not found\nfailed to run commands: exit status 127',
        },
      },
    );
    const [finding] = findingsOf(runCommandChecks, facts);
    expect(finding?.remediation.join(' ')).toContain('InstallDependencies');
  });

  it('summary-only failures quote the ExecutionSummary and parse the exit status', () => {
    const facts = failedRun({ status: 'Failed', detailedStatus: 'Failed' }, undefined, {
      nodes: [
        node({
          targetStatus: 'Failed',
          targetDetailedStatus: 'Failed',
          associationStatus: instanceAssociation({
            status: 'Failed',
            errorCode: 'ExecutionError',
            executionSummary: summary({ plugins: 1, failed: 1 }, [
              { plugin: 'aws:runShellScript', reason: 'failed to run commands: exit status 3' },
            ]),
          }),
        }),
      ],
    });
    const [finding] = findingsOf(runCommandChecks, facts);
    expect(finding?.title).toContain('3');
    expect(finding?.evidence.map((e) => e.field)).toEqual(
      expect.arrayContaining([
        'DescribeInstanceAssociationsStatus.ErrorCode',
        'DescribeInstanceAssociationsStatus.ExecutionSummary',
      ]),
    );
    expect(finding?.step).toBe('nodes');
  });
});

describe('agent exit status', () => {
  it.each([
    ['failed to run commands: exit status 1', 1],
    ['x failed to run commands: exit status 2\ny failed to run commands: exit status 155', 155],
    ['no status', undefined],
  ])('exit status of %j is %j', (text, code) => {
    expect(exitStatusIn(text)).toBe(code);
  });
});
