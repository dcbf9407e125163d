// `/ssm-why subscribe | unsubscribe | subscriptions`: acks at once, then answers ephemerally. The rules
// (authorization, merging, audit) live in src/alerts/subscriptions.ts.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { SubscriptionRecord } from '../../alerts/ports.ts';
import { type SubscriptionService, shortSubscriptionId } from '../../alerts/subscriptions.ts';
import { DEFAULT_LANG } from '../../i18n/index.ts';
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

export interface SubscriptionCommandDeps {
  subscriptions: SubscriptionService;
  accounts: readonly AccountRef[];
  pollIntervalSeconds: number;
  pendingAlertMinutes: number;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const item = (s: SubscriptionRecord): SubscriptionItem => ({ ...s, shortId: shortSubscriptionId(s.id) });

export async function subscriptionCommand(
  deps: SubscriptionCommandDeps | undefined,
  parsed: SubscriptionCommand,
  { command, ack, respond, logger }: Pick<CommandArgs, 'command' | 'ack' | 'respond' | 'logger'>,
): Promise<void> {
  if (!deps) {
    await ack({ response_type: 'ephemeral', ...renderProblem('Alert subscriptions are not enabled in this app.') });
    return;
  }
  await ack();
  const who = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
  const accountNames: AccountNames = Object.fromEntries(deps.accounts.map((a) => [a.id, a.name]));
  let message: SlackMessage;
  try {
    message = await answer(deps, parsed, who, accountNames);
  } catch (error) {
    logger.error('subscription command failed', error);
    message = renderProblem('Sorry — that did not work. Please try again.');
  }
  await respond({ response_type: 'ephemeral', ...message });
}

async function answer(
  deps: SubscriptionCommandDeps,
  parsed: SubscriptionCommand,
  who: { teamId: string; channelId: string; userId: string },
  accountNames: AccountNames,
): Promise<SlackMessage> {
  if (parsed.kind === 'subscriptions') {
    return renderSubscriptionList({
      items: (await deps.subscriptions.list(who)).map(item),
      accountNames,
      lang: DEFAULT_LANG,
    });
  }
  if (parsed.kind === 'unsubscribe') {
    const result = await deps.subscriptions.unsubscribe(who, parsed.target);
    if (result.kind === 'removed') {
      return renderUnsubscribed({
        removed: result.removed.map(item),
        all: parsed.target === 'all',
        accountNames,
        lang: DEFAULT_LANG,
      });
    }
    if (result.kind === 'ambiguous') {
      return renderProblem(`\`${parsed.target}\` matches ${result.matches.length} subscriptions: use the full id.`);
    }
    return renderProblem(
      `This channel has no subscription \`${parsed.target}\`. \`/ssm-why subscriptions\` lists them.`,
    );
  }
  const result = await deps.subscriptions.subscribe(who, parsed.filter, DEFAULT_LANG);
  if (result.kind === 'unauthorized') {
    return renderUnauthorized({
      accountName: result.account?.name ?? 'any configured account',
      ...(result.account ? { accountId: result.account.id } : {}),
      lang: DEFAULT_LANG,
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
    lang: DEFAULT_LANG,
  });
}
