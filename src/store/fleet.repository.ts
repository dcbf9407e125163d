// The fleet view's storage (the FleetStore port): the alert poller's runs and states read for freshness, the
// causes of recent investigations, and one snapshot per account × region.

import type { Finding } from '../domain/finding.ts';
import type { FailingAssociation } from '../domain/fleet.ts';
import { type FleetSnapshot, type FleetStore, type PollSummary, pairKey } from '../fleet/ports.ts';
import type { PrismaClient } from './generated/client.ts';
import { recordSelect, toRecord } from './investigation.repository.ts';
import { toJson } from './json.ts';

const CHUNK = 1_000;
/** Channels a user investigated from within this long count as theirs (App Home). */
const USER_CHANNELS_MS = 90 * 24 * 3_600_000;

function pollSummary(row: { cycleStart: Date; finishedAt: Date | null; outcome: unknown }): PollSummary | undefined {
  if (!row.finishedAt) return undefined;
  const outcome = (row.outcome ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const listed = num(outcome.listed);
  const relevant = num(outcome.relevant);
  return {
    cycleStart: row.cycleStart,
    finishedAt: row.finishedAt,
    truncated: outcome.truncated === true,
    ...(listed !== undefined ? { listed } : {}),
    ...(relevant !== undefined ? { relevant } : {}),
    ...(typeof outcome.error === 'string' ? { error: outcome.error } : {}),
    ...(typeof outcome.skipped === 'string' ? { error: outcome.skipped } : {}),
    ...(typeof outcome.errorCode === 'string' ? { errorCode: outcome.errorCode } : {}),
  };
}

export function createFleetStore(prisma: PrismaClient): FleetStore {
  return {
    async latestPolls(pairs) {
      const found = new Map<string, PollSummary>();
      if (pairs.length === 0) return found;
      const accountIds = [...new Set(pairs.map((p) => p.accountId))];
      const wanted = new Set(pairs.map((p) => pairKey(p.accountId, p.region)));
      const rows = await prisma.alertPollRun.findMany({
        where: { accountId: { in: accountIds }, finishedAt: { not: null } },
        orderBy: { cycleStart: 'desc' },
        distinct: ['accountId', 'region'],
        select: { accountId: true, region: true, cycleStart: true, finishedAt: true, outcome: true },
      });
      for (const row of rows) {
        const key = pairKey(row.accountId, row.region);
        const summary = wanted.has(key) ? pollSummary(row) : undefined;
        if (summary) found.set(key, summary);
      }
      return found;
    },

    async polledFailing(accountId, region, observedSince) {
      const rows = await prisma.associationAlertState.findMany({
        where: { accountId, region, status: { in: ['Failed', 'Pending'] }, lastObservedAt: { gte: observedSince } },
        select: { associationId: true, status: true, statusSince: true, associationName: true, documentName: true },
      });
      return rows.map((r) => ({
        accountId,
        region,
        associationId: r.associationId,
        status: r.status,
        since: r.statusSince,
        ...(r.associationName ? { associationName: r.associationName } : {}),
        ...(r.documentName ? { documentName: r.documentName } : {}),
      }));
    },

    async latestCauses(associationIds, since) {
      const causes = new Map<string, { id: string; title: string }>();
      for (let start = 0; start < associationIds.length; start += CHUNK) {
        const rows = await prisma.investigation.findMany({
          where: {
            associationId: { in: associationIds.slice(start, start + CHUNK) },
            status: 'done',
            finishedAt: { gte: since },
          },
          orderBy: { createdAt: 'desc' },
          distinct: ['associationId'],
          select: { associationId: true, diagnosis: true },
        });
        for (const row of rows) {
          const top = (row.diagnosis as { findings?: Finding[] } | null)?.findings?.[0];
          if (top?.id && top.title) causes.set(row.associationId, { id: top.id, title: top.title });
        }
      }
      return causes;
    },

    async saveSnapshot(s) {
      const data = {
        source: s.source,
        observedAt: s.observedAt,
        total: s.total ?? null,
        failed: s.failed,
        pending: s.pending,
        truncated: s.truncated,
        items: toJson(s.items),
        error: s.error ?? null,
      };
      await prisma.fleetSnapshot.upsert({
        where: { accountId_region: { accountId: s.accountId, region: s.region } },
        create: { accountId: s.accountId, region: s.region, ...data },
        update: data,
        select: { accountId: true },
      });
    },

    async userActivity(teamId, userId, limit) {
      const [rows, channels] = await Promise.all([
        prisma.investigation.findMany({
          where: { teamId, userId },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: limit,
          select: recordSelect,
        }),
        prisma.investigation.findMany({
          where: { teamId, userId, createdAt: { gte: new Date(Date.now() - USER_CHANNELS_MS) } },
          distinct: ['channelId'],
          select: { channelId: true },
          take: 500,
        }),
      ]);
      return { recent: rows.map(toRecord), channelIds: channels.map((c) => c.channelId) };
    },

    async snapshots(pairs) {
      const found = new Map<string, FleetSnapshot>();
      if (pairs.length === 0) return found;
      const wanted = new Set(pairs.map((p) => pairKey(p.accountId, p.region)));
      const rows = await prisma.fleetSnapshot.findMany({
        where: { accountId: { in: [...new Set(pairs.map((p) => p.accountId))] } },
      });
      for (const row of rows) {
        const key = pairKey(row.accountId, row.region);
        if (!wanted.has(key)) continue;
        found.set(key, {
          accountId: row.accountId,
          region: row.region,
          source: row.source === 'poll' ? 'poll' : 'scan',
          observedAt: row.observedAt,
          failed: row.failed,
          pending: row.pending,
          truncated: row.truncated,
          items: reviveSince(row.items),
          ...(row.total !== null ? { total: row.total } : {}),
          ...(row.error !== null ? { error: row.error } : {}),
        });
      }
      return found;
    },
  };
}

/** Stored items carry `since` as an ISO string. */
function reviveSince(items: unknown): FailingAssociation[] {
  if (!Array.isArray(items)) return [];
  return items.map((item) => {
    const { since, ...rest } = item as FailingAssociation & { since?: unknown };
    const date = typeof since === 'string' ? new Date(since) : undefined;
    return date && !Number.isNaN(date.getTime()) ? { ...rest, since: date } : rest;
  });
}
