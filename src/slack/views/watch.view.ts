// "Tell me when it finishes": the button on a running verdict, the click's answers and the one reply when the
// execution ends. Pure; every user-facing string of the feature is here.
import type { ExecutionWatchRecord } from '../../fleet/ports.ts';
import type { VerifyResult } from '../../fleet/verify.ts';
import { WATCH_EXECUTION } from '../action-ids.ts';
import { button, section } from './blocks.ts';
import { plural, userMention } from './format.ts';
import { enforceMessageLimits, inlineCode, type SlackMessage, safeText } from './limits.ts';

/** The button's value: the investigation and the execution in progress. */
export const watchValue = (investigationId: string, executionId: string) => `${investigationId} ${executionId}`;

export function parseWatchValue(value: string): { investigationId: string; executionId: string } | undefined {
  const [investigationId, executionId, ...rest] = value.split(' ');
  return investigationId && executionId && rest.length === 0 ? { investigationId, executionId } : undefined;
}

export const watchButton = (investigationId: string, executionId: string) =>
  button({
    text: '🔔 Tell me when it finishes',
    actionId: WATCH_EXECUTION,
    value: watchValue(investigationId, executionId),
  });

const text = (message: string): SlackMessage =>
  enforceMessageLimits({ text: message, blocks: [section(message, 'watch.text')] });

export const renderWatchStarted = (executionId: string, hours: number) =>
  text(
    `🔔 I will reply in this thread when execution ${inlineCode(executionId, 60)} ends (and investigate again), for up to ${plural(hours, 'hour')}.`,
  );

export const renderWatchAlready = (watch: Pick<ExecutionWatchRecord, 'userId' | 'executionId'>) =>
  text(
    `🔔 ${userMention(watch.userId)} already asked: one reply in this thread when execution ${inlineCode(watch.executionId, 60)} ends.`,
  );

export function renderWatchResult(watch: ExecutionWatchRecord, result: VerifyResult): SlackMessage {
  const execution = inlineCode(watch.executionId, 60);
  const who = userMention(watch.userId);
  switch (result.kind) {
    case 'verified':
      return text(
        `✅ *Finished:* execution ${execution} succeeded on ${result.success}/${result.total} targets. ${who} A fresh investigation follows.`,
      );
    case 'still-failing':
      return text(
        `🔴 *Finished:* execution ${execution} ended ${safeText(result.status, 30)} — ${result.failing}/${result.total} targets not Success. ${who} A fresh investigation follows.`,
      );
    default:
      return text(
        `⏱️ *Still running:* execution ${execution} had not ended after ${plural(result.polls, 'check')}; I stopped watching. ${who}`,
      );
  }
}
