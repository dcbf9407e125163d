// Poll bookkeeping (the PollStore port): the per-cycle claim that lets exactly one process poll an
// account × region, and bulk reads of the association states a poll compares with.
import type { AssociationAlertState, PollStore } from '../alerts/ports.ts';
import { alertStateSelect, toAlertState } from './alert-episode.repository.ts';
import type { PrismaClient } from './generated/client.ts';
import { toJson } from './json.ts';

export function createPollStore(prisma: PrismaClient): PollStore {
  return {
    async claim({ accountId, region, cycleStart, staleBefore }) {
      // INSERT … ON CONFLICT DO UPDATE … WHERE: a row comes back when this process inserted the claim, or took
      // over one that was never finished and is older than `staleBefore` (its poller died).
      const rows = await prisma.$queryRaw<{ claimed: number }[]>`
        INSERT INTO alert_poll_run (account_id, region, cycle_start, claimed_at)
        VALUES (${accountId}, ${region}, ${cycleStart}, now())
        ON CONFLICT (account_id, region, cycle_start) DO UPDATE SET claimed_at = now()
          WHERE alert_poll_run.finished_at IS NULL AND alert_poll_run.claimed_at < ${staleBefore}
        RETURNING 1 AS claimed`;
      return rows.length === 1;
    },

    async finish({ accountId, region, cycleStart }, outcome) {
      await prisma.alertPollRun.updateMany({
        where: { accountId, region, cycleStart },
        data: { finishedAt: new Date(), outcome: toJson(outcome) },
      });
    },

    async states(accountId, region, associationIds) {
      const found = new Map<string, AssociationAlertState>();
      for (let start = 0; start < associationIds.length; start += 1_000) {
        const rows = await prisma.associationAlertState.findMany({
          where: { accountId, region, associationId: { in: associationIds.slice(start, start + 1_000) } },
          select: { associationId: true, ...alertStateSelect },
        });
        for (const row of rows) found.set(row.associationId, toAlertState(row));
      }
      return found;
    },

    async touch(accountId, region, associationIds, observedAt) {
      for (let start = 0; start < associationIds.length; start += 1_000) {
        await prisma.associationAlertState.updateMany({
          where: {
            accountId,
            region,
            associationId: { in: associationIds.slice(start, start + 1_000) },
            lastObservedAt: { lt: observedAt },
          },
          data: { lastObservedAt: observedAt },
        });
      }
    },

    async prune(before) {
      const { count } = await prisma.alertPollRun.deleteMany({ where: { cycleStart: { lt: before } } });
      return count;
    },
  };
}
