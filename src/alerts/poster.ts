// Brings an alert's Slack messages up to date with its row: posts the root message and starts the
// investigation in its thread, updates the message in place when the status changes, and on recovery turns
// it into "Recovered at …" with a reply in the thread. Digests the same way, for their members.
//
// Runs as queue jobs. A process takes a lease on the row first, so two replicas never post the same alert;
// a failure is recorded on the row (attempts, error, next try) and the job fails, so the queue retries it
// and, after that, the scheduler's sweep queues it again from the database: an alert is never just lost.
import { isAppError } from '../domain/app-error.ts';
import type { Lang } from '../i18n/index.ts';
import type { AccountRef, JobQueue } from '../investigation/ports.ts';
import type { StartInvestigation } from '../investigation/start.ts';
import { postRetryDelayMs } from './episode-state.ts';
import {
  ALERT_DIGEST_JOB,
  type AlertDigestJobData,
  type AlertPostJobData,
  type AlertsLogger,
  postJobOptions,
} from './episodes.ts';
import { ALERT_USER_ID } from './poller.ts';
import type {
  AlertDigestRecord,
  AlertEpisodeRecord,
  AlertMessenger,
  AlertView,
  DigestView,
  EpisodeStore,
} from './ports.ts';

export interface DigestLimits {
  /** Members that get a reply of their own in the digest's thread; the rest are only counted. */
  maxThreadReplies: number;
  /** Investigations started automatically per digest (one per distinct document first). */
  maxInvestigations: number;
  /** Slack calls per job run; the rest is left to the next run (so one job stays short). */
  maxPostsPerRun: number;
}

export const DEFAULT_DIGEST_LIMITS: DigestLimits = { maxThreadReplies: 40, maxInvestigations: 3, maxPostsPerRun: 20 };

export interface PosterDeps {
  episodes: EpisodeStore;
  messenger: AlertMessenger;
  start: StartInvestigation;
  accounts: readonly AccountRef[];
  queue: JobQueue;
  pendingAlertMinutes: number;
  /** The language a channel's alerts speak (its setting); the investigation in an alert's thread speaks it too. */
  channelLang: (channelId: string) => Promise<Lang>;
  digestLimits?: DigestLimits;
  /**
   * How long one process holds an alert while posting it, renewed every third of it while the work runs (default
   * 30 s). A process that dies or loses the database stops renewing, so the alert is free again within this.
   */
  leaseMs?: number;
  clock?: () => Date;
  logger: AlertsLogger;
}

const errorText = (error: unknown) =>
  isAppError(error) ? `${error.upstreamCode ?? error.code}: ${error.message}` : String(error);

export function createAlertPoster(deps: PosterDeps) {
  const clock = deps.clock ?? (() => new Date());
  const leaseMs = deps.leaseMs ?? 30_000;

  /**
   * Runs `work` while renewing the lease set to `heldUntil`. A failed renewal (the database is gone) is only logged:
   * the work fails on its own next write, and the lease lapses for whoever takes the alert up next.
   */
  async function holding<T>(
    what: Record<string, string>,
    heldUntil: Date,
    renew: (held: Date) => Promise<Date | undefined>,
    work: () => Promise<T>,
  ): Promise<T> {
    let held = heldUntil;
    let renewing = false;
    const heartbeat = setInterval(() => {
      if (renewing) return;
      renewing = true;
      renew(held)
        .then(
          (next) => {
            if (next) held = next;
            else deps.logger.warn(what, 'alert posting lease was lost');
          },
          (error: unknown) => deps.logger.warn({ ...what, err: error }, 'alert posting lease renewal failed'),
        )
        .finally(() => {
          renewing = false;
        });
    }, leaseMs / 3);
    try {
      return await work();
    } finally {
      clearInterval(heartbeat);
    }
  }
  const limits = deps.digestLimits ?? DEFAULT_DIGEST_LIMITS;

  function view(episode: AlertEpisodeRecord, investigating: boolean, lang: Lang): AlertView {
    const account = deps.accounts.find((a) => a.id === episode.accountId);
    const optional = {
      associationName: episode.associationName,
      documentName: episode.documentName,
      detailedStatus: episode.detailedStatus,
      closedAt: episode.closedAt,
      rootTs: episode.rootTs,
      threadTs: episode.threadTs,
    };
    return {
      episodeId: episode.id,
      teamId: episode.teamId,
      channelId: episode.channelId,
      associationId: episode.associationId,
      accountId: episode.accountId,
      accountName: account?.name ?? episode.accountId,
      region: episode.region,
      status: episode.status,
      triggerStatus: episode.triggerStatus,
      lastSeenStatus: episode.lastSeenStatus,
      statusCounts: episode.statusCounts,
      openedAt: episode.openedAt,
      investigating,
      lang,
      ...(episode.triggerStatus === 'Pending' ? { pendingAlertMinutes: deps.pendingAlertMinutes } : {}),
      ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<AlertView>),
    };
  }

  const canInvestigate = (episode: AlertEpisodeRecord) => deps.accounts.some((a) => a.id === episode.accountId);

  async function startInvestigation(
    episode: AlertEpisodeRecord,
    threadTs: string,
    lang: Lang,
  ): Promise<string | undefined> {
    const account = deps.accounts.find((a) => a.id === episode.accountId);
    if (!account) return undefined;
    const investigation = await deps.start(
      {
        associationId: episode.associationId,
        accountId: account.id,
        accountName: account.name,
        region: episode.region,
        trigger: 'alert',
        teamId: episode.teamId,
        channelId: episode.channelId,
        userId: ALERT_USER_ID,
        threadTs,
        lang,
      },
      { intentKey: `alert:${episode.id}` },
    );
    await deps.episodes.setInvestigation(episode.id, investigation.id);
    return investigation.id;
  }

  /** One alert of its own: whatever its row says is not yet in Slack. */
  async function reconcileEpisode(initial: AlertEpisodeRecord): Promise<void> {
    let episode = initial;
    const now = clock();
    const lang = await deps.channelLang(episode.channelId);
    if (!episode.postedAt) {
      const ts = await deps.messenger.postAlert(
        view(episode, episode.status === 'open' && canInvestigate(episode), lang),
      );
      await deps.episodes.recordPosted(episode.id, {
        rootTs: ts,
        threadTs: ts,
        renderedStatus: episode.lastSeenStatus,
        at: now,
      });
      episode = { ...episode, rootTs: ts, threadTs: ts, postedAt: now, renderedStatus: episode.lastSeenStatus };
      if (episode.status === 'recovered') {
        // It recovered before it could be posted: the message already says so, and there is nothing to investigate.
        await deps.episodes.recordRecoveryPosted(episode.id, now);
        return;
      }
    }
    const rootTs = episode.rootTs;
    if (!rootTs) return;
    const threadTs = episode.threadTs ?? rootTs;
    if (episode.status === 'open') {
      if (!episode.investigationId) {
        const investigationId = await startInvestigation(episode, threadTs, lang);
        if (investigationId) episode = { ...episode, investigationId };
      }
      if (episode.renderedStatus !== episode.lastSeenStatus) {
        await deps.messenger.updateAlert({ ...view(episode, canInvestigate(episode), lang), rootTs });
        await deps.episodes.recordRendered(episode.id, episode.lastSeenStatus);
      }
      return;
    }
    if (!episode.recoveryPostedAt) {
      const recovered = { ...view(episode, episode.investigationId !== undefined, lang), rootTs, threadTs };
      await deps.messenger.updateAlert(recovered);
      await deps.messenger.postRecoveryReply(recovered);
      await deps.episodes.recordRecoveryPosted(episode.id, now);
    }
  }

  async function postEpisode(data: AlertPostJobData): Promise<void> {
    const claimed = await deps.episodes.claim(data.episodeId, leaseMs);
    if (!claimed) return;
    await holding(
      { episodeId: data.episodeId },
      claimed.heldUntil,
      (held) => deps.episodes.renewClaim(data.episodeId, held, leaseMs),
      () => postClaimedEpisode(data, claimed.record),
    );
  }

  async function postClaimedEpisode(data: AlertPostJobData, claimed: AlertEpisodeRecord): Promise<void> {
    let episode: AlertEpisodeRecord | undefined = claimed;
    try {
      if (episode.digestId) {
        // Its digest posts it.
        await deps.queue.send<AlertDigestJobData>(
          ALERT_DIGEST_JOB,
          { digestId: episode.digestId },
          postJobOptions(`digest:${episode.digestId}`),
        );
        return;
      }
      // A change that arrives while posting is picked up by another round (bounded).
      for (let round = 0; round < 3 && episode && episode.changeSeq > episode.syncedSeq; round++) {
        const seq = episode.changeSeq;
        await reconcileEpisode(episode);
        episode = await deps.episodes.markSynced(data.episodeId, seq);
      }
    } catch (error) {
      const attempts = (episode?.postAttempts ?? 0) + 1;
      await deps.episodes.recordFailure(data.episodeId, {
        error: errorText(error),
        nextPostAt: new Date(clock().getTime() + postRetryDelayMs(attempts)),
      });
      deps.logger.warn({ err: error, episodeId: data.episodeId, attempts }, 'alert could not be posted; will retry');
      throw error;
    } finally {
      await deps.episodes.release(data.episodeId);
    }
  }

  const documentKey = (episode: AlertEpisodeRecord) => episode.documentName ?? episode.associationId;

  function digestView(
    digest: { id: string; channelId: string; openedAt: Date; rootTs?: string },
    members: AlertEpisodeRecord[],
    lang: Lang,
  ): DigestView {
    return {
      lang,
      digestId: digest.id,
      channelId: digest.channelId,
      openedAt: digest.openedAt,
      items: members.map((m) => view(m, m.investigationId !== undefined, lang)),
      threadedItems: Math.min(members.length, limits.maxThreadReplies),
      ...(digest.rootTs ? { rootTs: digest.rootTs } : {}),
    };
  }

  /** A digest and its members; answers true when the per-run limit left work for the next run. */
  async function reconcileDigest(digest: { id: string; channelId: string; openedAt: Date; rootTs?: string }) {
    const now = clock();
    let calls = 0;
    let rootTs = digest.rootTs;
    const members = await deps.episodes.digestMembers(digest.id);
    const lang = await deps.channelLang(digest.channelId);
    if (!rootTs) {
      rootTs = await deps.messenger.postDigest(digestView(digest, members, lang));
      await deps.episodes.recordDigestPosted(digest.id, rootTs, now);
      calls += 1;
    }
    const investigated = members.filter((m) => m.investigationId);
    let started = investigated.length;
    const documents = new Set(investigated.map(documentKey));
    let changed = false;

    for (const [index, member] of members.entries()) {
      if (member.changeSeq <= member.syncedSeq) continue;
      if (calls >= limits.maxPostsPerRun) return true;
      changed = true;
      const seq = member.changeSeq;
      let episode = member;
      const threaded = index < limits.maxThreadReplies;
      const investigate =
        threaded &&
        episode.status === 'open' &&
        !episode.investigationId &&
        canInvestigate(episode) &&
        started < limits.maxInvestigations &&
        !documents.has(documentKey(episode));

      if (!episode.postedAt) {
        const itemTs = threaded
          ? await deps.messenger.postDigestItem(rootTs, view(episode, investigate || !!episode.investigationId, lang))
          : undefined;
        if (itemTs) calls += 1;
        await deps.episodes.recordPosted(episode.id, {
          ...(itemTs ? { rootTs: itemTs } : {}),
          threadTs: rootTs,
          renderedStatus: episode.lastSeenStatus,
          at: now,
        });
        episode = { ...episode, postedAt: now, threadTs: rootTs, renderedStatus: episode.lastSeenStatus };
        if (itemTs) episode.rootTs = itemTs;
        if (episode.status === 'recovered') await deps.episodes.recordRecoveryPosted(episode.id, now);
      } else if (episode.status === 'open' && episode.rootTs && episode.renderedStatus !== episode.lastSeenStatus) {
        await deps.messenger.updateDigestItem({
          ...view(episode, !!episode.investigationId, lang),
          rootTs: episode.rootTs,
        });
        await deps.episodes.recordRendered(episode.id, episode.lastSeenStatus);
        calls += 1;
      } else if (episode.status === 'recovered' && !episode.recoveryPostedAt) {
        if (episode.rootTs) {
          await deps.messenger.updateDigestItem({
            ...view(episode, !!episode.investigationId, lang),
            rootTs: episode.rootTs,
          });
          calls += 1;
        }
        await deps.episodes.recordRecoveryPosted(episode.id, now);
      }
      if (investigate) {
        // In the digest's thread: a reply cannot have a thread of its own.
        await startInvestigation(episode, rootTs, lang);
        started += 1;
        documents.add(documentKey(episode));
      }
      await deps.episodes.markSynced(episode.id, seq);
    }

    if (changed && digest.rootTs) {
      // Fresh rows: the list shows what the members look like now.
      const fresh = await deps.episodes.digestMembers(digest.id);
      await deps.messenger.updateDigest({ ...digestView({ ...digest, rootTs }, fresh, lang), rootTs });
    }
    return false;
  }

  async function postDigest(data: AlertDigestJobData): Promise<void> {
    const claimed = await deps.episodes.claimDigest(data.digestId, leaseMs);
    if (!claimed) return;
    await holding(
      { digestId: data.digestId },
      claimed.heldUntil,
      (held) => deps.episodes.renewDigestClaim(data.digestId, held, leaseMs),
      () => postClaimedDigest(data, claimed.record),
    );
  }

  async function postClaimedDigest(data: AlertDigestJobData, claimed: AlertDigestRecord): Promise<void> {
    let digest: AlertDigestRecord | undefined = claimed;
    let more = false;
    try {
      for (let round = 0; round < 3 && digest && digest.changeSeq > digest.syncedSeq; round++) {
        const seq = digest.changeSeq;
        more = await reconcileDigest(digest);
        if (more) break;
        digest = await deps.episodes.markDigestSynced(data.digestId, seq);
      }
    } catch (error) {
      const attempts = (digest?.postAttempts ?? 0) + 1;
      await deps.episodes.recordDigestFailure(data.digestId, {
        error: errorText(error),
        nextPostAt: new Date(clock().getTime() + postRetryDelayMs(attempts)),
      });
      deps.logger.warn(
        { err: error, digestId: data.digestId, attempts },
        'alert digest could not be posted; will retry',
      );
      throw error;
    } finally {
      await deps.episodes.releaseDigest(data.digestId);
    }
    if (more) {
      await deps.queue.send<AlertDigestJobData>(
        ALERT_DIGEST_JOB,
        { digestId: data.digestId },
        postJobOptions(`digest:${data.digestId}`),
      );
    }
  }

  return { postEpisode, postDigest };
}
export type AlertPoster = ReturnType<typeof createAlertPoster>;
