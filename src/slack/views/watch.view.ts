// "Tell me when it finishes": the button on a running verdict, the click's answers and the one reply when the
// execution ends. Pure; every user-facing string of the feature is here.
import type { ExecutionWatchRecord } from '../../fleet/ports.ts';
import type { VerifyResult } from '../../fleet/verify.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import { WATCH_EXECUTION } from '../action-ids.ts';
import { button, section } from './blocks.ts';
import { userMention } from './format.ts';
import { enforceMessageLimits, inlineCode, type SlackMessage, safeText } from './limits.ts';

/** The button's value: the investigation and the execution in progress. */
export const watchValue = (investigationId: string, executionId: string) => `${investigationId} ${executionId}`;

export function parseWatchValue(value: string): { investigationId: string; executionId: string } | undefined {
  const [investigationId, executionId, ...rest] = value.split(' ');
  return investigationId && executionId && rest.length === 0 ? { investigationId, executionId } : undefined;
}

export const watchButton = (investigationId: string, executionId: string, lang: Lang) =>
  button({
    text: texts(lang).thread.watch.button,
    actionId: WATCH_EXECUTION,
    value: watchValue(investigationId, executionId),
  });

const text = (message: string, lang: Lang): SlackMessage =>
  enforceMessageLimits({ text: message, blocks: [section(message, 'watch.text')] }, { lang });

export const renderWatchStarted = (executionId: string, hours: number, lang: Lang) =>
  text(texts(lang).thread.watch.started(inlineCode(executionId, 60), hours), lang);

export const renderWatchAlready = (watch: Pick<ExecutionWatchRecord, 'userId' | 'executionId'>, lang: Lang) =>
  text(texts(lang).thread.watch.already(userMention(watch.userId), inlineCode(watch.executionId, 60)), lang);

export function renderWatchResult(watch: ExecutionWatchRecord, result: VerifyResult, lang: Lang): SlackMessage {
  const say = texts(lang).thread.watch;
  const execution = inlineCode(watch.executionId, 60);
  const who = userMention(watch.userId);
  switch (result.kind) {
    case 'verified':
      return text(say.verified(execution, result.success, result.total, who), lang);
    case 'still-failing':
      return text(say.stillFailing(execution, safeText(result.status, 30), result.failing, result.total, who), lang);
    default:
      return text(say.gaveUp(execution, result.polls, who), lang);
  }
}
