// The interfaces the investigation flow needs from the outside world, in domain words.
// Adapters in src/aws, src/store and src/slack implement them; tests pass fakes of the outside world.

import type {
  AssociationFacts,
  AutomationExecutionFacts,
  CommandInvocationFacts,
  DefaultHostManagementFacts,
  DocumentFacts,
  Ec2InstanceFacts,
  ExecutionFacts,
  ExecutionTargetsFacts,
  FactGap,
  IdentityFacts,
  InstanceAssociationStatusFacts,
  InvestigationFacts,
  NodeFacts,
  StepKey,
} from '../domain/facts.ts';
import type { Diagnosis, Finding } from '../domain/finding.ts';
import type { FeedbackVote, StatsInvestigation } from '../domain/verdict-stats.ts';
import type { Lang } from '../i18n/index.ts';

/** An AWS account the app may investigate, as configured in the accounts file. */
export interface AccountRef {
  name: string;
  id: string;
  /** Omitted → the app's own credentials. */
  roleArn?: string;
  externalId?: string;
  regions: string[];
  /** Slack channel ids allowed to use the account; undefined → any channel. */
  channels?: string[];
  /** The role Run now assumes (StartAssociationsOnce + the verify reads); undefined → no Run now. */
  remediatorRoleArn?: string;
  /** Who may confirm Run now: Slack user ids (U…/W…) or user-group ids (S…). */
  remediators?: string[];
}

/** Who asked, for authorization, CloudTrail attribution and audit. */
export interface Requester {
  teamId: string;
  channelId: string;
  userId: string;
}

/** One managed-node row of DescribeInstanceInformation (without the joined association/EC2 parts). */
export type ManagedNodeInfo = Omit<
  NodeFacts,
  'associationStatus' | 'allAssociations' | 'ec2' | 'targetStatus' | 'targetDetailedStatus'
>;

/** A row of ListAssociations (for alert polling). */
export interface AssociationSummary {
  associationId: string;
  associationName?: string;
  documentName?: string;
  status?: string;
  detailedStatus?: string;
  statusCounts: Record<string, number>;
  lastExecutionAt?: Date;
}

/** ListAssociations rows; `truncated` when a page limit stopped the listing early. */
export type AssociationList = AssociationSummary[] & { truncated?: boolean };

/**
 * Read-only SSM/EC2 access in one account and region, through the account's role.
 * Every method throws AppError: `not-found`, `access-denied` (with `action`), `throttled`, `timeout`, `upstream`.
 */
export interface SsmReader {
  identity(): Promise<IdentityFacts>;
  describeAssociation(associationId: string): Promise<AssociationFacts>;
  /** Never throws not-found: a missing document or version comes back as `{ found: false }`. */
  describeDocument(name: string, version?: string): Promise<DocumentFacts>;
  /** Newest first, at most `limit`. */
  listExecutions(associationId: string, limit: number): Promise<ExecutionFacts[]>;
  /**
   * Targets of one execution grouped by Status / DetailedStatus, with a bounded sample per group.
   * With `statuses`, only targets in those statuses are listed (server-side filter, one listing per status),
   * so a large execution costs pagination over the failing targets only.
   */
  listExecutionTargets(
    associationId: string,
    executionId: string,
    options: {
      statuses?: string[];
      samplesPerGroup: number;
      /** Stop after this many pages per status: a spot check, not a census. */
      maxPages?: number;
    },
  ): Promise<ExecutionTargetsFacts>;
  /** DescribeInstanceInformation filtered by one tag (`tag:<key>` = any of `values`): one page, at most 50 nodes. */
  describeManagedNodesByTag(tagKey: string, values: string[]): Promise<{ nodes: ManagedNodeInfo[]; more: boolean }>;
  /** DescribeInstanceInformation for these ids (batched); ids absent from the result are not managed. */
  describeManagedNodes(instanceIds: string[]): Promise<ManagedNodeInfo[]>;
  describeInstanceAssociations(instanceId: string): Promise<InstanceAssociationStatusFacts[]>;
  /** Only EC2 instance ids (i-…); others are ignored. */
  describeEc2Instances(instanceIds: string[]): Promise<Ec2InstanceFacts[]>;
  defaultHostManagement(): Promise<DefaultHostManagementFacts>;
  getCommandInvocation(commandId: string, instanceId: string, pluginName?: string): Promise<CommandInvocationFacts>;
  /** ListCommandInvocations(Details=true): one entry per plugin, with its (≤ 2,500 chars) output. */
  listCommandPlugins(commandId: string, instanceId: string): Promise<CommandInvocationFacts[]>;
  getAutomationExecution(executionId: string): Promise<AutomationExecutionFacts>;
  /**
   * ListAssociations; with `maxPages`, at most that many calls, and `truncated` says when more were left.
   * With `status`, only associations in that Overview.Status (server-side `AssociationStatusName` filter).
   */
  listAssociations(options?: { maxPages?: number; status?: string }): Promise<AssociationList>;
}

/** The one write ssm-why makes, under the account's remediator role. Throws AppError like SsmReader. */
export interface SsmRemediator {
  /** StartAssociationsOnce for one association. */
  startAssociationOnce(associationId: string): Promise<void>;
}

/** Hands out readers; credentials and clients are cached per role and per (account, region). */
export interface AwsGateway {
  reader(account: AccountRef, region: string, requester: Pick<Requester, 'userId'>): SsmReader;
  /** Under `account.remediatorRoleArn` (session `ssm-why-<user>`); throws when the account has none. */
  remediator?(account: AccountRef, region: string, requester: Pick<Requester, 'userId'>): SsmRemediator;
}

/** The latest SSM Agent version published for a region. Throws when it cannot be reached. */
export interface AgentReleaseSource {
  latestVersion(region: string): Promise<string>;
}

export type InvestigationTrigger = 'command' | 'alert' | 'button';
export type InvestigationStatus = 'queued' | 'running' | 'done' | 'failed';
export type StepStatus = 'ok' | 'warning' | 'failed' | 'skipped' | 'error';

/** A fact line shown under a step, e.g. `Ping status: ConnectionLost`. */
export interface StepFact {
  label: string;
  value: string;
}

/** The outcome of one step, as persisted and as rendered. */
export interface StepResult {
  key: StepKey;
  ordinal: number;
  title: string;
  status: StepStatus;
  /** What the step saw, for people. */
  facts: StepFact[];
  /** Findings of the checks that could run after this step. */
  findings: Finding[];
  gaps: FactGap[];
  durationMs: number;
  /** The slice of InvestigationFacts this step added (persisted so a resumed run can rebuild the facts). */
  patch: Partial<InvestigationFacts>;
}

export interface NewInvestigation {
  associationId: string;
  accountId: string;
  accountName: string;
  region: string;
  trigger: InvestigationTrigger;
  teamId: string;
  channelId: string;
  userId: string;
  /** When a re-run or an alert puts the investigation in an existing thread. */
  threadTs?: string;
  /** The language of everything posted in its thread (the channel's, else the requester's); English if unset. */
  lang?: Lang;
}

export interface InvestigationRecord extends NewInvestigation {
  id: string;
  status: InvestigationStatus;
  rootTs?: string;
  verdictSummary?: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
}

export interface StoredStep extends StepResult {
  messageTs?: string;
}

/** The database could not be reached (a lost, refused or timed-out connection): trying again later may work. */
export class StoreUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super(
      `the database is unavailable: ${cause instanceof Error ? cause.message.trim().split('\n').pop() : String(cause)}`,
    );
    this.name = 'StoreUnavailable';
  }
}

/** Persistence of investigations and their steps. */
export interface InvestigationStore {
  /** `id` given → the investigation gets that id (its request's id). */
  create(input: NewInvestigation & { id?: string }): Promise<InvestigationRecord>;
  get(id: string): Promise<InvestigationRecord | undefined>;
  markRunning(id: string): Promise<void>;
  setRootMessage(id: string, message: { rootTs: string; threadTs: string }): Promise<void>;
  /**
   * Idempotent per (investigation, ordinal): a resumed run never stores a step twice. Throws StoreUnavailable when
   * the database cannot be reached (as opposed to refusing the data).
   */
  appendStep(id: string, step: StepResult): Promise<void>;
  setStepMessage(id: string, ordinal: number, messageTs: string): Promise<void>;
  listSteps(id: string): Promise<StoredStep[]>;
  finish(
    id: string,
    outcome: { status: 'done' | 'failed'; verdictSummary: string; diagnosis?: Diagnosis },
  ): Promise<void>;
  /** Newest first. */
  findRecent(query: {
    teamId: string;
    channelId?: string;
    associationId?: string;
    limit: number;
  }): Promise<InvestigationRecord[]>;
}

/** Where each association was last found, so the next look-up goes straight there. */
export interface AssociationLocationStore {
  find(associationId: string): Promise<{ accountId: string; region: string } | undefined>;
  remember(associationId: string, location: { accountId: string; region: string }): Promise<void>;
}

export interface AuditEventInput {
  kind: string; // e.g. 'investigation.refused', 'subscription.created'
  teamId?: string;
  channelId?: string;
  userId?: string;
  accountId?: string;
  subject?: string; // e.g. the association id
  detail?: Record<string, unknown>;
}

export interface AuditLog {
  record(event: AuditEventInput): Promise<void>;
}

/** Where progress goes: Slack threads, or a terminal. */
export interface ProgressSink {
  /** Returns the root message (and the thread it opens) when the sink posts one. */
  started(investigation: InvestigationRecord): Promise<{ rootTs: string; threadTs: string } | undefined>;
  /** Returns the posted message's ts when the sink posts one. */
  stepFinished(
    investigation: InvestigationRecord,
    step: StepResult,
    totalSteps: number,
  ): Promise<{ messageTs?: string }>;
  /** Posts the verdict; returns its message ts when the sink posts one. */
  finished(
    investigation: InvestigationRecord,
    diagnosis: Diagnosis,
    steps: StepResult[],
  ): Promise<{ messageTs?: string }>;
}

/** Options of one job. */
export interface JobOptions {
  /** While a job with this key waits to start, another send with the same key is dropped (returns null). */
  singletonKey?: string;
  /** How many times a failed job is tried again (default 2). */
  retryLimit?: number;
  /** Delay before the job may start. */
  startAfterSeconds?: number;
  /** Delay before a failed job is tried again (default: at once). */
  retryDelaySeconds?: number;
  /** Doubles the retry delay on each try. */
  retryBackoff?: boolean;
}

/** Durable background jobs in the database: they survive restarts, and a failed job is tried again. */
export interface JobQueue {
  /** Returns the job id, or null when a job with the same `singletonKey` is already waiting. */
  send<T extends object>(name: string, data: T, options?: JobOptions): Promise<string | null>;
  /** Runs `handler` for each job of `name`, up to `concurrency` (default 1) at a time in this process. A throw fails the job. */
  work<T extends object>(
    name: string,
    handler: (data: T) => Promise<void>,
    /** `pollingIntervalSeconds`: how often an idle worker of this queue asks for work (default: the queue's). */
    options?: { concurrency?: number; pollingIntervalSeconds?: number },
  ): Promise<void>;
  /** Stops fetching jobs and waits (bounded) for the running handlers; unfinished jobs are retried later. */
  stop(): Promise<void>;
}

/** "Was this right?" on verdicts, and what `/ssm-why stats` reads. */
export interface FeedbackStore {
  /** One vote per (investigation, user): a re-click replaces the earlier vote (and drops its note). */
  vote(input: { investigationId: string; teamId: string; userId: string; vote: FeedbackVote }): Promise<void>;
  /** Adds the "what was it really?" note to the user's 👎; false when there is no 👎 to add it to. */
  note(input: { investigationId: string; userId: string; note: string }): Promise<boolean>;
  /** The team's investigations of these accounts created since `since`, with the votes on each. */
  statsRows(query: { teamId: string; accountIds: readonly string[]; since: Date }): Promise<StatsInvestigation[]>;
}
