// The buttons on an alert: Investigate again and Mute 24 h. Value = the alert episode id. The rules
// (re-authorization on every click, audit, the 24 h) live in src/alerts/alert-actions.ts.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AlertActionResult, AlertActions } from '../../alerts/alert-actions.ts';
import type { Lang } from '../../i18n/index.ts';
import { clicker } from '../clicker.ts';
import type { Languages } from '../language.ts';
import { renderMuted, renderMuteNote } from '../views/alert.view.ts';
import { renderAlreadyStarted, renderButtonRefusal, renderQueuedAck } from '../views/errors.view.ts';
import type { SlackMessage } from '../views/limits.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function refusal(result: Exclude<AlertActionResult, { kind: 'started' | 'muted' }>, lang: Lang): SlackMessage {
  if (result.kind === 'already-started') return renderAlreadyStarted('investigation', lang);
  return renderButtonRefusal(result, lang, 'alert');
}

async function reply(args: ButtonArgs, message: SlackMessage): Promise<void> {
  await args.respond({ response_type: 'ephemeral', replace_original: false, ...message });
}

/** Investigate again: a new investigation of the alert's association, in the alert's thread. */
export function investigateAgainAction(actions: AlertActions, languages: Languages) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const who = clicker(args.body);
    // The new investigation speaks the thread's language (the channel's, else the clicker's); answers, theirs.
    const speech = await languages.of(who);
    const result = await actions.investigateAgain(args.action.value ?? '', who, speech.thread);
    if (result.kind === 'started') {
      return reply(
        args,
        renderQueuedAck({
          associationId: result.episode.associationId,
          accountName: result.accountName,
          region: result.episode.region,
          lang: speech.personal,
        }),
      );
    }
    if (result.kind === 'muted') return;
    return reply(args, refusal(result, speech.personal));
  };
}

/** Mute 24 h: no new alerts about the association in this channel for a day; the thread says who muted it. */
export function muteAlertAction(actions: AlertActions, languages: Languages) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const who = clicker(args.body);
    const speaking = languages.of(who);
    const result = await actions.mute(args.action.value ?? '', who);
    const speech = await speaking;
    if (result.kind !== 'muted') {
      if (result.kind === 'started') return;
      return reply(args, refusal(result, speech.personal));
    }
    await reply(
      args,
      renderMuted({ associationId: result.episode.associationId, until: result.until, lang: speech.personal }),
    );
    const threadTs = result.episode.threadTs ?? result.episode.rootTs;
    if (threadTs) {
      // In the alert's thread: the channel's language (an alert is in it; nobody's locale decides).
      const note = renderMuteNote({ userId: who.userId, until: result.until, lang: speech.channel });
      await args.client.chat
        .postMessage({ channel: who.channelId, thread_ts: threadTs, text: note.text, blocks: note.blocks })
        .catch((error: unknown) => args.logger.warn('mute note could not be posted', error));
    }
  };
}
