// "Was this right?": 👍 / 👎 on a verdict (one vote per user and investigation, a re-click replaces it) and, on 👎,
// the optional "what was it really?" dialog. Clicks are authorized like Re-run: the investigation's account must
// be usable from the channel the click comes from.
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { DEFAULT_LANG } from '../../i18n/index.ts';
import type { Authorizer } from '../../investigation/authorize.ts';
import type { FeedbackStore, InvestigationStore } from '../../investigation/ports.ts';
import { clicker } from '../clicker.ts';
import { renderButtonRefusal } from '../views/errors.view.ts';
import {
  FEEDBACK_NOTE_ACTION,
  FEEDBACK_NOTE_BLOCK,
  FEEDBACK_NOTE_CALLBACK,
  renderFeedbackModal,
  renderFeedbackThanks,
} from '../views/feedback.view.ts';

export interface FeedbackActionDeps {
  authorizer: Authorizer;
  store: Pick<InvestigationStore, 'get'>;
  feedback: FeedbackStore;
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function feedbackAction(deps: FeedbackActionDeps, vote: 'up' | 'down') {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const who = clicker(args.body);
    const investigation = await deps.store.get(args.action.value ?? '');
    const decision = await deps.authorizer.button(args.action.action_id, investigation, who);
    if (decision.kind !== 'allowed' || !investigation) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderButtonRefusal(decision.kind === 'allowed' ? { kind: 'gone' } : decision, DEFAULT_LANG),
      });
      return;
    }
    await deps.feedback.vote({ investigationId: investigation.id, teamId: who.teamId, userId: who.userId, vote });
    if (vote === 'down') {
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: renderFeedbackModal({
          privateMetadata: JSON.stringify({ investigationId: investigation.id, channelId: who.channelId }),
          lang: DEFAULT_LANG,
        }),
      });
      return;
    }
    await args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...renderFeedbackThanks(vote, DEFAULT_LANG),
    });
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
    const who = {
      teamId: body.team?.id ?? body.user.team_id ?? '',
      channelId: meta.channelId ?? '',
      userId: body.user.id,
    };
    const investigation = await deps.store.get(meta.investigationId ?? '');
    const decision = await deps.authorizer.button(FEEDBACK_NOTE_CALLBACK, investigation, who);
    if (decision.kind !== 'allowed' || !investigation) {
      logger.warn('feedback note refused: investigation gone or not usable from that channel');
      return;
    }
    await deps.feedback.note({ investigationId: investigation.id, userId: who.userId, note });
  };
}
