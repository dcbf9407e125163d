// `/ssm-why history [<association-id>]`: recent investigations with a link to each thread.
import type { Diagnosis } from '../../domain/finding.ts';
import { type Catalog, type Lang, texts } from '../../i18n/index.ts';
import type { InvestigationRecord, InvestigationStatus } from '../../investigation/ports.ts';
import { BlockIds, linesToSections, section } from './blocks.ts';
import { OUTCOME_EMOJI } from './format.ts';
import { enforceMessageLimits, inlineCode, mrkdwnLink, type SlackMessage, safeText } from './limits.ts';
import { readerDate } from './reader-date.ts';

/** One investigation in the list; `permalink` (chat.getPermalink) wins over a link built from channel + ts. */
export type HistoryItem = Pick<
  InvestigationRecord,
  | 'id'
  | 'associationId'
  | 'accountName'
  | 'accountId'
  | 'region'
  | 'status'
  | 'verdictSummary'
  | 'channelId'
  | 'createdAt'
  | 'rootTs'
  | 'threadTs'
> & {
  permalink?: string;
  /** The verdict's outcome, when known; picks the emoji. */
  outcome?: Diagnosis['outcome'];
};

export interface HistoryInput {
  items: HistoryItem[];
  /** The association the list is filtered on, if any. */
  associationId?: string;
  /** e.g. `https://example-ops.slack.com`; lets a link be built from channel + ts when there is no permalink. */
  workspaceUrl?: string;
  lang: Lang;
}

const STATUS_EMOJI: Record<InvestigationStatus, string> = {
  queued: '🕓',
  running: '⏳',
  done: '🏁',
  failed: '❗',
};

function threadLink(item: HistoryItem, t: Catalog, workspaceUrl?: string): string {
  const say = t.panels.history;
  if (item.permalink) return mrkdwnLink(item.permalink, say.thread);
  const ts = item.threadTs ?? item.rootTs;
  const channelOk = /^[CGD][A-Z0-9]+$/.test(item.channelId);
  if (ts && channelOk && workspaceUrl && /^\d+\.\d+$/.test(ts)) {
    const base = workspaceUrl.replace(/\/+$/, '');
    return mrkdwnLink(`${base}/archives/${item.channelId}/p${ts.replace('.', '')}`, say.thread);
  }
  return channelOk ? say.inChannel(`<#${item.channelId}>`) : '';
}

/** One investigation as a line with a link to its thread (also App Home's recent list). */
export function historyLine(item: HistoryItem, lang: Lang, workspaceUrl?: string): string {
  const t = texts(lang);
  const emoji = item.outcome ? OUTCOME_EMOJI[item.outcome] : STATUS_EMOJI[item.status];
  const where = `${safeText(item.accountName, 60)} (${safeText(item.accountId, 20)}) / ${safeText(item.region, 30)}`;
  const verdict = item.verdictSummary ? ` — ${safeText(item.verdictSummary, 200)}` : '';
  const link = threadLink(item, t, workspaceUrl);
  const status = t.panels.history.status[item.status];
  return `${emoji} ${inlineCode(item.associationId, 60)} · ${where} · ${readerDate(item.createdAt, lang)} · *${status}*${verdict}${link ? ` · ${link}` : ''}`;
}

/** Newest first, as given. */
export function renderHistory(input: HistoryInput): SlackMessage {
  const say = texts(input.lang).panels;
  const ids = new BlockIds('history');
  const id = input.associationId ? inlineCode(input.associationId, 80) : undefined;
  if (input.items.length === 0) {
    const text = say.history.empty(id);
    return enforceMessageLimits({ text, blocks: [section(text, ids.next('empty'))] });
  }
  const heading = say.history.heading(id, input.items.length);
  const blocks = linesToSections(
    input.items.map((item) => historyLine(item, input.lang, input.workspaceUrl)),
    { ids, name: 'items', budget: 10_000, maxBlocks: 10, noun: say.more.investigations, heading },
  );
  const text = say.history.text(id?.replace(/`/g, ''), input.items.length);
  return enforceMessageLimits({ text, blocks });
}
