// The verification after Run now, as a durable job: each run reads the association's newest executions (under
// the remediator role, one DescribeAssociationExecutions call), and either queues itself again (bounded in polls
// and time) or posts the one result message. A restart in between loses nothing: the next run is a queued job.
import { isAppError } from '../domain/app-error.ts';
import { type VerifyOutcome, verifyOutcome } from '../domain/remediation.ts';
import { findAccountByNameOrId } from '../investigation/authorize.ts';
import type { AccountRef, AwsGateway, JobQueue } from '../investigation/ports.ts';
import type { StartInvestigation } from '../investigation/start.ts';
import type { RemediationRecord, RemediationStore } from './ports.ts';
import { REMEDIATION_VERIFY_JOB, type VerifyJobData } from './remediate.ts';

export type VerifyResult = Exclude<VerifyOutcome, { kind: 'waiting' }> | { kind: 'timed-out'; polls: number };

/** Where the one result goes (Slack). Returns the posted message's ts. */
export interface RemediationMessenger {
  result(remediation: RemediationRecord, result: VerifyResult): Promise<string | undefined>;
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
    await deps.store.finishResult(remediation.id, { status, ...(ts ? { resultTs: ts } : {}), detail: { ...result } });
    if (result.kind === 'still-failing') {
      const account = findAccountByNameOrId(deps.accounts, remediation.accountId);
      if (account) {
        await deps.start({
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
      }
    }
  }

  return async function verify(data: VerifyJobData): Promise<void> {
    const remediation = await deps.store.get(data.remediationId);
    if (!remediation || remediation.status !== 'started' || remediation.resultTs || !remediation.startedAt) return;
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
