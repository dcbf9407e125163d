// Redaction of text that came from a target account (command output, error messages, parameters) before it
// reaches Slack, the logs or the database: secretlint's recommended rules plus the app's own (rules.ts),
// masked by value wherever the value appears, then Slack mention syntax made inert. Fails closed: when the
// text cannot be checked, the result is "output withheld", never the raw text.
import { headOf, wellFormed } from '../domain/text.ts';
import { ownRuleSpans, type SecretSpan } from './rules.ts';
import { createSecretlintScanner, type SecretScanner } from './secretlint-scanner.ts';

/** Shown instead of a text that could not be checked for secrets. */
export const OUTPUT_WITHHELD = '[output withheld: it could not be checked for secrets]';

export interface Redaction {
  text: string;
  /** How many ranges were masked. */
  count: number;
  /** Masked ranges by kind (`aws-access-key-id`, `private-key`, `secret-value`, …). */
  kinds: Record<string, number>;
  /** True when the text was replaced by OUTPUT_WITHHELD. */
  withheld: boolean;
}

export interface Redactor {
  redact(text: string): Promise<Redaction>;
}

export interface RedactorOptions {
  /** The secret-detection library; default secretlint with the recommended preset. */
  scanner?: SecretScanner;
  /** Longer input is cut first (SSM output is at most 24,000 characters). Default 100,000. */
  maxInputChars?: number;
}

/** Values this long or longer are masked everywhere they appear, not only where a rule saw them. */
const PROPAGATE_MIN = 8;
/** Below this length only the app's own rules run (a secretlint pass costs about a millisecond). */
const SCANNER_MIN = 16;
const MAX_VALUES = 2_000;

export const redactionMarker = (kind: string) => `[REDACTED:${kind}]`;

/**
 * Makes Slack mention and link syntax inert: `<!channel>`, `<!here>`, `<@U123>`, `<!subteam^S1>`, `<#C1>`
 * get look-alike brackets, and bare `@channel`/`@here`/`@everyone` a zero-width space.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/<([!@#][^<>\n]{0,256})>/g, '‹$1›').replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');
}

function occurrences(text: string, value: string, kind: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + value.length)) {
    spans.push({ start: i, end: i + value.length, kind });
  }
  return spans;
}

function merge(spans: SecretSpan[]): SecretSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const scanner = options.scanner ?? createSecretlintScanner();
  const maxInput = options.maxInputChars ?? 100_000;

  async function mask(input: string): Promise<Omit<Redaction, 'withheld'>> {
    const ruleSpans = ownRuleSpans(input);
    const libraryValues = input.length >= SCANNER_MIN ? await scanner.findSecrets(input) : [];
    const values = new Map<string, string>();
    for (const value of libraryValues) values.set(value, 'secret');
    for (const span of ruleSpans) {
      const value = input.slice(span.start, span.end);
      if (value.length >= PROPAGATE_MIN && !values.has(value)) values.set(value, span.kind);
    }
    if (values.size > MAX_VALUES) throw new Error(`too many secret values (${values.size})`);
    const spans = [...ruleSpans];
    for (const [value, kind] of values) spans.push(...occurrences(input, value, kind));
    const merged = merge(spans);
    const kinds: Record<string, number> = {};
    let text = '';
    let at = 0;
    for (const span of merged) {
      text += input.slice(at, span.start) + redactionMarker(span.kind);
      kinds[span.kind] = (kinds[span.kind] ?? 0) + 1;
      at = span.end;
    }
    text += input.slice(at);
    return { text, count: merged.length, kinds };
  }

  return {
    async redact(raw) {
      if (raw === '') return { text: '', count: 0, kinds: {}, withheld: false };
      const cut = raw.length > maxInput;
      try {
        const masked = await mask(wellFormed(cut ? headOf(raw, maxInput) : raw));
        const text =
          neutralizeMentions(masked.text) +
          (cut ? `\n[… ${raw.length - headOf(raw, maxInput).length} more characters not shown]` : '');
        return { ...masked, text, withheld: false };
      } catch {
        // Never the raw text: a scanner failure withholds it (the caller may log that it happened, not what).
        return { text: OUTPUT_WITHHELD, count: 0, kinds: {}, withheld: true };
      }
    },
  };
}
