// Credentials: the app's own (the default chain, or injected), and per (role, ExternalId, Slack user)
// an AssumeRole session through fromTemporaryCredentials, cached until shortly before it expires.
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { AppError } from '../domain/app-error.ts';
import type { AccountRef } from '../investigation/ports.ts';
import { toAppError } from './errors.ts';
import { type SsoEnv, ssoLoginMessage, ssoLoginNeeded } from './sso-profile.ts';

/** An AWS credential set. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

/** How the STS client behind AssumeRole is configured (the gateway passes its own settings). */
export interface StsClientSettings {
  endpoint?: string;
  maxAttempts: number;
  retryMode?: 'standard' | 'adaptive' | 'legacy';
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
}

export interface RoleCredentialsOptions {
  /** Credentials that call AssumeRole (the app's own). */
  base: CredentialProvider;
  sts: StsClientSettings;
  /** 900–3600 (role chaining caps sessions at one hour); default 900. */
  durationSeconds?: number;
  /** Refresh this long before Expiration; default 5 minutes (the SDK's own window). */
  refreshBeforeMs?: number;
  /** Bound on cached (role, user) sessions; the oldest is dropped. Default 500. */
  maxSessions?: number;
  now?: () => number;
}

/** A role session as the gateway needs it. */
export interface RoleSession {
  provider: CredentialProvider;
  sessionName: string;
  /** Identifies the session in client caches (no secrets). */
  key: string;
}

const SESSION_PREFIX = 'ssm-why-';

/**
 * RoleSessionName for a Slack user, e.g. `ssm-why-U0123ABCD`: STS allows 2–64 characters of
 * `[\w+=,.@-]`; anything else becomes `-`. It shows in CloudTrail and in the assumed-role ARN.
 */
export function roleSessionName(userId: string): string {
  const safe = `${SESSION_PREFIX}${userId}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return safe.length >= 2 ? safe : `${safe}--`.slice(0, 2);
}

/** Clamps a configured duration to what works for chained role sessions. */
export function clampDuration(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds)) return 900;
  return Math.min(3600, Math.max(900, Math.round(seconds)));
}

/**
 * Memoizes a provider: the same credentials until `refreshBeforeMs` before their expiration,
 * one refresh at a time (concurrent callers share it), failures not cached.
 */
export function memoizeCredentials(
  provider: CredentialProvider,
  refreshBeforeMs: number,
  now: () => number = Date.now,
): CredentialProvider {
  let cached: AwsCredentials | undefined;
  let pending: Promise<AwsCredentials> | undefined;
  const fresh = (c: AwsCredentials) => c.expiration === undefined || c.expiration.getTime() - now() > refreshBeforeMs;
  return () => {
    if (cached && fresh(cached)) return Promise.resolve(cached);
    pending ??= provider()
      .then((c) => {
        cached = c;
        return c;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/** The SDK's credential providers fail with these (the SSO one wraps its token provider's error in the first). */
const PROVIDER_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError']);

/**
 * A failure of the default chain, explained when the selected profile is an SSO profile without a usable cached
 * token (so the chain's SSO provider is what failed): the fix is `aws sso login --profile <name>`. Found from the
 * shared config and the token cache, not from the SDK's wording; any other failure is returned unchanged.
 */
export function explainCredentialFailure(error: unknown, env: SsoEnv = process.env, now = new Date()): unknown {
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || !PROVIDER_ERRORS.has(name)) return error;
  const needed = ssoLoginNeeded(env, now);
  if (!needed) return error;
  return new AppError('config', `AWS SSO profile ${needed.profile}: ${needed.reason}`, {
    say: (lang) => ssoLoginMessage(needed, lang),
    upstreamCode: name,
    cause: error,
  });
}

/** The app's own credentials: injected ones, or the SDK's default chain. */
export function baseCredentials(given?: AwsCredentials | CredentialProvider): CredentialProvider {
  if (typeof given === 'function') return given;
  if (given) return () => Promise.resolve(given);
  const chain = fromNodeProviderChain();
  return async () => {
    try {
      return await chain();
    } catch (error) {
      throw explainCredentialFailure(error);
    }
  };
}

/** One cached AssumeRole session per (role, ExternalId, Slack user). */
export class RoleCredentials {
  private readonly sessions = new Map<string, RoleSession>();
  private readonly options: RoleCredentialsOptions;

  constructor(options: RoleCredentialsOptions) {
    this.options = options;
  }

  /** The session for a user in an account configured with `roleArn`. */
  session(account: AccountRef & { roleArn: string }, userId: string): RoleSession {
    const key = `${account.roleArn}|${account.externalId ?? ''}|${userId}`;
    const existing = this.sessions.get(key);
    if (existing) {
      // Refresh its place: the map's order is the eviction order.
      this.sessions.delete(key);
      this.sessions.set(key, existing);
      return existing;
    }
    const sessionName = roleSessionName(userId);
    const { sts } = this.options;
    const assume = fromTemporaryCredentials({
      params: {
        RoleArn: account.roleArn,
        RoleSessionName: sessionName,
        DurationSeconds: clampDuration(this.options.durationSeconds),
        ...(account.externalId ? { ExternalId: account.externalId } : {}),
      },
      masterCredentials: this.options.base,
      clientConfig: {
        // The account's first region: a regional STS endpoint, the same one for every region investigated.
        region: account.regions[0] ?? 'us-east-1',
        maxAttempts: sts.maxAttempts,
        retryMode: sts.retryMode ?? 'standard',
        requestHandler: sts.requestHandler,
        ...(sts.endpoint ? { endpoint: sts.endpoint } : {}),
      },
    });
    const ctx = { service: 'sts' as const, operation: 'AssumeRole', accountId: account.id };
    const provider = memoizeCredentials(
      async () => {
        try {
          return await assume();
        } catch (error) {
          throw toAppError(error, ctx);
        }
      },
      this.options.refreshBeforeMs ?? 300_000,
      this.options.now,
    );
    const session: RoleSession = { provider, sessionName, key };
    this.sessions.set(key, session);
    const max = this.options.maxSessions ?? 500;
    while (this.sessions.size > max) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    return session;
  }
}
