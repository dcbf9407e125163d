// The root message of an investigation: what is investigated, live progress, then the verdict headline.
import type { Diagnosis } from '../../domain/finding.ts';
import type { InvestigationRecord } from '../../investigation/ports.ts';
import { RERUN } from '../action-ids.ts';
import { BlockIds, button, context, header, section } from './blocks.ts';
import { OUTCOME_EMOJI, OUTCOME_LABEL, plural, userMention } from './format.ts';
import {
  type ActionsBlock,
  enforceMessageLimits,
  inlineCode,
  type KnownBlock,
  mrkdwnLink,
  type SlackMessage,
  safeText,
} from './limits.ts';

export interface RootMessageProgress {
  /** Steps finished so far. */
  done: number;
  total: number;
  /** Title of the step now running. */
  currentTitle?: string;
}

export interface RootMessageInput {
  investigation: InvestigationRecord;
  documentName?: string;
  progress: RootMessageProgress;
  diagnosis?: Diagnosis;
  threadPermalink?: string;
  /** Makes block ids new on each update; defaults to one derived from the progress. */
  blockIdSuffix?: string;
}

const PROGRESS_BAR_MAX = 20;

function progressBar(done: number, total: number): string {
  const width = Math.min(Math.max(total, 1), PROGRESS_BAR_MAX);
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * width) : 0;
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}

function progressLine({ done, total, currentTitle }: RootMessageProgress, status: string): string {
  if (status === 'queued') return '🕓 Queued — starting shortly…';
  if (done >= total && total > 0) return `⏳ All ${total} steps done — writing the verdict…`;
  const title = currentTitle ? ` — ${safeText(currentTitle, 120)}…` : '…';
  return `⏳ Step ${Math.min(done + 1, Math.max(total, 1))} of ${total}${title}\n${progressBar(done, total)}`;
}

function verdictLines(diagnosis: Diagnosis, threadPermalink?: string): string {
  const [top, ...rest] = diagnosis.findings;
  const emoji = OUTCOME_EMOJI[diagnosis.outcome];
  const label = OUTCOME_LABEL[diagnosis.outcome];
  const lines: string[] = [];
  if (diagnosis.outcome === 'healthy' || !top) {
    lines.push(`${emoji} *${label}: ${diagnosis.outcome === 'healthy' ? 'No fault found' : 'see the thread'}*`);
    if (diagnosis.summary) lines.push(safeText(diagnosis.summary, 600));
  } else {
    lines.push(`${emoji} *${label}: ${safeText(top.title, 200)}*`);
    lines.push(safeText(top.summary, 600));
    if (rest.length > 0) lines.push(`_+ ${plural(rest.length, 'more finding')}_`);
  }
  if (diagnosis.gaps.length > 0)
    lines.push(`_${plural(diagnosis.gaps.length, 'check')} could not run — see the verdict_`);
  if (threadPermalink) lines.push(mrkdwnLink(threadPermalink, 'Evidence and fix in the thread'));
  return lines.join('\n');
}

function fallbackText(input: RootMessageInput): string {
  const { investigation, diagnosis, progress } = input;
  const id = safeText(investigation.associationId, 80);
  if (diagnosis) {
    const top = diagnosis.findings[0];
    const headline = diagnosis.outcome === 'healthy' || !top ? diagnosis.summary || 'No fault found' : top.title;
    return `${OUTCOME_EMOJI[diagnosis.outcome]} Association ${id}: ${safeText(headline, 300)}`;
  }
  if (investigation.status === 'failed') return `❗ Investigation of association ${id} could not finish`;
  return `Investigating association ${id} — step ${Math.min(progress.done + 1, progress.total)} of ${progress.total}`;
}

/** The root message, rendered afresh for every progress update and for the final verdict. */
export function renderRootMessage(input: RootMessageInput): SlackMessage {
  const { investigation, documentName, progress, diagnosis } = input;
  const finished = diagnosis !== undefined || investigation.status === 'failed' || investigation.status === 'done';
  const suffix = input.blockIdSuffix ?? `${progress.done}${diagnosis ? 'v' : ''}${investigation.status[0] ?? ''}`;
  const ids = new BlockIds('root', suffix);

  const blocks: KnownBlock[] = [
    header(
      `${finished ? 'Investigated' : 'Investigating'} association ${investigation.associationId}`,
      ids.next('header'),
    ),
  ];

  const about: string[] = [];
  if (documentName) about.push(`*Document:* ${inlineCode(documentName, 200)}`);
  about.push(`*Account:* ${safeText(investigation.accountName, 100)} (${safeText(investigation.accountId, 20)})`);
  about.push(`*Region:* ${safeText(investigation.region, 30)}`);
  about.push(
    investigation.trigger === 'alert'
      ? '*Triggered by:* an alert'
      : `*Requested by:* ${userMention(investigation.userId)}`,
  );
  blocks.push(context(about, ids.next('about')));

  if (diagnosis) {
    blocks.push(section(verdictLines(diagnosis, input.threadPermalink), ids.next('verdict')));
  } else if (investigation.status === 'failed') {
    const why = investigation.verdictSummary ? `\n${safeText(investigation.verdictSummary, 1_000)}` : '';
    blocks.push(section(`❗ *The investigation could not finish.*${why}`, ids.next('failed')));
  } else {
    blocks.push(section(progressLine(progress, investigation.status), ids.next('progress')));
    if (input.threadPermalink) {
      blocks.push(context([mrkdwnLink(input.threadPermalink, 'Follow the steps in the thread')], ids.next('thread')));
    }
  }

  const tail: ActionsBlock[] = finished
    ? [
        {
          type: 'actions',
          block_id: ids.next('actions'),
          elements: [button({ text: 'Re-run', actionId: RERUN, value: investigation.id })],
        },
      ]
    : [];
  return enforceMessageLimits({ text: fallbackText(input), blocks: [...blocks, ...tail] }, { keepLast: tail.length });
}
