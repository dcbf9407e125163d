import { describe, expect, it } from 'vitest';
import { RERUN } from '../../../src/slack/action-ids.ts';
import { renderRootMessage } from '../../../src/slack/views/root-message.view.ts';
import { allText, buttons, expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import {
  ASSOCIATION_ID,
  diagnosis,
  healthyDiagnosis,
  hugeDiagnosis,
  INJECTION,
  INVESTIGATION_ID,
  investigation,
  scriptFailed,
} from './samples.ts';

const headerText = (message: ReturnType<typeof renderRootMessage>) => {
  const first = message.blocks[0];
  return first?.type === 'header' ? first.text.text : undefined;
};

describe('renderRootMessage', () => {
  it('while running: header, who/where, progress line, no button', () => {
    const message = renderRootMessage({
      lang: 'en',
      investigation: investigation(),
      documentName: 'AWS-RunPatchBaseline',
      progress: { done: 2, total: 8, currentTitle: 'Execution targets' },
    });
    expectWithinLimits(message);
    expect(headerText(message)).toBe(`Investigating association ${ASSOCIATION_ID}`);
    const text = allText(message);
    expect(text).toContain('*Document:* `AWS-RunPatchBaseline`');
    expect(text).toContain('*Account:* prod (111122223333)');
    expect(text).toContain('*Region:* eu-west-1');
    expect(text).toContain('*Requested by:* <@U03MNOPQR67>');
    expect(text).toContain('Step 3 of 8 — Execution targets…');
    expect(text).toContain('▰▰▱▱▱▱▱▱');
    expect(buttons(message)).toHaveLength(0);
    expect(message.text).toBe(`Investigating association ${ASSOCIATION_ID} — step 3 of 8`);
  });

  it.each([
    { name: 'queued', status: 'queued' as const, done: 0, expected: 'Queued' },
    { name: 'all steps done, verdict pending', status: 'running' as const, done: 8, expected: 'All 8 steps done' },
    { name: 'first step', status: 'running' as const, done: 0, expected: 'Step 1 of 8…' },
  ])('progress line: $name', ({ status, done, expected }) => {
    const message = renderRootMessage({
      lang: 'en',
      investigation: investigation({ status }),
      progress: { done, total: 8 },
    });
    expectWithinLimits(message);
    expect(allText(message)).toContain(expected);
  });

  it.each([
    {
      name: 'fault',
      diag: diagnosis(),
      headline: '❌ *Fault: The aws:runShellScript step exited with status 1 on 12 targets*',
      fallback: '❌ Association',
    },
    {
      name: 'warning',
      diag: diagnosis({ outcome: 'warning', findings: [scriptFailed({ severity: 'warning', title: 'Agent is old' })] }),
      headline: '⚠️ *Warning: Agent is old*',
      fallback: '⚠️ Association',
    },
    { name: 'healthy', diag: healthyDiagnosis(), headline: '✅ *Healthy: No fault found*', fallback: '✅ Association' },
  ])(
    'when finished ($name): verdict headline and a Re-run button holding the bare investigation id',
    ({ diag, headline, fallback }) => {
      const message = renderRootMessage({
        lang: 'en',
        investigation: investigation({ status: 'done' }),
        progress: { done: 8, total: 8 },
        diagnosis: diag,
        threadPermalink: 'https://example-ops.slack.com/archives/C02GHIJKL45/p1767225600000100',
      });
      expectWithinLimits(message);
      expect(headerText(message)).toBe(`Investigated association ${ASSOCIATION_ID}`);
      expect(allText(message)).toContain(headline);
      expect(allText(message)).toContain('|Evidence and fix in the thread>');
      expect(message.text.startsWith(fallback)).toBe(true);
      const [rerun, ...others] = buttons(message);
      expect(others).toHaveLength(0);
      expect(rerun?.action_id).toBe(RERUN);
      expect(rerun?.value).toBe(INVESTIGATION_ID);
    },
  );

  it('mentions how many more findings there are', () => {
    const message = renderRootMessage({
      lang: 'en',
      investigation: investigation({ status: 'done' }),
      progress: { done: 8, total: 8 },
      diagnosis: diagnosis(),
    });
    expect(allText(message)).toContain('+ 2 more findings');
  });

  it('a failed investigation says so and offers Re-run', () => {
    const message = renderRootMessage({
      lang: 'en',
      investigation: investigation({ status: 'failed', verdictSummary: `AWS did not respond ${INJECTION}` }),
      progress: { done: 3, total: 8 },
    });
    expectWithinLimits(message);
    expectNoInjection(message);
    expect(allText(message)).toContain('The investigation could not finish');
    expect(buttons(message)[0]?.value).toBe(INVESTIGATION_ID);
  });

  it('an alert-triggered investigation names no requester', () => {
    const message = renderRootMessage({
      lang: 'en',
      investigation: investigation({ trigger: 'alert' }),
      progress: { done: 0, total: 8 },
    });
    expect(allText(message)).toContain('*Triggered by:* an alert');
    expect(allText(message)).not.toContain('<@');
  });

  it('escapes AWS and config text and keeps huge input within limits', () => {
    const message = renderRootMessage({
      lang: 'en',
      investigation: investigation({ status: 'done', accountName: INJECTION, associationId: 'a'.repeat(500) }),
      documentName: INJECTION.repeat(500),
      progress: { done: 8, total: 8, currentTitle: INJECTION },
      diagnosis: hugeDiagnosis(),
    });
    expectWithinLimits(message);
    expectNoInjection(message);
    expect(buttons(message)[0]?.value).toBe(INVESTIGATION_ID);
  });

  it('uses new block ids for each update', () => {
    const a = renderRootMessage({ lang: 'en', investigation: investigation(), progress: { done: 1, total: 8 } });
    const b = renderRootMessage({ lang: 'en', investigation: investigation(), progress: { done: 2, total: 8 } });
    const idsOf = (m: typeof a) => m.blocks.map((x) => x.block_id);
    for (const id of idsOf(a)) expect(idsOf(b)).not.toContain(id);
  });
});
