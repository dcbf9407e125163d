// Finds which configured account and region hold an association, looking everywhere the channel may
// look, concurrently and bounded; remembers the answer so the next look-up goes straight there.
import { isAppError } from '../domain/app-error.ts';
import { describeAccount, planSearch } from './authorize.ts';
import { mapBounded } from './gaps.ts';
import type { AccountRef, AssociationLocationStore, AwsGateway } from './ports.ts';

export interface LocateRequest {
  associationId: string;
  /** Name or id, when the user gave one. */
  account?: string;
  region?: string;
  channelId: string;
  userId: string;
}

export interface Location {
  account: AccountRef;
  region: string;
  documentName: string;
}

export type LocateResult =
  | { kind: 'found'; location: Location }
  | { kind: 'ambiguous'; locations: Location[] }
  | { kind: 'not-found'; searched: { account: AccountRef; region: string }[]; problems: string[] }
  /** The channel may not use the account asked for (or any account). */
  | { kind: 'unauthorized'; account?: AccountRef; reason: string }
  | { kind: 'invalid'; reason: string };

export interface LocatorDeps {
  accounts: readonly AccountRef[];
  gateway: AwsGateway;
  locations: AssociationLocationStore;
  /** Concurrent DescribeAssociation calls while searching. */
  concurrency?: number;
}

export function createLocator(deps: LocatorDeps) {
  const concurrency = deps.concurrency ?? 8;

  async function lookIn(pair: { account: AccountRef; region: string }, request: LocateRequest) {
    try {
      const association = await deps.gateway
        .reader(pair.account, pair.region, { userId: request.userId })
        .describeAssociation(request.associationId);
      return { kind: 'found' as const, location: { ...pair, documentName: association.documentName } };
    } catch (error) {
      if (isAppError(error, 'not-found')) return { kind: 'absent' as const };
      const reason = isAppError(error) ? error.userMessage : 'unexpected error';
      return { kind: 'error' as const, problem: `${describeAccount(pair.account)} / ${pair.region}: ${reason}` };
    }
  }

  async function locate(request: LocateRequest): Promise<LocateResult> {
    const space = planSearch(deps.accounts, request);
    if (space.kind !== 'search') return space;

    const remembered = await deps.locations.find(request.associationId);
    const cached =
      remembered && space.pairs.find((p) => p.account.id === remembered.accountId && p.region === remembered.region);
    if (cached) {
      const hit = await lookIn(cached, request);
      if (hit.kind === 'found') return hit;
    }

    const results = await mapBounded(space.pairs, concurrency, (pair) => lookIn(pair, request));
    const found = results.flatMap((r) => (r.kind === 'found' ? [r.location] : []));
    const [first] = found;
    if (found.length === 1 && first) {
      await deps.locations.remember(request.associationId, { accountId: first.account.id, region: first.region });
      return { kind: 'found', location: first };
    }
    if (found.length > 1) return { kind: 'ambiguous', locations: found };
    return {
      kind: 'not-found',
      searched: space.pairs,
      problems: results.flatMap((r) => (r.kind === 'error' ? [r.problem] : [])),
    };
  }

  return { locate };
}
export type Locator = ReturnType<typeof createLocator>;
