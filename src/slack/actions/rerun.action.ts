// Buttons that start an investigation: Re-run (same association, same thread) and "choose this location".
// Every click is re-authorized against the channel it came from.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { findAccountByNameOrId, mayUseAccount } from '../../investigation/authorize.ts';
import type { AccountRef, AuditLog, InvestigationStore } from '../../investigation/ports.ts';
import type { StartInvestigation } from '../../investigation/start.ts';
import { locationToken } from '../location-token.ts';
import { renderProblem, renderQueuedAck, renderUnauthorized } from '../views/errors.view.ts';

export interface ActionDeps {
  accounts: readonly AccountRef[];
  start: StartInvestigation;
  store: InvestigationStore;
  audit: AuditLog;
}

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function clicker(body: BlockAction) {
  return {
    teamId: body.team?.id ?? body.user.team_id ?? '',
    channelId: body.channel?.id ?? body.container?.channel_id ?? '',
    userId: body.user.id,
  };
}

export async function refuse(deps: Pick<ActionDeps, 'audit'>, args: ButtonArgs, account: AccountRef, subject: string) {
  const who = clicker(args.body);
  await deps.audit.record({
    kind: 'button.refused',
    ...who,
    accountId: account.id,
    subject,
    detail: { action: args.action.action_id },
  });
  await args.respond({
    response_type: 'ephemeral',
    replace_original: false,
    ...renderUnauthorized({ accountName: account.name, accountId: account.id }),
  });
}

/** Re-run: a new investigation of the same association, posted in the same thread. Value = investigation id. */
export function rerunAction(deps: ActionDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const previous = await deps.store.get(args.action.value ?? '');
    const who = clicker(args.body);
    if (!previous || previous.teamId !== who.teamId) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderProblem('That investigation no longer exists.'),
      });
      return;
    }
    const account = findAccountByNameOrId(deps.accounts, previous.accountId);
    if (!account) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderProblem(`Account ${previous.accountName} is no longer configured.`),
      });
      return;
    }
    if (!mayUseAccount(account, who.channelId)) return refuse(deps, args, account, previous.associationId);
    const threadTs = previous.threadTs ?? previous.rootTs;
    await deps.start({
      associationId: previous.associationId,
      accountId: account.id,
      accountName: account.name,
      region: previous.region,
      trigger: 'button',
      ...who,
      ...(threadTs ? { threadTs } : {}),
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
    const account = location && findAccountByNameOrId(deps.accounts, location.accountId);
    if (!location || !account?.regions.includes(location.region)) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderProblem('That choice is no longer valid. Run the command again.'),
      });
      return;
    }
    const who = clicker(args.body);
    if (!mayUseAccount(account, who.channelId)) return refuse(deps, args, account, location.associationId);
    await deps.start(
      {
        associationId: location.associationId,
        accountId: account.id,
        accountName: account.name,
        region: location.region,
        trigger: 'button',
        ...who,
      },
      args.body.response_url,
    );
    await args.respond({
      response_type: 'ephemeral',
      replace_original: !options.keepOriginal,
      ...renderQueuedAck({ associationId: location.associationId, accountName: account.name, region: location.region }),
    });
  };
}
