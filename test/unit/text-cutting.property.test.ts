// Issue 16.1: every path that cuts text (evidence caps, Slack limits, Show output previews, parser echoes, the
// redactor's input cap, the terminal renderer, alert error notes) cuts between grapheme clusters: the result is
// well-formed (valid UTF-8 once encoded), never starts or ends with half an emoji, a ZWJ sequence, a flag or a
// letter without its combining marks, and stays within its limit. Property-based, over random Unicode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderStepText } from '../../src/cli/render.ts';
import { cap, clip as kitClip } from '../../src/domain/checks/kit.ts';
import { clipText, graphemeCeil, graphemeFloor, headOf, storableText, tailOf } from '../../src/domain/text.ts';
import type { StepResult } from '../../src/investigation/ports.ts';
import { createRedactor } from '../../src/redaction/redact.ts';
import { clip as commandClip } from '../../src/slack/parse-command.ts';
import {
  codeBlock,
  inlineCode,
  plainText,
  safeText,
  TRUNCATION_MARKER,
  truncate,
  truncateMrkdwn,
} from '../../src/slack/views/limits.ts';
import { previewBlock } from '../../src/slack/views/output.view.ts';
import { renderStepReply } from '../../src/slack/views/step-reply.view.ts';
import { renderVerdict } from '../../src/slack/views/verdict.view.ts';
import { graphemeBoundaries, isWellFormed, longUnicodeText, unicodeText } from '../support/unicode.ts';

const RUNS = { numRuns: 300 };

/** `head` is a prefix of `text` cut on a grapheme boundary. */
function expectHeadCut(text: string, head: string) {
  expect(text.startsWith(head)).toBe(true);
  expect(graphemeBoundaries(text).has(head.length)).toBe(true);
}

/** `tail` is a suffix of `text` cut on a grapheme boundary. */
function expectTailCut(text: string, tail: string) {
  expect(text.endsWith(tail)).toBe(true);
  expect(graphemeBoundaries(text).has(text.length - tail.length)).toBe(true);
}

describe('cutting on grapheme boundaries', () => {
  it('headOf / tailOf / clipText: within the limit, on a boundary, well-formed', () => {
    fc.assert(
      fc.property(unicodeText(), fc.nat(120), (text, max) => {
        const head = headOf(text, max);
        expect(head.length).toBeLessThanOrEqual(max);
        expectHeadCut(text, head);
        const tail = tailOf(text, max);
        expect(tail.length).toBeLessThanOrEqual(max);
        expectTailCut(text, tail);
        const clipped = clipText(text, max + 1);
        expect(clipped.length).toBeLessThanOrEqual(max + 1);
        expect(isWellFormed(head) && isWellFormed(tail) && isWellFormed(clipped)).toBe(true);
        expectHeadCut(text, clipped.endsWith('…') && clipped !== text ? clipped.slice(0, -1) : clipped);
      }),
      RUNS,
    );
  });

  it('keeps as much as fits: the next grapheme boundary would be over the limit', () => {
    fc.assert(
      fc.property(unicodeText(), fc.nat(120), (text, max) => {
        const floor = graphemeFloor(text, Math.min(max, text.length));
        const next = [...graphemeBoundaries(text)].filter((b) => b > floor).sort((a, b) => a - b)[0];
        if (next !== undefined) expect(next).toBeGreaterThan(max);
        expect(graphemeCeil(text, floor)).toBe(floor);
      }),
      RUNS,
    );
  });

  it('never cuts an emoji, a ZWJ family, a flag or a combining mark in half (examples)', () => {
    expect(headOf('ab🚀', 3)).toBe('ab');
    expect(tailOf('🚀ab', 3)).toBe('ab');
    expect(headOf('x👨‍👩‍👧‍👦', 6)).toBe('x');
    expect(headOf('🇯🇵🇫🇷', 6)).toBe('🇯🇵');
    expect(headOf('cafe\u0301!', 4)).toBe('caf');
    expect(clipText('🚀🚀🚀', 4)).toBe('🚀…');
  });

  it('storableText: well-formed and without NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const stored = storableText(text);
        expect(isWellFormed(stored)).toBe(true);
        expect(stored.includes('\u0000')).toBe(false);
        expect(stored.length).toBe(text.length);
      }),
      RUNS,
    );
  });
});

describe('every clip / cap / preview path', () => {
  it('evidence caps (cap, clip) and the parser echo', () => {
    fc.assert(
      fc.property(unicodeText(), fc.integer({ min: 2, max: 120 }), (text, max) => {
        for (const out of [cap(text, max), kitClip(text, max)]) {
          expect(out.length).toBeLessThanOrEqual(max);
          expect(isWellFormed(out)).toBe(true);
        }
        const echoed = commandClip(text);
        expect(echoed.length).toBeLessThanOrEqual(80);
        expect(isWellFormed(echoed)).toBe(true);
      }),
      RUNS,
    );
  });

  it('Slack text limits (truncate, truncateMrkdwn, safeText, codeBlock, inlineCode, plainText)', () => {
    fc.assert(
      fc.property(unicodeText(), fc.integer({ min: 20, max: 160 }), (text, max) => {
        const outs = [
          truncate(text, max),
          truncate(text, max, '…'),
          truncateMrkdwn(text, max),
          safeText(text, max),
          codeBlock(text, max),
          inlineCode(text, max),
          plainText(text, max),
        ];
        for (const out of outs) {
          expect(out.length).toBeLessThanOrEqual(max);
          expect(isWellFormed(out)).toBe(true);
        }
        const cut = truncate(text, max);
        expectHeadCut(text, cut.endsWith(TRUNCATION_MARKER) ? cut.slice(0, -TRUNCATION_MARKER.length) : cut);
      }),
      RUNS,
    );
  });

  it('Show output previews start on a grapheme boundary (72 of 168 began with half an emoji)', () => {
    fc.assert(
      fc.property(longUnicodeText(50, 400), fc.integer({ min: 200, max: 900 }), (raw, max) => {
        const { text, truncated } = previewBlock(raw, 'en', max);
        expect(text.length).toBeLessThanOrEqual(max);
        expect(isWellFormed(text)).toBe(true);
        if (!truncated) return;
        // The shown tail, unescaped, is a suffix of the raw output starting on a boundary.
        const body = text.slice(text.indexOf('below)\n') + 'below)\n'.length, -'\n```'.length);
        const shown = body.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        if (!/[`@]/.test(raw)) expectTailCut(raw, shown);
      }),
      { numRuns: 150 },
    );
  });

  it('the redactor input cap and the terminal renderer', async () => {
    const redactor = createRedactor({ maxInputChars: 50 });
    await fc.assert(
      fc.asyncProperty(unicodeText(60), async (text) => {
        const { text: redacted } = await redactor.redact(`${text}${'🚀'.repeat(30)}`);
        expect(isWellFormed(redacted)).toBe(true);
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(longUnicodeText(100, 300), (value) => {
        const step = {
          key: 'output',
          ordinal: 7,
          title: 'Output',
          status: 'failed',
          facts: [{ label: 'Output', value }],
          findings: [],
          gaps: [],
          durationMs: 1,
          patch: {},
        } as StepResult;
        expect(isWellFormed(renderStepText(step, 8, { lang: 'en', color: false }))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('what is posted to Slack (a step reply, a verdict) is well-formed and within limits', () => {
    fc.assert(
      fc.property(fc.array(longUnicodeText(20, 200), { minLength: 1, maxLength: 6 }), (texts) => {
        const step = {
          key: 'output',
          ordinal: 7,
          title: texts[0] ?? '',
          status: 'failed',
          facts: texts.map((value, i) => ({ label: `Fact ${i}`, value })),
          findings: [],
          gaps: [],
          durationMs: 1,
          patch: {},
        } as StepResult;
        const finding = {
          id: 'command.exit-code',
          severity: 'error',
          title: texts[0] ?? '',
          summary: texts.join(' '),
          evidence: texts.map((value) => ({ field: 'GetCommandInvocation.StandardErrorContent', value })),
          remediation: texts,
          cli: [],
          links: [],
          step: 'output',
        };
        const verdict = renderVerdict(
          { outcome: 'fault', findings: [finding], checked: texts, gaps: [], summary: texts.join(' ') } as never,
          { lang: 'en', investigationId: '00000000-0000-4000-8000-000000000000', associationId: texts[0] ?? '' },
        );
        for (const message of [renderStepReply(step, 8, { lang: 'en' }), verdict]) {
          const json = JSON.stringify(message);
          expect(isWellFormed(json)).toBe(true);
          expect(json).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
        }
      }),
      { numRuns: 60 },
    );
  });
});
