// A fluent builder for fake-AWS scenarios. It keeps a cursor (current account, region, association,
// execution) so a scenario reads top-down like the console drill-down:
//
//   scenario()
//     .account('123456789012', { roleArn, externalId })
//     .region('eu-west-1')
//     .document(RUN_SHELL_SCRIPT)
//     .association({ associationId, documentName: 'AWS-RunShellScript', instanceIds: ['i-1234567890abcdef0'] })
//     .execution({ executionId, status: 'Failed', createdAt: '20m ago' })
//     .runCommandFailure({ instanceId: 'i-1234567890abcdef0', exitCode: 1, stderr: 'nginx: [emerg] …' })
//     .build();
//
// Derived values (Overview, ResourceCountByStatus, LastExecutionDate, ExecutionSummary) are computed at
// build() unless given explicitly.
import { createHash } from 'node:crypto';
import { DHMC_SETTING_ID, resourceCountString } from '../fake-aws/ssm.ts';
import type {
  CommandInvocationSpec,
  CommandPluginSpec,
  Ec2InstanceSpec,
  FakeIdentity,
  Fault,
  GeneratedTargets,
  RegionData,
  RoleSpec,
  Scenario,
  TargetSource,
} from '../fake-aws/types.ts';
import type {
  WireAssociationDescription,
  WireAssociationExecution,
  WireAssociationExecutionTarget,
  WireAutomationExecution,
  WireDocumentDescription,
  WireFailureDetails,
  WireInstanceAssociationStatusInfo,
  WireInstanceInformation,
  WireStepExecution,
  WireTarget,
} from '../fake-aws/wire.ts';
import { RUN_SHELL_SCRIPT } from './documents.ts';
import { SCENARIO_NOW, type TimeInput, toEpochSeconds } from './time.ts';

/** The app's own identity in every scenario unless changed with `.caller()`. */
export const DEFAULT_CALLER: FakeIdentity = {
  account: '111122223333',
  arn: 'arn:aws:iam::111122223333:user/ssm-why',
  userId: 'AIDASAMPLEUSERID',
};

/** Static credentials for tests (AWS's documentation example keys). */
export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export interface DocumentInput {
  name: string;
  type?: 'Command' | 'Policy' | 'Automation' | string;
  schemaVersion?: string;
  platformTypes?: ('Windows' | 'Linux' | 'MacOS')[];
  owner?: string;
  description?: string;
  format?: 'JSON' | 'YAML' | 'TEXT';
  targetType?: string;
  status?: 'Creating' | 'Active' | 'Updating' | 'Deleting' | 'Failed';
  statusInformation?: string;
  /** Required parameters have no defaultValue. */
  parameters?: { name: string; type?: 'String' | 'StringList'; description?: string; defaultValue?: string }[];
  /** Number of versions (1..n); default 1. */
  versions?: number;
  /** Default version number; default the latest. */
  defaultVersion?: number;
  createdAt?: TimeInput;
}

export interface AssociationInput {
  associationId: string;
  /** The document name (or ARN, for a document shared from another account). */
  documentName: string;
  documentVersion?: string;
  associationName?: string;
  associationVersion?: string;
  /** Sugar for `targets: [{ Key: 'InstanceIds', Values: instanceIds }]`. */
  instanceIds?: string[];
  targets?: WireTarget[];
  schedule?: string;
  applyOnlyAtCronInterval?: boolean;
  scheduleOffset?: number;
  duration?: number;
  calendarNames?: string[];
  parameters?: Record<string, string[]>;
  /** Overview; derived from the newest execution when omitted. */
  overview?: { status: string; detailedStatus?: string; counts?: Record<string, number> };
  outputS3?: { bucketName: string; keyPrefix?: string; region?: string };
  maxErrors?: string;
  maxConcurrency?: string;
  automationTargetParameterName?: string;
  complianceSeverity?: WireAssociationDescription['ComplianceSeverity'];
  syncCompliance?: WireAssociationDescription['SyncCompliance'];
  dispatchAssumeRole?: string;
  /** Legacy (InstanceId + Name) association: sets InstanceId and the root-level Status. */
  legacyInstanceId?: string;
  createdAt?: TimeInput;
  lastUpdatedAt?: TimeInput;
  /** Derived from the executions when omitted. */
  lastExecutionAt?: TimeInput;
  lastSuccessfulExecutionAt?: TimeInput;
}

export interface ExecutionInput {
  executionId: string;
  status: string;
  detailedStatus?: string;
  createdAt: TimeInput;
  lastExecutionAt?: TimeInput;
  associationVersion?: string;
  /** Overrides the string derived from the targets, e.g. `{}` or `{Success=1}`. */
  resourceCountByStatus?: string;
}

export interface TargetInput {
  resourceId: string;
  status: string;
  detailedStatus?: string;
  resourceType?: string;
  at?: TimeInput;
  /** OutputSource RunCommand. */
  commandId?: string;
  /** OutputSource Automation. */
  automationExecutionId?: string;
}

export interface TargetGroupInput {
  count: number;
  status: string;
  detailedStatus?: string;
  /** OutputSource RunCommand of every target in the group. */
  commandId?: string;
}

export interface NodeInput {
  instanceId: string;
  pingStatus?: 'Online' | 'ConnectionLost' | 'Inactive';
  lastPingAt?: TimeInput;
  agentVersion?: string;
  isLatestVersion?: boolean;
  platform?: 'Linux' | 'Windows' | 'MacOS';
  platformName?: string;
  platformVersion?: string;
  /** The instance profile role name (IamRole); omit for none. */
  iamRole?: string;
  resourceType?: 'EC2Instance' | 'ManagedInstance';
  computerName?: string;
  ipAddress?: string;
  tags?: Record<string, string>;
  registeredAt?: TimeInput;
}

export interface InstanceAssociationStatusInput {
  instanceId: string;
  /** Default: the current association. */
  associationId?: string;
  documentName?: string;
  documentVersion?: string;
  associationName?: string;
  status: string;
  detailedStatus?: string;
  errorCode?: string;
  executionSummary?: string;
  outputUrl?: string;
  at?: TimeInput;
}

export interface RunCommandInput {
  instanceId: string;
  /** Default: derived from the execution id. */
  commandId?: string;
  /** Default aws:runShellScript (aws:runPowerShellScript on Windows nodes). */
  plugin?: string;
  exitCode: number;
  stdout?: string;
  stderr?: string;
  /** Plugin outcome; default from exitCode (0 → Success, else Failed). */
  outcome?:
    | 'Success'
    | 'Failed'
    | 'ExecutionTimedOut'
    | 'DeliveryTimedOut'
    | 'Undeliverable'
    | 'InvalidPlatform'
    | 'Terminated'
    | 'Skipped';
  /** Target status / detailed status; default derived from the outcome. */
  targetStatus?: string;
  targetDetailedStatus?: string;
  at?: TimeInput;
  /** Also add a managed node (default: yes, Online Linux, unless it exists or `false`). */
  node?: Partial<NodeInput> | false;
  /** Also add the node's DescribeInstanceAssociationsStatus row (default: yes when the plugin ran). */
  instanceStatus?: Partial<InstanceAssociationStatusInput> | false;
}

export interface AutomationStepInput {
  name: string;
  action?: string;
  status: string;
  failureMessage?: string;
  failureDetails?: WireFailureDetails;
  inputs?: Record<string, string>;
  outputs?: Record<string, string[]>;
  startedAt?: TimeInput;
  endedAt?: TimeInput;
}

export interface AutomationExecutionInput {
  executionId: string;
  documentName: string;
  documentVersion?: string;
  status: string;
  failureMessage?: string;
  parameters?: Record<string, string[]>;
  steps?: AutomationStepInput[];
  startedAt?: TimeInput;
  endedAt?: TimeInput;
  targetParameterName?: string;
  /** Default: the current association. */
  associationId?: string;
  executedBy?: string;
}

export interface ExecutionSummaryInput {
  plugins?: number;
  processed?: number;
  success?: number;
  failed?: number;
  timedOut?: number;
  skipped?: number;
  failures?: { plugin: string; reason: string }[];
}

const TRUNCATED = '--output truncated--';

/**
 * The agent's ExecutionSummary: `%v out of %v plugin%v processed, %v success, %v failed, %v timedout,
 * %v skipped. %v` with a `\nThe operation <plugin> failed because <stderr>.` tail per failed plugin,
 * cut to 510 characters ending in `--output truncated--`.
 */
export function executionSummary(input: ExecutionSummaryInput): string {
  const plugins = input.plugins ?? 1;
  const processed = input.processed ?? plugins;
  const tail = (input.failures ?? []).map((f) => `\nThe operation ${f.plugin} failed because ${f.reason}.`).join('');
  const text = `${processed} out of ${plugins} plugin${plugins === 1 ? '' : 's'} processed, ${input.success ?? 0} success, ${
    input.failed ?? 0
  } failed, ${input.timedOut ?? 0} timedout, ${input.skipped ?? 0} skipped. ${tail}`;
  return text.length <= 510 ? text : `${text.slice(0, 510 - TRUNCATED.length)}${TRUNCATED}`;
}

/** A deterministic UUID-shaped id from a seed (for ids the scenario doesn't name). */
export function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The i-th generated EC2 instance id: `i-` + 17 hex digits. */
export const generatedInstanceId = (index: number) => `i-0a${index.toString(16).padStart(15, '0')}`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Cursor {
  account?: string;
  region?: string;
  association?: WireAssociationDescription;
  execution?: WireAssociationExecution;
}

interface AssociationMeta {
  explicitOverview: boolean;
  explicitLastExecution: boolean;
  explicitLastSuccess: boolean;
}

export class ScenarioBuilder {
  readonly now: Date;
  private readonly data: Scenario;
  private readonly cursor: Cursor = {};
  private readonly associationMeta = new Map<WireAssociationDescription, AssociationMeta>();
  private readonly explicitCounts = new Set<WireAssociationExecution>();

  constructor(options: { now?: Date } = {}) {
    this.now = options.now ?? SCENARIO_NOW;
    this.data = { caller: { ...DEFAULT_CALLER }, roles: {}, accounts: {}, agentVersions: {}, faults: [] };
  }

  /** Epoch seconds for a time input, relative to this builder's now. */
  t(input: TimeInput): number {
    return toEpochSeconds(input, this.now);
  }

  caller(identity: FakeIdentity): this {
    this.data.caller = identity;
    return this;
  }

  role(roleArn: string, spec: RoleSpec = {}): this {
    this.data.roles[roleArn] = spec;
    return this;
  }

  /** Selects (and creates) an account; with `roleArn`, also registers the role the app assumes there. */
  account(id: string, options: { roleArn?: string; externalId?: string; role?: RoleSpec } = {}): this {
    this.data.accounts[id] ??= { regions: {} };
    if (options.roleArn) {
      this.data.roles[options.roleArn] = {
        ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
        ...options.role,
      };
    }
    this.cursor.account = id;
    this.cursor.region = undefined;
    this.cursor.association = undefined;
    this.cursor.execution = undefined;
    return this;
  }

  /** Selects (and creates) a region of the current account. */
  region(name: string): this {
    const account = this.need('account', this.cursor.account);
    this.data.accounts[account]!.regions[name] ??= {};
    this.cursor.region = name;
    this.cursor.association = undefined;
    this.cursor.execution = undefined;
    return this;
  }

  /** The current region's raw data, for anything the builder has no method for. */
  regionData(): RegionData {
    const account = this.need('account', this.cursor.account);
    const region = this.need('region', this.cursor.region);
    return this.data.accounts[account]!.regions[region]!;
  }

  document(input: DocumentInput): this {
    const count = input.versions ?? 1;
    const defaultVersion = String(input.defaultVersion ?? count);
    const versions: WireDocumentDescription[] = [];
    for (let v = 1; v <= count; v++) {
      const doc: WireDocumentDescription = {
        Hash: sha256(`${input.name}#${v}`),
        HashType: 'Sha256',
        Name: input.name,
        Owner: input.owner ?? this.cursor.account ?? DEFAULT_CALLER.account,
        CreatedDate: this.t(input.createdAt ?? '400d ago') + v * 86_400,
        Status: input.status ?? 'Active',
        DocumentVersion: String(v),
        Parameters: (input.parameters ?? []).map((p) => ({
          Name: p.name,
          Type: p.type ?? 'String',
          Description: p.description ?? '',
          ...(p.defaultValue !== undefined ? { DefaultValue: p.defaultValue } : {}),
        })),
        PlatformTypes: input.platformTypes ?? ['Linux'],
        DocumentType: input.type ?? 'Command',
        SchemaVersion: input.schemaVersion ?? '2.2',
        LatestVersion: String(count),
        DefaultVersion: defaultVersion,
        DocumentFormat: input.format ?? 'YAML',
        Tags: [],
      };
      if (input.description !== undefined) doc.Description = input.description;
      if (input.statusInformation !== undefined) doc.StatusInformation = input.statusInformation;
      if (input.targetType !== undefined) doc.TargetType = input.targetType;
      versions.push(doc);
    }
    const region = this.regionData();
    region.documents ??= {};
    region.documents[input.name] = versions;
    return this;
  }

  /** Adds an association to the current region and selects it. */
  association(input: AssociationInput): this {
    const targets =
      input.targets ?? (input.instanceIds ? [{ Key: 'InstanceIds', Values: input.instanceIds }] : undefined);
    const created = this.t(input.createdAt ?? '30d ago');
    const a: WireAssociationDescription = {
      Name: input.documentName,
      AssociationVersion: input.associationVersion ?? '1',
      Date: created,
      LastUpdateAssociationDate: input.lastUpdatedAt !== undefined ? this.t(input.lastUpdatedAt) : created,
      DocumentVersion: input.documentVersion ?? '$DEFAULT',
      AssociationId: input.associationId,
    };
    if (input.overview) {
      a.Overview = {
        Status: input.overview.status,
        ...(input.overview.detailedStatus !== undefined ? { DetailedStatus: input.overview.detailedStatus } : {}),
        AssociationStatusAggregatedCount: input.overview.counts ?? {},
      };
    }
    if (input.legacyInstanceId) {
      a.InstanceId = input.legacyInstanceId;
      a.Status = { Date: created, Name: 'Associated', Message: `Associated with ${input.documentName}` };
    }
    if (input.parameters) a.Parameters = input.parameters;
    if (input.automationTargetParameterName) a.AutomationTargetParameterName = input.automationTargetParameterName;
    if (targets) a.Targets = targets;
    if (input.schedule) a.ScheduleExpression = input.schedule;
    if (input.outputS3) {
      a.OutputLocation = {
        S3Location: {
          OutputS3Region: input.outputS3.region ?? this.cursor.region ?? 'us-east-1',
          OutputS3BucketName: input.outputS3.bucketName,
          ...(input.outputS3.keyPrefix !== undefined ? { OutputS3KeyPrefix: input.outputS3.keyPrefix } : {}),
        },
      };
    }
    if (input.lastExecutionAt !== undefined) a.LastExecutionDate = this.t(input.lastExecutionAt);
    if (input.lastSuccessfulExecutionAt !== undefined)
      a.LastSuccessfulExecutionDate = this.t(input.lastSuccessfulExecutionAt);
    if (input.associationName) a.AssociationName = input.associationName;
    if (input.maxErrors) a.MaxErrors = input.maxErrors;
    if (input.maxConcurrency) a.MaxConcurrency = input.maxConcurrency;
    a.ComplianceSeverity = input.complianceSeverity ?? 'UNSPECIFIED';
    a.SyncCompliance = input.syncCompliance ?? 'AUTO';
    a.ApplyOnlyAtCronInterval = input.applyOnlyAtCronInterval ?? false;
    if (input.calendarNames) a.CalendarNames = input.calendarNames;
    if (input.scheduleOffset !== undefined) a.ScheduleOffset = input.scheduleOffset;
    if (input.duration !== undefined) a.Duration = input.duration;
    if (input.dispatchAssumeRole) a.AssociationDispatchAssumeRole = input.dispatchAssumeRole;

    const region = this.regionData();
    region.associations ??= [];
    region.associations.push(a);
    this.associationMeta.set(a, {
      explicitOverview: input.overview !== undefined,
      explicitLastExecution: input.lastExecutionAt !== undefined,
      explicitLastSuccess: input.lastSuccessfulExecutionAt !== undefined,
    });
    this.cursor.association = a;
    this.cursor.execution = undefined;
    return this;
  }

  /** Adds AWS-RunShellScript and an association of it (selected): the commonest State Manager setup. */
  shellScriptAssociation(input: Omit<AssociationInput, 'documentName'>): this {
    return this.document(RUN_SHELL_SCRIPT).association({ ...input, documentName: RUN_SHELL_SCRIPT.name });
  }

  /** Adds an execution of the current association and selects it. */
  execution(input: ExecutionInput): this {
    const a = this.need('association', this.cursor.association);
    const e: WireAssociationExecution = {
      AssociationId: a.AssociationId,
      AssociationVersion: input.associationVersion ?? a.AssociationVersion ?? '1',
      ExecutionId: input.executionId,
      Status: input.status,
      DetailedStatus: input.detailedStatus ?? input.status,
      CreatedTime: this.t(input.createdAt),
      ResourceCountByStatus: input.resourceCountByStatus ?? '{}',
    };
    if (input.lastExecutionAt !== undefined) e.LastExecutionDate = this.t(input.lastExecutionAt);
    if (input.resourceCountByStatus !== undefined) this.explicitCounts.add(e);
    const region = this.regionData();
    region.executions ??= {};
    const executions = region.executions[a.AssociationId] ?? [];
    executions.push(e);
    region.executions[a.AssociationId] = executions;
    region.executionTargets ??= {};
    region.executionTargets[e.ExecutionId] ??= [];
    this.cursor.execution = e;
    return this;
  }

  /** Adds a target to the current execution. */
  target(input: TargetInput): this {
    const e = this.need('execution', this.cursor.execution);
    const list = this.regionData().executionTargets?.[e.ExecutionId];
    if (!Array.isArray(list)) throw new Error('This execution has generated targets; add no others.');
    const t: WireAssociationExecutionTarget = {
      AssociationId: e.AssociationId,
      AssociationVersion: e.AssociationVersion ?? '1',
      ExecutionId: e.ExecutionId,
      ResourceId: input.resourceId,
      ResourceType: input.resourceType ?? 'ManagedInstance',
      Status: input.status,
      DetailedStatus: input.detailedStatus ?? input.status,
      LastExecutionDate: input.at !== undefined ? this.t(input.at) : e.CreatedTime + 1.5,
    };
    if (input.commandId) t.OutputSource = { OutputSourceId: input.commandId, OutputSourceType: 'RunCommand' };
    if (input.automationExecutionId) {
      t.OutputSource = { OutputSourceId: input.automationExecutionId, OutputSourceType: 'Automation' };
    }
    list.push(t);
    return this;
  }

  /**
   * Gives the current execution a generated target list: groups of identical targets (ids from
   * `generatedInstanceId(i)`), never written out. 10,000 targets cost nothing until paged.
   */
  generatedTargets(groups: TargetGroupInput[]): this {
    const e = this.need('execution', this.cursor.execution);
    const count = groups.reduce((n, g) => n + g.count, 0);
    const at = (index: number): WireAssociationExecutionTarget => {
      let start = 0;
      for (const g of groups) {
        if (index < start + g.count) {
          const t: WireAssociationExecutionTarget = {
            AssociationId: e.AssociationId,
            AssociationVersion: e.AssociationVersion ?? '1',
            ExecutionId: e.ExecutionId,
            ResourceId: generatedInstanceId(index),
            ResourceType: 'ManagedInstance',
            Status: g.status,
            DetailedStatus: g.detailedStatus ?? g.status,
            LastExecutionDate: e.CreatedTime + 2 + (index % 600) / 10,
          };
          if (g.commandId) t.OutputSource = { OutputSourceId: g.commandId, OutputSourceType: 'RunCommand' };
          return t;
        }
        start += g.count;
      }
      throw new RangeError(`target ${index} of ${count}`);
    };
    const generated: GeneratedTargets = { kind: 'generated', count, at };
    this.regionData().executionTargets![e.ExecutionId] = generated;
    return this;
  }

  /** Adds a managed node (a DescribeInstanceInformation row). */
  node(input: NodeInput): this {
    const platform = input.platform ?? 'Linux';
    const n: WireInstanceInformation = {
      InstanceId: input.instanceId,
      PingStatus: input.pingStatus ?? 'Online',
      LastPingDateTime: this.t(input.lastPingAt ?? '2m ago'),
      AgentVersion: input.agentVersion ?? '3.3.1957.0',
      IsLatestVersion: input.isLatestVersion ?? true,
      PlatformType: platform,
      PlatformName:
        input.platformName ?? (platform === 'Windows' ? 'Microsoft Windows Server 2022 Datacenter' : 'Amazon Linux'),
      PlatformVersion: input.platformVersion ?? (platform === 'Windows' ? '10.0.20348' : '2023'),
      ResourceType: input.resourceType ?? 'EC2Instance',
      IPAddress: input.ipAddress ?? '10.0.1.25',
      ComputerName:
        input.computerName ??
        (platform === 'Windows'
          ? 'EC2AMAZ-7H2K9QF'
          : `ip-10-0-1-25.${this.cursor.region ?? 'us-east-1'}.compute.internal`),
      RegistrationDate: this.t(input.registeredAt ?? '120d ago'),
      SourceId: input.instanceId,
      SourceType: input.resourceType === 'ManagedInstance' ? 'AWS::SSM::ManagedInstance' : 'AWS::EC2::Instance',
    };
    if (input.iamRole !== undefined) n.IamRole = input.iamRole;
    const region = this.regionData();
    region.instances ??= [];
    region.instances.push(n);
    if (input.tags) {
      region.instanceTags ??= {};
      region.instanceTags[input.instanceId] = input.tags;
    }
    return this;
  }

  /** Adds a DescribeInstanceAssociationsStatus row. */
  instanceAssociationStatus(input: InstanceAssociationStatusInput): this {
    const a = this.cursor.association;
    const row: WireInstanceAssociationStatusInfo = {
      AssociationId: input.associationId ?? this.need('association', a).AssociationId,
      Name: input.documentName ?? a?.Name ?? '',
      DocumentVersion: input.documentVersion ?? '1',
      AssociationVersion: a?.AssociationVersion ?? '1',
      InstanceId: input.instanceId,
      ExecutionDate: this.t(input.at ?? this.cursor.execution?.CreatedTime ?? '1h ago'),
      Status: input.status,
      DetailedStatus: input.detailedStatus ?? input.status,
    };
    if (input.executionSummary !== undefined) row.ExecutionSummary = input.executionSummary;
    if (input.errorCode !== undefined) row.ErrorCode = input.errorCode;
    if (input.outputUrl !== undefined) row.OutputUrl = { S3OutputUrl: { OutputUrl: input.outputUrl } };
    const name = input.associationName ?? (input.associationId === undefined ? a?.AssociationName : undefined);
    if (name) row.AssociationName = name;
    const region = this.regionData();
    region.instanceAssociationStatuses ??= {};
    const rows = region.instanceAssociationStatuses[input.instanceId] ?? [];
    rows.push(row);
    region.instanceAssociationStatuses[input.instanceId] = rows;
    return this;
  }

  /**
   * A node on which the agent could not start the current association at all (a document or version that does
   * not exist, a parameter it cannot resolve): the execution's target Failed, the managed node, and the node's
   * association status row with the agent's ErrorCode and ExecutionSummary.
   */
  associationErrorOnNode(input: {
    instanceId: string;
    errorCode: string;
    executionSummary: string;
    documentVersion?: string;
  }): this {
    const { instanceId, ...row } = input;
    return this.target({ resourceId: instanceId, status: 'Failed', detailedStatus: 'Failed' })
      .node({ instanceId })
      .instanceAssociationStatus({ instanceId, status: 'Failed', detailedStatus: 'Failed', ...row });
  }

  /** Adds a Run Command invocation as is. */
  commandInvocation(spec: CommandInvocationSpec): this {
    const region = this.regionData();
    region.commandInvocations ??= [];
    region.commandInvocations.push(spec);
    return this;
  }

  /**
   * One node's Run Command outcome in the current execution: the execution target (with OutputSource),
   * the command invocation (GetCommandInvocation / ListCommandInvocations), the node's association status
   * row with the agent's ExecutionSummary, and the managed node itself unless it exists.
   */
  runCommand(input: RunCommandInput): this {
    const a = this.need('association', this.cursor.association);
    const e = this.need('execution', this.cursor.execution);
    const region = this.regionData();
    const existing = region.instances?.find((n) => n.InstanceId === input.instanceId);
    if (!existing && input.node !== false) this.node({ instanceId: input.instanceId, ...(input.node || {}) });
    const platform = (existing ?? region.instances?.find((n) => n.InstanceId === input.instanceId))?.PlatformType;
    const plugin = input.plugin ?? (platform === 'Windows' ? 'aws:runPowerShellScript' : 'aws:runShellScript');
    const outcome = input.outcome ?? (input.exitCode === 0 ? 'Success' : 'Failed');
    const commandId = input.commandId ?? uuidFrom(`command:${e.ExecutionId}`);
    const startedAt = input.at !== undefined ? this.t(input.at) : e.CreatedTime + 1.2;
    const ran = !['DeliveryTimedOut', 'Undeliverable', 'InvalidPlatform', 'Terminated'].includes(outcome);
    const stdout = input.stdout ?? '';
    const stderr = input.stderr ?? '';

    const pluginStatus: CommandPluginSpec['status'] = {
      Success: 'Success',
      Failed: 'Failed',
      ExecutionTimedOut: 'TimedOut',
      DeliveryTimedOut: 'TimedOut',
      Undeliverable: 'Failed',
      InvalidPlatform: 'Failed',
      Terminated: 'Cancelled',
      Skipped: 'Success',
    }[outcome] as CommandPluginSpec['status'];
    const commandStatus: CommandInvocationSpec['status'] = {
      Success: 'Success',
      Failed: 'Failed',
      ExecutionTimedOut: 'TimedOut',
      DeliveryTimedOut: 'TimedOut',
      Undeliverable: 'Failed',
      InvalidPlatform: 'Failed',
      Terminated: 'Failed',
      Skipped: 'Success',
    }[outcome] as CommandInvocationSpec['status'];

    const s3 = a.OutputLocation?.S3Location;
    const s3Prefix = s3?.OutputS3BucketName
      ? `https://s3.${s3.OutputS3Region}.amazonaws.com/${s3.OutputS3BucketName}/${s3.OutputS3KeyPrefix ? `${s3.OutputS3KeyPrefix}/` : ''}${commandId}/${input.instanceId}/${plugin.replace(':', '')}`
      : undefined;
    const pluginSpec: CommandPluginSpec = {
      name: plugin,
      status: pluginStatus,
      statusDetails: outcome === 'Skipped' ? 'Success' : outcome,
      responseCode: input.exitCode,
      stdout,
      stderr,
      outputS3Region: s3?.OutputS3Region ?? this.cursor.region ?? 'us-east-1',
    };
    if (ran) {
      pluginSpec.startedAt = startedAt;
      pluginSpec.endedAt = startedAt + (outcome === 'ExecutionTimedOut' ? 3600 : 2.35);
    }
    if (s3Prefix && ran) {
      pluginSpec.stdoutUrl = `${s3Prefix}/stdout`;
      pluginSpec.stderrUrl = stderr ? `${s3Prefix}/stderr` : '';
      pluginSpec.outputS3BucketName = s3?.OutputS3BucketName ?? '';
      pluginSpec.outputS3KeyPrefix = `${s3?.OutputS3KeyPrefix ? `${s3.OutputS3KeyPrefix}/` : ''}${commandId}/${input.instanceId}/${plugin.replace(':', '')}`;
    }
    this.commandInvocation({
      commandId,
      instanceId: input.instanceId,
      documentName: a.Name,
      documentVersion: a.DocumentVersion === '$DEFAULT' ? '' : (a.DocumentVersion ?? ''),
      comment: `${a.AssociationId}:${e.ExecutionId}`,
      requestedAt: e.CreatedTime + 0.8,
      status: commandStatus,
      statusDetails: outcome === 'Skipped' ? 'Success' : outcome,
      plugins: [pluginSpec],
    });

    const targetStatus = input.targetStatus ?? (outcome === 'Success' || outcome === 'Skipped' ? 'Success' : 'Failed');
    const targetDetailed = input.targetDetailedStatus ?? (outcome === 'Skipped' ? 'Success' : outcome);
    this.target({
      resourceId: input.instanceId,
      status: targetStatus,
      detailedStatus: targetDetailed,
      commandId,
      at: startedAt + 3,
    });

    if (ran && input.instanceStatus !== false) {
      const failures =
        outcome === 'Failed'
          ? [{ plugin, reason: stderr.trim() || `failed to run commands: exit status ${input.exitCode}` }]
          : [];
      const summary = executionSummary({
        success: outcome === 'Success' ? 1 : 0,
        failed: outcome === 'Failed' ? 1 : 0,
        timedOut: outcome === 'ExecutionTimedOut' ? 1 : 0,
        skipped: outcome === 'Skipped' ? 1 : 0,
        failures,
      });
      const status = targetStatus;
      this.instanceAssociationStatus({
        instanceId: input.instanceId,
        status,
        detailedStatus: targetDetailed,
        ...(status === 'Failed' ? { errorCode: outcome === 'ExecutionTimedOut' ? 'TimedOut' : 'ExecutionError' } : {}),
        executionSummary: summary,
        ...(s3?.OutputS3BucketName
          ? {
              outputUrl: `https://s3.console.aws.amazon.com/s3/object/${s3.OutputS3BucketName}?region=${s3.OutputS3Region}&prefix=${s3.OutputS3KeyPrefix ? `${s3.OutputS3KeyPrefix}/` : ''}${input.instanceId}/${a.AssociationId}/${e.ExecutionId}/`,
            }
          : {}),
        at: startedAt + 3,
        ...(input.instanceStatus || {}),
      });
    }
    return this;
  }

  /** A failed Run Command target: non-zero exit with stderr (the agent appends `failed to run commands: exit status N`). */
  runCommandFailure(input: Omit<RunCommandInput, 'outcome'>): this {
    const stderr = input.stderr ?? '';
    const suffix = `failed to run commands: exit status ${input.exitCode}`;
    return this.runCommand({
      ...input,
      outcome: 'Failed',
      stderr: stderr.includes(suffix) ? stderr : `${stderr}${stderr && !stderr.endsWith('\n') ? '\n' : ''}${suffix}`,
    });
  }

  runCommandSuccess(input: Omit<RunCommandInput, 'outcome' | 'exitCode'> & { exitCode?: number }): this {
    return this.runCommand({ exitCode: 0, stdout: 'OK\n', ...input, outcome: 'Success' });
  }

  /** Adds an automation execution (with its step executions). */
  automationExecution(input: AutomationExecutionInput): this {
    const started = this.t(input.startedAt ?? this.cursor.execution?.CreatedTime ?? '1h ago');
    const steps: WireStepExecution[] = (input.steps ?? []).map((s, i) => {
      const step: WireStepExecution = {
        StepName: s.name,
        Action: s.action ?? 'aws:executeAwsApi',
        ExecutionStartTime: s.startedAt !== undefined ? this.t(s.startedAt) : started + 0.4 + i,
        ExecutionEndTime: s.endedAt !== undefined ? this.t(s.endedAt) : started + 0.9 + i,
        StepStatus: s.status,
        StepExecutionId: uuidFrom(`${input.executionId}:step:${i}`),
        OverriddenParameters: {},
      };
      if (s.inputs) step.Inputs = s.inputs;
      if (s.outputs) step.Outputs = s.outputs;
      if (s.failureMessage !== undefined) step.FailureMessage = s.failureMessage;
      if (s.failureDetails) step.FailureDetails = s.failureDetails;
      return step;
    });
    const ex: WireAutomationExecution = {
      AutomationExecutionId: input.executionId,
      DocumentName: input.documentName,
      DocumentVersion: input.documentVersion ?? '1',
      ExecutionStartTime: started,
      ExecutionEndTime: this.t(input.endedAt ?? started + 1.2 + steps.length),
      AutomationExecutionStatus: input.status,
      StepExecutions: steps,
      StepExecutionsTruncated: false,
      Parameters: input.parameters ?? {},
      Outputs: {},
      Mode: 'Auto',
      ExecutedBy:
        input.executedBy ??
        `arn:aws:sts::${this.cursor.account ?? DEFAULT_CALLER.account}:assumed-role/AWSServiceRoleForAmazonSSM/StateManagerService`,
      Targets: [],
      ResolvedTargets: { ParameterValues: [], Truncated: false },
    };
    if (input.failureMessage !== undefined) ex.FailureMessage = input.failureMessage;
    if (input.targetParameterName) ex.TargetParameterName = input.targetParameterName;
    const associationId = input.associationId ?? this.cursor.association?.AssociationId;
    if (associationId) ex.AssociationId = associationId;
    const region = this.regionData();
    region.automationExecutions ??= [];
    region.automationExecutions.push(ex);
    return this;
  }

  /** Adds an EC2 instance (ec2:DescribeInstances). */
  ec2Instance(input: Ec2InstanceSpec): this {
    const region = this.regionData();
    region.ec2Instances ??= [];
    region.ec2Instances.push({ launchTime: this.t('90d ago'), ...input });
    return this;
  }

  /** A raw service setting. */
  serviceSetting(settingId: string, value: string, status: 'Default' | 'Customized' = 'Customized'): this {
    const account = this.need('account', this.cursor.account);
    const region = this.need('region', this.cursor.region);
    const data = this.regionData();
    data.serviceSettings ??= {};
    data.serviceSettings[settingId] = {
      SettingId: settingId,
      SettingValue: value,
      LastModifiedDate: this.t('200d ago'),
      LastModifiedUser: status === 'Default' ? 'System' : `arn:aws:sts::${account}:assumed-role/Admin/jane`,
      ARN: `arn:aws:ssm:${region}:${account}:servicesetting${settingId}`,
      Status: status,
    };
    return this;
  }

  /** Default Host Management Configuration: a role name turns it on. */
  dhmc(roleName = 'service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole'): this {
    return this.serviceSetting(DHMC_SETTING_ID, roleName, 'Customized');
  }

  fault(fault: Fault): this {
    this.data.faults.push(fault);
    return this;
  }

  /** The latest SSM Agent version published for a region (`*` = every region). */
  agentVersion(version: string, region = '*'): this {
    this.data.agentVersions[region] = version;
    return this;
  }

  /** The scenario, with derived fields filled in. Build once per fake. */
  build(): Scenario {
    for (const account of Object.values(this.data.accounts)) {
      for (const region of Object.values(account.regions)) this.derive(region);
    }
    return this.data;
  }

  private derive(region: RegionData): void {
    for (const a of region.associations ?? []) {
      const executions = [...(region.executions?.[a.AssociationId] ?? [])].sort(
        (x, y) => y.CreatedTime - x.CreatedTime,
      );
      for (const e of executions) {
        if (this.explicitCounts.has(e)) continue;
        const source = region.executionTargets?.[e.ExecutionId];
        e.ResourceCountByStatus = resourceCountString(countBy(source, (t) => t.Status));
        if (e.LastExecutionDate === undefined && targetCount(source) > 0) e.LastExecutionDate = e.CreatedTime + 4;
      }
      const meta = this.associationMeta.get(a);
      const newest = executions[0];
      if (!meta?.explicitLastExecution && newest) a.LastExecutionDate = newest.CreatedTime;
      const lastSuccess = executions.find((e) => e.Status === 'Success');
      if (!meta?.explicitLastSuccess && lastSuccess) a.LastSuccessfulExecutionDate = lastSuccess.CreatedTime;
      if (!meta?.explicitOverview) {
        if (!newest) {
          a.Overview = { Status: 'Pending', DetailedStatus: 'Creating', AssociationStatusAggregatedCount: {} };
        } else {
          const counts = countBy(region.executionTargets?.[newest.ExecutionId], (t) => t.Status);
          a.Overview = {
            Status: newest.Status === 'Success' || newest.Status === 'Failed' ? newest.Status : 'Pending',
            DetailedStatus: newest.DetailedStatus ?? newest.Status,
            AssociationStatusAggregatedCount: counts,
          };
        }
      }
    }
  }

  private need<T>(what: string, value: T | undefined): T {
    if (value === undefined) throw new Error(`scenario builder: select an ${what} first`);
    return value;
  }
}

function targetCount(source: TargetSource | undefined): number {
  if (!source) return 0;
  return Array.isArray(source) ? source.length : source.count;
}

function countBy(
  source: TargetSource | undefined,
  key: (t: WireAssociationExecutionTarget) => string,
): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!source) return counts;
  const n = targetCount(source);
  for (let i = 0; i < n; i++) {
    const t = Array.isArray(source) ? (source[i] as WireAssociationExecutionTarget) : source.at(i);
    const k = key(t);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** Starts a scenario. `now` anchors relative times such as `3h ago` (default SCENARIO_NOW). */
export function scenario(options: { now?: Date } = {}): ScenarioBuilder {
  return new ScenarioBuilder(options);
}
