// Which accounts a Slack channel may investigate (pure).
import type { AccountRef } from './ports.ts';

export const mayUseAccount = (account: AccountRef, channelId: string): boolean =>
  account.channels === undefined || account.channels.includes(channelId);

/** Finds an account by its name (case-insensitive) or its 12-digit id. */
export const findAccountByNameOrId = (accounts: readonly AccountRef[], nameOrId: string): AccountRef | undefined =>
  accounts.find((a) => a.id === nameOrId || a.name.toLowerCase() === nameOrId.toLowerCase());

export const describeAccount = (account: AccountRef): string =>
  account.id === 'self' ? account.name : `${account.name} (${account.id})`;
