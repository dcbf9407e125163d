// Ephemeral replies to `/ssm-why subscribe | unsubscribe | subscriptions`.
import type { SubscriptionFilter } from '../../alerts/ports.ts';
import { BlockIds, context, linesToSections, section } from './blocks.ts';
import { formatDuration, plural, slackDate, userMention } from './format.ts';
import { enforceMessageLimits, inlineCode, type SlackMessage, safeText } from './limits.ts';

/** A subscription as the views show it. */
export interface SubscriptionItem extends SubscriptionFilter {
  /** The short id users type in `unsubscribe`. */
  shortId: string;
  createdBy: string;
  createdAt: Date;
}

export interface CoveredAccount {
  accountName: string;
  accountId: string;
  regions: string[];
}

/** Account id → name, to show names in filters. */
export type AccountNames = Readonly<Record<string, string>>;

/** "associations named `web-*` in prod (111122223333), eu-west-1" */
export function describeFilter(filter: SubscriptionFilter, names: AccountNames): string {
  const what = filter.associationId
    ? `association ${inlineCode(filter.associationId, 60)}`
    : filter.documentName
      ? `associations of document ${inlineCode(filter.documentName, 150)}`
      : filter.namePattern
        ? `associations named ${inlineCode(filter.namePattern, 140)}`
        : 'every association';
  const account = filter.accountId
    ? `account ${safeText(names[filter.accountId] ?? filter.accountId, 60)} (${safeText(filter.accountId, 20)})`
    : 'every account this channel may use';
  const region = filter.region ? `region ${safeText(filter.region, 30)}` : 'its configured regions';
  return `${what} in ${account}, ${region}`;
}

const coverage = (covers: CoveredAccount[]) =>
  covers
    .map(
      (c) =>
        `${safeText(c.accountName, 60)} (${safeText(c.accountId, 20)}): ${c.regions.map((r) => safeText(r, 30)).join(', ')}`,
    )
    .join('; ');

export function renderSubscribed(input: {
  subscription: SubscriptionItem;
  created: boolean;
  covers: CoveredAccount[];
  accountNames: AccountNames;
  pollIntervalSeconds: number;
  pendingAlertMinutes: number;
}): SlackMessage {
  const ids = new BlockIds('subscribed');
  const filter = describeFilter(input.subscription, input.accountNames);
  const id = inlineCode(input.subscription.shortId, 20);
  const first = input.created
    ? `🔔 This channel is now subscribed to failure alerts for ${filter} (subscription ${id}).`
    : `🔔 This channel was already subscribed to ${filter} (subscription ${id}): nothing changed.`;
  const how = [
    `Watching ${coverage(input.covers) || 'nothing yet'}.`,
    `Checked every ${formatDuration(input.pollIntervalSeconds * 1_000)}: a change to *Failed*, or *Pending* for over ${formatDuration(input.pendingAlertMinutes * 60_000)}, posts an alert here with the investigation in its thread; it turns green when it recovers.`,
  ].join('\n');
  return enforceMessageLimits({
    text: first,
    blocks: [
      section(first, ids.next('summary')),
      section(how, ids.next('how')),
      context(['`/ssm-why subscriptions` lists them; `/ssm-why unsubscribe <id|all>` stops them.'], ids.next('hint')),
    ],
  });
}

export function renderSubscriptionList(input: { items: SubscriptionItem[]; accountNames: AccountNames }): SlackMessage {
  const ids = new BlockIds('subscriptions');
  if (input.items.length === 0) {
    const text = 'This channel has no alert subscriptions. Start with `/ssm-why subscribe`.';
    return enforceMessageLimits({ text, blocks: [section(text, ids.next('empty'))] });
  }
  const lines = input.items.map(
    (s) =>
      `• ${inlineCode(s.shortId, 20)} ${describeFilter(s, input.accountNames)} — by ${userMention(s.createdBy)}, ${slackDate(s.createdAt)}`,
  );
  const heading = `*Alert subscriptions of this channel* (${plural(input.items.length, 'subscription')})`;
  return enforceMessageLimits({
    text: `${plural(input.items.length, 'alert subscription')} in this channel`,
    blocks: [
      ...linesToSections(lines, { ids, name: 'items', budget: 10_000, maxBlocks: 10, noun: 'subscriptions', heading }),
      context(
        ['`/ssm-why unsubscribe <id>` removes one; `/ssm-why unsubscribe all` removes them all.'],
        ids.next('hint'),
      ),
    ],
  });
}

export function renderUnsubscribed(input: {
  removed: SubscriptionItem[];
  all: boolean;
  accountNames: AccountNames;
}): SlackMessage {
  const ids = new BlockIds('unsubscribed');
  if (input.removed.length === 0) {
    const text = input.all ? 'This channel had no alert subscriptions.' : 'Nothing to remove.';
    return enforceMessageLimits({ text, blocks: [section(text, ids.next('empty'))] });
  }
  const text = `🔕 Removed ${plural(input.removed.length, 'subscription')} from this channel.`;
  const lines = input.removed.map((s) => `• ${inlineCode(s.shortId, 20)} ${describeFilter(s, input.accountNames)}`);
  return enforceMessageLimits({
    text,
    blocks: [
      section(text, ids.next('summary')),
      ...linesToSections(lines, { ids, name: 'items', budget: 8_000, maxBlocks: 8, noun: 'subscriptions' }),
      context(['Alerts already open still say when they recover.'], ids.next('hint')),
    ],
  });
}
