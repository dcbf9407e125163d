import { describe, expect, it } from 'vitest';
import type { StepStatus } from '../../../src/investigation/ports.ts';
import { actionIdPattern, SHOW_OUTPUT } from '../../../src/slack/action-ids.ts';
import { renderStepReply } from '../../../src/slack/views/step-reply.view.ts';
import { allText, buttons, expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import { accessDeniedGap, connectionLost, hugeStep, INJECTION, step, throttledGap } from './samples.ts';

describe('renderStepReply', () => {
  it.each<{ status: StepStatus; emoji: string; word: string }>([
    { status: 'ok', emoji: '✅', word: 'OK' },
    { status: 'warning', emoji: '⚠️', word: 'Warning' },
    { status: 'failed', emoji: '❌', word: 'Problem found' },
    { status: 'skipped', emoji: '⏭️', word: 'Skipped' },
    { status: 'error', emoji: '❗', word: 'Could not complete' },
  ])('$status: emoji, "Step n/N — title", status word and duration', ({ status, emoji, word }) => {
    const message = renderStepReply(step({ status, findings: [] }), 8, { lang: 'en' });
    expectWithinLimits(message);
    expect(message.text.startsWith(`${emoji} Step 4/8 — Execution targets`)).toBe(true);
    const first = message.blocks[0];
    expect(first?.type === 'section' && first.text?.text).toBe(`${emoji} *Step 4/8 — Execution targets*`);
    expect(allText(message)).toContain(`${word} · took 1.2 s`);
  });

  it.each([
    { name: 'few short facts', count: 3, fields: true },
    { name: 'ten short facts', count: 10, fields: true },
    { name: 'eleven facts', count: 11, fields: false },
  ])('$name → fields: $fields', ({ count, fields }) => {
    const facts = Array.from({ length: count }, (_, i) => ({ label: `Label ${i}`, value: `Value ${i}` }));
    const message = renderStepReply(step({ facts }), 8, { lang: 'en' });
    expectWithinLimits(message);
    const factBlocks = message.blocks.filter((b) => b.block_id?.includes('facts'));
    expect(factBlocks.length).toBeGreaterThan(0);
    expect(factBlocks.every((b) => b.type === 'section' && (b.fields !== undefined) === fields)).toBe(true);
    for (let i = 0; i < count; i += 1) expect(allText(message)).toContain(`Label ${i}`);
  });

  it('shows each finding with its title and first evidence', () => {
    const message = renderStepReply(step({ findings: [connectionLost()] }), 8, { lang: 'en' });
    const text = allText(message);
    expect(text).toContain('*Findings*');
    expect(text).toContain('i-0abc1234def567890 lost its connection to Systems Manager');
    expect(text).toContain('`DescribeInstanceInformation.PingStatus` = `ConnectionLost`');
    expect(text).not.toContain('LastPingDateTime');
  });

  it.each([
    {
      gap: accessDeniedGap,
      expected: 'Could not check: AccessDenied on `ssm:DescribeInstanceInformation` — User: arn:aws:sts::111122223333',
    },
    { gap: throttledGap, expected: 'Could not check DescribeAssociationExecutions: throttled by AWS — Rate exceeded' },
    {
      gap: { step: 'output' as const, kind: 'unavailable' as const, message: 'The invocation expired' },
      expected: 'Not available — The invocation expired',
    },
  ])('gap $gap.kind → $expected', ({ gap, expected }) => {
    expect(allText(renderStepReply(step({ gaps: [gap] }), 8, { lang: 'en' }))).toContain(expected);
  });

  it('escapes AWS text in titles, facts, findings and gaps', () => {
    const message = renderStepReply(
      step({
        title: INJECTION,
        facts: [{ label: INJECTION, value: INJECTION }],
        findings: [connectionLost({ title: INJECTION, evidence: [{ field: INJECTION, value: INJECTION }] })],
        gaps: [{ ...accessDeniedGap, message: INJECTION }],
      }),
      8,
      { lang: 'en' },
    );
    expectWithinLimits(message);
    expectNoInjection(message);
    expect(allText(message)).toContain('&lt;!channel&gt;');
  });

  it.each([
    { count: 1, rows: [1] },
    { count: 25, rows: [25] },
    { count: 60, rows: [25, 25, 10] },
    { count: 250, rows: [25, 25, 25, 25] },
  ])('$count output buttons → actions rows $rows', ({ count, rows }) => {
    const outputButtons = Array.from({ length: count }, (_, i) => ({ label: `i-${i} (Failed)`, value: `out-${i}` }));
    const message = renderStepReply(step(), 8, { lang: 'en', outputButtons });
    expectWithinLimits(message);
    const actions = message.blocks.filter((b) => b.type === 'actions');
    expect(actions.map((b) => (b.type === 'actions' ? b.elements.length : 0))).toEqual(rows);
    const shown = buttons(message);
    expect(shown.every((b) => b.action_id !== undefined && actionIdPattern(SHOW_OUTPUT).test(b.action_id))).toBe(true);
    expect(shown.map((b) => b.value)).toEqual(outputButtons.slice(0, shown.length).map((b) => b.value));
    if (count > 100) expect(allText(message)).toContain(`${count - 100} more outputs not shown`);
  });

  it('refuses a button value above 2,000 characters', () => {
    expect(() =>
      renderStepReply(step(), 8, { lang: 'en', outputButtons: [{ label: 'x', value: 'v'.repeat(2_001) }] }),
    ).toThrow(RangeError);
  });

  it('cuts long button labels to 75 characters', () => {
    const message = renderStepReply(step(), 8, {
      lang: 'en',
      outputButtons: [{ label: 'L'.repeat(200), value: 'out-1' }],
    });
    expect(buttons(message)[0]?.text.text.length).toBeLessThanOrEqual(75);
  });

  it('keeps a huge step (500 facts, 100 findings, 50 KB evidence) within limits, with the footer and buttons', () => {
    const outputButtons = Array.from({ length: 30 }, (_, i) => ({
      label: `i-${i} ${'L'.repeat(100)}`,
      value: `out-${i}`,
    }));
    const message = renderStepReply(hugeStep(), 8, { lang: 'en', outputButtons });
    expectWithinLimits(message);
    expectNoInjection(message);
    expect(buttons(message)).toHaveLength(30);
    expect(allText(message)).toMatch(/more facts/);
    expect(allText(message)).toContain('took 2 min 3 s');
    expect(allText(message)).toMatch(/more findings/);
    expect(allText(message)).toMatch(/more gaps/);
    // Built within budget: the safety net in enforceMessageLimits did not have to drop anything.
    expect(allText(message)).not.toContain('more not shown');
  });

  it('gives each rendering new block ids when asked', () => {
    const a = renderStepReply(step(), 8, { lang: 'en', blockIdSuffix: 'r1' });
    const b = renderStepReply(step(), 8, { lang: 'en', blockIdSuffix: 'r2' });
    const ids = (m: typeof a) => new Set(m.blocks.map((x) => x.block_id));
    for (const id of ids(a)) expect(ids(b).has(id)).toBe(false);
  });
});
