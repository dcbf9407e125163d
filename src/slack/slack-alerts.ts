// The AlertMessenger over the Web API: alert root messages, recovery replies, digests and their replies. Posts go
// through the idempotent, paced poster (src/slack/poster.ts), keyed by episode and digest, so a post lost between
// Slack accepting it and the app recording it is found in the channel instead of being posted again. What still
// fails is thrown as an AppError with Slack's code, and the alert job records it and tries again later.
// Alerts speak their channel's language (`/ssm-why lang`; English in a channel without a setting: nobody asked).
import type { AlertMessenger, DigestView } from '../alerts/ports.ts';
import type { Lang } from '../i18n/index.ts';
import type { SlackPoster } from './poster.ts';
import { renderAlert, renderDigest, renderDigestItem, renderRecoveryReply } from './views/alert.view.ts';

/** The language a channel's alerts speak. */
export type ChannelLang = (teamId: string, channelId: string) => Promise<Lang>;

export function createSlackAlertMessenger(poster: SlackPoster, channelLang: ChannelLang): AlertMessenger {
  const of = (alert: { teamId: string; channelId: string }) => channelLang(alert.teamId, alert.channelId);
  // A digest holds alerts of one channel (and team): its first item names the team.
  const ofDigest = (digest: DigestView) => channelLang(digest.items[0]?.teamId ?? '', digest.channelId);
  return {
    postAlert: async (alert) =>
      poster.post(`alert:${alert.episodeId}:root`, alert.channelId, renderAlert(alert, await of(alert))),
    updateAlert: async (alert) => poster.update(alert.channelId, alert.rootTs, renderAlert(alert, await of(alert))),
    postRecoveryReply: async (alert) => {
      await poster.post(
        `alert:${alert.episodeId}:recovery`,
        alert.channelId,
        renderRecoveryReply(alert, await of(alert)),
        alert.threadTs,
      );
    },
    postDigest: async (digest) =>
      poster.post(`digest:${digest.digestId}:root`, digest.channelId, renderDigest(digest, await ofDigest(digest))),
    updateDigest: async (digest) =>
      poster.update(digest.channelId, digest.rootTs, renderDigest(digest, await ofDigest(digest))),
    postDigestItem: async (digestTs, alert) =>
      poster.post(
        `digest-item:${digestTs}:${alert.episodeId}`,
        alert.channelId,
        renderDigestItem(alert, await of(alert)),
        digestTs,
      ),
    updateDigestItem: async (alert) =>
      poster.update(alert.channelId, alert.rootTs, renderDigestItem(alert, await of(alert))),
  };
}
