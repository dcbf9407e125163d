// Buttons that start an investigation: Re-run (same association, same thread) and "choose this location".
// Every click goes through the one authorization service; a second click on the same button within seconds —
// on any replica — starts nothing (a claim row in the database).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { texts } from '../../i18n/index.ts';
import type { Authorizer } from '../../investigation/authorize.ts';
import type { InvestigationStore } from '../../investigation/ports.ts';
import type { StartInvestigation } from '../../investigation/start.ts';
import type { IntentClaims } from '../../investigation/work-ports.ts';
import { clicker } from '../clicker.ts';
import type { Languages } from '../language.ts';
import { locationToken } from '../location-token.ts';
import { renderAlreadyStarted, renderButtonRefusal, renderProblem, renderQueuedAck } from '../views/errors.view.ts';
import type { SlackMessage } from '../views/limits.ts';

export interface ActionDeps {
  authorizer: Authorizer;
  start: StartInvestigation;
  store: InvestigationStore;
  claims: IntentClaims;
  languages: Languages;
}

/** How long a click on a starting button holds: double clicks and Slack's re-deliveries fall inside it. */
export const START_CLICK_WINDOW_SECONDS = 10;

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const ephemeral = (args: ButtonArgs, message: SlackMessage, replaceOriginal = false) =>
  args.respond({ response_type: 'ephemeral', replace_original: replaceOriginal, ...message });

/** Re-run: a new investigation of the same association, posted in the same thread. Value = investigation id. */
export function rerunAction(deps: ActionDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const who = clicker(args.body);
    const speaking = deps.languages.of(who);
    const previous = await deps.store.get(args.action.value ?? '');
    const decision = await deps.authorizer.button(args.action.action_id, previous, who, {
      ...(previous ? { investigationId: previous.id } : {}),
    });
    const speech = await speaking;
    if (decision.kind !== 'allowed') {
      return void (await ephemeral(args, renderButtonRefusal(decision, speech.personal)));
    }
    if (!previous) return;
    const claim = await deps.claims.claim(`rerun:${previous.id}`, START_CLICK_WINDOW_SECONDS);
    if (!claim.claimed) return void (await ephemeral(args, renderAlreadyStarted('rerun', speech.personal)));
    const threadTs = previous.threadTs ?? previous.rootTs;
    await deps.start({
      associationId: previous.associationId,
      accountId: decision.account.id,
      accountName: decision.account.name,
      region: previous.region,
      trigger: 'button',
      ...who,
      ...(threadTs ? { threadTs } : {}),
      lang: speech.thread,
    });
  };
}

/**
 * "Investigate here" on an association found in several places, or "Investigate" on a fleet failure group.
 * Value = a location token. `keepOriginal`: the clicked message stays (the fleet list), else the ack replaces it.
 */
export function chooseLocationAction(deps: ActionDeps, options: { keepOriginal?: boolean } = {}) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const location = locationToken.decode(args.action.value ?? '');
    const who = clicker(args.body);
    const speech = await deps.languages.of(who);
    const t = texts(speech.personal).slack.buttonsAnswer;
    const personal = speech.personal;
    const account = location && deps.authorizer.accounts.find((a) => a.id === location.accountId);
    if (!location || !account?.regions.includes(location.region)) {
      await ephemeral(args, renderProblem(t.choiceExpired));
      return;
    }
    // The choice is offered ephemerally to the channel that asked: any channel allowed to use the account may act.
    const subject = { teamId: who.teamId, accountId: account.id, associationId: location.associationId };
    const decision = await deps.authorizer.button(args.action.action_id, subject, who);
    if (decision.kind !== 'allowed') return void (await ephemeral(args, renderButtonRefusal(decision, personal)));
    const key = `choose:${who.channelId}:${args.action.value}`;
    const claim = await deps.claims.claim(key, START_CLICK_WINDOW_SECONDS);
    if (!claim.claimed) return void (await ephemeral(args, renderAlreadyStarted('investigation', personal)));
    await deps.start(
      {
        associationId: location.associationId,
        accountId: account.id,
        accountName: account.name,
        region: location.region,
        trigger: 'button',
        ...who,
        lang: speech.thread,
      },
      args.body.response_url ? { responseUrl: args.body.response_url } : {},
    );
    await ephemeral(
      args,
      renderQueuedAck({
        associationId: location.associationId,
        accountName: account.name,
        region: location.region,
        lang: personal,
      }),
      !options.keepOriginal,
    );
  };
}
