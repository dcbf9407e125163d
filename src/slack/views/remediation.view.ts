// Run now: the confirmation dialog, the thread messages (started, verified, still failing, timed out) and the
// refusals. Pure.

import type { CauseComparison } from '../../domain/remediation.ts';
import type { RemediationRecord } from '../../fleet/ports.ts';
import type { VerifyResult } from '../../fleet/verify.ts';
import type { InvestigationRecord } from '../../investigation/ports.ts';
import { RUN_NOW } from '../action-ids.ts';
import { BlockIds, button, context, section } from './blocks.ts';
import { plural, slackDate, userMention } from './format.ts';
import { enforceMessageLimits, inlineCode, type KnownBlock, plainText, type SlackMessage, safeText } from './limits.ts';

export const RUN_NOW_CALLBACK = 'remediation.confirm';

/** The Run now button, added to the verdict's actions. */
export const runNowButton = (investigationId: string) =>
  button({ text: '▶️ Run now', actionId: RUN_NOW, value: investigationId, style: 'primary' });

/** Appends Run now to the last actions block of a verdict (or adds one). */
export function withRunNow(message: SlackMessage, investigationId: string): SlackMessage {
  const blocks = [...message.blocks];
  const index = blocks.map((b) => b.type).lastIndexOf('actions');
  const last = blocks[index];
  if (last?.type === 'actions' && last.elements.length < 25) {
    blocks[index] = { ...last, elements: [...last.elements, runNowButton(investigationId)] };
  } else {
    blocks.push({ type: 'actions', block_id: 'verdict.run-now', elements: [runNowButton(investigationId)] });
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
}

export function renderRunNowModal(input: RunNowModalInput) {
  const { investigation: i } = input;
  const ids = new BlockIds('run-now');
  const targets = input.targets !== undefined ? plural(input.targets, 'target') : 'its targets (count unknown)';
  const blocks: KnownBlock[] = [
    section(
      [
        `Run association ${inlineCode(i.associationId, 60)} once now?`,
        `*Account:* ${safeText(input.accountName, 60)} (${safeText(i.accountId, 20)})`,
        `*Region:* ${safeText(i.region, 30)}`,
        `*Targets:* ${targets}`,
      ].join('\n'),
      ids.next('what'),
    ),
    context(
      [
        `Calls \`ssm:StartAssociationsOnce\` under ${inlineCode(input.roleArn, 200)}, as you (CloudTrail session \`ssm-why-<your user id>\`). Only the account's remediators may confirm; it is recorded in the audit log. The thread then follows the new execution and says how it ended.`,
      ],
      ids.next('how'),
    ),
  ];
  return {
    type: 'modal' as const,
    callback_id: RUN_NOW_CALLBACK,
    private_metadata: input.privateMetadata,
    title: { type: 'plain_text' as const, text: plainText('Run now?', 24) },
    submit: { type: 'plain_text' as const, text: 'Run now' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks,
  };
}

const text = (message: string): SlackMessage =>
  enforceMessageLimits({ text: message, blocks: [section(message, 'remediation.text')] });

export const renderRunStarted = (r: RemediationRecord) =>
  text(
    `▶️ ${userMention(r.userId)} ran association ${inlineCode(r.associationId, 60)} now (\`StartAssociationsOnce\` under ${inlineCode(r.roleArn, 200)}). Following the new execution — one update here when it ends.`,
  );

export const renderRunFailed = (reason: string) => text(`❗ Run now failed: ${safeText(reason, 500)}`);

export const renderRunRefused = (accountName: string) =>
  text(`🔒 Only the remediators of account ${safeText(accountName, 60)} may run it now. This was recorded.`);

export const renderRunAlready = (r: RemediationRecord) =>
  text(`This verdict was already run by ${userMention(r.userId)} at ${slackDate(r.createdAt)}; it is not run twice.`);

/** " — same cause: …" / " — a different cause now: …" after "Still failing", once the new verdict is in. */
function causeNote(comparison: CauseComparison | undefined): string {
  if (!comparison) return '. A new investigation follows in this thread.';
  switch (comparison.kind) {
    case 'same':
      return ` — *same cause:* ${safeText(comparison.cause.title, 200)} (the new verdict is in this thread).`;
    case 'different':
      return ` — *a different cause now:* ${safeText(comparison.cause.title, 200)}${comparison.before ? ` (was: ${safeText(comparison.before.title, 150)})` : ''}. The new verdict is in this thread.`;
    default:
      return ' — the new verdict in this thread names no cause to compare.';
  }
}

export function renderVerifyResult(
  r: RemediationRecord,
  result: VerifyResult,
  comparison?: CauseComparison,
): SlackMessage {
  switch (result.kind) {
    case 'verified':
      return text(
        `✅ *Verified:* ${result.success}/${result.total} targets Success after Run now by ${userMention(r.userId)}.`,
      );
    case 'still-failing':
      return text(
        `🔴 *Still failing:* ${result.failing}/${result.total} targets not Success (execution ${safeText(result.status, 30)})${causeNote(comparison)}`,
      );
    default:
      return text(
        `⏱️ *Not verified:* no finished execution after ${plural(result.polls, 'check')}. Look at the association's execution history.`,
      );
  }
}

/** The root message after a verified Run now. */
export function renderRootVerified(
  r: RemediationRecord,
  result: { success: number; total: number },
  accountName: string,
): SlackMessage {
  const line = `✅ *Verified:* association ${inlineCode(r.associationId, 60)} in ${safeText(accountName, 60)} / ${safeText(r.region, 30)} — ${result.success}/${result.total} targets Success after Run now by ${userMention(r.userId)}.`;
  return enforceMessageLimits({ text: `Verified: ${r.associationId}`, blocks: [section(line, 'root.verified')] });
}

const STATUS_LABEL: Record<RemediationRecord['status'], string> = {
  starting: '⏳ starting',
  started: '⏳ verifying',
  failed: '❗ call failed',
  verified: '✅ verified',
  'still-failing': '🔴 still failing',
  'timed-out': '⏱️ not verified',
};

/** Run now entries for `/ssm-why history`: who, what, where, under which role, and the result. */
export function withRemediationHistory(history: SlackMessage, remediations: RemediationRecord[]): SlackMessage {
  if (remediations.length === 0) return history;
  const lines = remediations.map(
    (r) =>
      `▶️ ${slackDate(r.createdAt)} · ${userMention(r.userId)} ran ${inlineCode(r.associationId, 60)} (StartAssociationsOnce) in ${safeText(r.accountId, 20)} / ${safeText(r.region, 30)} as ${inlineCode(r.roleArn, 120)} · *${STATUS_LABEL[r.status]}*`,
  );
  const blocks = [...history.blocks, section(`*Run now (remediations)*\n${lines.join('\n')}`, 'history.remediations')];
  return enforceMessageLimits({ text: history.text, blocks });
}
