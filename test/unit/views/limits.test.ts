import { describe, expect, it } from 'vitest';
import {
  type ActionId,
  actionIdPattern,
  CHOOSE_ACCOUNT,
  INVESTIGATE_AGAIN,
  indexedActionId,
  MUTE_ALERT,
  RERUN,
  SHOW_MORE_OUTPUT,
  SHOW_OUTPUT,
} from '../../../src/slack/action-ids.ts';
import {
  assertButtonValue,
  codeBlock,
  enforceMessageLimits,
  escapeMrkdwn,
  inlineCode,
  type KnownBlock,
  LIMITS,
  mrkdwnLink,
  safeText,
  TRUNCATION_MARKER,
  truncate,
  truncateMrkdwn,
} from '../../../src/slack/views/limits.ts';
import { expectWithinLimits } from './assert-limits.ts';

describe('truncate', () => {
  it.each([
    { text: 'short', max: 10, expected: 'short' },
    { text: 'exactly10!', max: 10, expected: 'exactly10!' },
    { text: 'a'.repeat(100), max: 20, expected: `${'a'.repeat(20 - TRUNCATION_MARKER.length)}${TRUNCATION_MARKER}` },
    { text: 'abcdef', max: 0, expected: '' },
    { text: 'abcdefghijklmnopqrstuvwxyz', max: 5, expected: TRUNCATION_MARKER.slice(0, 5) },
    { text: 'abcdefghij', max: 5, marker: '…', expected: 'abcd…' },
  ])('truncate($text.length chars, $max) → $expected', ({ text, max, marker, expected }) => {
    const result = truncate(text, max, marker);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(Math.max(0, max));
  });

  it('never splits a surrogate pair', () => {
    const result = truncate(`${'a'.repeat(6)}😀😀😀😀😀😀😀😀`, 9, '…');
    expect(result.length).toBeLessThanOrEqual(9);
    expect(result).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('never leaves half an escaped entity', () => {
    const escaped = escapeMrkdwn('<<<<<<<<<<<<<<<<<<<<');
    for (let max = 14; max < 40; max += 1) {
      const result = truncate(escaped, max);
      expect(result.replace(TRUNCATION_MARKER, '')).toMatch(/^(&lt;)*$/);
    }
  });
});

describe('escapeMrkdwn', () => {
  it.each([
    { raw: '<!channel>', escaped: '&lt;!channel&gt;' },
    { raw: '<!here> now', escaped: '&lt;!here&gt; now' },
    { raw: 'hi <@U123>', escaped: 'hi &lt;@U123&gt;' },
    { raw: '<https://evil.example|click>', escaped: '&lt;https://evil.example|click&gt;' },
    { raw: 'a & b', escaped: 'a &amp; b' },
    { raw: '&lt; already', escaped: '&amp;lt; already' },
    { raw: 'ping @channel and @here', escaped: 'ping @\u200bchannel and @\u200bhere' },
    { raw: 'plain text', escaped: 'plain text' },
    { raw: 'a ```b``` c', escaped: 'a `\u200b`\u200b`b`\u200b`\u200b` c' },
  ])('$raw → $escaped', ({ raw, escaped }) => {
    expect(escapeMrkdwn(raw)).toBe(escaped);
  });

  it('safeText escapes before cutting', () => {
    const result = safeText('&'.repeat(100), 30);
    expect(result.length).toBeLessThanOrEqual(30);
    expect(result).toContain(TRUNCATION_MARKER);
    expect(result.replace(TRUNCATION_MARKER, '')).toMatch(/^(&amp;)+$/);
  });
});

describe('codeBlock and inlineCode', () => {
  it.each([10, 50, 500, 3_000])(
    'codeBlock of 50 KB fits in %i chars, stays a closed block and shows the marker',
    (max) => {
      const block = codeBlock(`<!channel> \`\`\` ${'x'.repeat(50_000)}`, max);
      expect(block.length).toBeLessThanOrEqual(Math.max(max, 9));
      expect(block.startsWith('```\n')).toBe(true);
      expect(block.endsWith('\n```')).toBe(true);
      expect(block.split('```').length).toBe(3);
      expect(block).not.toContain('<!channel>');
      if (max >= 100) expect(block).toContain(TRUNCATION_MARKER);
    },
  );

  it('codeBlock shows an empty output as (empty)', () => {
    expect(codeBlock('  ', 100)).toBe('```\n(empty)\n```');
  });

  it.each([
    { raw: 'ConnectionLost', expected: '`ConnectionLost`' },
    { raw: 'a `b` c', expected: '`a ˋbˋ c`' },
    { raw: 'line1\nline2', expected: '`line1 ⏎ line2`' },
    { raw: '<@U123>', expected: '`&lt;@U123&gt;`' },
    { raw: '', expected: '_(empty)_' },
  ])('inlineCode($raw) → $expected', ({ raw, expected }) => {
    expect(inlineCode(raw, 100)).toBe(expected);
  });

  it('inlineCode marks a cut even when the shown part is mostly collapsed whitespace', () => {
    const code = inlineCode(`a${' \n'.repeat(50_000)}b`, 50);
    expect(code.length).toBeLessThanOrEqual(50);
    expect(code).toContain(TRUNCATION_MARKER);
  });

  it('inlineCode cuts inside the span', () => {
    const code = inlineCode('v'.repeat(1_000), 50);
    expect(code.length).toBeLessThanOrEqual(50);
    expect(code).toMatch(/^`v+… \(truncated\)`$/);
  });
});

describe('truncateMrkdwn', () => {
  it.each([
    { name: 'open code block', text: `before\n\`\`\`\n${'x'.repeat(5_000)}\n\`\`\`` },
    { name: 'open link', text: `${'y'.repeat(90)} <https://example.com/${'z'.repeat(500)}|label>` },
    { name: 'open inline code', text: `${'y'.repeat(90)} \`${'z'.repeat(500)}\`` },
  ])('closes or drops an unbalanced $name', ({ text }) => {
    const result = truncateMrkdwn(text, 120);
    expect(result.length).toBeLessThanOrEqual(120);
    expect(result).toContain(TRUNCATION_MARKER);
    expect(result.split('```').length % 2).toBe(1);
    expect(result.lastIndexOf('<')).toBeLessThanOrEqual(result.lastIndexOf('>'));
    expect(result.replaceAll('```', '').split('`').length % 2).toBe(1);
  });
});

describe('mrkdwnLink', () => {
  it.each([
    { url: 'https://example.com/a', label: 'Doc', expected: '<https://example.com/a|Doc>' },
    { url: 'https://example.com/?a=1&b=2', label: 'Q', expected: '<https://example.com/?a=1&amp;b=2|Q>' },
    { url: 'https://example.com/a|b', label: 'Pipe', expected: '<https://example.com/a%7Cb|Pipe>' },
    { url: 'javascript:alert(1)', label: 'Bad', expected: 'Bad' },
    { url: 'https://example.com', label: '<!channel>', expected: '<https://example.com|&lt;!channel&gt;>' },
  ])('$url → $expected', ({ url, label, expected }) => {
    expect(mrkdwnLink(url, label)).toBe(expected);
  });
});

describe('action ids', () => {
  it.each([
    [RERUN, 'investigation.rerun'],
    [SHOW_OUTPUT, 'output.show'],
    [SHOW_MORE_OUTPUT, 'output.show-more'],
    [CHOOSE_ACCOUNT, 'investigation.choose-account'],
    [INVESTIGATE_AGAIN, 'investigation.investigate-again'],
    [MUTE_ALERT, 'alert.mute'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each<{ id: ActionId; index: number; expected: string }>([
    { id: SHOW_OUTPUT, index: 0, expected: 'output.show' },
    { id: SHOW_OUTPUT, index: 7, expected: 'output.show#7' },
  ])('indexedActionId($id, $index) → $expected, matched by its pattern', ({ id, index, expected }) => {
    expect(indexedActionId(id, index)).toBe(expected);
    expect(actionIdPattern(id).test(expected)).toBe(true);
  });

  it('patterns do not confuse one action with another', () => {
    expect(actionIdPattern(SHOW_OUTPUT).test(SHOW_MORE_OUTPUT)).toBe(false);
    expect(actionIdPattern(SHOW_OUTPUT).test('outputXshow')).toBe(false);
  });
});

describe('assertButtonValue', () => {
  it('accepts 2,000 chars and refuses 2,001', () => {
    expect(assertButtonValue('v'.repeat(2_000))).toHaveLength(2_000);
    expect(() => assertButtonValue('v'.repeat(2_001))).toThrow(RangeError);
  });
});

const sectionBlock = (text: string, id: string): KnownBlock => ({
  type: 'section',
  block_id: id,
  text: { type: 'mrkdwn', text },
});
const actionsBlock: KnownBlock = {
  type: 'actions',
  block_id: 'tail',
  elements: [{ type: 'button', action_id: RERUN, text: { type: 'plain_text', text: 'Re-run' }, value: 'inv-1' }],
};

describe('enforceMessageLimits', () => {
  it('leaves a message within limits unchanged', () => {
    const message = { text: 'hello', blocks: [sectionBlock('hi', 'a'), actionsBlock] };
    expect(enforceMessageLimits(message)).toEqual(message);
  });

  it.each([
    { name: '120 small blocks', count: 120, size: 10 },
    { name: '30 blocks of 2,900 chars (text budget)', count: 30, size: 2_900 },
    { name: '60 blocks of 900 chars (both)', count: 60, size: 900 },
  ])('cuts $name, says how many are not shown and keeps the pinned tail', ({ count, size }) => {
    const blocks = Array.from({ length: count }, (_, i) => sectionBlock('t'.repeat(size), `b${i}`));
    const result = enforceMessageLimits({ text: 'x', blocks: [...blocks, actionsBlock] }, { keepLast: 1 });
    expectWithinLimits(result);
    expect(result.blocks.at(-1)).toEqual(actionsBlock);
    const note = result.blocks.at(-2);
    expect(note?.type).toBe('context');
    const noteText = note?.type === 'context' ? (note.elements[0] as { text: string }).text : '';
    const shown = result.blocks.filter((b) => b.block_id?.startsWith('b')).length;
    expect(noteText).toBe(`… ${count - shown} more not shown`);
  });

  it('clamps each block: section text, fields, header, context elements, actions elements, button text', () => {
    const result = enforceMessageLimits({
      text: 'f'.repeat(50_000),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(500) } },
        sectionBlock('s'.repeat(9_000), 'dup'),
        sectionBlock('s', 'dup'),
        {
          type: 'section',
          fields: Array.from({ length: 15 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(300) })),
        },
        {
          type: 'context',
          elements: Array.from({ length: 14 }, () => ({ type: 'mrkdwn' as const, text: 'c' })),
        },
        {
          type: 'actions',
          elements: Array.from({ length: 30 }, (_, i) => ({
            type: 'button' as const,
            action_id: `a${i}`,
            text: { type: 'plain_text' as const, text: 'b'.repeat(100) },
            value: String(i),
          })),
        },
      ],
    });
    expectWithinLimits(result);
    expect(result.text).toContain(TRUNCATION_MARKER);
  });

  it.each([
    { name: 'button value', value: 'v'.repeat(LIMITS.buttonValue + 1), actionId: RERUN },
    { name: 'action_id', value: 'ok', actionId: 'a'.repeat(LIMITS.actionId + 1) },
  ])('refuses a $name it must not cut', ({ value, actionId }) => {
    const blocks: KnownBlock[] = [
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: actionId, text: { type: 'plain_text', text: 'x' }, value }],
      },
    ];
    expect(() => enforceMessageLimits({ text: 'x', blocks })).toThrow(RangeError);
  });
});
