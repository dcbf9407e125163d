// The buttons on an alert: Investigate again (a fresh investigation in the alert's thread) and Mute 24 h
// (no new alerts about that association in that channel for a day). Both are authorized again on every
// click by the one authorization service (src/investigation/authorize.ts), and audited.
import type { Authorizer } from '../investigation/authorize.ts';
import type { AccountRef, AuditLog, Requester } from '../investigation/ports.ts';
import type { StartInvestigation } from '../investigation/start.ts';
import type { IntentClaims } from '../investigation/work-ports.ts';

/** How long a click on a starting button holds (double clicks, re-deliveries). */
const START_CLICK_WINDOW_SECONDS = 10;

import type { AlertEpisodeRecord, EpisodeStore } from './ports.ts';

export const MUTE_DURATION_MS = 24 * 3_600_000;

export type AlertActionResult =
  | { kind: 'started'; episode: AlertEpisodeRecord; investigationId: string; accountName: string }
  | { kind: 'muted'; episode: AlertEpisodeRecord; until: Date }
  | { kind: 'gone' }
  | { kind: 'account-gone'; accountId: string }
  | { kind: 'unauthorized'; account: AccountRef }
  | { kind: 'other-channel'; account: AccountRef }
  | { kind: 'already-started'; episode: AlertEpisodeRecord };

export interface AlertActionDeps {
  episodes: Pick<EpisodeStore, 'get' | 'mute'>;
  authorizer: Authorizer;
  claims: IntentClaims;
  audit: AuditLog;
  start: StartInvestigation;
  clock?: () => Date;
}

export function createAlertActions(deps: AlertActionDeps) {
  const clock = deps.clock ?? (() => new Date());

  /** The episode and its account, if the clicking channel may still act on it (the one authorization rule). */
  async function authorize(
    episodeId: string,
    who: Requester,
    action: string,
  ): Promise<
    { episode: AlertEpisodeRecord; account: AccountRef } | Exclude<AlertActionResult, { kind: 'started' | 'muted' }>
  > {
    const episode = await deps.episodes.get(episodeId);
    const decision = await deps.authorizer.button(action, episode, who, { episodeId });
    if (decision.kind !== 'allowed') return decision;
    if (!episode) return { kind: 'gone' };
    return { episode, account: decision.account };
  }

  async function investigateAgain(episodeId: string, who: Requester): Promise<AlertActionResult> {
    const allowed = await authorize(episodeId, who, 'investigate-again');
    if ('kind' in allowed) return allowed;
    const { episode, account } = allowed;
    // A double click (or two people at once, on any replica) starts one investigation.
    if (!(await deps.claims.claim(`again:${episode.id}`, START_CLICK_WINDOW_SECONDS)).claimed) {
      return { kind: 'already-started', episode };
    }
    const threadTs = episode.threadTs ?? episode.rootTs;
    const investigation = await deps.start({
      associationId: episode.associationId,
      accountId: account.id,
      accountName: account.name,
      region: episode.region,
      trigger: 'button',
      ...who,
      ...(threadTs ? { threadTs } : {}),
    });
    return { kind: 'started', episode, investigationId: investigation.id, accountName: account.name };
  }

  async function mute(episodeId: string, who: Requester): Promise<AlertActionResult> {
    const allowed = await authorize(episodeId, who, 'mute');
    if ('kind' in allowed) return allowed;
    const { episode } = allowed;
    const until = new Date(clock().getTime() + MUTE_DURATION_MS);
    await deps.episodes.mute({
      teamId: who.teamId,
      channelId: who.channelId,
      associationId: episode.associationId,
      until,
      by: who.userId,
    });
    await deps.audit.record({
      kind: 'alert.muted',
      ...who,
      accountId: episode.accountId,
      subject: episode.associationId,
      detail: { episodeId, until: until.toISOString() },
    });
    return { kind: 'muted', episode, until };
  }

  return { investigateAgain, mute };
}
export type AlertActions = ReturnType<typeof createAlertActions>;
