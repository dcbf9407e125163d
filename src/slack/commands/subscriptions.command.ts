// `/ssm-why subscribe | unsubscribe | subscriptions`: acks at once, then answers ephemerally. The rules
// (authorization, merging, audit) live in src/alerts/subscriptions.ts.
import type { SubscriptionRecord } from '../../alerts/ports.ts';
import { type SubscriptionService, shortSubscriptionId } from '../../alerts/subscriptions.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import type { AccountRef } from '../../investigation/ports.ts';
import type { SubscriptionCommand } from '../parse-subscription.ts';
import { renderProblem, renderUnauthorized } from '../views/errors.view.ts';
import type { SlackMessage } from '../views/limits.ts';
import {
  type AccountNames,
  renderSubscribed,
  renderSubscriptionList,
  renderUnsubscribed,
  type SubscriptionItem,
} from '../views/subscriptions.view.ts';
import type { SubcommandArgs } from './subcommand.ts';

export interface SubscriptionCommandDeps {
  subscriptions: SubscriptionService;
  accounts: readonly AccountRef[];
  pollIntervalSeconds: number;
  pendingAlertMinutes: number;
}

const item = (s: SubscriptionRecord): SubscriptionItem => ({ ...s, shortId: shortSubscriptionId(s.id) });

export async function subscriptionCommand(
  deps: SubscriptionCommandDeps | undefined,
  parsed: SubscriptionCommand,
  { command, ack, respond, logger, speaking }: SubcommandArgs,
): Promise<void> {
  const { personal } = await speaking;
  const t = texts(personal).slack;
  if (!deps) {
    await ack({ response_type: 'ephemeral', ...renderProblem(t.command.subscriptionsDisabled) });
    return;
  }
  await ack();
  const who = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
  const accountNames: AccountNames = Object.fromEntries(deps.accounts.map((a) => [a.id, a.name]));
  let message: SlackMessage;
  try {
    message = await answer(deps, parsed, who, accountNames, personal);
  } catch (error) {
    logger.error('subscription command failed', error);
    message = renderProblem(t.command.didNotWork);
  }
  await respond({ response_type: 'ephemeral', ...message });
}

async function answer(
  deps: SubscriptionCommandDeps,
  parsed: SubscriptionCommand,
  who: { teamId: string; channelId: string; userId: string },
  accountNames: AccountNames,
  lang: Lang,
): Promise<SlackMessage> {
  const t = texts(lang).slack;
  if (parsed.kind === 'subscriptions') {
    return renderSubscriptionList({
      items: (await deps.subscriptions.list(who)).map(item),
      accountNames,
      lang,
    });
  }
  if (parsed.kind === 'unsubscribe') {
    const result = await deps.subscriptions.unsubscribe(who, parsed.target);
    if (result.kind === 'removed') {
      return renderUnsubscribed({
        removed: result.removed.map(item),
        all: parsed.target === 'all',
        accountNames,
        lang,
      });
    }
    if (result.kind === 'ambiguous') {
      return renderProblem(t.command.subscriptionAmbiguous(parsed.target, result.matches.length));
    }
    return renderProblem(t.command.noSuchSubscription(parsed.target));
  }
  const result = await deps.subscriptions.subscribe(who, parsed.filter, lang);
  if (result.kind === 'unauthorized') {
    return renderUnauthorized({
      accountName: result.account?.name ?? t.command.anyAccount,
      ...(result.account ? { accountId: result.account.id } : {}),
      lang,
    });
  }
  if (result.kind === 'invalid') return renderProblem(result.reason);
  return renderSubscribed({
    subscription: item(result.subscription),
    created: result.created,
    covers: result.covers.map((c) => ({ accountName: c.account.name, accountId: c.account.id, regions: c.regions })),
    accountNames,
    pollIntervalSeconds: deps.pollIntervalSeconds,
    pendingAlertMinutes: deps.pendingAlertMinutes,
    lang,
  });
}
