// Whether a rendered panel speaks Japanese: every block with words says something in Japanese, and no English
// sentence is left once what AWS wrote (inline code, the values the test passed in) is set aside.
import { expect } from 'vitest';
import type { KnownBlock, SlackMessage } from '../../../src/slack/views/limits.ts';
import { PRODUCT_NAMES } from '../../support/japanese-text.ts';
import { allText, blockTexts } from './assert-limits.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Two or more English words in a row: a sentence or a phrase someone forgot to translate. */
const ENGLISH_RUN = /[A-Za-z][A-Za-z'’-]*(?:[ ,]+[A-Za-z][A-Za-z'’-]*)+/g;

/** The text with what is not ours to translate removed: inline code, Slack tokens (dates, links, mentions), values. */
export function ownWords(text: string, values: readonly string[]): string {
  let rest = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/<[^>]*>/g, ' ');
  for (const value of [...values, ...PRODUCT_NAMES].sort((a, b) => b.length - a.length)) {
    rest = rest.split(value).join(' ');
  }
  return rest;
}

/** The English runs left in a message's own words. */
export function englishRuns(message: SlackMessage, values: readonly string[] = []): string[] {
  return ownWords(allText(message), values).match(ENGLISH_RUN) ?? [];
}

const wordsOf = (block: KnownBlock, values: readonly string[]) =>
  blockTexts(block)
    .map((t) => ownWords(t, values).replace(/[^\p{L}]/gu, ''))
    .join('');

/** Fails when the message is not fully Japanese (AWS values aside). */
export function expectJapanesePanel(message: SlackMessage, values: readonly string[] = []): void {
  expect(message.text, 'fallback text').toMatch(JAPANESE);
  for (const block of message.blocks) {
    if (block.type === 'actions' || block.type === 'divider') continue;
    const words = wordsOf(block, values);
    if (words.length > 0) expect(blockTexts(block).join('\n'), `${block.block_id} is not Japanese`).toMatch(JAPANESE);
  }
  expect(englishRuns(message, values), 'English left in a Japanese panel').toEqual([]);
}
