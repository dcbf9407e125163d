// The verification after Run now, as a durable job: each run reads the association's newest executions (under
// the remediator role, one DescribeAssociationExecutions call), and either queues itself again (bounded in polls
// and time) or posts the one result message. A restart in between loses nothing: the next run is a queued job.
// "Still failing" starts a new investigation in the thread; when its verdict is posted, the result message is
// updated to say whether it is the same cause as the verdict Run now was offered on.
import { isAppError } from '../domain/app-error.ts';
import type { Diagnosis } from '../domain/finding.ts';
import {
  type CauseComparison,
  compareCauses,
  type VerifyOutcome,
  verdictCause,
  verifyOutcome,
} from '../domain/remediation.ts';
import { findAccountByNameOrId } from '../investigation/authorize.ts';
import type { AccountRef, AwsGateway, InvestigationRecord, JobQueue, ProgressSink } from '../investigation/ports.ts';
import type { StartInvestigation } from '../investigation/start.ts';
import type { RemediationRecord, RemediationStore } from './ports.ts';
import { REMEDIATION_VERIFY_JOB, type VerifyJobData } from './remediate.ts';

export type VerifyResult = Exclude<VerifyOutcome, { kind: 'waiting' }> | { kind: 'timed-out'; polls: number };

export type StillFailing = Extract<VerifyResult, { kind: 'still-failing' }>;

/** Where the one result goes (Slack). Returns the posted message's ts. */
export interface RemediationMessenger {
  result(remediation: RemediationRecord, result: VerifyResult): Promise<string | undefined>;
  /** Rewrites the posted "Still failing" result (`remediation.resultTs`) with the comparison of the causes. */
  compared(remediation: RemediationRecord, result: StillFailing, comparison: CauseComparison): Promise<void>;
}

export interface VerifierDeps {
  accounts: readonly AccountRef[];
  gateway: AwsGateway;
  store: RemediationStore;
  queue: JobQueue;
  messenger: RemediationMessenger;
  /** Starts the new investigation that follows "Still failing" in the same thread. */
  start: StartInvestigation;
  intervalSeconds: number;
  /** At most this many polls (DescribeAssociationExecutions calls) per Run now. */
  maxPolls: number;
  /** Give up after this long since Run now. */
  maxMinutes: number;
  clock?: () => Date;
}

/** A result claim older than this is taken over (its poster died between claiming and posting). */
const CLAIM_STALE_MS = 120_000;

export function createVerifier(deps: VerifierDeps) {
  const clock = deps.clock ?? (() => new Date());

  async function finish(remediation: RemediationRecord, result: VerifyResult): Promise<void> {
    if (!(await deps.store.claimResult(remediation.id, new Date(clock().getTime() - CLAIM_STALE_MS)))) return;
    const ts = await deps.messenger.result(remediation, result);
    const status =
      result.kind === 'verified' ? 'verified' : result.kind === 'timed-out' ? 'timed-out' : 'still-failing';
    const finished = { status, ...(ts ? { resultTs: ts } : {}) } as const;
    await deps.store.finishResult(remediation.id, { ...finished, detail: { ...result } });
    if (result.kind === 'still-failing') {
      const account = findAccountByNameOrId(deps.accounts, remediation.accountId);
      if (account) {
        const followUp = await deps.start({
          associationId: remediation.associationId,
          accountId: account.id,
          accountName: account.name,
          region: remediation.region,
          trigger: 'button',
          teamId: remediation.teamId,
          channelId: remediation.channelId,
          userId: remediation.userId,
          ...(remediation.threadTs ? { threadTs: remediation.threadTs } : {}),
        });
        // Remembered, so its verdict can be compared with the first one (followUpSink).
        await deps.store.finishResult(remediation.id, {
          ...finished,
          detail: { ...result, followUpInvestigationId: followUp.id },
        });
      }
    }
  }

  return async function verify(data: VerifyJobData): Promise<void> {
    const remediation = await deps.store.get(data.remediationId);
    if (remediation?.status !== 'started' || remediation.resultTs || !remediation.startedAt) return;
    const account = findAccountByNameOrId(deps.accounts, remediation.accountId);
    if (!account?.remediatorRoleArn) return;
    const polls = await deps.store.countPoll(remediation.id);
    let outcome: VerifyOutcome = { kind: 'waiting' };
    try {
      const reader = deps.gateway.reader({ ...account, roleArn: account.remediatorRoleArn }, remediation.region, {
        userId: remediation.userId,
      });
      const executions = await reader.listExecutions(remediation.associationId, 5);
      outcome = verifyOutcome(executions, remediation.baselineExecutionId, remediation.startedAt);
    } catch (error) {
      // A failed read counts as a poll and is tried again on the next one; the bounds still hold.
      if (!isAppError(error)) throw error;
    }
    if (outcome.kind !== 'waiting') return finish(remediation, outcome);
    const elapsedMs = clock().getTime() - remediation.startedAt.getTime();
    if (polls >= deps.maxPolls || elapsedMs >= deps.maxMinutes * 60_000) {
      return finish(remediation, { kind: 'timed-out', polls });
    }
    await deps.queue.send<VerifyJobData>(
      REMEDIATION_VERIFY_JOB,
      { remediationId: remediation.id },
      { startAfterSeconds: deps.intervalSeconds, retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true },
    );
  };
}

export interface FollowUpDeps {
  store: Pick<RemediationStore, 'findRecent' | 'verdictCause'>;
  messenger: Pick<RemediationMessenger, 'compared'>;
  onError?: (error: unknown) => void;
}

/** The "Still failing" outcome stored with a remediation whose follow-up investigation is `investigationId`. */
function stillFailingOf(remediation: RemediationRecord, investigationId: string): StillFailing | undefined {
  const r = remediation.result;
  if (remediation.status !== 'still-failing' || !remediation.resultTs || r?.followUpInvestigationId !== investigationId)
    return undefined;
  const { failing, total, status } = r;
  if (typeof failing !== 'number' || typeof total !== 'number' || typeof status !== 'string') return undefined;
  return { kind: 'still-failing', failing, total, status };
}

/** Compares the follow-up verdict with the one Run now was offered on, and updates the "Still failing" message. */
export async function compareFollowUp(
  deps: FollowUpDeps,
  investigation: InvestigationRecord,
  diagnosis: Diagnosis,
): Promise<CauseComparison | undefined> {
  // Follow-ups are button-started investigations in an existing thread; anything else is not one.
  if (investigation.trigger !== 'button' || !investigation.threadTs) return undefined;
  const recent = await deps.store.findRecent({
    teamId: investigation.teamId,
    channelId: investigation.channelId,
    associationId: investigation.associationId,
    limit: 5,
  });
  for (const remediation of recent) {
    const result = stillFailingOf(remediation, investigation.id);
    if (!result) continue;
    const comparison = compareCauses(
      await deps.store.verdictCause(remediation.investigationId),
      verdictCause(diagnosis),
    );
    await deps.messenger.compared(remediation, result, comparison);
    return comparison;
  }
  return undefined;
}

/** A progress sink that, after a verdict is posted, completes the "Still failing" message it follows up. */
export function followUpSink(sink: ProgressSink, deps: FollowUpDeps): ProgressSink {
  return {
    started: (investigation) => sink.started(investigation),
    stepFinished: (investigation, step, totalSteps) => sink.stepFinished(investigation, step, totalSteps),
    async finished(investigation, diagnosis, steps) {
      const posted = await sink.finished(investigation, diagnosis, steps);
      // The verdict is posted whatever happens here: a failed comparison leaves the result message as it was.
      await compareFollowUp(deps, investigation, diagnosis).catch((error: unknown) => deps.onError?.(error));
      return posted;
    },
  };
}
