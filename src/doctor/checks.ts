// The setup checks: adapters' findings → one line per check, each failure with its fix. Pure except runDoctor,
// which only sequences the ports.
import type { AccountRef } from '../investigation/ports.ts';
import type { AccessReport, DoctorCheck, DoctorDeps, ProbeOutcome } from './ports.ts';

const TEMPLATE = 'deploy/aws/investigator-role.yaml';

const where = (account: AccountRef, region: string) => `${account.name} (${account.id}) ${region}`;

/** The lines for one account × region. */
export function accessChecks(
  account: AccountRef,
  region: string,
  report: AccessReport,
  appArn?: string,
): DoctorCheck[] {
  const subject = where(account, region);
  if (!('arn' in report.identity)) return [identityFailure(account, region, report.identity.outcome, appArn)];
  const checks: DoctorCheck[] = [
    {
      ok: true,
      subject,
      detail: account.roleArn
        ? `AssumeRole ${account.roleArn}${account.externalId ? ' with the ExternalId' : ''} → ${report.identity.arn}`
        : `the app's own credentials → ${report.identity.arn}`,
    },
  ];
  const allowed = report.actions.filter((a) => a.outcome.kind === 'allowed');
  if (allowed.length === report.actions.length) {
    checks.push({ ok: true, subject, detail: `all ${allowed.length} read actions allowed` });
    return checks;
  }
  for (const { action, outcome } of report.actions) {
    if (outcome.kind === 'allowed') continue;
    checks.push(
      outcome.kind === 'denied'
        ? {
            ok: false,
            subject,
            detail: `${action} denied (${outcome.code})`,
            fix: `allow ${action} in the role's policy (redeploy ${TEMPLATE}); an SCP or permission boundary may also deny it`,
          }
        : {
            ok: false,
            subject,
            detail: `${action} could not be checked (${outcome.code})`,
            fix: 'run the doctor again; if it persists, check the network path to AWS',
          },
    );
  }
  return checks;
}

function identityFailure(account: AccountRef, region: string, outcome: ProbeOutcome, appArn?: string): DoctorCheck {
  const subject = where(account, region);
  if (outcome.kind === 'unauthenticated') {
    return {
      ok: false,
      subject,
      detail: `AWS rejected the request in ${region} (${outcome.code})`,
      fix: `the region is not enabled for account ${account.id} or its name is wrong: enable it (Account → AWS Regions) or remove it from this account's regions in the accounts file`,
    };
  }
  if (outcome.kind === 'denied' && account.roleArn) {
    const trusted = appArn ?? "the app's principal";
    return {
      ok: false,
      subject,
      detail: `AssumeRole ${account.roleArn} denied (${outcome.code})`,
      fix: `the role's trust policy must allow sts:AssumeRole by ${trusted}${
        account.externalId ? ' with sts:ExternalId equal to the accounts file’s externalId' : ''
      }, and the app's own policy must allow assuming it (deploy/aws/investigator-role.yaml, app-role.yaml)`,
    };
  }
  if (outcome.kind === 'denied') {
    return {
      ok: false,
      subject,
      detail: `sts:GetCallerIdentity denied (${outcome.code})`,
      fix: 'an SCP denies the app’s own identity; give the account a roleArn',
    };
  }
  const code = outcome.kind === 'failed' ? `${outcome.code}: ${outcome.message}` : outcome.kind;
  return {
    ok: false,
    subject,
    detail: `AWS could not be reached in ${region} (${code})`,
    fix: 'check egress to AWS (NAT, proxy or VPC endpoints for sts, ssm and ec2) and the AWS_ENDPOINT_URL_* settings',
  };
}

/** Runs every check: Slack, the database, the app's identity, then each account × region and each region's agent version. */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  if (deps.slack) checks.push(...(await deps.slack()));
  if (deps.database) checks.push(...(await deps.database()));

  const firstRegion = deps.accounts.find((a) => a.regions.length > 0)?.regions[0] ?? 'us-east-1';
  const own = await deps.aws.ownIdentity(firstRegion);
  const appArn = 'arn' in own ? own.arn : undefined;
  checks.push(
    'arn' in own
      ? { ok: true, subject: 'AWS credentials', detail: `${own.arn} (the principal the investigator roles trust)` }
      : {
          ok: false,
          subject: 'AWS credentials',
          detail: `the app's own AWS identity could not be read (${own.outcome.kind === 'allowed' ? '' : own.outcome.code})`,
          fix: 'give the process credentials (task role, instance profile, AWS_PROFILE or AWS_ACCESS_KEY_ID…)',
        },
  );

  const pairs = deps.accounts.flatMap((account) => account.regions.map((region) => ({ account, region })));
  const reports = await Promise.all(pairs.map(({ account, region }) => deps.aws.checkAccess(account, region)));
  pairs.forEach(({ account, region }, i) => {
    const report = reports[i];
    if (report) checks.push(...accessChecks(account, region, report, appArn));
  });

  const regions = [...new Set(pairs.map((p) => p.region))];
  const versions = await Promise.all(
    regions.map((region) =>
      deps.agentReleases.latestVersion(region).then(
        (version): DoctorCheck => ({
          ok: true,
          subject: `SSM Agent version ${region}`,
          detail: `latest is ${version}`,
        }),
        (error: unknown): DoctorCheck => ({
          ok: false,
          subject: `SSM Agent version ${region}`,
          detail: `the latest version could not be read (${error instanceof Error ? error.message : String(error)})`,
          fix: 'allow egress to S3 (s3.<region>.amazonaws.com) or set SSM_AGENT_LATEST_VERSION_URL; investigations go on without it',
        }),
      ),
    ),
  );
  checks.push(...versions);
  return checks;
}

/** True when every check passed. */
export const allPassed = (checks: readonly DoctorCheck[]) => checks.every((c) => c.ok);

/** One plain-text line per check: `✓ subject: detail` or `✗ subject: detail → fix`. */
export function doctorLines(checks: readonly DoctorCheck[]): string[] {
  return checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.subject}: ${c.detail}${c.ok || !c.fix ? '' : ` → fix: ${c.fix}`}`);
}
