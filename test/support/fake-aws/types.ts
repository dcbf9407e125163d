// The data a fake AWS serves: a Scenario. Plain data (plus a few generator functions), mutable while the
// fake runs — the server reads it on every request. Build them with test/support/scenarios/.
import type {
  EpochSeconds,
  WireAssociationDescription,
  WireAssociationExecution,
  WireAssociationExecutionTarget,
  WireAutomationExecution,
  WireDocumentDescription,
  WireInstanceAssociationStatusInfo,
  WireInstanceInformation,
  WireServiceSetting,
} from './wire.ts';

export type FakeService = 'ssm' | 'sts' | 'ec2' | 's3';

/** An IAM identity that signs requests. */
export interface FakeIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** A role the fake lets principals assume. */
export interface RoleSpec {
  /** Required ExternalId; AssumeRole without it (or with another) gets AccessDenied. */
  externalId?: string;
  /** The role's MaxSessionDuration (default 3600). */
  maxSessionDurationSeconds?: number;
  /** Accounts allowed to assume the role (trust policy); undefined → any. */
  trustedAccounts?: string[];
  /** Overrides the lifetime of issued credentials (e.g. 1 → they expire almost at once). */
  credentialLifetimeSeconds?: number;
}

/**
 * Execution targets too many to write out: `count` targets, `at(i)` builds the i-th one on demand.
 * The fake pages through them (with filters) without materialising the list.
 */
export interface GeneratedTargets {
  kind: 'generated';
  count: number;
  at(index: number): WireAssociationExecutionTarget;
}

export type TargetSource = WireAssociationExecutionTarget[] | GeneratedTargets;

export interface CommandPluginSpec {
  /** e.g. `aws:runShellScript`. */
  name: string;
  /** CommandPluginStatus: Pending | InProgress | Success | TimedOut | Cancelled | Failed. */
  status: 'Pending' | 'InProgress' | 'Success' | 'TimedOut' | 'Cancelled' | 'Failed';
  /** e.g. Success, Failed, ExecutionTimedOut, DeliveryTimedOut, Undeliverable, InvalidPlatform, Terminated. */
  statusDetails: string;
  /** Exit code; -1 when the plugin never started (and on Windows execution timeouts). */
  responseCode: number;
  startedAt?: EpochSeconds;
  endedAt?: EpochSeconds;
  stdout: string;
  stderr: string;
  stdoutUrl?: string;
  stderrUrl?: string;
  outputS3Region?: string;
  outputS3BucketName?: string;
  outputS3KeyPrefix?: string;
}

/** One Run Command invocation (one command on one node); the fake derives GetCommandInvocation and ListCommandInvocations. */
export interface CommandInvocationSpec {
  commandId: string;
  instanceId: string;
  documentName: string;
  documentVersion?: string;
  /** State Manager puts `<association-id>:<execution-id>` here. */
  comment?: string;
  requestedAt: EpochSeconds;
  /** CommandInvocationStatus: Pending | InProgress | Delayed | Success | Cancelled | TimedOut | Failed | Cancelling. */
  status: 'Pending' | 'InProgress' | 'Delayed' | 'Success' | 'Cancelled' | 'TimedOut' | 'Failed' | 'Cancelling';
  statusDetails: string;
  plugins: CommandPluginSpec[];
  cloudWatchLogGroup?: string;
}

export interface Ec2InstanceSpec {
  instanceId: string;
  state: 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';
  instanceType?: string;
  /** Omitted → no instance profile attached. */
  instanceProfileArn?: string;
  httpTokens?: 'required' | 'optional';
  /** `windows` for Windows instances; omitted on Linux. */
  platform?: 'windows';
  platformDetails?: string;
  privateIpAddress?: string;
  launchTime?: EpochSeconds;
  tags?: Record<string, string>;
}

/** Everything one account holds in one region. */
export interface RegionData {
  associations?: WireAssociationDescription[];
  /** Document name (or ARN, for shared documents) → its versions. Absent → InvalidDocument. */
  documents?: Record<string, WireDocumentDescription[]>;
  /** Association id → executions (any order; the fake serves them newest first). */
  executions?: Record<string, WireAssociationExecution[]>;
  /** Execution id → its targets. */
  executionTargets?: Record<string, TargetSource>;
  /** DescribeInstanceInformation rows (managed nodes). */
  instances?: WireInstanceInformation[];
  /** Tags of managed nodes, for `tag:Key` / `tag-key` filters (DescribeInstanceInformation has no Tags member). */
  instanceTags?: Record<string, Record<string, string>>;
  /** Instance id → DescribeInstanceAssociationsStatus rows. */
  instanceAssociationStatuses?: Record<string, WireInstanceAssociationStatusInfo[]>;
  commandInvocations?: CommandInvocationSpec[];
  /** With StepExecutions; DescribeAutomationStepExecutions serves those. */
  automationExecutions?: WireAutomationExecution[];
  /** Setting id (path form, e.g. `/ssm/managed-instance/default-ec2-instance-management-role`) → setting. */
  serviceSettings?: Record<string, WireServiceSetting>;
  ec2Instances?: Ec2InstanceSpec[];
}

export interface AccountData {
  regions: Record<string, RegionData>;
}

/** An injected failure or delay. The first matching fault with calls left fires. */
export interface Fault {
  service?: FakeService;
  /** Operation name, e.g. `DescribeInstanceInformation`, `AssumeRole`; `*` for any. */
  operation: string;
  /** Only calls made with this account's credentials. */
  account?: string;
  region?: string;
  /** Error code, e.g. `AccessDeniedException`, `ThrottlingException`. Omitted → only the delay applies. */
  code?: string;
  message?: string;
  /** HTTP status; defaults per service and code (400, 403 for STS AccessDenied / EC2 UnauthorizedOperation, 500 for faults). */
  status?: number;
  /** Fire for the first N matching calls only (e.g. throttle twice, then succeed). Omitted → always. */
  times?: number;
  /** Wait this long before answering (or failing). */
  delayMs?: number;
  /** Narrow by request parameters. */
  match?: (params: Record<string, unknown>) => boolean;
}

export interface Scenario {
  /** Who the app's own (static, non-`ASIA`) credentials belong to. */
  caller: FakeIdentity;
  /** Static access key id → identity, for tests with several base identities; others map to `caller`. */
  staticIdentities?: Record<string, FakeIdentity>;
  /** Assumable roles by ARN. */
  roles: Record<string, RoleSpec>;
  /** Account id → regions → data. */
  accounts: Record<string, AccountData>;
  /** Region → content of `amazon-ssm-{region}/latest/VERSION`; `*` applies to any region. Absent → 404. */
  agentVersions: Record<string, string>;
  faults: Fault[];
}

/** One request the fake answered, in arrival order. */
export interface RecordedCall {
  service: FakeService;
  operation: string;
  /** SSM: the JSON body; STS/EC2: the decoded form (EC2 lists as arrays); S3: bucket and key. */
  params: Record<string, unknown>;
  /** From the SigV4 credential scope (S3 VERSION: from the bucket name). */
  region?: string;
  accessKeyId?: string;
  /** The account whose credentials signed the request. */
  account?: string;
  /** AssumeRole only. */
  roleArn?: string;
  roleSessionName?: string;
  externalId?: string;
  durationSeconds?: number;
  status: number;
  errorCode?: string;
  requestId: string;
  /** SSM: the JSON response body (for model checks). */
  response?: unknown;
  /** Milliseconds since the fake started. */
  at: number;
  /** The SDK's `amz-sdk-request` header, e.g. `attempt=2; max=4` (retries are visible on the wire). */
  sdkRequest?: string;
  /** The SDK's User-Agent (its `m/…` feature list names the retry strategy: E standard, F adaptive). */
  userAgent?: string;
}

/** Temporary credentials the fake issued (AssumeRole), or credentials it minted for a test. */
export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  identity: FakeIdentity;
  roleArn?: string;
  sessionName?: string;
}
