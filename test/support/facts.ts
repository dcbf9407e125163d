// A tiny builder of InvestigationFacts for table tests: sensible, healthy defaults; override any slice.
import type {
  AssociationFacts,
  DocumentFacts,
  ExecutionFacts,
  ExecutionTargetsFacts,
  InstanceAssociationStatusFacts,
  InvestigationFacts,
  NodeFacts,
  OutputSampleFacts,
} from '../../src/domain/facts.ts';

/** The fixed "now" every test judges against. */
export const NOW = new Date('2025-06-02T12:00:00.000Z');

export const ASSOCIATION_ID = 'a1b2c3d4-5678-90ab-cdef-111122223333';
export const INSTANCE_ID = 'i-0123456789abcdef0';

/** `ms` before NOW. */
export const ago = (ms: number): Date => new Date(NOW.getTime() - ms);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A healthy association: AWS-RunShellScript on tag:Env=prod every 30 minutes, last run a success. */
export function association(overrides: Partial<AssociationFacts> = {}): AssociationFacts {
  return {
    associationId: ASSOCIATION_ID,
    associationName: 'patch-baseline',
    associationVersion: '1',
    documentName: 'AWS-RunShellScript',
    documentVersion: '$DEFAULT',
    status: 'Success',
    detailedStatus: 'Success',
    statusCounts: { Success: 1 },
    scheduleExpression: 'rate(30 minutes)',
    applyOnlyAtCronInterval: false,
    calendarNames: [],
    targets: [{ key: 'tag:Env', values: ['prod'] }],
    targetLocationCount: 0,
    maxConcurrency: '50',
    maxErrors: '0',
    parameters: { commands: ['echo hello'] },
    createdAt: ago(7 * DAY),
    lastUpdatedAt: ago(7 * DAY),
    lastExecutionAt: ago(10 * MINUTE),
    lastSuccessfulExecutionAt: ago(10 * MINUTE),
    ...overrides,
  };
}

/** The healthy association's document, found and active. */
export function document(overrides: Partial<Extract<DocumentFacts, { found: true }>> = {}): DocumentFacts {
  return {
    found: true,
    name: 'AWS-RunShellScript',
    version: '1',
    documentType: 'Command',
    schemaVersion: '1.2',
    platformTypes: ['Linux', 'MacOS'],
    status: 'Active',
    parameters: [{ name: 'commands', type: 'StringList', hasDefault: false }],
    defaultVersion: '1',
    latestVersion: '1',
    owner: 'Amazon',
    ...overrides,
  };
}

export function execution(overrides: Partial<ExecutionFacts> = {}): ExecutionFacts {
  return {
    executionId: 'e1111111-2222-3333-4444-555555555555',
    associationVersion: '1',
    status: 'Success',
    detailedStatus: 'Success',
    createdAt: ago(10 * MINUTE),
    lastExecutionAt: ago(10 * MINUTE),
    resourceCounts: { Success: 1 },
    resourceCountsRaw: '{Success=1}',
    ...overrides,
  };
}

/** Targets of an execution: one group per `[status, detailedStatus, count, resourceIds]`. */
export function targets(
  groups: { status: string; detailedStatus?: string; resourceIds: string[]; count?: number }[],
  executionId = 'e1111111-2222-3333-4444-555555555555',
): ExecutionTargetsFacts {
  const built = groups.map((g) => ({
    status: g.status,
    detailedStatus: g.detailedStatus,
    count: g.count ?? g.resourceIds.length,
    samples: g.resourceIds.map((resourceId) => ({
      resourceId,
      resourceType: 'ManagedInstance',
      status: g.status,
      detailedStatus: g.detailedStatus,
      lastExecutionAt: ago(10 * MINUTE),
    })),
  }));
  return { executionId, total: built.reduce((n, g) => n + g.count, 0), groups: built, partial: false };
}

export function instanceAssociation(
  overrides: Partial<InstanceAssociationStatusFacts> = {},
): InstanceAssociationStatusFacts {
  return {
    associationId: ASSOCIATION_ID,
    associationName: 'patch-baseline',
    documentName: 'AWS-RunShellScript',
    documentVersion: '1',
    status: 'Success',
    detailedStatus: 'Success',
    executionAt: ago(10 * MINUTE),
    ...overrides,
  };
}

/** A healthy, online, up-to-date Linux managed node. */
export function node(overrides: Partial<NodeFacts> = {}): NodeFacts {
  const status = instanceAssociation();
  return {
    instanceId: INSTANCE_ID,
    managed: true,
    pingStatus: 'Online',
    lastPingAt: ago(2 * MINUTE),
    agentVersion: '3.3.1142.0',
    isLatestVersion: true,
    platformType: 'Linux',
    platformName: 'Amazon Linux',
    platformVersion: '2023',
    iamRole: 'SSMInstanceRole',
    resourceType: 'EC2Instance',
    computerName: 'ip-10-0-0-1.ec2.internal',
    associationStatus: status,
    allAssociations: [status],
    ec2: {
      instanceId: INSTANCE_ID,
      state: 'running',
      instanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/SSMInstanceProfile',
      httpTokens: 'required',
      platform: 'Linux/UNIX',
    },
    targetStatus: 'Success',
    targetDetailedStatus: 'Success',
    ...overrides,
  };
}

/** A failed output sample with Run Command stdout/stderr. */
export function output(overrides: Partial<OutputSampleFacts> = {}): OutputSampleFacts {
  return {
    signature: 'Failed|Failed|exit 1|',
    resourceId: INSTANCE_ID,
    targetCount: 1,
    targetStatus: 'Failed',
    targetDetailedStatus: 'Failed',
    command: {
      commandId: 'c1111111-2222-3333-4444-555555555555',
      instanceId: INSTANCE_ID,
      documentName: 'AWS-RunShellScript',
      pluginName: 'aws:runShellScript',
      status: 'Failed',
      statusDetails: 'Failed',
      responseCode: 1,
      stdout: '',
      stderr: '',
    },
    ...overrides,
  };
}

/** Full, healthy InvestigationFacts: every step gathered, nothing wrong. Override any slice. */
export function factsWith(overrides: Partial<InvestigationFacts> = {}): InvestigationFacts {
  return {
    now: NOW,
    scope: { accountId: '111122223333', accountName: 'prod', region: 'us-east-1' },
    identity: {
      arn: 'arn:aws:sts::111122223333:assumed-role/ssm-why-readonly/ssm-why',
      account: '111122223333',
      roleArn: 'arn:aws:iam::111122223333:role/ssm-why-readonly',
      externalIdUsed: true,
      sessionName: 'ssm-why',
    },
    association: association(),
    document: document(),
    executions: [execution()],
    latestTargets: targets([{ status: 'Success', detailedStatus: 'Success', resourceIds: [INSTANCE_ID] }]),
    nodes: [node()],
    dhmc: { roleName: undefined, settingStatus: 'Default' },
    agentRelease: { region: 'us-east-1', latestVersion: '3.3.1142.0' },
    outputs: [],
    gaps: [],
    ...overrides,
  };
}
