// `/ssm-why history [<association-id>]`: recent investigations with a link to each thread.
import type { Diagnosis } from '../../domain/finding.ts';
import type { InvestigationRecord, InvestigationStatus } from '../../investigation/ports.ts';
import { BlockIds, linesToSections, section } from './blocks.ts';
import { OUTCOME_EMOJI, plural, slackDate } from './format.ts';
import { enforceMessageLimits, inlineCode, mrkdwnLink, type SlackMessage, safeText } from './limits.ts';

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
}

const STATUS_EMOJI: Record<InvestigationStatus, string> = {
  queued: '🕓',
  running: '⏳',
  done: '🏁',
  failed: '❗',
};

function threadLink(item: HistoryItem, workspaceUrl?: string): string {
  if (item.permalink) return mrkdwnLink(item.permalink, 'thread');
  const ts = item.threadTs ?? item.rootTs;
  const channelOk = /^[CGD][A-Z0-9]+$/.test(item.channelId);
  if (ts && channelOk && workspaceUrl && /^\d+\.\d+$/.test(ts)) {
    const base = workspaceUrl.replace(/\/+$/, '');
    return mrkdwnLink(`${base}/archives/${item.channelId}/p${ts.replace('.', '')}`, 'thread');
  }
  return channelOk ? `in <#${item.channelId}>` : '';
}

/** One investigation as a line with a link to its thread (also App Home's recent list). */
export function historyLine(item: HistoryItem, workspaceUrl?: string): string {
  const emoji = item.outcome ? OUTCOME_EMOJI[item.outcome] : STATUS_EMOJI[item.status];
  const where = `${safeText(item.accountName, 60)} (${safeText(item.accountId, 20)}) / ${safeText(item.region, 30)}`;
  const verdict = item.verdictSummary ? ` — ${safeText(item.verdictSummary, 200)}` : '';
  const link = threadLink(item, workspaceUrl);
  return `${emoji} ${inlineCode(item.associationId, 60)} · ${where} · ${slackDate(item.createdAt)} · *${item.status}*${verdict}${link ? ` · ${link}` : ''}`;
}

/** Newest first, as given. */
export function renderHistory(input: HistoryInput): SlackMessage {
  const ids = new BlockIds('history');
  const about = input.associationId ? ` of association ${inlineCode(input.associationId, 80)}` : '';
  if (input.items.length === 0) {
    const text = `No investigations${about} yet in this channel.`;
    return enforceMessageLimits({ text, blocks: [section(text, ids.next('empty'))] });
  }
  const heading = `*Recent investigations${about}* (${plural(input.items.length, 'investigation')})`;
  const blocks = linesToSections(
    input.items.map((item) => historyLine(item, input.workspaceUrl)),
    { ids, name: 'items', budget: 10_000, maxBlocks: 10, noun: 'investigations', heading },
  );
  const text = `${plural(input.items.length, 'recent investigation')}${about.replace(/`/g, '')}`;
  return enforceMessageLimits({ text, blocks });
}
