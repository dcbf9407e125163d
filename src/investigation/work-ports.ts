// Ports of the durable work behind "exactly once, never down": investigation requests under leases, intent
// claims (dedupe windows), and the ledger of Slack posts (idempotency keys).
import type { Lang } from '../i18n/index.ts';
import type { InvestigationTrigger } from './ports.ts';

/** What a listener asks for; the worker locates the association (unless `located`) and runs the investigation. */
export interface NewInvestigationRequest {
  id: string;
  teamId: string;
  channelId: string;
  userId: string;
  associationId: string;
  /** Name or id as typed; the account id when `located`. */
  account?: string;
  region?: string;
  /** Account and region are known (Re-run, alerts): no search. */
  located: boolean;
  threadTs?: string;
  responseUrl?: string;
  trigger: InvestigationTrigger;
  /** The language the investigation will speak in its thread (see NewInvestigation.lang). */
  lang?: Lang;
}

export interface InvestigationRequestRecord extends NewInvestigationRequest {
  status: 'pending' | 'done' | 'failed';
  investigationId?: string;
  attempts: number;
  createdAt: Date;
}

/** Durable requests. Every mutating call after a claim is fenced by the owner: a lost lease changes nothing. */
export interface InvestigationRequestStore {
  /**
   * Stores the request, leased to `owner` for `leaseMs` when given (the caller starts it at once); 'duplicate' when
   * a request with its id (the same intent) is already stored, which is left unchanged.
   */
  create(
    request: NewInvestigationRequest,
    lease?: { owner: string; leaseMs: number },
  ): Promise<'created' | 'duplicate'>;
  get(id: string): Promise<InvestigationRequestRecord | undefined>;
  /** Leases up to `limit` pending requests whose lease lapsed (or never existed) and whose time has come. */
  claimDue(owner: string, leaseMs: number, limit: number): Promise<InvestigationRequestRecord[]>;
  /** Extends the lease; false when `owner` no longer holds it. */
  renew(id: string, owner: string, leaseMs: number): Promise<boolean>;
  setInvestigation(id: string, owner: string, investigationId: string): Promise<void>;
  finish(id: string, owner: string, status: 'done' | 'failed', error?: string): Promise<void>;
  /** Gives the lease back with the next try not before `delayMs`; counts the attempt. */
  retryLater(id: string, owner: string, delayMs: number, error: string): Promise<void>;
  /** Gives the lease back at once (shutdown): another process may take it now. */
  release(id: string, owner: string): Promise<void>;
}

export type ClaimResult = { claimed: true } | { claimed: false; subject?: string };

/** Time-boxed claims on intents, shared by every replica through the database. */
export interface IntentClaims {
  /** Claims `key` for `seconds` unless a live claim holds it. */
  claim(key: string, seconds: number, subject?: string): Promise<ClaimResult>;
  /** Gives a claim back (the work failed; a new attempt may try again). */
  release(key: string): Promise<void>;
}

export type PostBegin =
  | { state: 'new' }
  /** Slack accepted it before: never post again. */
  | { state: 'posted'; ts: string }
  /** Recorded but not confirmed: it may be in Slack already; look before posting. */
  | { state: 'unconfirmed'; since: Date };

/** The ledger of Slack posts, keyed by idempotency key. */
export interface PostLedger {
  begin(key: string, channelId: string, threadTs: string | undefined): Promise<PostBegin>;
  confirm(key: string, ts: string): Promise<void>;
}
