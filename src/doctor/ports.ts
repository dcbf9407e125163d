// What the setup checks need from the adapters, in the doctor's words.
import type { Lang } from '../i18n/index.ts';
import type { AccountRef, AgentReleaseSource } from '../investigation/ports.ts';

/** One line of the report: what was checked, what was found, and how to fix it when it failed. */
export interface DoctorCheck {
  ok: boolean;
  subject: string;
  detail: string;
  fix?: string;
}

/** What one harmless AWS call said about a permission. */
export type ProbeOutcome =
  | { kind: 'allowed' }
  | { kind: 'denied'; code: string }
  /** The request never reached authorization: bad credentials, or a region the account cannot use. */
  | { kind: 'unauthenticated'; code: string }
  | { kind: 'failed'; code: string; message: string };

/** What the access probes found in one account × region. */
export interface AccessReport {
  /** The identity the probes ran as (the assumed role), or why it could not be had. */
  identity: { arn: string } | { outcome: ProbeOutcome };
  /** One per investigator action; empty when the identity could not be had. */
  actions: { action: string; outcome: ProbeOutcome }[];
}

export interface AccessChecker {
  /** The app's own principal (what the investigator roles must trust). */
  ownIdentity(region: string): Promise<{ arn: string } | { outcome: ProbeOutcome }>;
  checkAccess(account: AccountRef, region: string): Promise<AccessReport>;
}

export interface DoctorDeps {
  accounts: readonly AccountRef[];
  /** The language of the lines. */
  lang: Lang;
  aws: AccessChecker;
  agentReleases: AgentReleaseSource;
  /** Slack token and scopes; absent → not checked. */
  slack?: () => Promise<DoctorCheck[]>;
  /** Connection and migrations; absent → not checked. */
  database?: () => Promise<DoctorCheck[]>;
}
