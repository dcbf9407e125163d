// The root message of an investigation: what is investigated, live progress, then the verdict headline.
import type { Diagnosis } from '../../domain/finding.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import type { InvestigationRecord } from '../../investigation/ports.ts';
import { RERUN } from '../action-ids.ts';
import { BlockIds, button, context, header, section } from './blocks.ts';
import { OUTCOME_EMOJI, outcomeLabel, userMention } from './format.ts';
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
  /** The investigation's language. */
  lang: Lang;
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

function progressLine({ done, total, currentTitle }: RootMessageProgress, status: string, lang: Lang): string {
  const say = texts(lang).thread.root;
  if (status === 'queued') return say.queued;
  if (done >= total && total > 0) return say.allDone(total);
  const title = currentTitle ? safeText(currentTitle, 120) : undefined;
  return `${say.step(Math.min(done + 1, Math.max(total, 1)), total, title)}\n${progressBar(done, total)}`;
}

function verdictLines(diagnosis: Diagnosis, lang: Lang, threadPermalink?: string): string {
  const say = texts(lang).thread.root;
  const [top, ...rest] = diagnosis.findings;
  const emoji = OUTCOME_EMOJI[diagnosis.outcome];
  const label = outcomeLabel(diagnosis.outcome, lang);
  const lines: string[] = [];
  if (diagnosis.outcome === 'healthy' || !top) {
    lines.push(say.headline(emoji, label, diagnosis.outcome === 'healthy' ? say.noFault : say.seeThread));
    if (diagnosis.summary) lines.push(safeText(diagnosis.summary, 600));
  } else {
    lines.push(say.headline(emoji, label, safeText(top.title, 200)));
    lines.push(safeText(top.summary, 600));
    if (rest.length > 0) lines.push(say.moreFindings(rest.length));
  }
  if (diagnosis.gaps.length > 0) lines.push(say.checksNotRun(diagnosis.gaps.length));
  if (threadPermalink) lines.push(mrkdwnLink(threadPermalink, say.evidenceInThread));
  return lines.join('\n');
}

function fallbackText(input: RootMessageInput): string {
  const { investigation, diagnosis, progress } = input;
  const say = texts(input.lang).thread.root;
  const id = safeText(investigation.associationId, 80);
  if (diagnosis) {
    const top = diagnosis.findings[0];
    const headline = diagnosis.outcome === 'healthy' || !top ? diagnosis.summary || say.noFault : top.title;
    return say.fallbackVerdict(OUTCOME_EMOJI[diagnosis.outcome], id, safeText(headline, 300));
  }
  if (investigation.status === 'failed') return say.fallbackFailed(id);
  return say.fallbackRunning(id, Math.min(progress.done + 1, progress.total), progress.total);
}

/** The root message, rendered afresh for every progress update and for the final verdict. */
export function renderRootMessage(input: RootMessageInput): SlackMessage {
  const { investigation, documentName, progress, diagnosis, lang } = input;
  const say = texts(lang).thread.root;
  const finished = diagnosis !== undefined || investigation.status === 'failed' || investigation.status === 'done';
  const suffix = input.blockIdSuffix ?? `${progress.done}${diagnosis ? 'v' : ''}${investigation.status[0] ?? ''}`;
  const ids = new BlockIds('root', suffix);

  const blocks: KnownBlock[] = [header(say.header(finished, investigation.associationId), ids.next('header'))];

  const about: string[] = [];
  if (documentName) about.push(say.document(inlineCode(documentName, 200)));
  about.push(say.account(safeText(investigation.accountName, 100), safeText(investigation.accountId, 20)));
  about.push(say.region(safeText(investigation.region, 30)));
  about.push(investigation.trigger === 'alert' ? say.byAlert : say.requestedBy(userMention(investigation.userId)));
  blocks.push(context(about, ids.next('about')));

  if (diagnosis) {
    blocks.push(section(verdictLines(diagnosis, lang, input.threadPermalink), ids.next('verdict')));
  } else if (investigation.status === 'failed') {
    const why = investigation.verdictSummary ? safeText(investigation.verdictSummary, 1_000) : '';
    blocks.push(section(say.couldNotFinish(why), ids.next('failed')));
  } else {
    blocks.push(section(progressLine(progress, investigation.status, lang), ids.next('progress')));
    if (input.threadPermalink) {
      blocks.push(context([mrkdwnLink(input.threadPermalink, say.followInThread)], ids.next('thread')));
    }
  }

  const tail: ActionsBlock[] = finished
    ? [
        {
          type: 'actions',
          block_id: ids.next('actions'),
          elements: [button({ text: say.rerun, actionId: RERUN, value: investigation.id })],
        },
      ]
    : [];
  return enforceMessageLimits(
    { text: fallbackText(input), blocks: [...blocks, ...tail] },
    { keepLast: tail.length, lang },
  );
}
