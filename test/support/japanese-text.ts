// Whether a sentence the bot says is Japanese: it has Japanese in it, and once what is not ours to translate is set
// aside (inline code, and the values the test passed in: account names, ids, regions, AWS codes and messages), no
// English phrase (two words in a row) is left.
import { expect } from 'vitest';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Two or more English words in a row: a phrase someone forgot to translate. */
const ENGLISH_RUN = /[A-Za-z][A-Za-z'’-]*(?: +[A-Za-z][A-Za-z'’-]*)+/g;

/** Names the Japanese console and AWS's Japanese documentation use as they are. */
export const PRODUCT_NAMES = ['AWS Systems Manager', 'Systems Manager', 'State Manager', 'Run Command', 'SSM Agent'];

/** The English phrases left in `text` once inline code, product names and `values` are removed. */
export function englishLeft(text: string, values: readonly string[] = []): string[] {
  let rest = text.replace(/`[^`]*`/g, ' ');
  for (const value of [...values, ...PRODUCT_NAMES].sort((a, b) => b.length - a.length)) {
    rest = rest.split(value).join(' ');
  }
  return rest.match(ENGLISH_RUN) ?? [];
}

/** Fails when `text` is not a Japanese sentence, or does not quote every one of `values` as it was. */
export function expectJapaneseText(text: string, values: readonly string[] = []): void {
  expect(text, 'not Japanese').toMatch(JAPANESE);
  for (const value of values) expect(text, `${value} not quoted verbatim`).toContain(value);
  expect(englishLeft(text, values), `English left in: ${text}`).toEqual([]);
}
