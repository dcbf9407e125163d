// Alert subscriptions per channel (the SubscriptionStore port). One row per (team, channel, filterKey).
import type { NewSubscription, SubscriptionRecord, SubscriptionStore } from '../alerts/ports.ts';
import type { Prisma, PrismaClient } from './generated/client.ts';

const select = {
  id: true,
  teamId: true,
  channelId: true,
  accountId: true,
  region: true,
  associationId: true,
  documentName: true,
  namePattern: true,
  filterKey: true,
  createdBy: true,
  createdAt: true,
} satisfies Prisma.SubscriptionSelect;

type Row = Prisma.SubscriptionGetPayload<{ select: typeof select }>;

function toRecord(row: Row): SubscriptionRecord {
  return {
    id: row.id,
    teamId: row.teamId,
    channelId: row.channelId,
    filterKey: row.filterKey,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    ...(row.accountId ? { accountId: row.accountId } : {}),
    ...(row.region ? { region: row.region } : {}),
    ...(row.associationId ? { associationId: row.associationId } : {}),
    ...(row.documentName ? { documentName: row.documentName } : {}),
    ...(row.namePattern ? { namePattern: row.namePattern } : {}),
  };
}

const oldestFirst = [{ createdAt: 'asc' }, { id: 'asc' }] satisfies Prisma.SubscriptionOrderByWithRelationInput[];

export function createSubscriptionStore(prisma: PrismaClient): SubscriptionStore {
  return {
    async add(input: NewSubscription) {
      // ON CONFLICT (team_id, channel_id, filter_key) DO NOTHING, then read back whichever row is there.
      const { count } = await prisma.subscription.createMany({
        data: [
          {
            teamId: input.teamId,
            channelId: input.channelId,
            accountId: input.accountId ?? null,
            region: input.region ?? null,
            associationId: input.associationId ?? null,
            documentName: input.documentName ?? null,
            namePattern: input.namePattern ?? null,
            filterKey: input.filterKey,
            createdBy: input.createdBy,
          },
        ],
        skipDuplicates: true,
      });
      const row = await prisma.subscription.findUniqueOrThrow({
        where: {
          teamId_channelId_filterKey: { teamId: input.teamId, channelId: input.channelId, filterKey: input.filterKey },
        },
        select,
      });
      return { subscription: toRecord(row), created: count === 1 };
    },

    async listForChannel(teamId, channelId) {
      const rows = await prisma.subscription.findMany({ where: { teamId, channelId }, orderBy: oldestFirst, select });
      return rows.map(toRecord);
    },

    async listFor({ accountId, region }) {
      const rows = await prisma.subscription.findMany({
        where: {
          AND: [{ OR: [{ accountId }, { accountId: null }] }, { OR: [{ region }, { region: null }] }],
        },
        orderBy: oldestFirst,
        select,
      });
      return rows.map(toRecord);
    },

    async listAll() {
      const rows = await prisma.subscription.findMany({ orderBy: oldestFirst, select });
      return rows.map(toRecord);
    },

    async remove(teamId, channelId, ids) {
      if (ids.length === 0) return [];
      const where = { teamId, channelId, id: { in: ids } };
      const rows = await prisma.subscription.findMany({ where, orderBy: oldestFirst, select });
      // Two people removing the same subscription at once both hear it is gone: that is true.
      await prisma.subscription.deleteMany({ where: { ...where, id: { in: rows.map((r) => r.id) } } });
      return rows.map(toRecord);
    },
  };
}
