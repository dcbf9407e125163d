// The Slack lines of the setup checks: the bot token works (auth.test) and carries the scopes manifest.yml asks for.
import { webApi } from '@slack/bolt';
import type { DoctorCheck } from '../doctor/ports.ts';

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

export async function slackChecks(client: Pick<webApi.WebClient, 'auth'>): Promise<DoctorCheck[]> {
  let answer: Awaited<ReturnType<webApi.WebClient['auth']['test']>>;
  try {
    answer = await client.auth.test();
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    return [
      {
        ok: false,
        subject: SUBJECT,
        detail: `auth.test failed (${code})`,
        fix:
          code === 'invalid_auth' || code === 'not_authed' || code === 'token_revoked'
            ? 'SLACK_BOT_TOKEN is wrong or revoked: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions'
            : 'check egress to slack.com (or SLACK_API_URL)',
      },
    ];
  }
  const checks: DoctorCheck[] = [
    {
      ok: true,
      subject: SUBJECT,
      detail: `bot ${answer.user ?? '?'} in workspace ${answer.team ?? '?'} (${answer.url ?? ''})`,
    },
  ];
  const granted = answer.response_metadata?.scopes;
  if (!granted) {
    checks.push({
      ok: false,
      subject: SUBJECT,
      detail: 'Slack did not report the token’s scopes',
      fix: 'use a bot token (xoxb-…), not a user or app-level token',
    });
    return checks;
  }
  const missing = REQUIRED_BOT_SCOPES.filter((scope) => !granted.includes(scope));
  checks.push(
    missing.length === 0
      ? { ok: true, subject: SUBJECT, detail: `scopes ${REQUIRED_BOT_SCOPES.join(', ')} granted` }
      : {
          ok: false,
          subject: SUBJECT,
          detail: `missing scopes: ${missing.join(', ')}`,
          fix: 'add them under OAuth & Permissions (or update the app from manifest.yml) and reinstall the app',
        },
  );
  return checks;
}
