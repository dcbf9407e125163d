// The Slack lines of the setup checks: the bot token works (auth.test) and carries the scopes manifest.yml asks for.
import { webApi } from '@slack/bolt';
import type { DoctorCheck } from '../doctor/ports.ts';
import { DEFAULT_LANG, type Lang, texts } from '../i18n/index.ts';

/** manifest.yml's bot scopes (test/unit/manifest.test.ts pins the same list). */
export const REQUIRED_BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'files:write',
  'users:read',
] as const;

const SUBJECT = 'Slack';

/** A Web API client for the checks alone: one retry, so a broken token answers at once. */
export function doctorSlackClient(slack: { botToken: string; apiUrl?: string }): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, {
    retryConfig: { retries: 1 },
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
  });
}

export async function slackChecks(
  client: Pick<webApi.WebClient, 'auth'>,
  lang: Lang = DEFAULT_LANG,
): Promise<DoctorCheck[]> {
  const t = texts(lang).slack.doctor;
  let answer: Awaited<ReturnType<webApi.WebClient['auth']['test']>>;
  try {
    answer = await client.auth.test();
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    return [
      {
        ok: false,
        subject: SUBJECT,
        detail: t.authFailed(code),
        fix:
          code === 'invalid_auth' || code === 'not_authed' || code === 'token_revoked'
            ? t.tokenRevokedFix
            : t.egressFix,
      },
    ];
  }
  const checks: DoctorCheck[] = [
    {
      ok: true,
      subject: SUBJECT,
      detail: t.identity(answer.user ?? '?', answer.team ?? '?', answer.url ?? ''),
    },
  ];
  const granted = answer.response_metadata?.scopes;
  if (!granted) {
    checks.push({
      ok: false,
      subject: SUBJECT,
      detail: t.noScopes,
      fix: t.noScopesFix,
    });
    return checks;
  }
  const missing = REQUIRED_BOT_SCOPES.filter((scope) => !granted.includes(scope));
  checks.push(
    missing.length === 0
      ? { ok: true, subject: SUBJECT, detail: t.scopesGranted(REQUIRED_BOT_SCOPES) }
      : { ok: false, subject: SUBJECT, detail: t.scopesMissing(missing), fix: t.scopesMissingFix },
  );
  return checks;
}
