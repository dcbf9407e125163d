// "Was this right?" on verdicts (the 👍/👎 buttons, the "what was it really?" dialog, the replies) and the
// `/ssm-why stats` message. Pure; every user-facing string of the feature is here.
import type { VerdictStats } from '../../domain/verdict-stats.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import { FEEDBACK_DOWN, FEEDBACK_UP } from '../action-ids.ts';
import { BlockIds, button, context, linesToSections, section } from './blocks.ts';
import { durationText } from './format.ts';
import { type Button, enforceMessageLimits, plainText, type SlackMessage, safeText } from './limits.ts';

export const FEEDBACK_NOTE_CALLBACK = 'feedback.note';
export const FEEDBACK_NOTE_BLOCK = 'feedback.note.input';
export const FEEDBACK_NOTE_ACTION = 'feedback.note.text';
/** The longest note the dialog accepts (Slack's plain_text_input max_length). */
export const FEEDBACK_NOTE_INPUT_MAX = 500;

/** The 👍 / 👎 buttons a verdict carries; value = the investigation id. */
export const feedbackButtons = (investigationId: string, lang: Lang): Button[] => [
  button({ text: texts(lang).thread.feedback.right, actionId: FEEDBACK_UP, value: investigationId }),
  button({ text: texts(lang).thread.feedback.wrong, actionId: FEEDBACK_DOWN, value: investigationId }),
];

/** The dialog opened on 👎: an optional short "what was it really?". */
export function renderFeedbackModal(input: { privateMetadata: string; lang: Lang }) {
  const say = texts(input.lang).thread.feedback;
  return {
    type: 'modal' as const,
    callback_id: FEEDBACK_NOTE_CALLBACK,
    private_metadata: input.privateMetadata,
    title: { type: 'plain_text' as const, text: plainText(say.modalTitle, 24) },
    submit: { type: 'plain_text' as const, text: plainText(say.send, 24) },
    close: { type: 'plain_text' as const, text: plainText(say.skip, 24) },
    blocks: [
      section(say.modalIntro, 'feedback.note.intro'),
      {
        type: 'input' as const,
        block_id: FEEDBACK_NOTE_BLOCK,
        optional: true,
        label: { type: 'plain_text' as const, text: plainText(say.noteLabel, 2_000) },
        element: {
          type: 'plain_text_input' as const,
          action_id: FEEDBACK_NOTE_ACTION,
          multiline: true,
          max_length: FEEDBACK_NOTE_INPUT_MAX,
          placeholder: { type: 'plain_text' as const, text: plainText(say.notePlaceholder, 150) },
        },
      },
    ],
  };
}

const text = (message: string, lang: Lang): SlackMessage =>
  enforceMessageLimits({ text: message, blocks: [section(message, 'feedback.text')] }, { lang });

export const renderFeedbackThanks = (vote: 'up' | 'down', lang: Lang) => {
  const say = texts(lang).thread.feedback;
  return text(vote === 'up' ? say.thanksUp : say.thanksDown, lang);
};

/** The stats of `/ssm-why stats`: investigations by cause family, 👍/👎 per family, median time to verdict. */
export function renderStats(input: {
  stats: VerdictStats;
  days: number;
  accountNames: readonly string[];
  lang: Lang;
}): SlackMessage {
  const { stats, days, lang } = input;
  const t = texts(lang).thread;
  const say = t.feedback;
  const ids = new BlockIds('stats');
  const scope =
    input.accountNames.length > 0
      ? say.statsScope(input.accountNames.map((n) => safeText(n, 40)).join(', '))
      : say.statsNoAccount;
  const head = say.statsHead(days, scope);
  if (stats.investigations === 0) {
    return enforceMessageLimits(
      {
        text: say.statsNone(days),
        blocks: [section(`${head}\n${say.statsNone(days)}`, ids.next('head'))],
      },
      { lang },
    );
  }
  const median = stats.medianMsToVerdict === undefined ? say.noVerdictYet : durationText(stats.medianMsToVerdict, lang);
  const summary = say.statsSummary(stats.investigations, stats.verdicts, median);
  const lines = stats.families.map((f) => say.statsFamily(safeText(f.family, 40), f.investigations, f.up, f.down));
  return enforceMessageLimits(
    {
      text: say.statsText(days, stats.investigations, median),
      blocks: [
        section(`${head}\n${summary}`, ids.next('head')),
        ...linesToSections(lines, {
          ids,
          name: 'families',
          budget: 2_800,
          maxBlocks: 3,
          noun: t.format.more.families,
          heading: say.byFamily,
        }),
        context([say.votesNote], ids.next('note')),
      ],
    },
    { lang },
  );
}
