// Posting and updating messages through the Web API, with Slack's failures translated into AppError
// (keeping Slack's code: `not_in_channel`, `channel_not_found`, …). Shared by every Slack poster.
import type { webApi } from '@slack/bolt';
import { AppError } from '../domain/app-error.ts';
import type { SlackMessage } from './views/limits.ts';

/** Slack's error code from a Web API failure (`not_in_channel`, …), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Translates a Slack failure into the app's error type, keeping Slack's code. */
export function slackAppError(error: unknown, what: string): AppError {
  const code = slackErrorCode(error);
  return new AppError('upstream', `Slack ${what} failed${code ? `: ${code}` : ''}`, {
    cause: error,
    ...(code ? { upstreamCode: code } : {}),
  });
}

/** chat.postMessage (in a thread when `threadTs` is given); returns the new message's ts. */
export async function postMessage(
  client: webApi.WebClient,
  channel: string,
  message: SlackMessage,
  threadTs?: string,
  metadata?: { event_type: string; event_payload: Record<string, string> },
): Promise<string> {
  try {
    const result = await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...(metadata ? { metadata } : {}),
    });
    return result.ts as string;
  } catch (error) {
    throw slackAppError(error, 'chat.postMessage');
  }
}

/** chat.update of a message the app posted. */
export async function updateMessage(
  client: webApi.WebClient,
  channel: string,
  ts: string,
  message: SlackMessage,
): Promise<void> {
  try {
    await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
  } catch (error) {
    throw slackAppError(error, 'chat.update');
  }
}
