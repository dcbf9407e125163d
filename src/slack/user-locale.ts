// Each user's language from Slack: users.info with include_locale (`user.locale`, e.g. `ja-JP`), cached per
// (team, user) in memory for hours, in a bounded map. An answer never waits long for it: on a miss the look-up gets
// a small budget, and a slower Slack leaves the answer in the fallback language while the cache warms for next time.
import type { webApi } from '@slack/bolt';
import { type Lang, langOfLocale } from '../i18n/index.ts';
import { within } from '../time-budget.ts';

/** What Slack says about a user that changes how we speak to them. */
export interface UserProfile {
  /** Undefined: a locale we do not speak (or none). */
  lang?: Lang;
  /** IANA zone from the profile (`Asia/Tokyo`). */
  timeZone?: string;
}

export interface UserLocales {
  /** The user's profile when cached or answered within the budget; undefined otherwise (the look-up goes on). */
  lookup(teamId: string, userId: string): Promise<UserProfile | undefined>;
}

export interface UserLocalesOptions {
  /** Asks Slack (users.info); throws when Slack refuses or cannot be reached. */
  fetchProfile: (userId: string) => Promise<UserProfile>;
  /** How long a profile is trusted. Default 6 h. */
  ttlMs?: number;
  /** How long a failed look-up is remembered as unknown before Slack is asked again. Default 5 min. */
  failureTtlMs?: number;
  /** Users kept; the least recently used go first. Default 5,000. */
  maxEntries?: number;
  /** How long a miss may hold the caller. Default 150 ms. */
  budgetMs?: number;
  clock?: () => number;
  onError?: (error: unknown) => void;
}

export const USER_LOCALE_TTL_MS = 6 * 60 * 60 * 1000;
export const USER_LOCALE_BUDGET_MS = 150;

interface Entry {
  profile?: UserProfile;
  /** Present while Slack is being asked. */
  pending?: Promise<UserProfile | undefined>;
  expiresAt: number;
}

export function createUserLocales(options: UserLocalesOptions): UserLocales {
  const ttlMs = options.ttlMs ?? USER_LOCALE_TTL_MS;
  const failureTtlMs = options.failureTtlMs ?? 5 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 5_000;
  const budgetMs = options.budgetMs ?? USER_LOCALE_BUDGET_MS;
  const clock = options.clock ?? Date.now;
  const entries = new Map<string, Entry>();

  /** Map order is use order: a hit moves the entry to the end; the oldest are dropped past the bound. */
  const remember = (key: string, entry: Entry) => {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };

  const ask = (key: string, userId: string): Promise<UserProfile | undefined> => {
    const pending = options.fetchProfile(userId).then(
      (profile) => {
        remember(key, { profile, expiresAt: clock() + ttlMs });
        return profile;
      },
      (error: unknown) => {
        options.onError?.(error);
        remember(key, { expiresAt: clock() + failureTtlMs });
        return undefined;
      },
    );
    remember(key, { pending, expiresAt: Number.POSITIVE_INFINITY });
    return pending;
  };

  return {
    async lookup(teamId, userId) {
      const key = `${teamId}:${userId}`;
      const entry = entries.get(key);
      if (entry && !entry.pending && entry.expiresAt > clock()) {
        remember(key, entry);
        return entry.profile;
      }
      const pending = entry?.pending ?? ask(key, userId);
      return within(pending, budgetMs, undefined);
    },
  };
}

/** users.info with include_locale → the user's language and time zone. Needs the `users:read` scope. */
export const slackUserProfile =
  (client: Pick<webApi.WebClient, 'users'>) =>
  async (userId: string): Promise<UserProfile> => {
    const answer = await client.users.info({ user: userId, include_locale: true });
    const lang = langOfLocale(answer.user?.locale);
    const timeZone = answer.user?.tz;
    return { ...(lang ? { lang } : {}), ...(timeZone ? { timeZone } : {}) };
  };
