// Alert messages: the root message of one alert (updated in place when it recovers), the recovery reply,
// the channel digest that groups many alerts, one digest reply per association, and the mute notes.
import type { AlertView, DigestView } from '../../alerts/ports.ts';
import { INVESTIGATE_AGAIN, MUTE_ALERT } from '../action-ids.ts';
import { BlockIds, button, context, fieldsSection, header, linesToSections, section } from './blocks.ts';
import { formatDuration, plural, slackDate, userMention } from './format.ts';
import {
  type ActionsBlock,
  enforceMessageLimits,
  inlineCode,
  type KnownBlock,
  plainText,
  type SlackMessage,
  safeText,
} from './limits.ts';

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

function headline(alert: AlertView): string {
  const name = displayName(alert);
  if (alert.status === 'recovered') return `Recovered: ${name}`;
  if (alert.triggerStatus === 'Pending') {
    return `Association pending for over ${formatDuration((alert.pendingAlertMinutes ?? 0) * 60_000)}: ${name}`;
  }
  return `Association failed: ${name}`;
}

function statusText(alert: AlertView): string {
  const detail = alert.detailedStatus ? ` (${safeText(alert.detailedStatus, 80)})` : '';
  return `${safeText(alert.lastSeenStatus, 40)}${detail}`;
}

const where = (alert: AlertView) =>
  `${safeText(alert.accountName, 60)} (${safeText(alert.accountId, 20)}) / ${safeText(alert.region, 30)}`;

function recoveredLine(alert: AlertView): string {
  const at = alert.closedAt ?? alert.openedAt;
  const lasted = formatDuration(at.getTime() - alert.openedAt.getTime());
  return `✅ *Recovered at ${slackDate(at)}* — ${safeText(alert.lastSeenStatus, 40)} again after ${lasted}.`;
}

function buttons(alert: AlertView, ids: BlockIds, again = 'Investigate again'): ActionsBlock {
  const elements = [button({ text: again, actionId: INVESTIGATE_AGAIN, value: alert.episodeId })];
  if (alert.status === 'open')
    elements.push(button({ text: 'Mute 24 h', actionId: MUTE_ALERT, value: alert.episodeId }));
  return { type: 'actions', block_id: ids.next('actions'), elements };
}

function fallback(alert: AlertView): string {
  const name = alert.associationName ? ` (${safeText(alert.associationName, 100)})` : '';
  const id = safeText(alert.associationId, 80);
  const place = `${safeText(alert.accountName, 60)} / ${safeText(alert.region, 30)}`;
  if (alert.status === 'recovered') {
    const at = (alert.closedAt ?? alert.openedAt).toISOString().replace('T', ' ').slice(0, 16);
    return `✅ Association ${id}${name} recovered at ${at} UTC in ${place}`;
  }
  return `${emoji(alert)} Association ${id}${name} is ${safeText(alert.lastSeenStatus, 40)} in ${place}`;
}

/** The root message of one alert, rendered afresh for every update (open, status change, recovered). */
export function renderAlert(alert: AlertView): SlackMessage {
  const ids = new BlockIds('alert', `${alert.status[0]}${alert.lastSeenStatus.slice(0, 8)}`);
  const fields = [
    `*Association*\n${inlineCode(alert.associationId, 80)}${alert.associationName ? `\n${safeText(alert.associationName, 200)}` : ''}`,
    `*Document*\n${alert.documentName ? inlineCode(alert.documentName, 200) : '—'}`,
    `*Account*\n${safeText(alert.accountName, 100)} (${safeText(alert.accountId, 20)})`,
    `*Region*\n${safeText(alert.region, 30)}`,
    `*Status*\n${statusText(alert)}`,
    `*Targets*\n${formatStatusCounts(alert.statusCounts)}`,
  ];
  const blocks: KnownBlock[] = [
    header(`${emoji(alert)} ${headline(alert)}`, ids.next('header')),
    fieldsSection(fields, ids.next('fields')),
  ];
  if (alert.status === 'recovered') {
    blocks.push(section(recoveredLine(alert), ids.next('recovered')));
  } else {
    const notes = [`Alert opened ${slackDate(alert.openedAt)}`];
    if (alert.investigating) notes.push('the investigation is running in the thread ↓');
    blocks.push(context([notes.join(' · ')], ids.next('opened')));
  }
  const tail = [buttons(alert, ids)];
  return enforceMessageLimits({ text: fallback(alert), blocks: [...blocks, ...tail] }, { keepLast: tail.length });
}

/** The reply in the alert's thread when the association recovers. */
export function renderRecoveryReply(alert: AlertView): SlackMessage {
  const ids = new BlockIds('alert-recovered');
  const text = recoveredLine(alert);
  return enforceMessageLimits({ text: fallback(alert), blocks: [section(text, ids.next('summary'))] });
}

function digestLine(alert: AlertView): string {
  const name = alert.associationName ? ` ${safeText(alert.associationName, 80)}` : '';
  return `${emoji(alert)} ${inlineCode(alert.associationId, 60)}${name} · ${where(alert)} · ${statusText(alert)}`;
}

/** One message for many alerts in one channel; each association gets a reply in its thread. */
export function renderDigest(digest: DigestView): SlackMessage {
  const ids = new BlockIds('digest', `${digest.items.length}`);
  const open = digest.items.filter((i) => i.status === 'open').length;
  const recovered = digest.items.length - open;
  const title =
    open === 0
      ? `✅ ${plural(digest.items.length, 'association alert')} — all recovered`
      : `🔥 ${plural(open, 'association')} failing in this channel`;
  const summary = [
    `*${plural(digest.items.length, 'alert')}* since ${slackDate(digest.openedAt)}: ${open} open, ${recovered} recovered.`,
    'Grouped into one message so a storm does not flood the channel.',
  ].join(' ');
  const more =
    digest.items.length > digest.threadedItems
      ? ` The first ${digest.threadedItems} have a reply there; the rest are listed here only.`
      : '';
  const blocks: KnownBlock[] = [
    header(title, ids.next('header')),
    section(summary, ids.next('summary')),
    ...linesToSections(digest.items.map(digestLine), {
      ids,
      name: 'items',
      budget: 9_000,
      maxBlocks: 40,
      noun: 'alerts',
    }),
    context(
      [`One reply per association in the thread ↓ with *Investigate* and *Mute 24 h* buttons.${more}`],
      ids.next('note'),
    ),
  ];
  return enforceMessageLimits({ text: plainText(title, 500), blocks });
}

/** One association's reply in a digest's thread. */
export function renderDigestItem(alert: AlertView): SlackMessage {
  const ids = new BlockIds('digest-item', `${alert.status[0]}${alert.lastSeenStatus.slice(0, 8)}`);
  const lines = [
    `${emoji(alert)} *${safeText(displayName(alert), 200)}* ${alert.associationName ? inlineCode(alert.associationId, 60) : ''}`,
    `${where(alert)} · ${alert.documentName ? inlineCode(alert.documentName, 150) : 'no document'}`,
    `*Status:* ${statusText(alert)} · *Targets:* ${formatStatusCounts(alert.statusCounts)}`,
  ];
  if (alert.status === 'recovered') lines.push(recoveredLine(alert));
  else if (alert.investigating) lines.push('_Investigating in this thread._');
  const tail = [buttons(alert, ids, 'Investigate')];
  return enforceMessageLimits(
    { text: fallback(alert), blocks: [section(lines.join('\n'), ids.next('summary')), ...tail] },
    { keepLast: tail.length },
  );
}

/** The ephemeral answer to Mute 24 h. */
export function renderMuted(input: { associationId: string; until: Date }): SlackMessage {
  const ids = new BlockIds('muted');
  const text = `🔕 No new alerts about ${inlineCode(input.associationId, 80)} in this channel until ${slackDate(input.until)}. Open alerts still say when it recovers.`;
  return enforceMessageLimits({ text, blocks: [section(text, ids.next('summary'))] });
}

/** The note in the alert's thread that someone muted it (so the channel knows). */
export function renderMuteNote(input: { userId: string; until: Date }): SlackMessage {
  const ids = new BlockIds('mute-note');
  const text = `🔕 Muted by ${userMention(input.userId)} until ${slackDate(input.until)}.`;
  return enforceMessageLimits({ text, blocks: [context([text], ids.next('summary'))] });
}
