// The answers of `/ssm-why lang …`: one sentence from the slack catalog, in the language it speaks of.
import { BlockIds, section } from './blocks.ts';
import { enforceMessageLimits, LIMITS, type SlackMessage, truncate } from './limits.ts';

/** `sentence` is catalog mrkdwn (its only values are user mentions, Slack's own): cut to size, never escaped. */
export function renderLanguageAnswer(sentence: string): SlackMessage {
  const ids = new BlockIds('lang');
  const text = `🌐 ${sentence}`;
  return enforceMessageLimits({
    text: truncate(text, LIMITS.fallbackText),
    blocks: [section(text, ids.next('summary'))],
  });
}
