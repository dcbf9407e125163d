// Finds which configured account and region hold an association, looking everywhere the channel may
// look, concurrently and bounded; remembers the answer so the next look-up goes straight there.
import { isAppError } from '../domain/app-error.ts';
import { type AwsFault, faultMeaning } from '../domain/aws-faults.ts';
import type { Lang } from '../i18n/index.ts';
import { describeAccount, planSearch } from './authorize.ts';
import { mapBounded } from './gaps.ts';
import type { AssociationHandover } from './handover.ts';
import type { AccountRef, AssociationLocationStore, AwsGateway } from './ports.ts';

export interface LocateRequest {
  associationId: string;
  /** Name or id, when the user gave one. */
  account?: string;
  region?: string;
  channelId: string;
  userId: string;
  /** The language a failure's meaning is told in (the reply's). */
  lang: Lang;
}

export interface Location {
  account: AccountRef;
  region: string;
  documentName: string;
}

/** An account × region where the search could not look: the association may well be there. */
export interface LocateFailure {
  account: AccountRef;
  region: string;
  /** The call that failed: `AssumeRole` (into roleArn) or `DescribeAssociation`. */
  operation: string;
  roleArn?: string;
  /** The AWS error code, e.g. `AccessDenied`, `ThrottlingException`. */
  code: string;
  kind: AwsFault['kind'];
  /** What the error usually means. */
  meaning: string;
}

export type LocateResult =
  | { kind: 'found'; location: Location }
  | { kind: 'ambiguous'; locations: Location[] }
  /**
   * Not in any place that answered. `absent` are the places that said "does not exist"; `failures` the places
   * that could not be searched — the association is never called missing there.
   */
  | {
      kind: 'not-found';
      searched: string[];
      problems: string[];
      absent: { account: AccountRef; region: string }[];
      failures: LocateFailure[];
    }
  /** The channel may not use the account asked for (or any account). */
  | { kind: 'unauthorized'; account?: AccountRef; reason: string }
  | { kind: 'invalid'; reason: string };

export interface LocatorDeps {
  accounts: readonly AccountRef[];
  gateway: AwsGateway;
  locations: AssociationLocationStore;
  /** Concurrent DescribeAssociation calls while searching. */
  concurrency?: number;
  /** Receives each association found, so the investigation that follows does not read it again. */
  handover?: AssociationHandover;
}

export function createLocator(deps: LocatorDeps) {
  const concurrency = deps.concurrency ?? 8;

  async function lookIn(pair: { account: AccountRef; region: string }, request: LocateRequest) {
    try {
      const association = await deps.gateway
        .reader(pair.account, pair.region, { userId: request.userId })
        .describeAssociation(request.associationId);
      deps.handover?.put(
        {
          accountId: pair.account.id,
          region: pair.region,
          userId: request.userId,
          associationId: request.associationId,
        },
        association,
      );
      return { kind: 'found' as const, location: { ...pair, documentName: association.documentName } };
    } catch (error) {
      if (isAppError(error, 'not-found')) return { kind: 'absent' as const, pair };
      return { kind: 'error' as const, failure: locateFailure(pair, error, request.lang) };
    }
  }

  async function locate(request: LocateRequest): Promise<LocateResult> {
    // The same pure plan the command's authorization used: the search never looks where the channel may not.
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
    const failures = results.flatMap((r) => (r.kind === 'error' ? [r.failure] : []));
    const absent = results.flatMap((r) => (r.kind === 'absent' ? [r.pair] : []));
    return {
      kind: 'not-found',
      searched: absent.map((p) => `${describeAccount(p.account)} ${p.region}`),
      problems: failures.map(describeFailure),
      absent,
      failures,
    };
  }

  return { locate };
}
export type Locator = ReturnType<typeof createLocator>;

/** Why one account × region could not be searched: the call, the role, the AWS code and what it usually means. */
function locateFailure(pair: { account: AccountRef; region: string }, error: unknown, lang: Lang): LocateFailure {
  const assumeRole = isAppError(error) && error.action === 'sts:AssumeRole';
  const kind: AwsFault['kind'] = !isAppError(error)
    ? 'error'
    : error.code === 'access-denied' || error.code === 'throttled' || error.code === 'timeout'
      ? error.code
      : 'error';
  const code = (isAppError(error) ? error.upstreamCode : undefined) ?? (isAppError(error) ? error.code : 'Error');
  const action = assumeRole ? 'sts:AssumeRole' : 'ssm:DescribeAssociation';
  return {
    account: pair.account,
    region: pair.region,
    operation: assumeRole ? 'AssumeRole' : 'DescribeAssociation',
    ...(pair.account.roleArn ? { roleArn: pair.account.roleArn } : {}),
    code,
    kind,
    meaning: faultMeaning({ action, code, kind }, lang),
  };
}

/** `prod (123456789012) / eu-west-1: AssumeRole into arn:… failed with AccessDenied — <meaning>`. */
export function describeFailure(f: LocateFailure): string {
  const call = f.operation === 'AssumeRole' ? `AssumeRole into ${f.roleArn ?? 'its role'}` : f.operation;
  return `${describeAccount(f.account)} / ${f.region}: ${call} failed with ${f.code}${f.meaning ? ` — ${f.meaning}` : ''}`;
}
