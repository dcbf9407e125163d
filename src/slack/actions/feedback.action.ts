// "Was this right?": 👍 / 👎 on a verdict (one vote per user and investigation, a re-click replaces it) and, on 👎,
// the optional "what was it really?" dialog. Clicks are authorized like Re-run: the investigation's account must
// be usable from the channel the click comes from.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { findAccountByNameOrId, mayUseAccount } from '../../investigation/authorize.ts';
import type { AccountRef, AuditLog, FeedbackStore, InvestigationStore } from '../../investigation/ports.ts';
import { renderProblem } from '../views/errors.view.ts';
import {
  FEEDBACK_NOTE_ACTION,
  FEEDBACK_NOTE_BLOCK,
  renderFeedbackModal,
  renderFeedbackThanks,
} from '../views/feedback.view.ts';
import { type ButtonArgs, clicker, refuse } from './rerun.action.ts';

export interface FeedbackActionDeps {
  accounts: readonly AccountRef[];
  store: Pick<InvestigationStore, 'get'>;
  audit: AuditLog;
  feedback: FeedbackStore;
}

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The investigation and its account when the clicker may give feedback on it from this channel. */
async function allowed(deps: FeedbackActionDeps, investigationId: string, teamId: string, channelId: string) {
  const investigation = await deps.store.get(investigationId);
  if (!investigation || investigation.teamId !== teamId) return { kind: 'gone' as const };
  const account = findAccountByNameOrId(deps.accounts, investigation.accountId);
  if (!account) return { kind: 'gone' as const };
  if (!mayUseAccount(account, channelId)) return { kind: 'unauthorized' as const, account, investigation };
  return { kind: 'ok' as const, account, investigation };
}

export function feedbackAction(deps: FeedbackActionDeps, vote: 'up' | 'down') {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const who = clicker(args.body);
    const check = await allowed(deps, args.action.value ?? '', who.teamId, who.channelId);
    if (check.kind === 'gone') {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderProblem('That investigation no longer exists.'),
      });
      return;
    }
    if (check.kind === 'unauthorized') return refuse(deps, args, check.account, check.investigation.associationId);
    await deps.feedback.vote({ investigationId: check.investigation.id, teamId: who.teamId, userId: who.userId, vote });
    if (vote === 'down') {
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: renderFeedbackModal({
          privateMetadata: JSON.stringify({ investigationId: check.investigation.id, channelId: who.channelId }),
        }),
      });
      return;
    }
    await args.respond({ response_type: 'ephemeral', replace_original: false, ...renderFeedbackThanks(vote) });
  };
}

/** The dialog's submit: the note joins the user's 👎 (re-authorized against the channel the click came from). */
export function feedbackNoteView(deps: FeedbackActionDeps) {
  return async ({ ack, body, view, logger }: ViewArgs): Promise<void> => {
    await ack();
    let meta: { investigationId?: string; channelId?: string };
    try {
      meta = JSON.parse(view.private_metadata || '{}') as typeof meta;
    } catch {
      return;
    }
    const note = view.state.values[FEEDBACK_NOTE_BLOCK]?.[FEEDBACK_NOTE_ACTION]?.value?.trim();
    if (!note) return;
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const check = await allowed(deps, meta.investigationId ?? '', teamId, meta.channelId ?? '');
    if (check.kind !== 'ok') {
      logger.warn('feedback note refused: investigation gone or not usable from that channel');
      return;
    }
    await deps.feedback.note({ investigationId: check.investigation.id, userId: body.user.id, note });
  };
}
