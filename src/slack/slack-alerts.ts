// The AlertMessenger over the Web API: alert root messages, recovery replies, digests and their replies. Posts go
// through the idempotent, paced poster (src/slack/poster.ts), keyed by episode and digest, so a post lost between
// Slack accepting it and the app recording it is found in the channel instead of being posted again. What still
// fails is thrown as an AppError with Slack's code, and the alert job records it and tries again later.
import type { AlertMessenger } from '../alerts/ports.ts';
import type { SlackPoster } from './poster.ts';
import { renderAlert, renderDigest, renderDigestItem, renderRecoveryReply } from './views/alert.view.ts';

export function createSlackAlertMessenger(poster: SlackPoster): AlertMessenger {
  return {
    postAlert: (alert) => poster.post(`alert:${alert.episodeId}:root`, alert.channelId, renderAlert(alert)),
    updateAlert: (alert) => poster.update(alert.channelId, alert.rootTs, renderAlert(alert)),
    postRecoveryReply: async (alert) => {
      await poster.post(
        `alert:${alert.episodeId}:recovery`,
        alert.channelId,
        renderRecoveryReply(alert),
        alert.threadTs,
      );
    },
    postDigest: (digest) => poster.post(`digest:${digest.digestId}:root`, digest.channelId, renderDigest(digest)),
    updateDigest: (digest) => poster.update(digest.channelId, digest.rootTs, renderDigest(digest)),
    postDigestItem: (digestTs, alert) =>
      poster.post(`digest-item:${digestTs}:${alert.episodeId}`, alert.channelId, renderDigestItem(alert), digestTs),
    updateDigestItem: (alert) => poster.update(alert.channelId, alert.rootTs, renderDigestItem(alert)),
  };
}
