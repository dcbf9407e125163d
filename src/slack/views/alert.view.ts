// Alert messages: the root message of one alert (updated in place when it recovers), the recovery reply,
// the channel digest that groups many alerts, one digest reply per association, and the mute notes.
import type { AlertView, DigestView } from '../../alerts/ports.ts';
import type { Lang } from '../../i18n/index.ts';
import { type Catalog, texts } from '../../i18n/index.ts';
import { INVESTIGATE_AGAIN, MUTE_ALERT } from '../action-ids.ts';
import { BlockIds, button, context, fieldsSection, header, linesToSections, section } from './blocks.ts';
import { userMention } from './format.ts';
import {
  type ActionsBlock,
  enforceMessageLimits,
  inlineCode,
  type KnownBlock,
  plainText,
  type SlackMessage,
  safeText,
} from './limits.ts';
import { readerDate } from './reader-date.ts';

const STATUS_ORDER = ['Failed', 'Pending', 'InProgress', 'Success'];

/** `Failed 3 · Success 7`: the failing statuses first. */
export function formatStatusCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).filter(([, n]) => Number.isFinite(n));
  if (entries.length === 0) return '—';
  const rank = (status: string) => {
    const index = STATUS_ORDER.indexOf(status);
    return index === -1 ? STATUS_ORDER.length - 1 : index;
  };
  return entries
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .slice(0, 8)
    .map(([status, n]) => `${safeText(status, 40)} ${n}`)
    .join(' · ');
}

function emoji(alert: AlertView): string {
  if (alert.status === 'recovered') return '✅';
  return alert.lastSeenStatus.toLowerCase() === 'pending' ? '🟠' : '🔴';
}

/** The association as people name it: its name when it has one, else its id. */
const displayName = (alert: AlertView) => alert.associationName ?? alert.associationId;

function headline(alert: AlertView, t: Catalog): string {
  const name = displayName(alert);
  const say = t.panels.alert;
  if (alert.status === 'recovered') return say.recoveredHeadline(name);
  if (alert.triggerStatus === 'Pending') {
    return say.pendingHeadline(t.panels.durationMs((alert.pendingAlertMinutes ?? 0) * 60_000), name);
  }
  return say.failedHeadline(name);
}

function statusText(alert: AlertView): string {
  const detail = alert.detailedStatus ? ` (${safeText(alert.detailedStatus, 80)})` : '';
  return `${safeText(alert.lastSeenStatus, 40)}${detail}`;
}

const where = (alert: AlertView) =>
  `${safeText(alert.accountName, 60)} (${safeText(alert.accountId, 20)}) / ${safeText(alert.region, 30)}`;

function recoveredLine(alert: AlertView, t: Catalog): string {
  const at = alert.closedAt ?? alert.openedAt;
  const lasted = t.panels.durationMs(at.getTime() - alert.openedAt.getTime());
  return t.panels.alert.recoveredLine(readerDate(at, t.lang), safeText(alert.lastSeenStatus, 40), lasted);
}

function buttons(alert: AlertView, ids: BlockIds, t: Catalog, again = t.panels.alert.investigateAgain): ActionsBlock {
  const elements = [button({ text: again, actionId: INVESTIGATE_AGAIN, value: alert.episodeId })];
  if (alert.status === 'open')
    elements.push(button({ text: t.panels.alert.mute, actionId: MUTE_ALERT, value: alert.episodeId }));
  return { type: 'actions', block_id: ids.next('actions'), elements };
}

function fallback(alert: AlertView, t: Catalog): string {
  const name = alert.associationName ? safeText(alert.associationName, 100) : undefined;
  const id = safeText(alert.associationId, 80);
  const place = `${safeText(alert.accountName, 60)} / ${safeText(alert.region, 30)}`;
  if (alert.status === 'recovered') {
    return t.panels.alert.recoveredFallback(id, name, t.words.dateTime(alert.closedAt ?? alert.openedAt), place);
  }
  return t.panels.alert.openFallback(emoji(alert), id, name, safeText(alert.lastSeenStatus, 40), place);
}

/** The root message of one alert, rendered afresh for every update (open, status change, recovered). */
export function renderAlert(alert: AlertView): SlackMessage {
  const { lang } = alert;
  const t = texts(lang);
  const label = t.panels.alert.fields;
  const ids = new BlockIds('alert', `${alert.status[0]}${alert.lastSeenStatus.slice(0, 8)}`);
  const fields = [
    `*${label.association}*\n${inlineCode(alert.associationId, 80)}${alert.associationName ? `\n${safeText(alert.associationName, 200)}` : ''}`,
    `*${label.document}*\n${alert.documentName ? inlineCode(alert.documentName, 200) : '—'}`,
    `*${label.account}*\n${safeText(alert.accountName, 100)} (${safeText(alert.accountId, 20)})`,
    `*${label.region}*\n${safeText(alert.region, 30)}`,
    `*${label.status}*\n${statusText(alert)}`,
    `*${label.targets}*\n${formatStatusCounts(alert.statusCounts)}`,
  ];
  const blocks: KnownBlock[] = [
    header(`${emoji(alert)} ${headline(alert, t)}`, ids.next('header')),
    fieldsSection(fields, ids.next('fields')),
  ];
  if (alert.status === 'recovered') {
    blocks.push(section(recoveredLine(alert, t), ids.next('recovered')));
  } else {
    const opened = t.panels.alert.opened(readerDate(alert.openedAt, lang), Boolean(alert.investigating));
    blocks.push(context([opened], ids.next('opened')));
  }
  const tail = [buttons(alert, ids, t)];
  return enforceMessageLimits({ text: fallback(alert, t), blocks: [...blocks, ...tail] }, { keepLast: tail.length });
}

/** The reply in the alert's thread when the association recovers. */
export function renderRecoveryReply(alert: AlertView): SlackMessage {
  const t = texts(alert.lang);
  const ids = new BlockIds('alert-recovered');
  const text = recoveredLine(alert, t);
  return enforceMessageLimits({ text: fallback(alert, t), blocks: [section(text, ids.next('summary'))] });
}

function digestLine(alert: AlertView): string {
  const name = alert.associationName ? ` ${safeText(alert.associationName, 80)}` : '';
  return `${emoji(alert)} ${inlineCode(alert.associationId, 60)}${name} · ${where(alert)} · ${statusText(alert)}`;
}

/** One message for many alerts in one channel; each association gets a reply in its thread. */
export function renderDigest(digest: DigestView): SlackMessage {
  const { lang } = digest;
  const say = texts(lang).panels;
  const ids = new BlockIds('digest', `${digest.items.length}`);
  const open = digest.items.filter((i) => i.status === 'open').length;
  const recovered = digest.items.length - open;
  const title = open === 0 ? say.digest.allRecoveredTitle(digest.items.length) : say.digest.failingTitle(open);
  const summary = say.digest.summary(digest.items.length, readerDate(digest.openedAt, lang), open, recovered);
  const threaded = digest.items.length > digest.threadedItems ? digest.threadedItems : undefined;
  const blocks: KnownBlock[] = [
    header(title, ids.next('header')),
    section(summary, ids.next('summary')),
    ...linesToSections(digest.items.map(digestLine), {
      ids,
      name: 'items',
      budget: 9_000,
      maxBlocks: 40,
      noun: say.more.alerts,
    }),
    context([say.digest.note(threaded)], ids.next('note')),
  ];
  return enforceMessageLimits({ text: plainText(title, 500), blocks });
}

/** One association's reply in a digest's thread. */
export function renderDigestItem(alert: AlertView): SlackMessage {
  const t = texts(alert.lang);
  const say = t.panels.alert;
  const ids = new BlockIds('digest-item', `${alert.status[0]}${alert.lastSeenStatus.slice(0, 8)}`);
  const lines = [
    `${emoji(alert)} *${safeText(displayName(alert), 200)}* ${alert.associationName ? inlineCode(alert.associationId, 60) : ''}`,
    `${where(alert)} · ${alert.documentName ? inlineCode(alert.documentName, 150) : say.noDocument}`,
    say.statusLine(statusText(alert), formatStatusCounts(alert.statusCounts)),
  ];
  if (alert.status === 'recovered') lines.push(recoveredLine(alert, t));
  else if (alert.investigating) lines.push(say.investigatingHere);
  const tail = [buttons(alert, ids, t, say.investigate)];
  return enforceMessageLimits(
    { text: fallback(alert, t), blocks: [section(lines.join('\n'), ids.next('summary')), ...tail] },
    { keepLast: tail.length },
  );
}

/** The ephemeral answer to Mute 24 h. */
export function renderMuted(input: { associationId: string; until: Date; lang: Lang }): SlackMessage {
  const ids = new BlockIds('muted');
  const text = texts(input.lang).panels.alert.muted(
    inlineCode(input.associationId, 80),
    readerDate(input.until, input.lang),
  );
  return enforceMessageLimits({ text, blocks: [section(text, ids.next('summary'))] });
}

/** The note in the alert's thread that someone muted it (so the channel knows). */
export function renderMuteNote(input: { userId: string; until: Date; lang: Lang }): SlackMessage {
  const ids = new BlockIds('mute-note');
  const text = texts(input.lang).panels.alert.muteNote(userMention(input.userId), readerDate(input.until, input.lang));
  return enforceMessageLimits({ text, blocks: [context([text], ids.next('summary'))] });
}
