// Subscription filters (pure): their canonical key, whether one matches an association, and which
// account × region pairs the subscriptions need polled.
import { mayUseAccount } from '../investigation/authorize.ts';
import type { AccountRef } from '../investigation/ports.ts';
import type { SubscriptionFilter, SubscriptionRecord } from './ports.ts';

/** The canonical form of a filter: equal filters give equal keys, so a duplicate subscription merges. */
export function filterKey(filter: SubscriptionFilter): string {
  const parts: string[] = [];
  if (filter.accountId) parts.push(`account=${filter.accountId}`);
  if (filter.region) parts.push(`region=${filter.region.toLowerCase()}`);
  if (filter.associationId) parts.push(`association=${filter.associationId.toLowerCase()}`);
  if (filter.documentName) parts.push(`document=${filter.documentName}`);
  if (filter.namePattern) parts.push(`name=${filter.namePattern}`);
  return parts.length === 0 ? '*' : parts.join(';');
}

const regExpCache = new Map<string, RegExp>();

/** `*` matches any run of characters, `?` exactly one; everything else literally; the whole name must match. */
export function globToRegExp(glob: string): RegExp {
  let cached = regExpCache.get(glob);
  if (!cached) {
    const source = glob
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    cached = new RegExp(`^${source}$`, 's');
    if (regExpCache.size > 1_000) regExpCache.clear();
    regExpCache.set(glob, cached);
  }
  return cached;
}

/** What a filter is matched against. */
export interface AssociationFacts {
  accountId: string;
  region: string;
  associationId: string;
  associationName?: string;
  documentName?: string;
}

/**
 * True when the subscription wants alerts about this association. The channel must (still) be allowed to
 * use the account — the accounts file may have changed since the subscription was made.
 */
export function subscriptionMatches(
  subscription: SubscriptionRecord,
  association: AssociationFacts,
  accounts: readonly AccountRef[],
): boolean {
  const account = accounts.find((a) => a.id === association.accountId);
  if (!account || !mayUseAccount(account, subscription.channelId)) return false;
  if (subscription.accountId && subscription.accountId !== association.accountId) return false;
  if (subscription.region && subscription.region !== association.region) return false;
  if (subscription.associationId && subscription.associationId !== association.associationId.toLowerCase()) {
    return false;
  }
  if (subscription.documentName && subscription.documentName !== association.documentName) return false;
  if (subscription.namePattern) {
    if (!association.associationName || !globToRegExp(subscription.namePattern).test(association.associationName)) {
      return false;
    }
  }
  return true;
}

/** One account and region to poll. */
export interface PollTarget {
  account: AccountRef;
  region: string;
}

/** The account × region pairs some subscription covers (and its channel may use), sorted. */
export function pollTargets(
  subscriptions: readonly SubscriptionRecord[],
  accounts: readonly AccountRef[],
): PollTarget[] {
  const found = new Map<string, PollTarget>();
  for (const subscription of subscriptions) {
    for (const account of accounts) {
      if (subscription.accountId && subscription.accountId !== account.id) continue;
      if (!mayUseAccount(account, subscription.channelId)) continue;
      const regions = subscription.region ? account.regions.filter((r) => r === subscription.region) : account.regions;
      for (const region of regions) found.set(`${account.id}\u0000${region}`, { account, region });
    }
  }
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, target]) => target);
}

/** The share of an account's per-cycle call budget that one of its regions gets (at least one call). */
export function pageBudgetPerRegion(targets: readonly PollTarget[], budgetPerAccount: number): Map<string, number> {
  const regions = new Map<string, number>();
  for (const target of targets) regions.set(target.account.id, (regions.get(target.account.id) ?? 0) + 1);
  const shares = new Map<string, number>();
  for (const [accountId, count] of regions) shares.set(accountId, Math.max(1, Math.floor(budgetPerAccount / count)));
  return shares;
}
