// Append-only audit trail (the AuditLog port).
import type { AuditLog } from '../investigation/ports.ts';
import type { PrismaClient } from './generated/client.ts';
import { toJson } from './json.ts';

export function createAuditLog(prisma: PrismaClient): AuditLog {
  return {
    async record(event) {
      await prisma.auditEvent.create({
        data: {
          kind: event.kind,
          teamId: event.teamId ?? null,
          channelId: event.channelId ?? null,
          userId: event.userId ?? null,
          accountId: event.accountId ?? null,
          subject: event.subject ?? null,
          detail: toJson(event.detail ?? {}),
        },
        select: { id: true },
      });
    },
  };
}
