// One thread reply per finished investigation step: what the step saw, what it found, what it could not see.
import { type Lang, texts } from '../../i18n/index.ts';
import type { StepResult } from '../../investigation/ports.ts';
import { SHOW_MORE_OUTPUT, SHOW_OUTPUT } from '../action-ids.ts';
import { BlockIds, buttonRows, context, fieldsSection, linesToSections, section } from './blocks.ts';
import { durationText, findingBrief, gapLine, STEP_STATUS_EMOJI } from './format.ts';
import {
  blockTextLength,
  enforceMessageLimits,
  type KnownBlock,
  LIMITS,
  type SlackMessage,
  safeText,
  truncate,
} from './limits.ts';

/** A "Show output" button: the label is shown, the value is an opaque id (≤ 2,000 chars, never the output). */
export interface OutputButton {
  label: string;
  value: string;
}

export interface StepReplyOptions {
  /** The investigation's language. */
  lang: Lang;
  outputButtons?: OutputButton[];
  /** A "more targets…" button (SHOW_MORE_OUTPUT) after the Show output buttons. */
  moreOutputButton?: OutputButton;
  /** Makes block ids new when the reply is updated. */
  blockIdSuffix?: string;
}

/** At most this many fields side by side; more facts become a list. */
const MAX_FIELD_FACTS = 10;
const MAX_FIELD_FACT_LENGTH = 300;
const MAX_OUTPUT_BUTTON_ROWS = 4;
/** Headroom for headings and "… and N more" lines. */
const BUDGET_RESERVE = 500;

export function renderStepReply(step: StepResult, total: number, options: StepReplyOptions): SlackMessage {
  const { lang } = options;
  const t = texts(lang).thread;
  const say = t.reply;
  const statusWord = say.status[step.status];
  const ids = new BlockIds(`step-${step.ordinal}`, options.blockIdSuffix);
  const emoji = STEP_STATUS_EMOJI[step.status];
  const title = safeText(step.title, 120);

  // The buttons and footer come first: their text counts against the same message budget.
  const buttons = options.outputButtons ?? [];
  const maxButtons = MAX_OUTPUT_BUTTON_ROWS * LIMITS.actionsElements;
  const rows = buttonRows(
    SHOW_OUTPUT,
    buttons.slice(0, maxButtons).map((b) => ({ text: b.label, value: b.value })),
    ids,
    'output',
  );
  if (options.moreOutputButton) {
    const more = options.moreOutputButton;
    rows.push(...buttonRows(SHOW_MORE_OUTPUT, [{ text: more.label, value: more.value }], ids, 'output-more'));
  }
  const footer = [say.footer(statusWord, durationText(step.durationMs, lang))];
  if (buttons.length > maxButtons) footer.push(say.outputsNotShown(buttons.length - maxButtons));
  const tail: KnownBlock[] = [...rows, context(footer, ids.next('footer'))];

  const blocks: KnownBlock[] = [section(say.title(emoji, step.ordinal, total, title), ids.next('title'))];
  const used = [...blocks, ...tail].reduce((sum, block) => sum + blockTextLength(block), 0);
  const budget = Math.max(1_500, LIMITS.messageTextBudget - BUDGET_RESERVE - used);

  const facts = step.facts.map((fact) => ({
    label: safeText(fact.label, 100),
    value: safeText(fact.value, 1_000),
  }));
  const compact =
    facts.length > 0 &&
    facts.length <= MAX_FIELD_FACTS &&
    facts.every((f) => f.label.length + f.value.length <= MAX_FIELD_FACT_LENGTH);
  if (compact) {
    blocks.push(
      fieldsSection(
        facts.map((f) => `*${f.label}*\n${f.value}`),
        ids.next('facts'),
      ),
    );
  } else if (facts.length > 0) {
    blocks.push(
      ...linesToSections(
        facts.map((f) => `• *${f.label}:* ${truncate(f.value, 500)}`),
        { ids, name: 'facts', budget: Math.floor(budget * 0.45), maxBlocks: 3, noun: t.format.more.facts },
      ),
    );
  }

  if (step.findings.length > 0) {
    blocks.push(
      ...linesToSections(
        step.findings.map((finding) => `• ${findingBrief(finding)}`),
        {
          ids,
          name: 'findings',
          budget: Math.floor(budget * 0.35),
          maxBlocks: 2,
          noun: t.format.more.findings,
          heading: say.findingsHeading,
        },
      ),
    );
  }

  if (step.gaps.length > 0) {
    blocks.push(
      ...linesToSections(
        step.gaps.map((gap) => `• ${gapLine(gap, lang)}`),
        { ids, name: 'gaps', budget: Math.floor(budget * 0.2), maxBlocks: 1, noun: t.format.more.gaps },
      ),
    );
  }

  const summary =
    step.findings.length > 0
      ? say.findingCount(step.findings.length)
      : step.gaps.length > 0
        ? say.gapCount(step.gaps.length)
        : say.statusSummary(statusWord);
  const text = say.text(emoji, step.ordinal, total, title, summary);
  return enforceMessageLimits({ text, blocks: [...blocks, ...tail] }, { keepLast: tail.length, lang });
}
