// Slack's message limits and the text helpers every view uses to stay inside them. Pure: types only
// from @slack/bolt. Views build within these limits by construction; `enforceMessageLimits` is the
// last line of defence, so a message never fails with `invalid_blocks` or `msg_blocks_too_long`.

import type { types } from '@slack/bolt';
import { headOf } from '../../domain/text.ts';
import { DEFAULT_LANG, type Lang, texts } from '../../i18n/index.ts';

export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type HeaderBlock = types.HeaderBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type DividerBlock = types.DividerBlock;
export type Button = types.Button;
export type MrkdwnElement = types.MrkdwnElement;
export type PlainTextElement = types.PlainTextElement;

/** What every view returns: the blocks and the fallback text for notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Slack's Block Kit limits (docs/slack-platform.md B.4). Lengths are in UTF-16 code units, which never undercounts. */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2_000,
  buttonUrl: 3_000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  contextElementText: 3_000,
  /** Slack rejects a message at about 13.2k chars of block text; keep the cumulative text below this. */
  messageTextBudget: 12_000,
  /** chat.postMessage truncates `text` at 40,000; we keep the fallback far shorter. */
  fallbackText: 4_000,
} as const;

export const TRUNCATION_MARKER = '… (truncated)';

/** Cuts `text` to at most `max` characters, ending with a visible marker when it cuts. */
export function truncate(text: string, max: number, marker: string = TRUNCATION_MARKER): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (marker.length >= max) return headOf(marker, max);
  // On a grapheme boundary (never half an emoji), and never half of an entity written by escapeMrkdwn (`&am`).
  const head = headOf(text, max - marker.length).replace(/&[a-z]{0,3}$/, '');
  return head + marker;
}

/**
 * Cuts mrkdwn without breaking it: drops a half-written `<link|label>`, closes an open code block or
 * inline code span, then adds the marker. Never exceeds `max`.
 */
export function truncateMrkdwn(text: string, max: number, marker: string = TRUNCATION_MARKER): string {
  if (text.length <= max) return text;
  const closingReserve = 5; // '\n```\n' or '`'
  let head = truncate(text, Math.max(0, max - marker.length - closingReserve), '');
  const lt = head.lastIndexOf('<');
  if (lt > head.lastIndexOf('>')) head = head.slice(0, lt);
  const fences = head.split('```').length - 1;
  let closing = '';
  if (fences % 2 === 1) {
    closing = head.endsWith('\n') ? '```' : '\n```';
    return truncate(`${head}${closing}\n${marker}`, max, '');
  }
  const inlineTicks = head.replaceAll('```', '').split('`').length - 1;
  if (inlineTicks % 2 === 1) closing = '`';
  return truncate(`${head}${closing}${marker}`, max, '');
}

/** A run of backticks in AWS text would open (or close) a code block; a zero-width space between them keeps them literal. */
const breakBackticks = (run: string) => run.split('').join('\u200b');

/**
 * Makes text from AWS inert in mrkdwn: escapes `&`, `<`, `>` (so `<!channel>`, `<@U123>` and
 * `<https://evil|x>` cannot ping anyone or inject links), breaks bare `@channel`/`@here`/`@everyone` and
 * runs of three backticks (so AWS text cannot open a code block).
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u200b$1')
    .replace(/`{3,}/g, breakBackticks);
}

/** Escaping only ever lengthens text, so the first `max` raw characters are all a cut at `max` can show. */
const rawPrefix = (text: string, max: number) => headOf(text, max + 16);

/** Raw (unescaped) text, escaped and then cut to `max` characters (escaping first, so the cut is exact). */
export function safeText(text: string, max: number): string {
  return truncate(escapeMrkdwn(rawPrefix(text, max)), max);
}

/** Raw (unescaped) text as a mrkdwn code block of at most `max` characters. Escapes the text itself. */
export function codeBlock(text: string, max: number): string {
  const open = '```\n';
  const close = '\n```';
  const content = text.trim() === '' ? '(empty)' : escapeMrkdwn(rawPrefix(text, max));
  return open + truncate(content, Math.max(1, max - open.length - close.length)) + close;
}

/** Raw (unescaped) text as one inline code span of at most `max` characters. Escapes the text itself. */
export function inlineCode(text: string, max: number): string {
  // Collapsing newlines can shorten text a lot, so look at a generous prefix and remember whether we cut it.
  const window = max * 4 + 64;
  const cut = text.length > window;
  const oneLine = (cut ? headOf(text, window) : text)
    .replace(/`/g, 'ˋ')
    .replace(/\s*\r?\n\s*/g, ' ⏎ ')
    .trim();
  if (oneLine === '') return cut ? `\`${TRUNCATION_MARKER}\`` : '_(empty)_';
  const inner = Math.max(1, max - 2);
  let shown = truncate(escapeMrkdwn(rawPrefix(oneLine, max)), inner);
  if (cut && !shown.endsWith(TRUNCATION_MARKER)) {
    shown = truncate(shown, Math.max(0, inner - TRUNCATION_MARKER.length), '') + TRUNCATION_MARKER;
  }
  return `\`${shown}\``;
}

/**
 * Text for a plain_text object (headers, button labels). Slack does not parse mentions there, but `<` and
 * `>` are swapped for look-alikes (and `@here` broken) anyway, so no payload carries a raw `<!channel>` from AWS.
 */
export function plainText(text: string, max: number): string {
  const inert = rawPrefix(text, max)
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');
  return truncate(inert, max, '…');
}

/** A mrkdwn link; only http(s) URLs become links, anything else is shown as escaped text. */
export function mrkdwnLink(url: string, label: string): string {
  const text = escapeMrkdwn(label.replace(/[|\r\n]+/g, ' ')).trim() || escapeMrkdwn(url);
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return text;
  const safeUrl = url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
  return `<${safeUrl}|${text}>`;
}

/** Throws when a button value is too long: a value is an opaque id and must never be cut. */
export function assertButtonValue(value: string): string {
  if (value.length > LIMITS.buttonValue) {
    throw new RangeError(
      `Button value is ${value.length} chars; Slack allows ${LIMITS.buttonValue}. Store the payload and pass an id.`,
    );
  }
  return value;
}

type TextObject = MrkdwnElement | PlainTextElement;

const isTextObject = (element: unknown): element is TextObject => {
  const type = (element as { type?: unknown }).type;
  return type === 'mrkdwn' || type === 'plain_text';
};

const clampText = <T extends TextObject>(object: T, max: number): T => {
  if (object.text.length <= max) return object;
  const text = object.type === 'mrkdwn' ? truncateMrkdwn(object.text, max) : truncate(object.text, max);
  return { ...object, text };
};

/** The number of characters of visible text in a block (what Slack's cumulative cap counts). */
export function blockTextLength(block: KnownBlock): number {
  switch (block.type) {
    case 'section': {
      const accessory = block.accessory as { type?: string; text?: TextObject } | undefined;
      return (
        (block.text?.text.length ?? 0) +
        (block.fields ?? []).reduce((sum, field) => sum + field.text.length, 0) +
        (accessory?.type === 'button' ? (accessory.text?.text.length ?? 0) : 0)
      );
    }
    case 'header':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((sum, element) => sum + (isTextObject(element) ? element.text.length : 0), 0);
    case 'actions':
      return block.elements.reduce(
        (sum, element) => sum + (element.type === 'button' ? element.text.text.length : 0),
        0,
      );
    default:
      return 0;
  }
}

const checkActionId = (actionId: string | undefined) => {
  if (actionId !== undefined && actionId.length > LIMITS.actionId) {
    throw new RangeError(`action_id is ${actionId.length} chars; Slack allows ${LIMITS.actionId}.`);
  }
};

const clampButton = (button: Button): Button => {
  checkActionId(button.action_id);
  if (button.value !== undefined) assertButtonValue(button.value);
  if (button.url !== undefined && button.url.length > LIMITS.buttonUrl) {
    throw new RangeError(`Button url is ${button.url.length} chars; Slack allows ${LIMITS.buttonUrl}.`);
  }
  return { ...button, text: clampText(button.text, LIMITS.buttonText) };
};

/** Fits one block into its own limits (text lengths, element counts). Throws only for values that must not be cut. */
export function clampBlock(block: KnownBlock): KnownBlock {
  switch (block.type) {
    case 'section': {
      const clamped: SectionBlock = { ...block };
      if (block.text) clamped.text = clampText(block.text, LIMITS.sectionText);
      if (block.fields) {
        clamped.fields = block.fields.slice(0, LIMITS.sectionFields).map((f) => clampText(f, LIMITS.sectionFieldText));
      }
      if (block.accessory?.type === 'button') clamped.accessory = clampButton(block.accessory);
      return clamped;
    }
    case 'header':
      return { ...block, text: clampText(block.text, LIMITS.headerText) };
    case 'context': {
      const elements = block.elements.map((e) => (isTextObject(e) ? clampText(e, LIMITS.contextElementText) : e));
      if (elements.length > LIMITS.contextElements) {
        const hidden = elements.length - (LIMITS.contextElements - 1);
        elements.splice(LIMITS.contextElements - 1, elements.length, { type: 'mrkdwn', text: `… ${hidden} more` });
      }
      return { ...block, elements };
    }
    case 'actions':
      return {
        ...block,
        elements: block.elements
          .slice(0, LIMITS.actionsElements)
          .map((e) => (e.type === 'button' ? clampButton(e) : e)),
      };
    default:
      return block;
  }
}

export interface EnforceOptions {
  /** Trailing blocks that must survive a cut (e.g. the actions block with the Re-run button). */
  keepLast?: number;
  /** The language of the "… N more not shown" note; the panels' views that take no language yet say it in English. */
  lang?: Lang;
}

const moreNotShown = (count: number, blockId: string, lang: Lang): ContextBlock => ({
  type: 'context',
  block_id: blockId,
  elements: [{ type: 'mrkdwn', text: texts(lang).thread.format.moreNotShown(count) }],
});

const uniqueBlockIds = (blocks: KnownBlock[]): KnownBlock[] => {
  const seen = new Set<string>();
  return blocks.map((block) => {
    if (block.block_id === undefined) return block;
    let id = block.block_id.slice(0, LIMITS.blockId);
    for (let n = 2; seen.has(id); n += 1) id = `${block.block_id.slice(0, LIMITS.blockId - 6)}~${n}`;
    seen.add(id);
    return id === block.block_id ? block : { ...block, block_id: id };
  });
};

/**
 * Fits a whole message into Slack's limits: clamps each block, caps the block count (50) and the
 * cumulative text (~12,000). When it cuts, the last kept block before the pinned tail says
 * "… N more not shown". The fallback text is capped at 4,000 characters.
 */
export function enforceMessageLimits(message: SlackMessage, options: EnforceOptions = {}): SlackMessage {
  const blocks = uniqueBlockIds(message.blocks.map(clampBlock));
  const keepLast = Math.min(Math.max(0, options.keepLast ?? 0), blocks.length, LIMITS.blocksPerMessage - 2);
  const tail = blocks.slice(blocks.length - keepLast);
  const head = blocks.slice(0, blocks.length - keepLast);
  const noteId = `limits.more.${blocks.length}`;
  const noteReserve = 40;

  const tailText = tail.reduce((sum, block) => sum + blockTextLength(block), 0);
  let budget = LIMITS.messageTextBudget - tailText;
  const room = LIMITS.blocksPerMessage - tail.length;

  const fitsWhole = head.length <= room && head.reduce((sum, b) => sum + blockTextLength(b), 0) <= budget;
  if (fitsWhole) {
    return { text: truncate(message.text, LIMITS.fallbackText), blocks: [...head, ...tail] };
  }

  budget -= noteReserve;
  const kept: KnownBlock[] = [];
  for (const block of head) {
    if (kept.length >= room - 1) break;
    const length = blockTextLength(block);
    if (length <= budget) {
      kept.push(block);
      budget -= length;
      continue;
    }
    // A long section may still fit in part; anything else stops here.
    if (block.type === 'section' && block.text && !block.fields && budget >= 200) {
      kept.push({ ...block, text: clampText(block.text, budget) });
    }
    break;
  }
  const hidden = head.length - kept.length;
  const note = hidden > 0 ? [moreNotShown(hidden, noteId, options.lang ?? DEFAULT_LANG)] : [];
  return { text: truncate(message.text, LIMITS.fallbackText), blocks: [...kept, ...note, ...tail] };
}
