// The setup checks: adapters' findings → one line per check, each failure with its fix. Pure except runDoctor,
// which only sequences the ports.
import { type Lang, texts } from '../i18n/index.ts';
import type { AccountRef } from '../investigation/ports.ts';
import type { AccessReport, DoctorCheck, DoctorDeps, ProbeOutcome } from './ports.ts';

const where = (account: AccountRef, region: string) => `${account.name} (${account.id}) ${region}`;

/** The lines for one account × region. */
export function accessChecks(
  account: AccountRef,
  region: string,
  report: AccessReport,
  lang: Lang,
  appArn?: string,
): DoctorCheck[] {
  const say = texts(lang).work.doctor;
  const subject = where(account, region);
  if (!('arn' in report.identity)) return [identityFailure(account, region, report.identity.outcome, lang, appArn)];
  const checks: DoctorCheck[] = [
    {
      ok: true,
      subject,
      detail: account.roleArn
        ? say.assumed(account.roleArn, Boolean(account.externalId), report.identity.arn)
        : say.ownCredentials(report.identity.arn),
    },
  ];
  const allowed = report.actions.filter((a) => a.outcome.kind === 'allowed');
  if (allowed.length === report.actions.length) {
    checks.push({ ok: true, subject, detail: say.allAllowed(allowed.length) });
    return checks;
  }
  for (const { action, outcome } of report.actions) {
    if (outcome.kind === 'allowed') continue;
    checks.push(
      outcome.kind === 'denied'
        ? {
            ok: false,
            subject,
            detail: say.denied(action, outcome.code),
            fix: say.allowAction(action),
          }
        : {
            ok: false,
            subject,
            detail: say.notChecked(action, outcome.code),
            fix: say.runAgain,
          },
    );
  }
  return checks;
}

function identityFailure(
  account: AccountRef,
  region: string,
  outcome: ProbeOutcome,
  lang: Lang,
  appArn?: string,
): DoctorCheck {
  const say = texts(lang).work.doctor;
  const subject = where(account, region);
  if (outcome.kind === 'unauthenticated') {
    return {
      ok: false,
      subject,
      detail: say.rejected(region, outcome.code),
      fix: say.enableRegion(account.id),
    };
  }
  if (outcome.kind === 'denied' && account.roleArn) {
    return {
      ok: false,
      subject,
      detail: say.assumeDenied(account.roleArn, outcome.code),
      fix: say.fixTrust(appArn, Boolean(account.externalId)),
    };
  }
  if (outcome.kind === 'denied') {
    return { ok: false, subject, detail: say.identityDenied(outcome.code), fix: say.giveRoleArn };
  }
  const code = outcome.kind === 'failed' ? `${outcome.code}: ${outcome.message}` : outcome.kind;
  return { ok: false, subject, detail: say.unreachable(region, code), fix: say.checkEgress };
}

/** Runs every check: Slack, the database, the app's identity, then each account × region and each region's agent version. */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorCheck[]> {
  const say = texts(deps.lang).work.doctor;
  const checks: DoctorCheck[] = [];
  if (deps.slack) checks.push(...(await deps.slack()));
  if (deps.database) checks.push(...(await deps.database()));

  const firstRegion = deps.accounts.find((a) => a.regions.length > 0)?.regions[0] ?? 'us-east-1';
  const own = await deps.aws.ownIdentity(firstRegion);
  const appArn = 'arn' in own ? own.arn : undefined;
  checks.push(
    'arn' in own
      ? { ok: true, subject: say.credentials, detail: say.principal(own.arn) }
      : {
          ok: false,
          subject: say.credentials,
          detail: say.noIdentity(own.outcome.kind === 'allowed' ? '' : own.outcome.code),
          fix: say.giveCredentials,
        },
  );

  const pairs = deps.accounts.flatMap((account) => account.regions.map((region) => ({ account, region })));
  const reports = await Promise.all(pairs.map(({ account, region }) => deps.aws.checkAccess(account, region)));
  pairs.forEach(({ account, region }, i) => {
    const report = reports[i];
    if (report) checks.push(...accessChecks(account, region, report, deps.lang, appArn));
  });

  const regions = [...new Set(pairs.map((p) => p.region))];
  const versions = await Promise.all(
    regions.map((region) =>
      deps.agentReleases.latestVersion(region).then(
        (version): DoctorCheck => ({
          ok: true,
          subject: say.agentVersion(region),
          detail: say.latestIs(version),
        }),
        (error: unknown): DoctorCheck => ({
          ok: false,
          subject: say.agentVersion(region),
          detail: say.noLatest(error instanceof Error ? error.message : String(error)),
          fix: say.allowS3,
        }),
      ),
    ),
  );
  checks.push(...versions);
  return checks;
}

/** True when every check passed. */
export const allPassed = (checks: readonly DoctorCheck[]) => checks.every((c) => c.ok);

/** One plain-text line per check: `✓ subject: detail` or `✗ subject: detail → fix: …`. */
export function doctorLines(checks: readonly DoctorCheck[], lang: Lang): string[] {
  const say = texts(lang).work.doctor;
  return checks.map(
    (c) => `${c.ok ? '✓' : '✗'} ${c.subject}: ${c.detail}${c.ok || !c.fix ? '' : say.fixSuffix(c.fix)}`,
  );
}
