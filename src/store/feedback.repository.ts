// Feedback on verdicts (the FeedbackStore port): one vote per (investigation, user), and the rows of `/ssm-why stats`.
import { clipText, storableText } from '../domain/text.ts';
import type { FeedbackStore } from '../investigation/ports.ts';
import type { PrismaClient } from './generated/client.ts';

/** The longest "what was it really?" note kept. */
export const FEEDBACK_NOTE_MAX = 500;

const causeFamilyOf = (diagnosis: unknown): string | undefined => {
  if (diagnosis && typeof diagnosis === 'object' && 'causeFamily' in diagnosis) {
    const family = (diagnosis as { causeFamily?: unknown }).causeFamily;
    if (typeof family === 'string' && family !== '') return family;
  }
  return undefined;
};

export function createFeedbackStore(prisma: PrismaClient): FeedbackStore {
  return {
    async vote({ investigationId, teamId, userId, vote }) {
      await prisma.verdictFeedback.upsert({
        where: { investigationId_userId: { investigationId, userId } },
        create: { investigationId, teamId, userId, vote },
        update: { vote, note: null },
        select: { id: true },
      });
    },
    async note({ investigationId, userId, note }) {
      const { count } = await prisma.verdictFeedback.updateMany({
        where: { investigationId, userId, vote: 'down' },
        data: { note: storableText(clipText(note.trim(), FEEDBACK_NOTE_MAX)) },
      });
      return count > 0;
    },
    async statsRows({ teamId, accountIds, since }) {
      if (accountIds.length === 0) return [];
      const rows = await prisma.investigation.findMany({
        where: { teamId, accountId: { in: [...accountIds] }, createdAt: { gte: since } },
        select: {
          status: true,
          diagnosis: true,
          createdAt: true,
          finishedAt: true,
          feedback: { select: { vote: true } },
        },
      });
      return rows.map((row) => {
        const family = row.status === 'done' ? causeFamilyOf(row.diagnosis) : undefined;
        return {
          ...(family ? { causeFamily: family } : {}),
          createdAt: row.createdAt,
          ...(row.finishedAt ? { finishedAt: row.finishedAt } : {}),
          votes: row.feedback.map((f) => f.vote),
        };
      });
    },
  };
}
