// Where each association was last found (the AssociationLocationStore port).
import type { AssociationLocationStore } from '../investigation/ports.ts';
import type { PrismaClient } from './generated/client.ts';

export function createAssociationLocationStore(prisma: PrismaClient): AssociationLocationStore {
  return {
    async find(associationId) {
      const row = await prisma.associationLocation.findUnique({
        where: { associationId },
        select: { accountId: true, region: true },
      });
      return row ?? undefined;
    },

    async remember(associationId, location) {
      const data = { accountId: location.accountId, region: location.region };
      await prisma.associationLocation.upsert({
        where: { associationId },
        create: { associationId, ...data },
        update: data,
        select: { associationId: true },
      });
    },
  };
}
