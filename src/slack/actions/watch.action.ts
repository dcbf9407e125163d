// "Tell me when it finishes" on a running verdict: authorized like Re-run, one watch per investigation (a second
// click is told who asked), the durable job does the rest (src/fleet/watch.ts).
import type { webApi } from '@slack/bolt';
import type { ExecutionWatchRecord, ExecutionWatchStore } from '../../fleet/ports.ts';
import type { VerifyResult } from '../../fleet/verify.ts';
import { queueWatch, type WatchMessenger } from '../../fleet/watch.ts';
import { findAccountByNameOrId, mayUseAccount } from '../../investigation/authorize.ts';
import type { AccountRef, AuditLog, InvestigationStore, JobQueue } from '../../investigation/ports.ts';
import { postMessage } from '../messages.ts';
import { renderProblem } from '../views/errors.view.ts';
import { parseWatchValue, renderWatchAlready, renderWatchResult, renderWatchStarted } from '../views/watch.view.ts';
import { type ButtonArgs, clicker, refuse } from './rerun.action.ts';

export interface WatchActionDeps {
  accounts: readonly AccountRef[];
  store: Pick<InvestigationStore, 'get'>;
  audit: AuditLog;
  watches: ExecutionWatchStore;
  queue: JobQueue;
  /** How long a watch lasts, for the answer. */
  maxHours: number;
}

export function watchAction(deps: WatchActionDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const who = clicker(args.body);
    const value = parseWatchValue(args.action.value ?? '');
    const investigation = value && (await deps.store.get(value.investigationId));
    const account = investigation && findAccountByNameOrId(deps.accounts, investigation.accountId);
    if (!value || !investigation || investigation.teamId !== who.teamId || !account) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderProblem('That investigation no longer exists.'),
      });
      return;
    }
    if (!mayUseAccount(account, who.channelId)) return refuse(deps, args, account, investigation.associationId);
    const { watch, created } = await deps.watches.create({
      investigationId: investigation.id,
      executionId: value.executionId,
      userId: who.userId,
    });
    if (created) await queueWatch(deps.queue, watch.id);
    await args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...(created ? renderWatchStarted(watch.executionId, deps.maxHours) : renderWatchAlready(watch)),
    });
  };
}

/** Posts the watch's one reply in the investigation's thread. */
export const createSlackWatchMessenger = (client: webApi.WebClient): WatchMessenger => ({
  finished: (watch: ExecutionWatchRecord, result: VerifyResult) =>
    postMessage(client, watch.channelId, renderWatchResult(watch, result), watch.threadTs),
});
