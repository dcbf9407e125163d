// The feedback buttons, the "what was it really?" dialog and the `/ssm-why stats` message.
import { describe, expect, it } from 'vitest';
import { verdictStats } from '../../../src/domain/verdict-stats.ts';
import { FEEDBACK_DOWN, FEEDBACK_UP, RERUN } from '../../../src/slack/action-ids.ts';
import {
  FEEDBACK_NOTE_ACTION,
  FEEDBACK_NOTE_BLOCK,
  FEEDBACK_NOTE_CALLBACK,
  renderFeedbackModal,
  renderStats,
} from '../../../src/slack/views/feedback.view.ts';
import { renderVerdict } from '../../../src/slack/views/verdict.view.ts';
import { allText, buttons, expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import { hugeDiagnosis, INVESTIGATION_ID } from './samples.ts';

describe('feedback views', () => {
  it('every verdict carries 👍 and 👎 next to Re-run, even a huge one', () => {
    const message = renderVerdict(hugeDiagnosis(), { lang: 'en', investigationId: INVESTIGATION_ID });
    expectWithinLimits(message);
    const ids = buttons(message).map((b) => [b.action_id, b.value]);
    expect(ids).toEqual(
      expect.arrayContaining([
        [RERUN, INVESTIGATION_ID],
        [FEEDBACK_UP, INVESTIGATION_ID],
        [FEEDBACK_DOWN, INVESTIGATION_ID],
      ]),
    );
  });

  it('the 👎 dialog has one optional, bounded text input and carries the private metadata', () => {
    const modal = renderFeedbackModal({ privateMetadata: '{"investigationId":"x","channelId":"C1"}', lang: 'en' });
    expect(modal.callback_id).toBe(FEEDBACK_NOTE_CALLBACK);
    expect(modal.private_metadata).toContain('C1');
    const input = modal.blocks.find((b) => b.block_id === FEEDBACK_NOTE_BLOCK) as {
      optional: boolean;
      element: { action_id: string; max_length: number };
    };
    expect(input.optional).toBe(true);
    expect(input.element.action_id).toBe(FEEDBACK_NOTE_ACTION);
    expect(input.element.max_length).toBeLessThanOrEqual(3000);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
  });

  it('stats: families with votes, the median, within limits even with hundreds of hostile family names', () => {
    const stats = verdictStats([
      { causeFamily: 'network', createdAt: new Date(0), finishedAt: new Date(90_000), votes: ['up', 'down'] },
      { causeFamily: 'network', createdAt: new Date(0), finishedAt: new Date(30_000), votes: ['up'] },
    ]);
    const message = renderStats({ stats, days: 30, accountNames: ['prod'], lang: 'en' });
    expectWithinLimits(message);
    const text = allText(message);
    expect(text).toContain('Verdicts, last 30 days');
    expect(text).toContain('2 investigations, 2 verdicts');
    expect(text).toContain('*network*: 2 investigations — 👍 2 · 👎 1');
    expect(text).toContain('1 min');

    const many = verdictStats(
      Array.from({ length: 400 }, (_, i) => ({
        causeFamily: `<!channel> *x* ${'y'.repeat(200)} ${i}`,
        createdAt: new Date(0),
        votes: ['down' as const],
      })),
    );
    const big = renderStats({
      stats: many,
      days: 30,
      accountNames: Array.from({ length: 50 }, () => 'a'.repeat(200)),
      lang: 'en',
    });
    expectWithinLimits(big);
    expectNoInjection(big);
    expect(allText(big)).toContain('more families');
  });

  it('stats with nothing in the window says so', () => {
    const message = renderStats({ stats: verdictStats([]), days: 30, accountNames: [], lang: 'en' });
    expectWithinLimits(message);
    expect(allText(message)).toContain('No investigations in the last 30 days');
  });
});
