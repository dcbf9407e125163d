// Ephemeral replies to `/ssm-why subscribe | unsubscribe | subscriptions`.
import type { SubscriptionFilter } from '../../alerts/ports.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import { BlockIds, context, linesToSections, section } from './blocks.ts';
import { userMention } from './format.ts';
import { enforceMessageLimits, inlineCode, type SlackMessage, safeText } from './limits.ts';
import { readerDate } from './reader-date.ts';

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
export function describeFilter(filter: SubscriptionFilter, names: AccountNames, lang: Lang): string {
  const say = texts(lang).panels.subscriptions;
  const what = filter.associationId
    ? say.association(inlineCode(filter.associationId, 60))
    : filter.documentName
      ? say.document(inlineCode(filter.documentName, 150))
      : filter.namePattern
        ? say.named(inlineCode(filter.namePattern, 140))
        : say.everyAssociation;
  const account = filter.accountId
    ? say.account(safeText(names[filter.accountId] ?? filter.accountId, 60), safeText(filter.accountId, 20))
    : say.everyAccount;
  const region = filter.region ? say.region(safeText(filter.region, 30)) : say.configuredRegions;
  return say.filter(what, account, region);
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
  lang: Lang;
}): SlackMessage {
  const { panels } = texts(input.lang);
  const say = panels.subscriptions;
  const ids = new BlockIds('subscribed');
  const filter = describeFilter(input.subscription, input.accountNames, input.lang);
  const id = inlineCode(input.subscription.shortId, 20);
  const first = input.created ? say.subscribed(filter, id) : say.alreadySubscribed(filter, id);
  const how = [
    say.watching(coverage(input.covers)),
    say.howItWorks(
      panels.durationMs(input.pollIntervalSeconds * 1_000),
      panels.durationMs(input.pendingAlertMinutes * 60_000),
    ),
  ].join('\n');
  return enforceMessageLimits({
    text: first,
    blocks: [
      section(first, ids.next('summary')),
      section(how, ids.next('how')),
      context([say.subscribedHint], ids.next('hint')),
    ],
  });
}

export function renderSubscriptionList(input: {
  items: SubscriptionItem[];
  accountNames: AccountNames;
  lang: Lang;
}): SlackMessage {
  const { panels } = texts(input.lang);
  const say = panels.subscriptions;
  const ids = new BlockIds('subscriptions');
  if (input.items.length === 0) {
    const text = say.none;
    return enforceMessageLimits({ text, blocks: [section(text, ids.next('empty'))] });
  }
  const lines = input.items.map((s) =>
    say.line(
      inlineCode(s.shortId, 20),
      describeFilter(s, input.accountNames, input.lang),
      userMention(s.createdBy),
      readerDate(s.createdAt, input.lang),
    ),
  );
  const heading = say.listHeading(input.items.length);
  const noun = panels.more.subscriptions;
  return enforceMessageLimits({
    text: say.listText(input.items.length),
    blocks: [
      ...linesToSections(lines, { ids, name: 'items', budget: 10_000, maxBlocks: 10, noun, heading }),
      context([say.listHint], ids.next('hint')),
    ],
  });
}

export function renderUnsubscribed(input: {
  removed: SubscriptionItem[];
  all: boolean;
  accountNames: AccountNames;
  lang: Lang;
}): SlackMessage {
  const { panels } = texts(input.lang);
  const say = panels.subscriptions;
  const ids = new BlockIds('unsubscribed');
  if (input.removed.length === 0) {
    const text = input.all ? say.hadNone : say.nothingToRemove;
    return enforceMessageLimits({ text, blocks: [section(text, ids.next('empty'))] });
  }
  const text = say.removed(input.removed.length);
  const lines = input.removed.map(
    (s) => `• ${inlineCode(s.shortId, 20)} ${describeFilter(s, input.accountNames, input.lang)}`,
  );
  const noun = panels.more.subscriptions;
  return enforceMessageLimits({
    text,
    blocks: [
      section(text, ids.next('summary')),
      ...linesToSections(lines, { ids, name: 'items', budget: 8_000, maxBlocks: 8, noun }),
      context([say.removedHint], ids.next('hint')),
    ],
  });
}
