// What the fleet view and the remediation loop need from storage, in domain words.
import type { FailingAssociation } from '../domain/fleet.ts';
import type { VerdictCause } from '../domain/remediation.ts';
import type { InvestigationRecord } from '../investigation/ports.ts';

/** The last finished alert poll of one account × region. */
export interface PollSummary {
  cycleStart: Date;
  finishedAt: Date;
  /** Associations listed; `relevant` of them matched a subscription (all of them → the poll saw the whole region). */
  listed?: number;
  relevant?: number;
  truncated: boolean;
  error?: string;
  /** The AWS error code when the poll's listing failed (not set for a skipped poll). */
  errorCode?: string;
}

/** The stored view of one account × region. */
export interface FleetSnapshot {
  accountId: string;
  region: string;
  source: 'poll' | 'scan';
  observedAt: Date;
  total?: number;
  failed: number;
  pending: number;
  truncated: boolean;
  items: FailingAssociation[];
  /** Set when the listing failed: the AWS error code (the counts are then unknown, not zero). */
  error?: string;
}

export interface FleetStore {
  /** The latest finished poll per pair (pairs never polled are absent). */
  latestPolls(pairs: { accountId: string; region: string }[]): Promise<Map<string, PollSummary>>;
  /** The poller's Failed/Pending associations of a pair, observed at or after `observedSince`. */
  polledFailing(
    accountId: string,
    region: string,
    observedSince: Date,
  ): Promise<Omit<FailingAssociation, 'accountName'>[]>;
  /** The top finding of each association's latest finished investigation since `since`. */
  latestCauses(associationIds: string[], since: Date): Promise<Map<string, { id: string; title: string }>>;
  saveSnapshot(snapshot: FleetSnapshot): Promise<void>;
  snapshots(pairs: { accountId: string; region: string }[]): Promise<Map<string, FleetSnapshot>>;
  /** A user's newest investigations (any channel of the team), and every channel they investigated from lately. */
  userActivity(
    teamId: string,
    userId: string,
    limit: number,
  ): Promise<{ recent: InvestigationRecord[]; channelIds: string[] }>;
}

export const pairKey = (accountId: string, region: string): string => `${accountId}/${region}`;

export type RemediationStatus = 'starting' | 'started' | 'failed' | 'verified' | 'still-failing' | 'timed-out';

export interface NewRemediation {
  investigationId: string;
  associationId: string;
  accountId: string;
  region: string;
  teamId: string;
  channelId: string;
  userId: string;
  roleArn: string;
  threadTs?: string;
  rootTs?: string;
}

export interface RemediationRecord extends NewRemediation {
  id: string;
  status: RemediationStatus;
  error?: string;
  baselineExecutionId?: string;
  startedAt?: Date;
  verifyPolls: number;
  resultTs?: string;
  /** What the verification stored with its result (the outcome, and the follow-up investigation's id). */
  result?: Record<string, unknown>;
  createdAt: Date;
}

/** One Run now per verdict (the row is the guard), and the state of its verification. */
export interface RemediationStore {
  /** Inserts the row; when the verdict already has one, returns that one instead (`created: false`). */
  claim(input: NewRemediation): Promise<{ created: boolean; remediation: RemediationRecord }>;
  get(id: string): Promise<RemediationRecord | undefined>;
  markStarted(id: string, started: { startedAt: Date; baselineExecutionId?: string }): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Counts one verification poll; returns how many there have been. */
  countPoll(id: string): Promise<number>;
  /** True for exactly one caller while the result message is not posted (a claim older than `staleBefore` may be taken over). */
  claimResult(id: string, staleBefore: Date): Promise<boolean>;
  finishResult(
    id: string,
    result: { status: RemediationStatus; resultTs?: string; detail: Record<string, unknown> },
  ): Promise<void>;
  /** The top cause of an investigation's stored verdict (undefined when it has none). */
  verdictCause(investigationId: string): Promise<VerdictCause | undefined>;
  /** Newest first. */
  findRecent(query: {
    teamId: string;
    channelId: string;
    associationId?: string;
    limit: number;
  }): Promise<RemediationRecord[]>;
}

/** "Tell me when it finishes": a durable watch of one running execution, with its investigation's place. */
export interface ExecutionWatchRecord {
  id: string;
  investigationId: string;
  executionId: string;
  userId: string;
  status: string;
  createdAt: Date;
  associationId: string;
  accountId: string;
  region: string;
  teamId: string;
  channelId: string;
  /** The thread the reply goes to (the investigation's root). */
  threadTs?: string;
}

export interface ExecutionWatchStore {
  /** One watch per investigation: a second request returns the first one with `created: false`. */
  create(input: { investigationId: string; executionId: string; userId: string }): Promise<{
    watch: ExecutionWatchRecord;
    created: boolean;
  }>;
  get(id: string): Promise<ExecutionWatchRecord | undefined>;
  /** Counts one poll and returns how many there were. */
  countPoll(id: string): Promise<number>;
  /** Claims the one reply: true for exactly one caller. */
  claim(id: string): Promise<boolean>;
  finish(id: string, resultTs: string | undefined): Promise<void>;
}
