// Who may do what — the one authorization service for every command and button. Rules are pure; the service
// adds the audit record of every refusal.
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
  | { kind: 'unauthorized'; account: AccountRef; reason: string }
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
  if (!mayUseAccount(account, who.channelId)) {
    return { kind: 'unauthorized', account, reason: `This channel may not use account ${describeAccount(account)}.` };
  }
  if (subject.channelId !== undefined && subject.channelId !== who.channelId) return { kind: 'other-channel', account };
  return { kind: 'allowed', account };
}

export interface SearchRequest {
  associationId: string;
  /** Name or id, when the user gave one. */
  account?: string;
  region?: string;
  channelId: string;
}

export type SearchPlan =
  | { kind: 'search'; pairs: { account: AccountRef; region: string }[] }
  /** The channel may not use the account asked for (or any account). */
  | { kind: 'unauthorized'; account?: AccountRef; reason: string }
  | { kind: 'invalid'; reason: string };

/** Pure: the (account, region) pairs a command from this channel may search, or why there are none. */
export function planSearch(accounts: readonly AccountRef[], request: SearchRequest): SearchPlan {
  let allowed = accounts.filter((a) => mayUseAccount(a, request.channelId));
  if (request.account) {
    const asked = findAccountByNameOrId(accounts, request.account);
    if (!asked) {
      return {
        kind: 'invalid',
        reason: `No account named \`${request.account}\` is configured. Known: ${accounts.map(describeAccount).join(', ')}.`,
      };
    }
    if (!mayUseAccount(asked, request.channelId)) {
      return {
        kind: 'unauthorized',
        account: asked,
        reason: `This channel may not investigate account ${describeAccount(asked)}.`,
      };
    }
    allowed = [asked];
  }
  if (allowed.length === 0) {
    return { kind: 'unauthorized', reason: 'This channel is not allowed to investigate any configured account.' };
  }
  if (request.region) {
    const region = request.region;
    const withRegion = allowed.filter((a) => a.regions.includes(region));
    if (withRegion.length === 0) {
      const configured = [...new Set(allowed.flatMap((a) => a.regions))].join(', ');
      return {
        kind: 'invalid',
        reason: `Region ${region} is not configured for ${allowed.map(describeAccount).join(', ')} (configured: ${configured}).`,
      };
    }
    return { kind: 'search', pairs: withRegion.map((account) => ({ account, region })) };
  }
  return {
    kind: 'search',
    pairs: allowed.flatMap((account) => account.regions.map((region) => ({ account, region }))),
  };
}

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
      const plan = planSearch(deps.accounts, request);
      if (plan.kind === 'unauthorized') {
        await deps.audit.record({
          kind: 'investigation.refused',
          ...who,
          ...(plan.account ? { accountId: plan.account.id } : {}),
          subject: request.associationId,
          detail: { reason: plan.reason },
        });
      }
      return plan;
    },
  };
}
export type Authorizer = ReturnType<typeof createAuthorizer>;
