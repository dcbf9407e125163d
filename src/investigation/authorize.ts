// Who may do what — the one authorization service for every command and button. Rules are pure; the service
// adds the audit record of every refusal.
import { type Lang, texts } from '../i18n/index.ts';
import type { AccountRef, AuditLog, Requester } from './ports.ts';

export const mayUseAccount = (account: AccountRef, channelId: string): boolean =>
  account.channels === undefined || account.channels.includes(channelId);

/** Finds an account by its name (case-insensitive) or its 12-digit id. */
export const findAccountByNameOrId = (accounts: readonly AccountRef[], nameOrId: string): AccountRef | undefined =>
  accounts.find((a) => a.id === nameOrId || a.name.toLowerCase() === nameOrId.toLowerCase());

export const describeAccount = (account: AccountRef): string =>
  account.id === 'self' ? account.name : `${account.name} (${account.id})`;

/** What a button acts on: an investigation or an alert episode, bound to its team, channel (thread) and account. */
export interface ButtonSubject {
  teamId: string;
  /** The channel the subject's thread is in; a click must come from there. Absent → any allowed channel. */
  channelId?: string;
  accountId: string;
  associationId: string;
}

export type ButtonDecision =
  | { kind: 'allowed'; account: AccountRef }
  /** No such subject, or not in the clicking team. */
  | { kind: 'gone' }
  | { kind: 'account-gone'; accountId: string }
  /** The channel may not use the subject's account (the view tells the clicker so, naming the account). */
  | { kind: 'unauthorized'; account: AccountRef }
  /** The subject's thread is in another channel: acting on it from here would post where the clicker is not. */
  | { kind: 'other-channel'; account: AccountRef };

/** Pure: may `who` act on `subject` with a button? The same rule for every button. */
export function decideButton(
  accounts: readonly AccountRef[],
  subject: ButtonSubject | undefined,
  who: Requester,
): ButtonDecision {
  if (!subject || subject.teamId !== who.teamId) return { kind: 'gone' };
  const account = findAccountByNameOrId(accounts, subject.accountId);
  if (!account) return { kind: 'account-gone', accountId: subject.accountId };
  if (!mayUseAccount(account, who.channelId)) return { kind: 'unauthorized', account };
  if (subject.channelId !== undefined && subject.channelId !== who.channelId) return { kind: 'other-channel', account };
  return { kind: 'allowed', account };
}

export interface SearchRequest {
  associationId: string;
  /** Name or id, when the user gave one. */
  account?: string;
  region?: string;
  channelId: string;
  /** The language a refusal is told in (the reply's). */
  lang: Lang;
}

export type SearchPlan =
  | { kind: 'search'; pairs: { account: AccountRef; region: string }[] }
  /** The channel may not use the account asked for (or any account). */
  | { kind: 'unauthorized'; account?: AccountRef; reason: string }
  | { kind: 'invalid'; reason: string };

/** Why a command may not search, before it is told in a language. */
export type SearchRefusal =
  | { why: 'unknown-account'; asked: string; known: readonly AccountRef[] }
  | { why: 'account-not-allowed'; account: AccountRef }
  | { why: 'no-account-allowed' }
  | { why: 'region-not-configured'; region: string; accounts: readonly AccountRef[]; configured: readonly string[] };

type SearchDecision =
  | { kind: 'search'; pairs: { account: AccountRef; region: string }[] }
  | { kind: 'unauthorized'; account?: AccountRef; refusal: SearchRefusal }
  | { kind: 'invalid'; refusal: SearchRefusal };

/** A refusal as one sentence in `lang`; account names, ids and regions as configured. */
export function refusalText(refusal: SearchRefusal, lang: Lang): string {
  const say = texts(lang).work.refusals;
  const accounts = (list: readonly AccountRef[]) => list.map(describeAccount).join(', ');
  switch (refusal.why) {
    case 'unknown-account':
      return say.unknownAccount(refusal.asked, accounts(refusal.known));
    case 'account-not-allowed':
      return say.accountNotAllowed(describeAccount(refusal.account));
    case 'no-account-allowed':
      return say.noAccountAllowed;
    case 'region-not-configured':
      return say.regionNotConfigured(refusal.region, accounts(refusal.accounts), refusal.configured.join(', '));
  }
}

/** Pure: the pairs a command from this channel may search, or why there are none (not yet in words). */
function decideSearch(accounts: readonly AccountRef[], request: Omit<SearchRequest, 'lang'>): SearchDecision {
  let allowed = accounts.filter((a) => mayUseAccount(a, request.channelId));
  if (request.account) {
    const asked = findAccountByNameOrId(accounts, request.account);
    if (!asked)
      return { kind: 'invalid', refusal: { why: 'unknown-account', asked: request.account, known: accounts } };
    if (!mayUseAccount(asked, request.channelId)) {
      return { kind: 'unauthorized', account: asked, refusal: { why: 'account-not-allowed', account: asked } };
    }
    allowed = [asked];
  }
  if (allowed.length === 0) return { kind: 'unauthorized', refusal: { why: 'no-account-allowed' } };
  if (request.region) {
    const region = request.region;
    const withRegion = allowed.filter((a) => a.regions.includes(region));
    if (withRegion.length === 0) {
      const configured = [...new Set(allowed.flatMap((a) => a.regions))];
      return { kind: 'invalid', refusal: { why: 'region-not-configured', region, accounts: allowed, configured } };
    }
    return { kind: 'search', pairs: withRegion.map((account) => ({ account, region })) };
  }
  return {
    kind: 'search',
    pairs: allowed.flatMap((account) => account.regions.map((region) => ({ account, region }))),
  };
}

/** A decision with its refusal told in `lang`. */
function told(decision: SearchDecision, lang: Lang): SearchPlan {
  if (decision.kind === 'search') return decision;
  const { refusal, ...rest } = decision;
  return { ...rest, reason: refusalText(refusal, lang) };
}

/** Pure: the (account, region) pairs a command from this channel may search, or why there are none. */
export function planSearch(accounts: readonly AccountRef[], request: SearchRequest): SearchPlan {
  return told(decideSearch(accounts, request), request.lang);
}

/** The audit log is read by operators: its reasons are in English, whatever the requester reads. */
const AUDIT_LANG: Lang = 'en';

/** The authorization service: the pure rules above, and an audit record for every refusal. */
export function createAuthorizer(deps: { accounts: readonly AccountRef[]; audit: AuditLog }) {
  return {
    accounts: deps.accounts,
    /** A button click on `subject` (undefined when it no longer exists). Refusals are audited as `button.refused`. */
    async button(
      action: string,
      subject: ButtonSubject | undefined,
      who: Requester,
      detail: Record<string, unknown> = {},
    ): Promise<ButtonDecision> {
      const decision = decideButton(deps.accounts, subject, who);
      if ((decision.kind === 'unauthorized' || decision.kind === 'other-channel') && subject) {
        await deps.audit.record({
          kind: 'button.refused',
          ...who,
          accountId: decision.account.id,
          subject: subject.associationId,
          detail: { action, ...detail, ...(decision.kind === 'other-channel' ? { reason: 'other-channel' } : {}) },
        });
      }
      return decision;
    },
    /** A command's search plan. An unauthorized one is audited as `investigation.refused`. */
    async command(request: SearchRequest, who: Requester): Promise<SearchPlan> {
      const decision = decideSearch(deps.accounts, request);
      if (decision.kind === 'unauthorized') {
        await deps.audit.record({
          kind: 'investigation.refused',
          ...who,
          ...(decision.account ? { accountId: decision.account.id } : {}),
          subject: request.associationId,
          detail: { reason: refusalText(decision.refusal, AUDIT_LANG) },
        });
      }
      return told(decision, request.lang);
    },
  };
}
export type Authorizer = ReturnType<typeof createAuthorizer>;
