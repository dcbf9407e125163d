// The SignalSink: turns association signals (polled or pushed) into alert episodes, one per incident per
// subscribed channel, and queues the Slack work. Signals about one association are applied one at a time
// under a database lock, so a pushed and a polled signal for the same change make one episode, on any
// number of replicas; the episode's dedupe key (unique in the database) makes that hold even without it.
import type { AccountRef, JobQueue } from '../investigation/ports.ts';
import {
  applySignal,
  associationLockKey,
  channelLockKey,
  episodeKey,
  placeAlert,
  type Transition,
} from './episode-state.ts';
import { subscriptionMatches } from './filter.ts';
import type {
  AlertSnapshot,
  AssociationRef,
  ChannelRef,
  EpisodeStore,
  EpisodeTransaction,
  SubscriptionRecord,
  SubscriptionStore,
  Touched,
} from './ports.ts';
import type { AssociationSignal, SignalSink } from './signal.ts';

/** Posts (or updates) one alert's messages; data: {@link AlertPostJobData}. */
export const ALERT_POST_JOB = 'alert-post';
/** Posts (or updates) one digest and its replies; data: {@link AlertDigestJobData}. */
export const ALERT_DIGEST_JOB = 'alert-digest';

export interface AlertPostJobData {
  episodeId: string;
}
export interface AlertDigestJobData {
  digestId: string;
}

export interface DigestSettings {
  /** How long a channel's alerts are counted together. */
  windowSeconds: number;
  /** Alerts of their own per channel and window before the rest go into a digest. */
  threshold: number;
}

export interface AlertsLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface EpisodeSinkDeps {
  episodes: EpisodeStore;
  subscriptions: SubscriptionStore;
  accounts: readonly AccountRef[];
  queue: JobQueue;
  pendingAlertMinutes: number;
  digest: DigestSettings;
  clock?: () => Date;
  logger: AlertsLogger;
}

/** What one accepted signal did (for logs and tests). */
export interface AcceptOutcome {
  kind: 'duplicate-delivery' | 'stale' | 'applied' | 'unknown-account';
  change?: Transition['change'];
  touched: Touched;
}

export interface EpisodeSink extends SignalSink {
  /** `accept`, answering what happened. */
  apply(signal: AssociationSignal): Promise<AcceptOutcome>;
  /** Queues the Slack work of these episodes and digests (idempotent: a waiting job is not queued twice). */
  enqueue(touched: Touched): Promise<void>;
}

const NOTHING: Touched = { episodeIds: [], digestIds: [] };

export function createEpisodeSink(deps: EpisodeSinkDeps): EpisodeSink {
  const clock = deps.clock ?? (() => new Date());
  const pendingAlertMs = deps.pendingAlertMinutes * 60_000;

  async function enqueue(touched: Touched): Promise<void> {
    for (const episodeId of new Set(touched.episodeIds)) {
      await deps.queue.send<AlertPostJobData>(ALERT_POST_JOB, { episodeId }, postJobOptions(`episode:${episodeId}`));
    }
    for (const digestId of new Set(touched.digestIds)) {
      await deps.queue.send<AlertDigestJobData>(ALERT_DIGEST_JOB, { digestId }, postJobOptions(`digest:${digestId}`));
    }
  }

  async function apply(signal: AssociationSignal): Promise<AcceptOutcome> {
    const ref: AssociationRef = {
      accountId: signal.accountId,
      region: signal.region,
      associationId: signal.associationId.toLowerCase(),
    };
    // An account not in the accounts file: nobody may be alerted about it.
    if (!deps.accounts.some((a) => a.id === ref.accountId)) return { kind: 'unknown-account', touched: NOTHING };
    const subscriptions = (await deps.subscriptions.listFor(ref)).filter((s) =>
      subscriptionMatches(
        s,
        { ...ref, associationName: signal.associationName, documentName: signal.documentName },
        deps.accounts,
      ),
    );
    const now = clock();

    const outcome = await deps.episodes.transaction(async (tx): Promise<AcceptOutcome> => {
      if (signal.deliveryId && !(await tx.claimDelivery(signal.deliveryId))) {
        return { kind: 'duplicate-delivery', touched: NOTHING };
      }
      await tx.lock(associationLockKey(ref));
      const previous = await tx.getState(ref);
      const transition = applySignal(previous, signal, { pendingAlertMs });
      if (transition.change === 'stale') return { kind: 'stale', change: 'stale', touched: NOTHING };
      await tx.putState(ref, transition.state);

      const snapshot: AlertSnapshot = {
        lastSeenStatus: transition.state.status,
        statusCounts: signal.statusCounts ?? {},
        ...(signal.detailedStatus ? { detailedStatus: signal.detailedStatus } : {}),
        ...(transition.state.associationName ? { associationName: transition.state.associationName } : {}),
        ...(transition.state.documentName ? { documentName: transition.state.documentName } : {}),
      };
      const touched: Touched = { episodeIds: [], digestIds: [] };
      const add = (more: Touched) => {
        touched.episodeIds.push(...more.episodeIds);
        touched.digestIds.push(...more.digestIds);
      };

      if (transition.change === 'close' && previous) {
        add(await tx.closeEpisodes(ref, previous.incident, now, snapshot));
      }
      if (transition.state.open) {
        if (transition.change === 'update') {
          add(await tx.updateOpenEpisodes(ref, transition.state.incident, snapshot, transition.statusChanged));
        }
        // Every subscribed channel without an episode for this incident gets one: on opening, and later for a
        // channel that subscribed (or whose mute ended) while the association stayed failed.
        add(
          await openMissing(tx, {
            ref,
            subscriptions,
            incident: transition.state.incident,
            trigger: transition.state.triggerStatus ?? 'Failed',
            source: signal.source,
            openedAt: now,
            snapshot,
            now,
          }),
        );
      }
      return { kind: 'applied', change: transition.change, touched };
    });

    if (outcome.touched.episodeIds.length > 0 || outcome.touched.digestIds.length > 0) {
      deps.logger.info(
        {
          associationId: ref.associationId,
          accountId: ref.accountId,
          region: ref.region,
          status: signal.status,
          source: signal.source,
          change: outcome.change,
          episodes: outcome.touched.episodeIds.length,
          digests: outcome.touched.digestIds.length,
        },
        'alert episodes changed',
      );
      // After the commit (PGlite has one connection); a crash in between leaves the rows marked as changed,
      // and the scheduler's sweep queues them.
      await enqueue(outcome.touched);
    }
    return outcome;
  }

  async function openMissing(
    tx: EpisodeTransaction,
    input: {
      ref: AssociationRef;
      subscriptions: SubscriptionRecord[];
      incident: number;
      trigger: 'Failed' | 'Pending';
      source: 'poll' | 'push';
      openedAt: Date;
      snapshot: AlertSnapshot;
      now: Date;
    },
  ): Promise<Touched> {
    const byChannel = new Map<string, { channel: ChannelRef; subscription: SubscriptionRecord }>();
    for (const subscription of input.subscriptions) {
      const key = `${subscription.teamId}/${subscription.channelId}`;
      if (!byChannel.has(key)) {
        byChannel.set(key, {
          channel: { teamId: subscription.teamId, channelId: subscription.channelId },
          subscription,
        });
      }
    }
    const candidates = [...byChannel.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, value]) => ({ ...value, dedupeKey: episodeKey(input.ref, input.incident, value.channel) }));
    if (candidates.length === 0) return NOTHING;
    const existing = await tx.existingEpisodeKeys(candidates.map((c) => c.dedupeKey));
    const missing = candidates.filter((c) => !existing.has(c.dedupeKey));
    if (missing.length === 0) return NOTHING;
    const muted = await tx.mutedChannels(
      input.ref.associationId,
      missing.map((m) => m.channel),
      input.now,
    );

    const touched: Touched = { episodeIds: [], digestIds: [] };
    const since = new Date(input.now.getTime() - deps.digest.windowSeconds * 1_000);
    for (const { channel, subscription, dedupeKey } of missing) {
      if (muted.has(`${channel.teamId}/${channel.channelId}`)) continue;
      // Channels in sorted order, after the association: every transaction takes locks in the same order.
      await tx.lock(channelLockKey(channel));
      const digestInWindow = await tx.latestDigestSince(channel, since);
      const placement = placeAlert({
        individualInWindow: digestInWindow ? 0 : await tx.countIndividualSince(channel, since),
        ...(digestInWindow ? { digestInWindow } : {}),
        threshold: deps.digest.threshold,
      });
      const digestId =
        placement === 'individual'
          ? undefined
          : placement === 'join-digest'
            ? digestInWindow
            : await tx.createDigest(channel, input.now);
      const id = await tx.createEpisode({
        ...input.ref,
        ...channel,
        ...input.snapshot,
        subscriptionId: subscription.id,
        incident: input.incident,
        dedupeKey,
        triggerStatus: input.trigger,
        source: input.source,
        openedAt: input.openedAt,
        ...(digestId ? { digestId } : {}),
      });
      if (!id) continue;
      if (digestId) {
        await tx.touchDigest(digestId);
        touched.digestIds.push(digestId);
      } else {
        touched.episodeIds.push(id);
      }
    }
    return touched;
  }

  return {
    apply,
    enqueue,
    async accept(signal) {
      await apply(signal);
    },
  };
}

/** Post jobs: a few quick tries with backoff; after that the scheduler's sweep tries again from the database. */
export function postJobOptions(singletonKey: string) {
  return { singletonKey, retryLimit: 3, retryDelaySeconds: 2, retryBackoff: true };
}
