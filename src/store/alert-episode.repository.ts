// Alert episodes, digests, association alert states, mutes and delivery ids (the EpisodeStore port).
// No rules here: src/alerts/episodes.ts decides, inside `transaction`, what to open, close or update.

import type {
  AlertDigestRecord,
  AlertEpisodeRecord,
  AlertSnapshot,
  AssociationAlertState,
  AssociationRef,
  ChannelRef,
  EpisodeStore,
  EpisodeTransaction,
  Touched,
} from '../alerts/ports.ts';
import { clipText } from '../domain/text.ts';
import type { Prisma, PrismaClient } from './generated/client.ts';
import { toJson } from './json.ts';

type Tx = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const episodeSelect = {
  id: true,
  teamId: true,
  channelId: true,
  accountId: true,
  region: true,
  associationId: true,
  associationName: true,
  documentName: true,
  incident: true,
  status: true,
  triggerStatus: true,
  source: true,
  openedAt: true,
  closedAt: true,
  digestId: true,
  rootTs: true,
  threadTs: true,
  postedAt: true,
  recoveryPostedAt: true,
  renderedStatus: true,
  investigationId: true,
  postAttempts: true,
  changeSeq: true,
  syncedSeq: true,
  lastSeenStatus: true,
  detailedStatus: true,
  statusCounts: true,
} satisfies Prisma.AlertEpisodeSelect;

type EpisodeRow = Prisma.AlertEpisodeGetPayload<{ select: typeof episodeSelect }>;

function counts(value: unknown): Record<string, number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
}

function toEpisode(row: EpisodeRow): AlertEpisodeRecord {
  const optional = {
    associationName: row.associationName,
    documentName: row.documentName,
    detailedStatus: row.detailedStatus,
    closedAt: row.closedAt,
    digestId: row.digestId,
    rootTs: row.rootTs,
    threadTs: row.threadTs,
    postedAt: row.postedAt,
    recoveryPostedAt: row.recoveryPostedAt,
    renderedStatus: row.renderedStatus,
    investigationId: row.investigationId,
  };
  return {
    id: row.id,
    teamId: row.teamId,
    channelId: row.channelId,
    accountId: row.accountId,
    region: row.region,
    associationId: row.associationId,
    incident: row.incident,
    status: row.status,
    triggerStatus: row.triggerStatus,
    source: row.source,
    openedAt: row.openedAt,
    postAttempts: row.postAttempts,
    changeSeq: row.changeSeq,
    syncedSeq: row.syncedSeq,
    lastSeenStatus: row.lastSeenStatus,
    statusCounts: counts(row.statusCounts),
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== null)) as Partial<AlertEpisodeRecord>),
  };
}

const digestSelect = {
  id: true,
  teamId: true,
  channelId: true,
  openedAt: true,
  rootTs: true,
  postedAt: true,
  postAttempts: true,
  changeSeq: true,
  syncedSeq: true,
} satisfies Prisma.AlertDigestSelect;

type DigestRow = Prisma.AlertDigestGetPayload<{ select: typeof digestSelect }>;

function toDigest(row: DigestRow): AlertDigestRecord {
  return {
    id: row.id,
    teamId: row.teamId,
    channelId: row.channelId,
    openedAt: row.openedAt,
    postAttempts: row.postAttempts,
    changeSeq: row.changeSeq,
    syncedSeq: row.syncedSeq,
    ...(row.rootTs ? { rootTs: row.rootTs } : {}),
    ...(row.postedAt ? { postedAt: row.postedAt } : {}),
  };
}

const stateKey = (ref: AssociationRef) => ({
  accountId_region_associationId: { accountId: ref.accountId, region: ref.region, associationId: ref.associationId },
});

export function toAlertState(row: {
  status: string;
  statusSince: Date;
  lastObservedAt: Date;
  incident: number;
  open: boolean;
  triggerStatus: 'Failed' | 'Pending' | null;
  openedAt: Date | null;
  associationName: string | null;
  documentName: string | null;
}): AssociationAlertState {
  return {
    status: row.status,
    statusSince: row.statusSince,
    lastObservedAt: row.lastObservedAt,
    incident: row.incident,
    open: row.open,
    ...(row.triggerStatus ? { triggerStatus: row.triggerStatus } : {}),
    ...(row.openedAt ? { openedAt: row.openedAt } : {}),
    ...(row.associationName ? { associationName: row.associationName } : {}),
    ...(row.documentName ? { documentName: row.documentName } : {}),
  };
}

export const alertStateSelect = {
  status: true,
  statusSince: true,
  lastObservedAt: true,
  incident: true,
  open: true,
  triggerStatus: true,
  openedAt: true,
  associationName: true,
  documentName: true,
} satisfies Prisma.AssociationAlertStateSelect;

const snapshotData = (snapshot: AlertSnapshot) => ({
  lastSeenStatus: snapshot.lastSeenStatus,
  detailedStatus: snapshot.detailedStatus ?? null,
  statusCounts: toJson(snapshot.statusCounts),
  ...(snapshot.associationName ? { associationName: snapshot.associationName } : {}),
  ...(snapshot.documentName ? { documentName: snapshot.documentName } : {}),
});

const channelKey = (channel: ChannelRef) => `${channel.teamId}/${channel.channelId}`;

function transactionOps(tx: Tx): EpisodeTransaction {
  /** Answers the touched episodes, split by whether a digest shows them; bumps those digests. */
  async function touched(where: Prisma.AlertEpisodeWhereInput): Promise<Touched> {
    const rows = await tx.alertEpisode.findMany({ where, select: { id: true, digestId: true } });
    const digestIds = [...new Set(rows.flatMap((r) => (r.digestId ? [r.digestId] : [])))];
    if (digestIds.length > 0) {
      await tx.alertDigest.updateMany({ where: { id: { in: digestIds } }, data: { changeSeq: { increment: 1 } } });
    }
    return { episodeIds: rows.filter((r) => !r.digestId).map((r) => r.id), digestIds };
  }

  const openOf = (ref: AssociationRef, incident: number): Prisma.AlertEpisodeWhereInput => ({
    accountId: ref.accountId,
    region: ref.region,
    associationId: ref.associationId,
    incident,
    status: 'open',
  });

  return {
    async lock(key) {
      await tx.$queryRaw`SELECT count(*)::int AS n FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS l`;
    },

    async claimDelivery(deliveryId) {
      const { count } = await tx.alertDelivery.createMany({ data: [{ deliveryId }], skipDuplicates: true });
      return count === 1;
    },

    async getState(ref) {
      const row = await tx.associationAlertState.findUnique({ where: stateKey(ref), select: alertStateSelect });
      return row ? toAlertState(row) : undefined;
    },

    async putState(ref, state) {
      const data = {
        status: state.status,
        statusSince: state.statusSince,
        lastObservedAt: state.lastObservedAt,
        incident: state.incident,
        open: state.open,
        triggerStatus: state.triggerStatus ?? null,
        openedAt: state.openedAt ?? null,
        associationName: state.associationName ?? null,
        documentName: state.documentName ?? null,
      };
      await tx.associationAlertState.upsert({
        where: stateKey(ref),
        create: { ...ref, ...data },
        update: data,
        select: { incident: true },
      });
    },

    async existingEpisodeKeys(keys) {
      if (keys.length === 0) return new Set();
      const rows = await tx.alertEpisode.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } });
      return new Set(rows.map((r) => r.dedupeKey));
    },

    async mutedChannels(associationId, channels, now) {
      if (channels.length === 0) return new Set();
      const rows = await tx.alertMute.findMany({
        where: {
          associationId,
          mutedUntil: { gt: now },
          OR: channels.map((c) => ({ teamId: c.teamId, channelId: c.channelId })),
        },
        select: { teamId: true, channelId: true },
      });
      return new Set(rows.map(channelKey));
    },

    countIndividualSince(channel, since) {
      return tx.alertEpisode.count({
        where: { teamId: channel.teamId, channelId: channel.channelId, digestId: null, openedAt: { gte: since } },
      });
    },

    async latestDigestSince(channel, since) {
      const row = await tx.alertDigest.findFirst({
        where: { teamId: channel.teamId, channelId: channel.channelId, openedAt: { gte: since } },
        orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
        select: { id: true },
      });
      return row?.id;
    },

    async createDigest(channel, openedAt) {
      const row = await tx.alertDigest.create({
        data: { teamId: channel.teamId, channelId: channel.channelId, openedAt },
        select: { id: true },
      });
      return row.id;
    },

    async touchDigest(digestId) {
      await tx.alertDigest.update({
        where: { id: digestId },
        data: { changeSeq: { increment: 1 } },
        select: { id: true },
      });
    },

    async createEpisode(input) {
      // ON CONFLICT (dedupe_key) DO NOTHING: a unique violation would abort the whole transaction.
      const rows = await tx.alertEpisode.createManyAndReturn({
        data: [
          {
            subscriptionId: input.subscriptionId,
            teamId: input.teamId,
            channelId: input.channelId,
            accountId: input.accountId,
            region: input.region,
            associationId: input.associationId,
            incident: input.incident,
            dedupeKey: input.dedupeKey,
            triggerStatus: input.triggerStatus,
            source: input.source,
            openedAt: input.openedAt,
            digestId: input.digestId ?? null,
            ...snapshotData(input),
          },
        ],
        skipDuplicates: true,
        select: { id: true },
      });
      return rows[0]?.id;
    },

    async closeEpisodes(ref, incident, closedAt, snapshot) {
      const where = openOf(ref, incident);
      const result = await touched(where);
      await tx.alertEpisode.updateMany({
        where,
        data: { status: 'recovered', closedAt, changeSeq: { increment: 1 }, ...snapshotData(snapshot) },
      });
      return result;
    },

    async updateOpenEpisodes(ref, incident, snapshot, show) {
      const where = openOf(ref, incident);
      if (!show) {
        await tx.alertEpisode.updateMany({ where, data: snapshotData(snapshot) });
        return { episodeIds: [], digestIds: [] };
      }
      const result = await touched(where);
      await tx.alertEpisode.updateMany({ where, data: { changeSeq: { increment: 1 }, ...snapshotData(snapshot) } });
      return result;
    },
  };
}

export interface EpisodeStoreOptions {
  /** Interactive transaction limits (Prisma's defaults are 2 s to start, 5 s to finish). */
  transaction?: { maxWaitMs?: number; timeoutMs?: number };
}

export function createEpisodeStore(prisma: PrismaClient, options: EpisodeStoreOptions = {}): EpisodeStore {
  const txOptions = {
    maxWait: options.transaction?.maxWaitMs ?? 10_000,
    timeout: options.transaction?.timeoutMs ?? 20_000,
  };

  // Posting leases run on the database's clock (now() + ms), whatever the replicas' clocks say; the end the
  // database set is the holder's fencing token: only the process that knows it extends the lease.
  type LeasedTable = 'alert_episode' | 'alert_digest';
  async function takeLease(table: LeasedTable, id: string, leaseMs: number): Promise<Date | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = await prisma.$queryRawUnsafe<{ until: Date }[]>(
      `UPDATE ${table} SET post_lease_until = now() + $2 * interval '1 millisecond'
        WHERE id = $1::uuid AND (post_lease_until IS NULL OR post_lease_until < now())
        RETURNING post_lease_until AS until`,
      id,
      leaseMs,
    );
    return rows[0]?.until;
  }

  async function extendLease(table: LeasedTable, id: string, heldUntil: Date, leaseMs: number) {
    if (!UUID.test(id)) return undefined;
    const rows = await prisma.$queryRawUnsafe<{ until: Date }[]>(
      `UPDATE ${table} SET post_lease_until = now() + $3 * interval '1 millisecond'
        WHERE id = $1::uuid AND post_lease_until = $2
        RETURNING post_lease_until AS until`,
      id,
      heldUntil,
      leaseMs,
    );
    return rows[0]?.until;
  }

  const get = async (id: string) => {
    if (!UUID.test(id)) return undefined;
    const row = await prisma.alertEpisode.findUnique({ where: { id }, select: episodeSelect });
    return row ? toEpisode(row) : undefined;
  };

  const getDigest = async (id: string) => {
    if (!UUID.test(id)) return undefined;
    const row = await prisma.alertDigest.findUnique({ where: { id }, select: digestSelect });
    return row ? toDigest(row) : undefined;
  };

  const setEpisode = async (id: string, data: Prisma.AlertEpisodeUncheckedUpdateManyInput) => {
    await prisma.alertEpisode.updateMany({ where: { id }, data });
  };

  return {
    transaction: (fn) => prisma.$transaction((tx) => fn(transactionOps(tx)), txOptions),

    get,

    async claim(id, leaseMs) {
      const heldUntil = await takeLease('alert_episode', id, leaseMs);
      const episode = heldUntil && (await get(id));
      return episode ? { record: episode, heldUntil } : undefined;
    },

    renewClaim: (id, heldUntil, leaseMs) => extendLease('alert_episode', id, heldUntil, leaseMs),

    release: (id) => setEpisode(id, { postLeaseUntil: null }),

    recordPosted: (id, posted) =>
      setEpisode(id, {
        rootTs: posted.rootTs ?? null,
        threadTs: posted.threadTs ?? null,
        renderedStatus: posted.renderedStatus,
        postedAt: posted.at,
        lastPostError: null,
      }),

    recordRendered: (id, renderedStatus) => setEpisode(id, { renderedStatus }),

    recordRecoveryPosted: (id, at) => setEpisode(id, { recoveryPostedAt: at }),

    setInvestigation: (id, investigationId) => setEpisode(id, { investigationId }),

    async markSynced(id, seq) {
      await prisma.alertEpisode.updateMany({
        where: { id, syncedSeq: { lt: seq } },
        data: { syncedSeq: seq, postAttempts: 0, nextPostAt: null, lastPostError: null },
      });
      return get(id);
    },

    recordFailure: (id, failure) =>
      setEpisode(id, {
        postAttempts: { increment: 1 },
        lastPostError: clipText(failure.error, 500),
        nextPostAt: failure.nextPostAt,
      }),

    getDigest,

    async claimDigest(id, leaseMs) {
      const heldUntil = await takeLease('alert_digest', id, leaseMs);
      const digest = heldUntil && (await getDigest(id));
      return digest ? { record: digest, heldUntil } : undefined;
    },

    renewDigestClaim: (id, heldUntil, leaseMs) => extendLease('alert_digest', id, heldUntil, leaseMs),

    async releaseDigest(id) {
      await prisma.alertDigest.updateMany({ where: { id }, data: { postLeaseUntil: null } });
    },

    async digestMembers(id) {
      if (!UUID.test(id)) return [];
      const rows = await prisma.alertEpisode.findMany({
        where: { digestId: id },
        orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
        select: episodeSelect,
      });
      return rows.map(toEpisode);
    },

    async recordDigestPosted(id, rootTs, at) {
      await prisma.alertDigest.updateMany({ where: { id }, data: { rootTs, postedAt: at, lastPostError: null } });
    },

    async markDigestSynced(id, seq) {
      await prisma.alertDigest.updateMany({
        where: { id, syncedSeq: { lt: seq } },
        data: { syncedSeq: seq, postAttempts: 0, nextPostAt: null, lastPostError: null },
      });
      return getDigest(id);
    },

    async recordDigestFailure(id, failure) {
      await prisma.alertDigest.updateMany({
        where: { id },
        data: {
          postAttempts: { increment: 1 },
          lastPostError: clipText(failure.error, 500),
          nextPostAt: failure.nextPostAt,
        },
      });
    },

    async pendingSlackWork(now, notBefore, limit) {
      // `change_seq > synced_seq` compares two columns: plain SQL.
      // An episode's last change is its recovery when it has one; a digest's is its opening (its window is short).
      const due = (table: 'alert_episode' | 'alert_digest', extra: string, changedAt: string) =>
        prisma.$queryRawUnsafe<{ id: string }[]>(
          `SELECT id::text AS id FROM ${table}
            WHERE change_seq > synced_seq ${extra}
              AND (next_post_at IS NULL OR next_post_at <= $1)
              AND (post_lease_until IS NULL OR post_lease_until < now())
              AND ${changedAt} >= $2
            ORDER BY opened_at
            LIMIT $3`,
          now,
          notBefore,
          limit,
        );
      const episodes = await due('alert_episode', 'AND digest_id IS NULL', 'COALESCE(closed_at, opened_at)');
      const digests = await due('alert_digest', '', 'opened_at');
      return { episodeIds: episodes.map((r) => r.id), digestIds: digests.map((r) => r.id) };
    },

    async mute(input) {
      const data = { mutedUntil: input.until, mutedBy: input.by };
      await prisma.alertMute.upsert({
        where: {
          teamId_channelId_associationId: {
            teamId: input.teamId,
            channelId: input.channelId,
            associationId: input.associationId,
          },
        },
        create: { teamId: input.teamId, channelId: input.channelId, associationId: input.associationId, ...data },
        update: data,
        select: { id: true },
      });
    },

    async pruneDeliveries(before) {
      const { count } = await prisma.alertDelivery.deleteMany({ where: { receivedAt: { lt: before } } });
      return count;
    },
  };
}
