// `/ssm-why subscribe | unsubscribe | subscriptions`: authorizes against the accounts file, merges
// duplicates (one row per channel and canonical filter) and records every change in the audit log.

import { type Lang, texts } from '../i18n/index.ts';
import { describeAccount, findAccountByNameOrId, mayUseAccount } from '../investigation/authorize.ts';
import type { AccountRef, AuditLog, Requester } from '../investigation/ports.ts';
import { filterKey } from './filter.ts';
import type { SubscriptionRecord, SubscriptionStore } from './ports.ts';

/** What the user typed (the account may be a name). */
export interface SubscribeRequest {
  account?: string;
  region?: string;
  associationId?: string;
  documentName?: string;
  namePattern?: string;
}

export type SubscribeResult =
  | {
      kind: 'subscribed';
      subscription: SubscriptionRecord;
      /** False when the channel already had this subscription (merged). */
      created: boolean;
      /** The accounts (and regions) it covers for this channel. */
      covers: { account: AccountRef; regions: string[] }[];
    }
  | { kind: 'unauthorized'; account?: AccountRef; reason: string }
  | { kind: 'invalid'; reason: string };

export type UnsubscribeResult =
  | { kind: 'removed'; removed: SubscriptionRecord[] }
  | { kind: 'not-found'; target: string }
  | { kind: 'ambiguous'; target: string; matches: SubscriptionRecord[] };

export interface SubscriptionServiceDeps {
  store: SubscriptionStore;
  audit: AuditLog;
  accounts: readonly AccountRef[];
}

/** The short id shown in lists and accepted by `unsubscribe`: the last 8 hex digits (UUIDv7 starts with time). */
export const shortSubscriptionId = (id: string) => id.replace(/-/g, '').slice(-8).toLowerCase();

export function createSubscriptionService(deps: SubscriptionServiceDeps) {
  /** `lang`: the language of the refusal reasons (shown to the requester). */
  async function subscribe(who: Requester, request: SubscribeRequest, lang: Lang): Promise<SubscribeResult> {
    const say = texts(lang).panels.subscriptions;
    let usable = deps.accounts.filter((a) => mayUseAccount(a, who.channelId));
    let accountId: string | undefined;
    if (request.account) {
      const asked = findAccountByNameOrId(deps.accounts, request.account);
      if (!asked) {
        return {
          kind: 'invalid',
          reason: say.unknownAccount(request.account, deps.accounts.map(describeAccount).join(', ')),
        };
      }
      if (!mayUseAccount(asked, who.channelId)) {
        await deps.audit.record({
          kind: 'subscription.refused',
          ...who,
          accountId: asked.id,
          detail: { request: { ...request } },
        });
        return {
          kind: 'unauthorized',
          account: asked,
          reason: say.mayNotUse(describeAccount(asked)),
        };
      }
      usable = [asked];
      accountId = asked.id;
    }
    if (usable.length === 0) {
      await deps.audit.record({ kind: 'subscription.refused', ...who, detail: { request: { ...request } } });
      return { kind: 'unauthorized', reason: say.noUsableAccount };
    }
    const region = request.region;
    if (region && !usable.some((a) => a.regions.includes(region))) {
      const configured = [...new Set(usable.flatMap((a) => a.regions))].join(', ');
      return {
        kind: 'invalid',
        reason: say.regionNotConfigured(region, usable.map(describeAccount).join(', '), configured),
      };
    }
    const filter = {
      ...(accountId ? { accountId } : {}),
      ...(region ? { region } : {}),
      ...(request.associationId ? { associationId: request.associationId.toLowerCase() } : {}),
      ...(request.documentName ? { documentName: request.documentName } : {}),
      ...(request.namePattern ? { namePattern: request.namePattern } : {}),
    };
    const { subscription, created } = await deps.store.add({
      ...filter,
      teamId: who.teamId,
      channelId: who.channelId,
      filterKey: filterKey(filter),
      createdBy: who.userId,
    });
    if (created) {
      await deps.audit.record({
        kind: 'subscription.created',
        ...who,
        ...(accountId ? { accountId } : {}),
        subject: subscription.id,
        detail: { filterKey: subscription.filterKey },
      });
    }
    const covers = usable
      .map((account) => ({ account, regions: region ? account.regions.filter((r) => r === region) : account.regions }))
      .filter((c) => c.regions.length > 0);
    return { kind: 'subscribed', subscription, created, covers };
  }

  async function unsubscribe(who: Requester, target: 'all' | string): Promise<UnsubscribeResult> {
    const mine = await deps.store.listForChannel(who.teamId, who.channelId);
    let chosen: SubscriptionRecord[];
    if (target === 'all') {
      chosen = mine;
    } else {
      const wanted = target.toLowerCase();
      chosen = mine.filter((s) => s.id.toLowerCase() === wanted || shortSubscriptionId(s.id) === wanted);
      if (chosen.length > 1) return { kind: 'ambiguous', target, matches: chosen };
      if (chosen.length === 0) return { kind: 'not-found', target };
    }
    const removed = await deps.store.remove(
      who.teamId,
      who.channelId,
      chosen.map((s) => s.id),
    );
    for (const subscription of removed) {
      await deps.audit.record({
        kind: 'subscription.deleted',
        ...who,
        ...(subscription.accountId ? { accountId: subscription.accountId } : {}),
        subject: subscription.id,
        detail: { filterKey: subscription.filterKey, all: target === 'all' },
      });
    }
    return { kind: 'removed', removed };
  }

  const list = (who: Requester) => deps.store.listForChannel(who.teamId, who.channelId);

  return { subscribe, unsubscribe, list };
}
export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
