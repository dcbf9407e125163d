// The buttons on an alert: Investigate again and Mute 24 h. Value = the alert episode id. The rules
// (re-authorization on every click, audit, the 24 h) live in src/alerts/alert-actions.ts.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AlertActionResult, AlertActions } from '../../alerts/alert-actions.ts';
import { DEFAULT_LANG } from '../../i18n/index.ts';
import { clicker } from '../clicker.ts';
import { renderMuted, renderMuteNote } from '../views/alert.view.ts';
import { renderAlreadyStarted, renderButtonRefusal, renderQueuedAck } from '../views/errors.view.ts';
import type { SlackMessage } from '../views/limits.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function refusal(result: Exclude<AlertActionResult, { kind: 'started' | 'muted' }>): SlackMessage {
  if (result.kind === 'already-started') return renderAlreadyStarted('investigation', DEFAULT_LANG);
  return renderButtonRefusal(result, DEFAULT_LANG, 'alert');
}

async function reply(args: ButtonArgs, message: SlackMessage): Promise<void> {
  await args.respond({ response_type: 'ephemeral', replace_original: false, ...message });
}

/** Investigate again: a new investigation of the alert's association, in the alert's thread. */
export function investigateAgainAction(actions: AlertActions) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const result = await actions.investigateAgain(args.action.value ?? '', clicker(args.body));
    if (result.kind === 'started') {
      return reply(
        args,
        renderQueuedAck({
          associationId: result.episode.associationId,
          accountName: result.accountName,
          region: result.episode.region,
          lang: DEFAULT_LANG,
        }),
      );
    }
    if (result.kind === 'muted') return;
    return reply(args, refusal(result));
  };
}

/** Mute 24 h: no new alerts about the association in this channel for a day; the thread says who muted it. */
export function muteAlertAction(actions: AlertActions) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const who = clicker(args.body);
    const result = await actions.mute(args.action.value ?? '', who);
    if (result.kind !== 'muted') {
      if (result.kind === 'started') return;
      return reply(args, refusal(result));
    }
    await reply(
      args,
      renderMuted({ associationId: result.episode.associationId, until: result.until, lang: DEFAULT_LANG }),
    );
    const threadTs = result.episode.threadTs ?? result.episode.rootTs;
    if (threadTs) {
      const note = renderMuteNote({ userId: who.userId, until: result.until, lang: DEFAULT_LANG });
      await args.client.chat
        .postMessage({ channel: who.channelId, thread_ts: threadTs, text: note.text, blocks: note.blocks })
        .catch((error: unknown) => args.logger.warn('mute note could not be posted', error));
    }
  };
}
