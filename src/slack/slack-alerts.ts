// The AlertMessenger over the Web API: alert root messages, recovery replies, digests and their replies.
// The WebClient honours 429 Retry-After itself within its bounded retries (app.ts); what still fails is
// thrown as an AppError with Slack's code, and the alert job records it and tries again later.
import type { webApi } from '@slack/bolt';
import type { AlertMessenger } from '../alerts/ports.ts';
import { postMessage, updateMessage } from './messages.ts';
import { renderAlert, renderDigest, renderDigestItem, renderRecoveryReply } from './views/alert.view.ts';
import type { SlackMessage } from './views/limits.ts';

export function createSlackAlertMessenger(client: webApi.WebClient): AlertMessenger {
  const post = (channel: string, message: SlackMessage, threadTs?: string) =>
    postMessage(client, channel, message, threadTs);
  const update = (channel: string, ts: string, message: SlackMessage) => updateMessage(client, channel, ts, message);

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
