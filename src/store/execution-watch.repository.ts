// "Tell me when it finishes" watches (the ExecutionWatchStore port).
import type { ExecutionWatchRecord, ExecutionWatchStore } from '../fleet/ports.ts';
import type { Prisma, PrismaClient } from './generated/client.ts';

const select = {
  id: true,
  investigationId: true,
  executionId: true,
  userId: true,
  status: true,
  createdAt: true,
  investigation: {
    select: {
      associationId: true,
      accountId: true,
      region: true,
      teamId: true,
      channelId: true,
      threadTs: true,
      rootTs: true,
    },
  },
} satisfies Prisma.ExecutionWatchSelect;

type Row = Prisma.ExecutionWatchGetPayload<{ select: typeof select }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toRecord(row: Row): ExecutionWatchRecord {
  const { investigation: i, ...watch } = row;
  const threadTs = i.threadTs ?? i.rootTs;
  return {
    ...watch,
    associationId: i.associationId,
    accountId: i.accountId,
    region: i.region,
    teamId: i.teamId,
    channelId: i.channelId,
    ...(threadTs ? { threadTs } : {}),
  };
}

export function createExecutionWatchStore(prisma: PrismaClient): ExecutionWatchStore {
  return {
    async create({ investigationId, executionId, userId }) {
      const existing = await prisma.executionWatch.findUnique({ where: { investigationId }, select });
      if (existing) return { watch: toRecord(existing), created: false };
      try {
        const row = await prisma.executionWatch.create({ data: { investigationId, executionId, userId }, select });
        return { watch: toRecord(row), created: true };
      } catch (error) {
        // Two clicks at once: the unique index lets one through; the other reads it.
        const raced = await prisma.executionWatch.findUnique({ where: { investigationId }, select });
        if (raced) return { watch: toRecord(raced), created: false };
        throw error;
      }
    },
    async get(id) {
      if (!UUID.test(id)) return undefined;
      const row = await prisma.executionWatch.findUnique({ where: { id }, select });
      return row ? toRecord(row) : undefined;
    },
    async countPoll(id) {
      const row = await prisma.executionWatch.update({
        where: { id },
        data: { polls: { increment: 1 } },
        select: { polls: true },
      });
      return row.polls;
    },
    async claim(id) {
      const { count } = await prisma.executionWatch.updateMany({
        where: { id, status: 'watching' },
        data: { status: 'posted', finishedAt: new Date() },
      });
      return count === 1;
    },
    async finish(id, resultTs) {
      await prisma.executionWatch.update({ where: { id }, data: { resultTs: resultTs ?? null }, select: { id: true } });
    },
  };
}
