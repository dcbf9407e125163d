// The AlertMessenger over the Web API: alert root messages, recovery replies, digests and their replies.
// The WebClient honours 429 Retry-After itself within its bounded retries (app.ts); what still fails is
// thrown as an AppError with Slack's code, and the alert job records it and tries again later.
import type { webApi } from '@slack/bolt';
import type { AlertMessenger } from '../alerts/ports.ts';
import { AppError } from '../domain/app-error.ts';
import { slackErrorCode } from './slack-progress.ts';
import { renderAlert, renderDigest, renderDigestItem, renderRecoveryReply } from './views/alert.view.ts';
import type { SlackMessage } from './views/limits.ts';

function toAppError(error: unknown, what: string): AppError {
  const code = slackErrorCode(error);
  return new AppError('upstream', `Slack ${what} failed${code ? `: ${code}` : ''}`, {
    cause: error,
    ...(code ? { upstreamCode: code } : {}),
  });
}

export function createSlackAlertMessenger(client: webApi.WebClient): AlertMessenger {
  async function post(channel: string, message: SlackMessage, threadTs?: string): Promise<string> {
    try {
      const result = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      return result.ts as string;
    } catch (error) {
      throw toAppError(error, 'chat.postMessage');
    }
  }

  async function update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    try {
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    } catch (error) {
      throw toAppError(error, 'chat.update');
    }
  }

  return {
    postAlert: (alert) => post(alert.channelId, renderAlert(alert)),
    updateAlert: (alert) => update(alert.channelId, alert.rootTs, renderAlert(alert)),
    postRecoveryReply: async (alert) => {
      await post(alert.channelId, renderRecoveryReply(alert), alert.threadTs);
    },
    postDigest: (digest) => post(digest.channelId, renderDigest(digest)),
    updateDigest: (digest) => update(digest.channelId, digest.rootTs, renderDigest(digest)),
    postDigestItem: (digestTs, alert) => post(alert.channelId, renderDigestItem(alert), digestTs),
    updateDigestItem: (alert) => update(alert.channelId, alert.rootTs, renderDigestItem(alert)),
  };
}
