// Random Unicode text for property tests: the pieces real command output carries and naive cuts break —
// emoji (surrogate pairs), ZWJ sequences and skin tones, flags, combining marks, RTL text with its marks,
// CJK, plain ASCII, newlines and Slack's special characters — mixed with arbitrary code points.
import fc from 'fast-check';

const PIECES = [
  '🚀',
  '👩🏽‍💻',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇯🇵',
  '🇺🇸🇫🇷',
  'e\u0301',
  'n\u0303\u0323',
  'ก\u0e33',
  'שָׁלוֹם',
  'مرحبا',
  '\u200f',
  '\u202e',
  '日本語',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '❤️',
  '1️⃣',
  'abc',
  ' ',
  '\n',
  '&',
  '<',
  '>',
  '`',
  '```',
  'ERROR: ',
];

/** One piece: a known tricky cluster, or any code point (astral ones included). */
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 3 }) },
);

/** Well-formed random text (no lone surrogates: those come from bad cuts, which is what is under test). */
export const unicodeText = (maxPieces = 40) =>
  fc.array(piece, { maxLength: maxPieces }).map((pieces) => pieces.join(''));

/** Text of a given rough size, for paths that only cut long text (previews, output caps). */
export const longUnicodeText = (minPieces: number, maxPieces: number) =>
  fc.array(piece, { minLength: minPieces, maxLength: maxPieces }).map((pieces) => pieces.join(''));

export const isWellFormed = (text: string) => (text as string & { isWellFormed(): boolean }).isWellFormed();

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The grapheme boundaries of a text (0 and its length included). */
export function graphemeBoundaries(text: string): Set<number> {
  const set = new Set<number>([text.length]);
  for (const { index } of segmenter.segment(text)) set.add(index);
  return set;
}
