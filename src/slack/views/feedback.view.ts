// "Was this right?" on verdicts (the 👍/👎 buttons, the "what was it really?" dialog, the replies) and the
// `/ssm-why stats` message. Pure; every user-facing string of the feature is here.
import type { VerdictStats } from '../../domain/verdict-stats.ts';
import { FEEDBACK_DOWN, FEEDBACK_UP } from '../action-ids.ts';
import { BlockIds, button, context, linesToSections, section } from './blocks.ts';
import { formatDuration, plural } from './format.ts';
import { type Button, enforceMessageLimits, plainText, type SlackMessage, safeText } from './limits.ts';

export const FEEDBACK_NOTE_CALLBACK = 'feedback.note';
export const FEEDBACK_NOTE_BLOCK = 'feedback.note.input';
export const FEEDBACK_NOTE_ACTION = 'feedback.note.text';
/** The longest note the dialog accepts (Slack's plain_text_input max_length). */
export const FEEDBACK_NOTE_INPUT_MAX = 500;

/** The 👍 / 👎 buttons a verdict carries; value = the investigation id. */
export const feedbackButtons = (investigationId: string): Button[] => [
  button({ text: '👍 Right', actionId: FEEDBACK_UP, value: investigationId }),
  button({ text: '👎 Wrong', actionId: FEEDBACK_DOWN, value: investigationId }),
];

/** The dialog opened on 👎: an optional short "what was it really?". */
export function renderFeedbackModal(input: { privateMetadata: string }) {
  return {
    type: 'modal' as const,
    callback_id: FEEDBACK_NOTE_CALLBACK,
    private_metadata: input.privateMetadata,
    title: { type: 'plain_text' as const, text: plainText('Was this right?', 24) },
    submit: { type: 'plain_text' as const, text: 'Send' },
    close: { type: 'plain_text' as const, text: 'Skip' },
    blocks: [
      section('Thanks — your 👎 is recorded. If you know, what was it really? (optional)', 'feedback.note.intro'),
      {
        type: 'input' as const,
        block_id: FEEDBACK_NOTE_BLOCK,
        optional: true,
        label: { type: 'plain_text' as const, text: 'What was it really?' },
        element: {
          type: 'plain_text_input' as const,
          action_id: FEEDBACK_NOTE_ACTION,
          multiline: true,
          max_length: FEEDBACK_NOTE_INPUT_MAX,
          placeholder: { type: 'plain_text' as const, text: 'e.g. the proxy, not the repository' },
        },
      },
    ],
  };
}

const text = (message: string): SlackMessage =>
  enforceMessageLimits({ text: message, blocks: [section(message, 'feedback.text')] });

export const renderFeedbackThanks = (vote: 'up' | 'down') =>
  text(vote === 'up' ? '👍 Thanks — recorded.' : '👎 Thanks — recorded. It helps us fix the verdicts.');

/** The stats of `/ssm-why stats`: investigations by cause family, 👍/👎 per family, median time to verdict. */
export function renderStats(input: {
  stats: VerdictStats;
  days: number;
  accountNames: readonly string[];
}): SlackMessage {
  const { stats, days } = input;
  const ids = new BlockIds('stats');
  const scope =
    input.accountNames.length > 0
      ? `accounts ${input.accountNames.map((n) => safeText(n, 40)).join(', ')}`
      : 'no account (none is allowed in this channel)';
  const head = `📊 *Verdicts, last ${days} days* — ${scope}`;
  if (stats.investigations === 0) {
    return enforceMessageLimits({
      text: `No investigations in the last ${days} days.`,
      blocks: [section(`${head}\nNo investigations in the last ${days} days.`, ids.next('head'))],
    });
  }
  const median = stats.medianMsToVerdict === undefined ? 'no verdict yet' : formatDuration(stats.medianMsToVerdict);
  const summary = `${plural(stats.investigations, 'investigation')}, ${plural(stats.verdicts, 'verdict')}; median time to verdict *${median}*`;
  const lines = stats.families.map(
    (f) => `• *${safeText(f.family, 40)}*: ${plural(f.investigations, 'investigation')} — 👍 ${f.up} · 👎 ${f.down}`,
  );
  return enforceMessageLimits({
    text: `Verdicts, last ${days} days: ${plural(stats.investigations, 'investigation')}, median time to verdict ${median}`,
    blocks: [
      section(`${head}\n${summary}`, ids.next('head')),
      ...linesToSections(lines, {
        ids,
        name: 'families',
        budget: 2_800,
        maxBlocks: 3,
        noun: 'families',
        heading: '*By cause family*',
      }),
      context(['👍/👎 are the "Was this right?" votes on each verdict.'], ids.next('note')),
    ],
  });
}
