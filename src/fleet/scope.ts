// Which account × region pairs a fleet view covers (pure): the accounts the channel(s) may use, narrowed by
// the command's `account` and `region`.
import { type Lang, texts } from '../i18n/index.ts';
import { findAccountByNameOrId, mayUseAccount } from '../investigation/authorize.ts';
import type { AccountRef } from '../investigation/ports.ts';
import type { FleetPair } from './scan.ts';

export type FleetScope =
  | { kind: 'pairs'; pairs: FleetPair[] }
  | { kind: 'unknown-account'; account: string }
  | { kind: 'unauthorized'; account: AccountRef }
  | { kind: 'no-pairs'; reason: string };

/** The pairs a user may see from any of `channelIds`; `lang`: the language of the no-pairs reason. */
export function fleetScope(
  accounts: readonly AccountRef[],
  channelIds: readonly string[],
  filter: { account?: string; region?: string },
  lang: Lang,
): FleetScope {
  const allowed = (a: AccountRef) => channelIds.some((c) => mayUseAccount(a, c));
  let candidates = accounts.filter(allowed);
  if (filter.account) {
    const account = findAccountByNameOrId(accounts, filter.account);
    if (!account) return { kind: 'unknown-account', account: filter.account };
    if (!allowed(account)) return { kind: 'unauthorized', account };
    candidates = [account];
  }
  const pairs = candidates.flatMap((account) =>
    account.regions.filter((r) => !filter.region || r === filter.region).map((region) => ({ account, region })),
  );
  if (pairs.length === 0) {
    return {
      kind: 'no-pairs',
      reason: filter.region
        ? texts(lang).panels.fleet.noAccountInRegion(filter.region)
        : texts(lang).panels.fleet.noUsableAccount,
    };
  }
  return { kind: 'pairs', pairs };
}
