// Run now: the confirmation dialog, the thread messages (started, verified, still failing, timed out) and the
// refusals. Pure.

import type { CauseComparison } from '../../domain/remediation.ts';
import type { RemediationRecord } from '../../fleet/ports.ts';
import type { VerifyResult } from '../../fleet/verify.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import type { InvestigationRecord } from '../../investigation/ports.ts';
import { RUN_NOW } from '../action-ids.ts';
import { BlockIds, button, context, section } from './blocks.ts';
import { userMention } from './format.ts';
import { enforceMessageLimits, inlineCode, type KnownBlock, plainText, type SlackMessage, safeText } from './limits.ts';
import { readerDate } from './reader-date.ts';

export const RUN_NOW_CALLBACK = 'remediation.confirm';

/** The Run now button, added to the verdict's actions. */
export const runNowButton = (investigationId: string, lang: Lang) =>
  button({ text: texts(lang).panels.runNow.button, actionId: RUN_NOW, value: investigationId, style: 'primary' });

/** Appends Run now to the last actions block of a verdict (or adds one). */
export function withRunNow(message: SlackMessage, investigationId: string, lang: Lang): SlackMessage {
  const blocks = [...message.blocks];
  const index = blocks.map((b) => b.type).lastIndexOf('actions');
  const last = blocks[index];
  if (last?.type === 'actions' && last.elements.length < 25) {
    blocks[index] = { ...last, elements: [...last.elements, runNowButton(investigationId, lang)] };
  } else {
    blocks.push({ type: 'actions', block_id: 'verdict.run-now', elements: [runNowButton(investigationId, lang)] });
  }
  return { ...message, blocks };
}

export interface RunNowModalInput {
  investigation: InvestigationRecord;
  accountName: string;
  roleArn: string;
  targets?: number;
  /** Opaque: the investigation id and the channel, read back on submit. */
  privateMetadata: string;
  lang: Lang;
}

export function renderRunNowModal(input: RunNowModalInput) {
  const { investigation: i } = input;
  const say = texts(input.lang).panels.runNow;
  const ids = new BlockIds('run-now');
  const blocks: KnownBlock[] = [
    section(
      [
        say.question(inlineCode(i.associationId, 60)),
        say.account(safeText(input.accountName, 60), safeText(i.accountId, 20)),
        say.region(safeText(i.region, 30)),
        say.targets(input.targets),
      ].join('\n'),
      ids.next('what'),
    ),
    context([say.how(inlineCode(input.roleArn, 200))], ids.next('how')),
  ];
  return {
    type: 'modal' as const,
    callback_id: RUN_NOW_CALLBACK,
    private_metadata: input.privateMetadata,
    title: { type: 'plain_text' as const, text: plainText(say.title, 24) },
    submit: { type: 'plain_text' as const, text: say.submit },
    close: { type: 'plain_text' as const, text: say.close },
    blocks,
  };
}

const text = (message: string): SlackMessage =>
  enforceMessageLimits({ text: message, blocks: [section(message, 'remediation.text')] });

export const renderRunStarted = (r: RemediationRecord, lang: Lang) =>
  text(
    texts(lang).panels.runNow.started(
      userMention(r.userId),
      inlineCode(r.associationId, 60),
      inlineCode(r.roleArn, 200),
    ),
  );

export const renderRunFailed = (reason: string, lang: Lang) =>
  text(texts(lang).panels.runNow.failed(safeText(reason, 500)));

export const renderRunRefused = (accountName: string, lang: Lang) =>
  text(texts(lang).panels.runNow.refused(safeText(accountName, 60)));

export const renderRunAlready = (r: RemediationRecord, lang: Lang) =>
  text(texts(lang).panels.runNow.already(userMention(r.userId), readerDate(r.createdAt, lang)));

/** " — same cause: …" / " — a different cause now: …" after "Still failing", once the new verdict is in. */
function causeNote(comparison: CauseComparison | undefined, lang: Lang): string {
  const say = texts(lang).panels.runNow;
  if (!comparison) return say.causePending;
  switch (comparison.kind) {
    case 'same':
      return say.causeSame(safeText(comparison.cause.title, 200));
    case 'different':
      return say.causeDifferent(
        safeText(comparison.cause.title, 200),
        comparison.before ? safeText(comparison.before.title, 150) : undefined,
      );
    default:
      return say.causeNone;
  }
}

export function renderVerifyResult(
  r: RemediationRecord,
  result: VerifyResult,
  lang: Lang,
  comparison?: CauseComparison,
): SlackMessage {
  const say = texts(lang).panels.runNow;
  switch (result.kind) {
    case 'verified':
      return text(say.verified(result.success, result.total, userMention(r.userId)));
    case 'still-failing':
      return text(
        say.stillFailing(result.failing, result.total, safeText(result.status, 30), causeNote(comparison, lang)),
      );
    default:
      return text(say.notVerified(result.polls));
  }
}

/** The root message after a verified Run now. */
export function renderRootVerified(
  r: RemediationRecord,
  result: { success: number; total: number },
  accountName: string,
  lang: Lang,
): SlackMessage {
  const say = texts(lang).panels.runNow;
  const place = `${safeText(accountName, 60)} / ${safeText(r.region, 30)}`;
  const line = say.rootVerified(
    inlineCode(r.associationId, 60),
    place,
    result.success,
    result.total,
    userMention(r.userId),
  );
  return enforceMessageLimits({
    text: say.rootVerifiedText(r.associationId),
    blocks: [section(line, 'root.verified')],
  });
}

/** Run now entries for `/ssm-why history`: who, what, where, under which role, and the result. */
export function withRemediationHistory(
  history: SlackMessage,
  remediations: RemediationRecord[],
  lang: Lang,
): SlackMessage {
  if (remediations.length === 0) return history;
  const say = texts(lang).panels.runNow;
  const lines = remediations.map((r) =>
    say.historyLine(
      readerDate(r.createdAt, lang),
      userMention(r.userId),
      inlineCode(r.associationId, 60),
      `${safeText(r.accountId, 20)} / ${safeText(r.region, 30)}`,
      inlineCode(r.roleArn, 120),
      say.status[r.status],
    ),
  );
  const blocks = [...history.blocks, section(`${say.historyTitle}\n${lines.join('\n')}`, 'history.remediations')];
  return enforceMessageLimits({ text: history.text, blocks });
}
