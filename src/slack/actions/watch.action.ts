// "Tell me when it finishes" on a running verdict: authorized like Re-run, one watch per investigation (a second
// click is told who asked), the durable job does the rest (src/fleet/watch.ts).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs, webApi } from '@slack/bolt';
import type { ExecutionWatchRecord, ExecutionWatchStore } from '../../fleet/ports.ts';
import type { VerifyResult } from '../../fleet/verify.ts';
import { queueWatch, type WatchMessenger } from '../../fleet/watch.ts';
import { DEFAULT_LANG } from '../../i18n/index.ts';
import type { Authorizer } from '../../investigation/authorize.ts';
import type { InvestigationStore, JobQueue } from '../../investigation/ports.ts';
import { clicker } from '../clicker.ts';
import { postMessage } from '../messages.ts';
import { renderButtonRefusal } from '../views/errors.view.ts';
import { parseWatchValue, renderWatchAlready, renderWatchResult, renderWatchStarted } from '../views/watch.view.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export interface WatchActionDeps {
  authorizer: Authorizer;
  store: Pick<InvestigationStore, 'get'>;
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
    const investigation = value ? await deps.store.get(value.investigationId) : undefined;
    const decision = await deps.authorizer.button(args.action.action_id, investigation, who);
    if (decision.kind !== 'allowed' || !investigation || !value) {
      const refusal = renderButtonRefusal(decision.kind === 'allowed' ? { kind: 'gone' } : decision, DEFAULT_LANG);
      await args.respond({ response_type: 'ephemeral', replace_original: false, ...refusal });
      return;
    }
    const { watch, created } = await deps.watches.create({
      investigationId: investigation.id,
      executionId: value.executionId,
      userId: who.userId,
    });
    if (created) await queueWatch(deps.queue, watch.id);
    await args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...(created
        ? renderWatchStarted(watch.executionId, deps.maxHours, DEFAULT_LANG)
        : renderWatchAlready(watch, DEFAULT_LANG)),
    });
  };
}

/** Posts the watch's one reply in the investigation's thread. */
export const createSlackWatchMessenger = (client: webApi.WebClient): WatchMessenger => ({
  finished: (watch: ExecutionWatchRecord, result: VerifyResult) =>
    postMessage(client, watch.channelId, renderWatchResult(watch, result, DEFAULT_LANG), watch.threadTs),
});
