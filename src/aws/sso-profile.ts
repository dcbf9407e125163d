// An SSO profile that needs `aws sso login`, found from the files the AWS CLI and the SDK share — the profile's
// `sso_session` / `sso_start_url` in the shared config file, and the SSO token cache — never from the wording of
// the SDK's error message.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { type Lang, texts } from '../i18n/index.ts';

/** The environment variables the SDK reads to find the profile and its files. */
export interface SsoEnv {
  AWS_PROFILE?: string | undefined;
  AWS_CONFIG_FILE?: string | undefined;
  HOME?: string | undefined;
  USERPROFILE?: string | undefined;
}

/** Why the profile's SSO session cannot give credentials without a new login. */
export interface SsoLoginNeeded {
  profile: string;
  reason: 'no-cached-token' | 'expired-token';
}

type IniSections = Map<string, Record<string, string>>;

/** Sections of an INI file by their header (`profile ops`, `default`, `sso-session corp`); keys lower-cased. */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header?.[1]) {
      const name = header[1].replace(/\s+/g, ' ');
      current = sections.get(name) ?? {};
      sections.set(name, current);
      continue;
    }
    const pair = /^([^=\s]+)\s*=\s*(.*?)\s*(?:\s[#;].*)?$/.exec(line);
    if (current && pair?.[1] !== undefined) current[pair[1].toLowerCase()] = pair[2] ?? '';
  }
  return sections;
}

/** The SDK's home folder: HOME, else USERPROFILE, else the OS's. */
const homeOf = (env: SsoEnv) => env.HOME || env.USERPROFILE || homedir();

/**
 * The selected profile (AWS_PROFILE, else `default`) when it is an SSO profile whose token cache holds no
 * unexpired access token — the situation `aws sso login --profile <name>` fixes. Undefined for any other profile.
 */
export function ssoLoginNeeded(env: SsoEnv, now: Date = new Date()): SsoLoginNeeded | undefined {
  const home = homeOf(env);
  const file = env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config');
  if (!existsSync(file)) return undefined;
  const sections = parseIni(readFileSync(file, 'utf8'));
  const profile = env.AWS_PROFILE || 'default';
  const settings =
    profile === 'default'
      ? (sections.get('default') ?? sections.get('profile default'))
      : sections.get(`profile ${profile}`);
  // The token cache's key: the sso-session's name, or (legacy profiles) the start URL.
  const cacheKey = settings?.sso_session || settings?.sso_start_url;
  if (!cacheKey) return undefined;
  const cached = path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(cacheKey).digest('hex')}.json`);
  let token: { accessToken?: unknown; expiresAt?: unknown };
  try {
    token = JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    return { profile, reason: 'no-cached-token' };
  }
  if (typeof token.accessToken !== 'string' || typeof token.expiresAt !== 'string') {
    return { profile, reason: 'no-cached-token' };
  }
  const expires = Date.parse(token.expiresAt);
  if (Number.isNaN(expires) || expires <= now.getTime()) return { profile, reason: 'expired-token' };
  return undefined;
}

/** What to tell the person who runs ssm-why. */
export const ssoLoginMessage = (needed: SsoLoginNeeded, lang: Lang): string => {
  const say = texts(lang).work.sso;
  return needed.reason === 'expired-token' ? say.expiredToken(needed.profile) : say.noToken(needed.profile);
};
