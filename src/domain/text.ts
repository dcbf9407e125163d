// Cutting text without breaking characters. Lengths are UTF-16 code units (what `.length` and Slack's limits
// count), but a cut only ever falls between two grapheme clusters: never inside a surrogate pair (a lone
// surrogate is not valid UTF-8, and PostgreSQL rejects it in JSON), nor inside an emoji ZWJ sequence, a flag,
// or a letter with its combining marks. Pure: Intl.Segmenter is part of the language.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How far around a cut the grapheme segmenter looks; a longer cluster is cut on a code-point boundary. */
const WINDOW = 64;

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The nearest code-point boundary at or before `index` (never between the two halves of a pair). */
function codePointFloor(text: string, index: number): number {
  return index > 0 && index < text.length && isLow(text.charCodeAt(index)) && isHigh(text.charCodeAt(index - 1))
    ? index - 1
    : index;
}

/** The nearest grapheme boundary at or before `index` (0 ≤ index ≤ text.length). */
export function graphemeFloor(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  const start = codePointFloor(text, Math.max(0, index - WINDOW));
  let boundary = start;
  for (const { index: at } of segmenter.segment(text.slice(start, Math.min(text.length, index + WINDOW)))) {
    if (start + at > index) break;
    boundary = start + at;
  }
  // No boundary inside the window (an absurdly long cluster) or the window's own start: a code point is enough.
  return boundary > start || start === 0 ? boundary : codePointFloor(text, index);
}

/** The nearest grapheme boundary at or after `index`. */
export function graphemeCeil(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  const floor = graphemeFloor(text, index);
  if (floor === index) return index;
  const start = floor;
  const end = Math.min(text.length, start + 2 * WINDOW);
  for (const { index: at } of segmenter.segment(text.slice(start, end))) {
    if (start + at >= index) return start + at;
  }
  if (end === text.length) return end;
  const point = codePointFloor(text, index);
  return point === index ? index : index + 1;
}

/** The longest prefix of `text` of at most `max` code units that ends on a grapheme boundary. */
export function headOf(text: string, max: number): string {
  return max >= text.length ? text : text.slice(0, graphemeFloor(text, Math.max(0, max)));
}

/** The longest suffix of `text` of at most `max` code units that starts on a grapheme boundary. */
export function tailOf(text: string, max: number): string {
  return max >= text.length ? text : text.slice(graphemeCeil(text, text.length - Math.max(0, max)));
}

/** `text` cut to at most `max` code units, `marker` included when it cuts. */
export function clipText(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  if (marker.length >= max) return headOf(marker, max);
  return headOf(text, max - marker.length) + marker;
}

/** Text made safe to store and send: every lone surrogate becomes U+FFFD (valid UTF-8 either way). */
export function wellFormed(text: string): string {
  // String.prototype.toWellFormed is in Node ≥ 20 but not in the ES2023 lib typings.
  return (text as string & { toWellFormed(): string }).toWellFormed();
}

/** Text PostgreSQL accepts in text and jsonb: well-formed, and NUL (binary output) replaced by U+FFFD. */
export function storableText(text: string): string {
  return wellFormed(text).replaceAll('\u0000', '\ufffd');
}
