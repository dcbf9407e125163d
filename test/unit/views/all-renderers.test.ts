// Every renderer, fed huge and hostile input, stays inside Slack's limits and escapes AWS text.
import { describe, expect, it } from 'vitest';
import {
  renderAmbiguous,
  renderNotFound,
  renderNotInChannel,
  renderProblem,
  renderQueuedAck,
  renderUnauthorized,
} from '../../../src/slack/views/errors.view.ts';
import { renderHistory } from '../../../src/slack/views/history.view.ts';
import type { SlackMessage } from '../../../src/slack/views/limits.ts';
import { renderRootMessage } from '../../../src/slack/views/root-message.view.ts';
import { renderStepReply } from '../../../src/slack/views/step-reply.view.ts';
import { renderUsage } from '../../../src/slack/views/usage.view.ts';
import { renderVerdict } from '../../../src/slack/views/verdict.view.ts';
import { expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import { huge, hugeDiagnosis, hugeStep, INVESTIGATION_ID, investigation } from './samples.ts';

const big = huge(50_000);

const cases: [string, () => SlackMessage][] = [
  ['usage', () => renderUsage({ lang: 'en', problem: big })],
  [
    'root message, running',
    () =>
      renderRootMessage({
        lang: 'en',
        investigation: investigation({ accountName: big }),
        documentName: big,
        progress: { done: 3, total: 8, currentTitle: big },
      }),
  ],
  [
    'root message, verdict',
    () =>
      renderRootMessage({
        lang: 'en',
        investigation: investigation({ status: 'done' }),
        documentName: big,
        progress: { done: 8, total: 8 },
        diagnosis: hugeDiagnosis(),
        threadPermalink: `https://example.com/${big}`,
      }),
  ],
  [
    'root message, failed',
    () =>
      renderRootMessage({
        lang: 'en',
        investigation: investigation({ status: 'failed', verdictSummary: big }),
        progress: { done: 1, total: 8 },
      }),
  ],
  [
    'step reply',
    () =>
      renderStepReply(hugeStep(), 8, {
        lang: 'en',
        outputButtons: Array.from({ length: 500 }, (_, i) => ({ label: big, value: `o${i}` })),
      }),
  ],
  [
    'verdict',
    () => renderVerdict(hugeDiagnosis(), { lang: 'en', investigationId: INVESTIGATION_ID, associationId: big }),
  ],
  [
    'not found',
    () =>
      renderNotFound({
        lang: 'en',
        associationId: big,
        searched: Array.from({ length: 200 }, () => ({ accountName: big, accountId: big, regions: [big] })),
      }),
  ],
  [
    'ambiguous',
    () =>
      renderAmbiguous({
        lang: 'en',
        associationId: big,
        locations: Array.from({ length: 2_000 }, (_, i) => ({
          accountName: big,
          accountId: big,
          region: big,
          token: `t${i}`,
          documentName: big,
          status: big,
        })),
      }),
  ],
  ['unauthorized', () => renderUnauthorized({ lang: 'en', accountName: big, accountId: big })],
  ['not in channel', () => renderNotInChannel({ lang: 'en', reason: 'channel_not_found', botName: big })],
  [
    'queued ack',
    () => renderQueuedAck({ lang: 'en', associationId: big, accountName: big, region: big, threadPermalink: big }),
  ],
  ['problem', () => renderProblem(big)],
  [
    'history',
    () =>
      renderHistory({
        lang: 'en',
        items: Array.from({ length: 1_000 }, (_, i) => ({
          ...investigation({ id: `i${i}`, accountName: big, verdictSummary: big, associationId: big }),
          permalink: `https://example.com/${big}`,
        })),
      }),
  ],
];

describe('every renderer with huge, hostile input', () => {
  it.each(cases)(
    '%s: ≤ 50 blocks, section ≤ 3,000, header ≤ 150, button value ≤ 2,000, text budget, escaped',
    (_name, render) => {
      const message = render();
      expectWithinLimits(message);
      expectNoInjection(message);
      expect(JSON.stringify(message).length).toBeLessThan(60_000);
    },
  );
});
