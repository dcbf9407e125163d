// The facts an investigation gathers, in domain words. The AWS adapter maps SDK shapes to these;
// checks read only these. Status strings stay `string`: AWS documents them as free text and new
// values appear without notice, so nothing here may assume a closed set.

/** Which account and region an investigation runs in. */
export interface Scope {
  accountId: string;
  accountName: string;
  region: string;
}

/** Who the investigation runs as (sts:GetCallerIdentity, or the assumed role). */
export interface IdentityFacts {
  arn: string;
  account: string;
  /** The role assumed, when the account is configured with one; undefined = the app's own credentials. */
  roleArn?: string;
  externalIdUsed: boolean;
  sessionName?: string;
}

export interface TargetSelector {
  key: string;
  values: string[];
}

/** DescribeAssociation → AssociationDescription. */
export interface AssociationFacts {
  associationId: string;
  associationName?: string;
  associationVersion?: string;
  documentName: string;
  documentVersion?: string;
  /** Legacy InstanceId associations only. */
  instanceId?: string;
  /** Overview.Status — Pending | Success | Failed (free text). */
  status?: string;
  /** Overview.DetailedStatus. */
  detailedStatus?: string;
  /** Overview.AssociationStatusAggregatedCount: status → node count. */
  statusCounts: Record<string, number>;
  /** Root-level Status (legacy associations). */
  legacyStatus?: { name?: string; message?: string };
  scheduleExpression?: string;
  applyOnlyAtCronInterval: boolean;
  scheduleOffset?: number;
  /** Hours after which running executions are cancelled. */
  duration?: number;
  calendarNames: string[];
  targets: TargetSelector[];
  targetLocationCount: number;
  maxConcurrency?: string;
  maxErrors?: string;
  outputS3?: { region?: string; bucketName?: string; keyPrefix?: string };
  automationTargetParameterName?: string;
  /** Parameter name → values; values may hold `{{ssm:…}}` references. */
  parameters: Record<string, string[]>;
  syncCompliance?: string;
  complianceSeverity?: string;
  dispatchAssumeRole?: string;
  createdAt?: Date;
  lastUpdatedAt?: Date;
  lastExecutionAt?: Date;
  lastSuccessfulExecutionAt?: Date;
}

export interface DocumentParameterFacts {
  name: string;
  type?: string;
  /** Required parameters have no default value. */
  hasDefault: boolean;
  defaultValue?: string;
}

/** DescribeDocument → Document; or why it could not be read. */
export type DocumentFacts =
  | {
      found: true;
      name: string;
      /** The version described (the association's pinned one, or the default). */
      version?: string;
      documentType?: string; // Command | Policy | Automation | …
      schemaVersion?: string;
      platformTypes: string[]; // Windows | Linux | MacOS
      status?: string; // Creating | Active | Updating | Deleting | Failed
      statusInformation?: string;
      parameters: DocumentParameterFacts[];
      targetType?: string;
      defaultVersion?: string;
      latestVersion?: string;
      owner?: string;
    }
  | {
      found: false;
      name: string;
      version?: string;
      /** InvalidDocument (deleted / not shared) or InvalidDocumentVersion (pinned version gone). */
      errorCode: string;
      message: string;
    };

/** DescribeAssociationExecutions → one execution (a run). */
export interface ExecutionFacts {
  executionId: string;
  associationVersion?: string;
  status: string;
  detailedStatus?: string;
  createdAt?: Date;
  lastExecutionAt?: Date;
  /** ResourceCountByStatus, parsed from AWS's `{Success=1, Failed=2}` string. */
  resourceCounts: Record<string, number>;
  /** The raw ResourceCountByStatus string, for evidence. */
  resourceCountsRaw?: string;
}

export interface OutputSourceFacts {
  /** RunCommand: the CommandId. Automation: the automation execution id. */
  id: string;
  /** RunCommand | Automation | … */
  type: string;
}

/** DescribeAssociationExecutionTargets → one target (resource) of one execution. */
export interface ExecutionTargetFacts {
  resourceId: string;
  resourceType?: string;
  status: string;
  detailedStatus?: string;
  lastExecutionAt?: Date;
  outputSource?: OutputSourceFacts;
}

/** Targets of one execution with the same Status / DetailedStatus. */
export interface TargetGroupFacts {
  status: string;
  detailedStatus?: string;
  count: number;
  /** A bounded sample of the group's targets (never all of them). */
  samples: ExecutionTargetFacts[];
}

/** The targets of one execution, grouped; built without a call per target. */
export interface ExecutionTargetsFacts {
  executionId: string;
  total: number;
  groups: TargetGroupFacts[];
  /** True when the groups were built from a subset (e.g. only non-successful statuses were listed). */
  partial: boolean;
}

/** The agent's ExecutionSummary string, parsed. */
export interface ExecutionSummaryFacts {
  raw: string;
  processed?: number;
  plugins?: number;
  success?: number;
  failed?: number;
  timedOut?: number;
  skipped?: number;
  /** `The operation <plugin> failed because <stderr>.` tails. */
  failures: { plugin: string; reason: string }[];
  truncated: boolean;
}

/** DescribeInstanceAssociationsStatus → one row. */
export interface InstanceAssociationStatusFacts {
  associationId: string;
  associationName?: string;
  documentName?: string;
  documentVersion?: string;
  status?: string;
  detailedStatus?: string;
  errorCode?: string;
  executionSummary?: ExecutionSummaryFacts;
  outputUrl?: string;
  executionAt?: Date;
}

/** ec2:DescribeInstances → what matters for an unmanaged node. */
export interface Ec2InstanceFacts {
  instanceId: string;
  state?: string; // pending | running | stopping | stopped | shutting-down | terminated
  instanceProfileArn?: string;
  /** MetadataOptions.HttpTokens: required (IMDSv2 only) | optional. */
  httpTokens?: string;
  platform?: string;
}

/** A target node, joined across DescribeInstanceInformation, DescribeInstanceAssociationsStatus and EC2. */
export interface NodeFacts {
  instanceId: string;
  /** False when DescribeInstanceInformation returned nothing for it; undefined when that call failed (unknown). */
  managed?: boolean;
  pingStatus?: string; // Online | ConnectionLost | Inactive
  lastPingAt?: Date;
  agentVersion?: string;
  isLatestVersion?: boolean;
  platformType?: string; // Linux | Windows | MacOS
  platformName?: string;
  platformVersion?: string;
  iamRole?: string;
  resourceType?: string; // EC2Instance | ManagedInstance
  computerName?: string;
  /** This association's row for the node, when there is one. */
  associationStatus?: InstanceAssociationStatusFacts;
  /** Every association row on the node (to spot duplicate inventory associations). */
  allAssociations?: InstanceAssociationStatusFacts[];
  ec2?: Ec2InstanceFacts;
  /** The target groups this node was sampled from (status / detailed status). */
  targetStatus?: string;
  targetDetailedStatus?: string;
}

/** What one `tag:` target selector resolves to now: DescribeInstanceInformation with the tag filter (one page). */
export interface TargetResolutionFacts {
  /** e.g. `tag:Environment`. */
  key: string;
  values: string[];
  /** Managed nodes carrying the tag (at most one page). */
  matched: number;
  /** More than one page matched. */
  more: boolean;
  sample: string[];
}

/** GetServiceSetting(/ssm/managed-instance/default-ec2-instance-management-role). */
export interface DefaultHostManagementFacts {
  /** The role name when DHMC is configured; undefined when not. */
  roleName?: string;
  settingStatus?: string;
}

/** The latest SSM Agent version published for the region, or why it is unknown. */
export interface AgentReleaseFacts {
  region: string;
  latestVersion?: string;
  /** Why the latest version could not be checked. */
  unavailableReason?: string;
}

/** GetCommandInvocation for one plugin of one target. */
export interface CommandInvocationFacts {
  commandId: string;
  instanceId: string;
  documentName?: string;
  pluginName?: string;
  status?: string;
  statusDetails?: string;
  responseCode?: number;
  startedAt?: Date;
  endedAt?: Date;
  stdout: string;
  stderr: string;
  stdoutUrl?: string;
  stderrUrl?: string;
  cloudWatchLogGroup?: string;
}

export interface AutomationStepFacts {
  stepName: string;
  action?: string;
  status?: string;
  failureMessage?: string;
  failureStage?: string;
  failureType?: string;
  failureDetails?: string;
  outputs?: Record<string, string[]>;
}

/** GetAutomationExecution (+ DescribeAutomationStepExecutions for failed steps). */
export interface AutomationExecutionFacts {
  executionId: string;
  documentName?: string;
  status?: string;
  failureMessage?: string;
  parameters: Record<string, string[]>;
  failedSteps: AutomationStepFacts[];
  startedAt?: Date;
  endedAt?: Date;
}

/** One sample of output per distinct failure signature. */
export interface OutputSampleFacts {
  /** Stable key of the failure kind, e.g. `Failed|Failed|exit 1|<first stderr line>`. */
  signature: string;
  resourceId: string;
  /** How many failed targets share the target-level status this sample stands for. */
  targetCount: number;
  targetStatus: string;
  targetDetailedStatus?: string;
  command?: CommandInvocationFacts;
  automation?: AutomationExecutionFacts;
  /** Why the output could not be read (expired invocation, access denied, …). */
  unavailableReason?: string;
}

/** The steps of an investigation, in order. */
export const STEP_KEYS = [
  'access',
  'association',
  'executions',
  'targets',
  'nodes',
  'agent-version',
  'output',
  'diagnosis',
] as const;
export type StepKey = (typeof STEP_KEYS)[number];

/** Something a step could not see, and why; reported with the verdict. */
export interface FactGap {
  step: StepKey;
  kind: 'access-denied' | 'not-found' | 'throttled' | 'error' | 'unavailable';
  /** The AWS operation, e.g. `DescribeInstanceInformation`. */
  operation?: string;
  /** The IAM action refused, e.g. `ssm:DescribeInstanceInformation`. */
  action?: string;
  /** The AWS error code, e.g. `AccessDenied`, `ThrottlingException`. */
  code?: string;
  message: string;
}

/** Everything an investigation knows; each step adds its slice. */
export interface InvestigationFacts {
  /** The time the facts are judged against (injected, so checks stay pure). */
  now: Date;
  scope: Scope;
  identity?: IdentityFacts;
  association?: AssociationFacts;
  document?: DocumentFacts;
  /** Newest first; bounded. */
  executions?: ExecutionFacts[];
  /** Targets of the newest execution. */
  latestTargets?: ExecutionTargetsFacts;
  /** Targets of the newest failed execution, when it is not the newest one. */
  failedTargets?: ExecutionTargetsFacts;
  /** Sampled failing or pending nodes (bounded). */
  nodes?: NodeFacts[];
  dhmc?: DefaultHostManagementFacts;
  /** For an association that never ran: what its tag selectors match now. */
  targetResolution?: TargetResolutionFacts[];
  agentRelease?: AgentReleaseFacts;
  outputs?: OutputSampleFacts[];
  gaps: FactGap[];
}
