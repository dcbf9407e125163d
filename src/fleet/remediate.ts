// Run now, guarded: a named remediator confirms, the verdict's row guards against a second call, the write runs
// under the account's separate remediator role (session `ssm-why-<user>`), every outcome is audited, and a
// durable job then follows the new execution until it ends (see verify.ts).
import { isAppError } from '../domain/app-error.ts';
import { findAccountByNameOrId, mayUseAccount } from '../investigation/authorize.ts';
import type {
  AccountRef,
  AuditLog,
  AwsGateway,
  InvestigationRecord,
  InvestigationStore,
  JobQueue,
} from '../investigation/ports.ts';
import type { RemediationRecord, RemediationStore } from './ports.ts';

export const REMEDIATION_VERIFY_JOB = 'remediation-verify';

export interface VerifyJobData {
  remediationId: string;
}

export type ConfirmResult =
  | { kind: 'gone' }
  | { kind: 'unauthorized'; account: AccountRef }
  | { kind: 'no-role'; account: AccountRef }
  | { kind: 'not-remediator'; account: AccountRef }
  | { kind: 'already'; remediation: RemediationRecord }
  | { kind: 'failed'; remediation: RemediationRecord; reason: string; account: AccountRef }
  | { kind: 'started'; remediation: RemediationRecord; account: AccountRef; investigation: InvestigationRecord };

export interface RemediationDeps {
  accounts: readonly AccountRef[];
  gateway: AwsGateway;
  store: RemediationStore;
  investigations: Pick<InvestigationStore, 'get'>;
  audit: AuditLog;
  queue: JobQueue;
  /** Members of a Slack user group (usergroups.users.list). */
  groupMembers: (groupId: string) => Promise<string[]>;
  /** Seconds between verification polls. */
  verifyIntervalSeconds: number;
  clock?: () => Date;
}

/** The account a verdict offers Run now for, when it has a remediator role. */
export function remediableAccount(accounts: readonly AccountRef[], accountId: string): AccountRef | undefined {
  const account = findAccountByNameOrId(accounts, accountId);
  return account?.remediatorRoleArn ? account : undefined;
}

/** A remediator: listed by user id, or a member of a listed user group. */
export async function isRemediator(
  account: AccountRef,
  userId: string,
  groupMembers: (groupId: string) => Promise<string[]>,
): Promise<boolean> {
  const listed = account.remediators ?? [];
  if (listed.includes(userId)) return true;
  for (const group of listed.filter((id) => id.startsWith('S'))) {
    const members = await groupMembers(group).catch(() => [] as string[]);
    if (members.includes(userId)) return true;
  }
  return false;
}

export function createRemediation(deps: RemediationDeps) {
  const clock = deps.clock ?? (() => new Date());

  return {
    /** The checks before the dialog opens (the same ones run again on confirm). */
    async prepare(input: { investigationId: string; teamId: string; channelId: string }) {
      const investigation = await deps.investigations.get(input.investigationId);
      if (!investigation || investigation.teamId !== input.teamId) return { kind: 'gone' as const };
      const account = findAccountByNameOrId(deps.accounts, investigation.accountId);
      if (!account) return { kind: 'gone' as const };
      if (!mayUseAccount(account, input.channelId)) return { kind: 'unauthorized' as const, account };
      if (!account.remediatorRoleArn) return { kind: 'no-role' as const, account };
      return { kind: 'ok' as const, account, investigation };
    },

    async confirm(input: {
      investigationId: string;
      teamId: string;
      channelId: string;
      userId: string;
    }): Promise<ConfirmResult> {
      const prepared = await this.prepare(input);
      const who = { teamId: input.teamId, channelId: input.channelId, userId: input.userId };
      if (prepared.kind !== 'ok') {
        if (prepared.kind !== 'gone') {
          await deps.audit.record({
            kind: 'remediation.refused',
            ...who,
            accountId: prepared.account.id,
            subject: input.investigationId,
            detail: { reason: prepared.kind },
          });
        }
        return prepared;
      }
      const { account, investigation } = prepared;
      const roleArn = account.remediatorRoleArn as string;
      if (!(await isRemediator(account, input.userId, deps.groupMembers))) {
        await deps.audit.record({
          kind: 'remediation.refused',
          ...who,
          accountId: account.id,
          subject: investigation.associationId,
          detail: { reason: 'not a remediator', region: investigation.region, investigationId: investigation.id },
        });
        return { kind: 'not-remediator', account };
      }
      const threadTs = investigation.threadTs ?? investigation.rootTs;
      const { created, remediation } = await deps.store.claim({
        investigationId: investigation.id,
        associationId: investigation.associationId,
        accountId: account.id,
        region: investigation.region,
        ...who,
        roleArn,
        ...(threadTs ? { threadTs } : {}),
        ...(investigation.rootTs ? { rootTs: investigation.rootTs } : {}),
      });
      if (!created) return { kind: 'already', remediation };

      const audit = (kind: string, result: string, extra: Record<string, unknown> = {}) =>
        deps.audit.record({
          kind,
          ...who,
          accountId: account.id,
          subject: investigation.associationId,
          detail: {
            what: 'ssm:StartAssociationsOnce',
            region: investigation.region,
            role: roleArn,
            result,
            remediationId: remediation.id,
            ...extra,
          },
        });
      try {
        // The newest execution before the run: verification waits for a newer one.
        const reader = deps.gateway.reader({ ...account, roleArn }, investigation.region, { userId: input.userId });
        const [baseline] = await reader.listExecutions(investigation.associationId, 1);
        if (!deps.gateway.remediator) throw new Error('this gateway cannot write');
        const startedAt = clock();
        await deps.gateway
          .remediator(account, investigation.region, { userId: input.userId })
          .startAssociationOnce(investigation.associationId);
        await deps.store.markStarted(remediation.id, {
          startedAt,
          ...(baseline ? { baselineExecutionId: baseline.executionId } : {}),
        });
        await audit('remediation.started', 'started');
        await deps.queue.send<VerifyJobData>(
          REMEDIATION_VERIFY_JOB,
          { remediationId: remediation.id },
          { startAfterSeconds: deps.verifyIntervalSeconds, retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true },
        );
        return {
          kind: 'started',
          remediation: { ...remediation, status: 'started', startedAt },
          account,
          investigation,
        };
      } catch (error) {
        const reason = isAppError(error) ? error.message : String(error);
        await deps.store.markFailed(remediation.id, reason);
        await audit('remediation.failed', 'failed', { error: reason });
        return { kind: 'failed', remediation: { ...remediation, status: 'failed', error: reason }, reason, account };
      }
    },
  };
}
export type Remediation = ReturnType<typeof createRemediation>;
