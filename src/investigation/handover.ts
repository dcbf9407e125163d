// What locating an association already read, handed once to the investigation that follows it in this process,
// so DescribeAssociation is not called twice for one command. Taken on first use (a re-run reads afresh), kept
// briefly and bounded (an association located but never investigated costs nothing for long).
import type { AssociationFacts } from '../domain/facts.ts';
import type { AccountRef, AwsGateway, Requester } from './ports.ts';

export interface HandoverKey {
  accountId: string;
  region: string;
  userId: string;
  associationId: string;
}

export interface AssociationHandover {
  put(key: HandoverKey, association: AssociationFacts): void;
  /** The association put under this key within the time to live, once; undefined otherwise. */
  take(key: HandoverKey): AssociationFacts | undefined;
}

export interface HandoverOptions {
  /** Default 2 minutes: an investigation normally starts well within a second of its location. */
  ttlMs?: number;
  /** Entries kept at most (the oldest go first). Default 256. */
  max?: number;
  now?: () => number;
}

const keyOf = (k: HandoverKey) => `${k.accountId}|${k.region}|${k.userId}|${k.associationId.toLowerCase()}`;

export function createAssociationHandover(options: HandoverOptions = {}): AssociationHandover {
  const ttlMs = options.ttlMs ?? 120_000;
  const max = options.max ?? 256;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { association: AssociationFacts; expiresAt: number }>();
  return {
    put(key, association) {
      const k = keyOf(key);
      entries.delete(k);
      entries.set(k, { association, expiresAt: now() + ttlMs });
      while (entries.size > max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    take(key) {
      const k = keyOf(key);
      const entry = entries.get(k);
      if (!entry) return undefined;
      entries.delete(k);
      return entry.expiresAt > now() ? entry.association : undefined;
    },
  };
}

/** The gateway whose readers answer DescribeAssociation from the handover when it holds that association. */
export function handoverGateway<G extends AwsGateway>(gateway: G, handover: AssociationHandover): G {
  return {
    ...gateway,
    reader(account: AccountRef, region: string, requester: Pick<Requester, 'userId'>) {
      const reader = gateway.reader(account, region, requester);
      return Object.assign(Object.create(reader), {
        async describeAssociation(associationId: string) {
          const key = { accountId: account.id, region, userId: requester.userId, associationId };
          return handover.take(key) ?? reader.describeAssociation(associationId);
        },
      });
    },
  };
}
