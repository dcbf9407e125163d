// Small Block Kit builders that stay within Slack's limits by construction. Text passed in is mrkdwn
// the caller has already escaped (see escapeMrkdwn); builders only cut it to size.
import { type ActionId, indexedActionId } from '../action-ids.ts';
import {
  type ActionsBlock,
  assertButtonValue,
  type Button,
  type ContextBlock,
  type DividerBlock,
  type HeaderBlock,
  LIMITS,
  plainText,
  type SectionBlock,
  truncateMrkdwn,
} from './limits.ts';

/** Hands out block ids unique within one rendering; the suffix makes them new on each update of a message. */
export class BlockIds {
  private readonly used = new Map<string, number>();

  constructor(
    private readonly prefix: string,
    private readonly suffix?: string,
  ) {}

  next(name: string): string {
    const count = (this.used.get(name) ?? 0) + 1;
    this.used.set(name, count);
    const parts = [this.prefix, count === 1 ? name : `${name}-${count}`, this.suffix].filter(Boolean);
    return parts.join('.').slice(0, LIMITS.blockId);
  }
}

export const section = (text: string, blockId: string): SectionBlock => ({
  type: 'section',
  block_id: blockId,
  text: { type: 'mrkdwn', text: truncateMrkdwn(text, LIMITS.sectionText), verbatim: true },
});

/** A section of two-column fields; at most 10, each cut to 2,000 characters. */
export const fieldsSection = (fields: string[], blockId: string): SectionBlock => ({
  type: 'section',
  block_id: blockId,
  fields: fields.slice(0, LIMITS.sectionFields).map((text) => ({
    type: 'mrkdwn',
    text: truncateMrkdwn(text, LIMITS.sectionFieldText),
    verbatim: true,
  })),
});

export const header = (text: string, blockId: string): HeaderBlock => ({
  type: 'header',
  block_id: blockId,
  text: { type: 'plain_text', text: plainText(text, LIMITS.headerText), emoji: true },
});

/** A context block of mrkdwn elements (at most 10). */
export const context = (texts: string[], blockId: string): ContextBlock => ({
  type: 'context',
  block_id: blockId,
  elements: texts.slice(0, LIMITS.contextElements).map((text) => ({
    type: 'mrkdwn',
    text: truncateMrkdwn(text, LIMITS.contextElementText),
    verbatim: true,
  })),
});

export const divider = (blockId: string): DividerBlock => ({ type: 'divider', block_id: blockId });

export interface ButtonSpec {
  /** Plain text; cut to 75 characters. */
  text: string;
  actionId: string;
  /** Opaque id only; throws above 2,000 characters. */
  value: string;
  style?: 'primary' | 'danger';
}

export const button = (spec: ButtonSpec): Button => ({
  type: 'button',
  action_id: spec.actionId,
  text: { type: 'plain_text', text: plainText(spec.text, LIMITS.buttonText), emoji: true },
  value: assertButtonValue(spec.value),
  ...(spec.style ? { style: spec.style } : {}),
});

/**
 * Buttons of one kind as actions blocks of at most 25 elements; action ids are numbered within each block
 * (`indexedActionId`) because Slack wants them unique per block.
 */
export function buttonRows(
  actionId: ActionId,
  items: { text: string; value: string }[],
  ids: BlockIds,
  name: string,
): ActionsBlock[] {
  const rows: ActionsBlock[] = [];
  for (let start = 0; start < items.length; start += LIMITS.actionsElements) {
    const chunk = items.slice(start, start + LIMITS.actionsElements);
    rows.push({
      type: 'actions',
      block_id: ids.next(name),
      elements: chunk.map((item, index) =>
        button({ text: item.text, value: item.value, actionId: indexedActionId(actionId, index) }),
      ),
    });
  }
  return rows;
}

/**
 * What stands for the lines that did not fit: a whole sentence from a catalog (`texts(lang).thread.format.more.x`),
 * or an English noun (`"… and N more {noun}"`) in the views that do not take a language yet.
 */
export type MoreLines = string | ((hidden: number) => string);

const moreLine = (more: MoreLines, hidden: number): string =>
  typeof more === 'string' ? `_… and ${hidden} more ${more}_` : more(hidden);

/**
 * Lines joined into as few sections as possible (each ≤ `maxChars`, all together ≤ `budget`).
 * Lines that do not fit are summarised as "… and N more {noun}".
 */
export function linesToSections(
  lines: string[],
  options: { ids: BlockIds; name: string; budget: number; maxBlocks: number; noun: MoreLines; heading?: string },
): SectionBlock[] {
  const perSection = LIMITS.sectionText - 100;
  const chunks: string[][] = [];
  let current: string[] = options.heading ? [options.heading] : [];
  let currentLength = options.heading?.length ?? 0;
  let used = currentLength;
  let shown = 0;
  const reserve = 60; // for the "… and N more" line
  for (const line of lines) {
    const clipped = truncateMrkdwn(line, Math.min(perSection, Math.max(0, options.budget - reserve)));
    const cost = clipped.length + 1;
    if (used + cost > options.budget - reserve) break;
    if (currentLength + cost > perSection) {
      if (chunks.length + 1 >= options.maxBlocks) break;
      chunks.push(current);
      current = [];
      currentLength = 0;
    }
    current.push(clipped);
    currentLength += cost;
    used += cost;
    shown += 1;
  }
  const hidden = lines.length - shown;
  if (hidden > 0) current.push(moreLine(options.noun, hidden));
  if (current.length > 0) chunks.push(current);
  return chunks.map((chunk) => section(chunk.join('\n'), options.ids.next(options.name)));
}

/**
 * Lines joined with newlines within `max` characters; lines that do not fit become "… and N more {noun}".
 * Each line is cut to `maxLine` first so one huge line cannot crowd out the rest.
 */
export function joinWithin(lines: string[], max: number, noun: MoreLines, maxLine = max): string {
  const reserve = 40;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const clipped = truncateMrkdwn(line, Math.max(0, Math.min(maxLine, max - reserve)));
    const cost = clipped.length + (kept.length > 0 ? 1 : 0);
    if (used + cost > max - reserve) break;
    kept.push(clipped);
    used += cost;
  }
  const hidden = lines.length - kept.length;
  if (hidden > 0) kept.push(moreLine(noun, hidden));
  return kept.join('\n');
}
