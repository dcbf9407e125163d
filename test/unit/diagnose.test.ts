import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/domain/checks/index.ts';
import { causalTier, checksForStep, diagnose } from '../../src/domain/diagnose.ts';
import { type InvestigationFacts, STEP_KEYS } from '../../src/domain/facts.ts';
import type { Check, Finding, Severity } from '../../src/domain/finding.ts';
import { texts } from '../../src/i18n/index.ts';
import { expectWellFormed } from '../support/checks.ts';
import {
  ago,
  association,
  DAY,
  execution,
  factsWith,
  HOUR,
  INSTANCE_ID,
  instanceAssociation,
  node,
  output,
  targets,
} from '../support/facts.ts';

/** A check that always reports `id` with the given severity, for ranking and merging tests. */
const fixed = (id: string, severity: Severity, extra: Partial<Finding> = {}): Check => ({
  id,
  step: 'nodes',
  applies: () => true,
  run: () => [
    {
      id,
      severity,
      title: `${id} title`,
      summary: `${id} summary`,
      evidence: [{ field: `${id}.Field`, value: 'value' }],
      remediation: [`fix ${id}`],
      links: [],
      cli: [],
      step: 'nodes',
      ...extra,
    },
  ],
});

const unmanagedNode = node({
  managed: false,
  pingStatus: undefined,
  agentVersion: undefined,
  isLatestVersion: undefined,
  associationStatus: undefined,
  allAssociations: undefined,
  targetStatus: 'Failed',
  targetDetailedStatus: 'DeliveryTimedOut',
  ec2: { instanceId: INSTANCE_ID, state: 'running', httpTokens: 'required' },
});

const failingAssociation = association({ status: 'Failed', detailedStatus: 'Failed', statusCounts: { Failed: 1 } });
const failedRun = execution({
  status: 'Failed',
  detailedStatus: 'Failed',
  resourceCounts: { Failed: 1 },
  resourceCountsRaw: '{Failed=1}',
});

/** Broken situations across the catalogue, to run every check against. */
const SCENARIOS: Record<string, InvestigationFacts> = {
  healthy: factsWith(),
  unmanaged: factsWith({
    association: failingAssociation,
    executions: [failedRun],
    latestTargets: targets([{ status: 'Failed', detailedStatus: 'DeliveryTimedOut', resourceIds: [INSTANCE_ID] }]),
    nodes: [unmanagedNode],
    dhmc: { settingStatus: 'Default' },
  }),
  connectionLost: factsWith({
    association: association({ status: 'Pending', statusCounts: { Pending: 1 } }),
    executions: [execution({ status: 'InProgress', resourceCounts: { Pending: 1 }, resourceCountsRaw: '{Pending=1}' })],
    latestTargets: targets([{ status: 'Pending', resourceIds: [INSTANCE_ID] }]),
    nodes: [
      node({
        pingStatus: 'ConnectionLost',
        lastPingAt: ago(3 * HOUR),
        targetStatus: 'Pending',
        agentVersion: '3.1.0.0',
      }),
    ],
  }),
  noTargets: factsWith({
    association: association({ statusCounts: {} }),
    executions: [execution({ resourceCounts: {}, resourceCountsRaw: '{}' })],
    latestTargets: targets([]),
    nodes: [],
  }),
  neverRanCron: factsWith({
    association: association({
      status: 'Pending',
      statusCounts: {},
      scheduleExpression: 'cron(0 7 ? * MON *)',
      applyOnlyAtCronInterval: true,
      createdAt: ago(HOUR),
    }),
    executions: [],
    latestTargets: undefined,
    nodes: undefined,
  }),
  badSchedule: factsWith({
    association: association({
      ...failingAssociation,
      scheduleExpression: 'rate(1 hours)',
      calendarNames: ['Freeze'],
      duration: 1,
    }),
    executions: [execution({ status: 'Failed', resourceCounts: { Cancelled: 1 }, resourceCountsRaw: '{Cancelled=1}' })],
  }),
  agentState: factsWith({
    association: failingAssociation,
    executions: [failedRun],
    nodes: [
      node({
        instanceId: 'i-0000000000000000a',
        associationStatus: instanceAssociation({ status: 'Failed', errorCode: 'StuckAtInProgress' }),
      }),
      node({
        instanceId: 'i-0000000000000000b',
        associationStatus: instanceAssociation({ status: 'Failed', errorCode: 'ListAssocError' }),
      }),
      node({
        instanceId: 'i-0000000000000000c',
        associationStatus: instanceAssociation({ status: 'Failed', errorCode: 'InvalidExpression' }),
      }),
      node({
        instanceId: 'i-0000000000000000d',
        associationStatus: instanceAssociation({ status: 'Failed', detailedStatus: 'UnsupportedAgent' }),
        allAssociations: [
          instanceAssociation({ associationId: 'a-1', documentName: 'AWS-GatherSoftwareInventory' }),
          instanceAssociation({ associationId: 'a-2', documentName: 'AWS-GatherSoftwareInventory' }),
        ],
      }),
    ],
  }),
  documentGone: factsWith({
    association: failingAssociation,
    document: {
      found: false,
      name: 'My-Doc',
      errorCode: 'InvalidDocument',
      message: "The specified SSM document doesn't exist.",
    },
    executions: [failedRun],
    nodes: [node({ pingStatus: 'ConnectionLost', lastPingAt: ago(DAY) })],
  }),
  scriptFailed: factsWith({
    association: failingAssociation,
    executions: [failedRun],
    latestTargets: targets([{ status: 'Failed', detailedStatus: 'Failed', resourceIds: [INSTANCE_ID] }]),
    nodes: [
      node({
        targetStatus: 'Failed',
        associationStatus: instanceAssociation({ status: 'Failed', errorCode: 'ExecutionError' }),
      }),
    ],
    outputs: [
      output({
        command: {
          ...output().command!,
          stderr:
            'Document with schema version 2.2 is not supported by this version of ssm agent\nfailed to run commands: exit status 1',
        },
      }),
    ],
  }),
};

describe('diagnose', () => {
  it('says healthy, with what was checked, when nothing is found', () => {
    const d = diagnose(factsWith());
    expect(d.outcome).toBe('healthy');
    expect(d.findings).toEqual([]);
    expect(d.gaps).toEqual([]);
    expect(d.summary).toBe(
      'No problem found: checked the association, its document, 1 execution, 1 node and the agent version.',
    );
    expect(d.checked).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Association patch-baseline: document AWS-RunShellScript, status Success'),
        expect.stringContaining('Document AWS-RunShellScript version 1'),
        '1 recent execution; the newest is Success {Success=1}',
        'Targets of the newest execution: 1 (1 Success)',
        '1 node: managed-node record, ping status, agent version and per-node association status',
        'Latest SSM Agent in us-east-1: 3.3.1142.0',
      ]),
    );
  });

  it('ranks a not-managed node above the DeliveryTimedOut it causes', () => {
    const d = diagnose(SCENARIOS.unmanaged!);
    const ids = d.findings.map((f) => f.id);
    expect(d.outcome).toBe('fault');
    expect(ids[0]).toBe('instance-profile.missing');
    expect(ids).toContain('node.not-managed');
    expect(ids.indexOf('node.not-managed')).toBeLessThan(ids.indexOf('node.delivery-timed-out'));
    expect(d.summary).toMatch(/^Root cause: Instance i-0123456789abcdef0 has no IAM instance profile/);
  });

  it('ranks a deleted document above everything downstream of it', () => {
    const d = diagnose(SCENARIOS.documentGone!);
    expect(d.findings[0]?.id).toBe('document.deleted');
    expect(d.findings.map((f) => f.id)).toContain('node.connection-lost');
  });

  it('ranks by severity first, then by how causal the finding is', () => {
    const d = diagnose(factsWith(), [
      fixed('command.exit-code', 'error'),
      fixed('node.delivery-timed-out', 'error'),
      fixed('agent.outdated', 'warning'),
      fixed('node.connection-lost', 'critical'),
      fixed('document.deleted', 'critical'),
      fixed('schedule.rate-too-frequent', 'error'),
    ]);
    expect(d.findings.map((f) => f.id)).toEqual([
      'document.deleted',
      'node.connection-lost',
      'schedule.rate-too-frequent',
      'command.exit-code',
      'node.delivery-timed-out',
      'agent.outdated',
    ]);
    expect(causalTier('max-errors.reached')).toBeGreaterThan(causalTier('command.script-failed'));
  });

  it('merges findings with the same id within bounds, keeping the most severe wording', () => {
    const many = Array.from({ length: 8 }, (_, i) => `i-${i}`);
    const d = diagnose(factsWith(), [
      fixed('node.connection-lost', 'error', { resources: many, title: 'weaker' }),
      {
        ...fixed('node.connection-lost', 'critical', {
          resources: [...many.slice(4), 'i-x', 'i-y', 'i-z'],
          title: 'stronger',
        }),
        id: 'other-check',
      },
      {
        ...fixed('node.connection-lost', 'warning', {
          evidence: Array.from({ length: 20 }, (_, i) => ({ field: `F${i}`, value: 'v' })),
          links: [{ label: 'l', url: 'https://example.com' }],
        }),
        id: 'third-check',
      },
    ]);
    expect(d.findings).toHaveLength(1);
    const [f] = d.findings;
    expect(f?.severity).toBe('critical');
    expect(f?.title).toBe('stronger');
    expect(f?.resources).toHaveLength(10);
    expect(f?.evidence).toHaveLength(12);
    expect(f?.evidence[0]).toEqual({ field: 'node.connection-lost.Field', value: 'value' });
    expect(f?.links).toEqual([{ label: 'l', url: 'https://example.com' }]);
    expect(f?.remediation).toEqual(['fix node.connection-lost']);
  });

  it('is a warning when only warnings are found, and healthy with a note for info only', () => {
    expect(diagnose(factsWith(), [fixed('agent.outdated', 'warning')]).outcome).toBe('warning');
    const info = diagnose(SCENARIOS.neverRanCron!);
    expect(info.outcome).toBe('healthy');
    expect(info.findings.map((f) => f.id)).toEqual(['schedule.waiting-for-first-cron']);
    expect(info.summary).toContain('Note: Waiting for its first cron window; next run at 2025-06-09 07:00 UTC');
  });

  it('reports the gaps, a throwing check and a finding without evidence, and keeps the rest', () => {
    const gap = {
      step: 'nodes' as const,
      kind: 'access-denied' as const,
      action: 'ssm:DescribeInstanceInformation',
      message: 'denied',
    };
    const d = diagnose(factsWith({ gaps: [gap] }), [
      {
        id: 'broken',
        step: 'targets',
        applies: () => true,
        run: () => {
          throw new Error('boom');
        },
      },
      fixed('no.evidence', 'critical', { evidence: [] }),
      fixed('node.connection-lost', 'critical'),
    ]);
    expect(d.findings.map((f) => f.id)).toEqual(['node.connection-lost']);
    expect(d.gaps).toEqual([
      gap,
      { step: 'targets', kind: 'error', message: 'Check broken failed: boom' },
      { step: 'nodes', kind: 'error', message: 'Check no.evidence returned no.evidence without evidence' },
    ]);
    expect(d.summary).toContain('3 things could not be checked');
  });

  it('checksForStep returns the checks of that step only', () => {
    for (const step of STEP_KEYS) {
      const checks = checksForStep(step);
      expect(checks.every((c) => c.step === step)).toBe(true);
    }
    expect(checksForStep('nodes').map((c) => c.id)).toContain('node.connection-lost');
    expect(checksForStep('nodes', [fixed('x.y', 'info')]).map((c) => c.id)).toEqual(['x.y']);
    expect(STEP_KEYS.flatMap((s) => checksForStep(s))).toHaveLength(ALL_CHECKS.length);
  });
});

describe('ALL_CHECKS', () => {
  it('has unique check ids', () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it.each(Object.entries(SCENARIOS))('every finding of %s is well formed (evidence, remediation)', (_name, facts) => {
    const d = diagnose(facts);
    expectWellFormed(d.findings);
    expect(d.gaps.filter((g) => g.message.startsWith('Check '))).toEqual([]);
  });

  it('each finding id comes from exactly one check', () => {
    const owners = new Map<string, Set<string>>();
    for (const facts of Object.values(SCENARIOS)) {
      for (const check of ALL_CHECKS.filter((c) => c.applies(facts))) {
        for (const f of check.run(facts, texts('en'))) owners.set(f.id, (owners.get(f.id) ?? new Set()).add(check.id));
      }
    }
    const shared = [...owners]
      .filter(([, checks]) => checks.size > 1)
      .map(([id, checks]) => `${id} ← ${[...checks].join(', ')}`);
    expect(shared).toEqual([]);
    // The scenarios reach the first half's catalogue broadly.
    expect([...owners.keys()]).toEqual(
      expect.arrayContaining([
        'node.not-managed',
        'node.connection-lost',
        'node.delivery-timed-out',
        'node.targets-stuck-offline',
        'instance-profile.missing',
        'targets.none-matched',
        'schedule.waiting-for-first-cron',
        'schedule.rate-unit-mismatch',
        'schedule.change-calendar',
        'schedule.duration-cutoff',
        'agent-state.stuck-at-in-progress',
        'agent-state.list-assoc-error',
        'agent-state.invalid-expression',
        'agent.unsupported-agent',
        'agent.unsupported-feature',
        'agent.outdated',
        'inventory.multiple-associations',
      ]),
    );
  });
});

describe('a status no rule explains', () => {
  it('is a warning that says no known cause was found, not "healthy"', () => {
    const facts = factsWith({ association: association({ status: 'Frobnicated', detailedStatus: 'Discombobulated' }) });
    const diagnosis = diagnose(facts);
    expect(diagnosis.outcome).toBe('warning');
    expect(diagnosis.findings[0]?.id).toBe('association.status-unexplained');
    expect(diagnosis.findings[0]?.evidence).toContainEqual({
      field: 'DescribeAssociation.Overview.Status',
      value: 'Frobnicated',
    });
  });

  it('stays out of the way when a rule found the cause, or when all is well', () => {
    expect(diagnose(factsWith()).findings.map((f) => f.id)).not.toContain('association.status-unexplained');
    const failedWithCause = factsWith({
      association: association({ status: 'Failed' }),
      document: {
        found: false,
        name: 'Gone',
        errorCode: 'InvalidDocument',
        message: 'The specified SSM document does not exist.',
      },
    });
    expect(diagnose(failedWithCause).findings.map((f) => f.id)).not.toContain('association.status-unexplained');
  });
});
