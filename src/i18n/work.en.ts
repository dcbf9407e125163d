// English text of what the investigation machinery says to people: why a command may not search (authorization
// refusals) and the summary of an investigation that ended without a verdict (src/investigation/authorize.ts,
// src/investigation/worker.ts). Gaps and Show output's text are in the thread catalog (i18n-thread), subscription
// parsing and the give-up reply in the slack catalog (i18n-choice), the fleet scope in the panels catalog.

export const workEn = {
  /** Why a command may not search where it asked (src/investigation/authorize.ts). Accounts as `name (id)`. */
  refusals: {
    unknownAccount: (asked: string, known: string) => `No account named \`${asked}\` is configured. Known: ${known}.`,
    accountNotAllowed: (account: string) => `This channel may not investigate account ${account}.`,
    noAccountAllowed: 'This channel is not allowed to investigate any configured account.',
    regionNotConfigured: (region: string, accounts: string, configured: string) =>
      `Region ${region} is not configured for ${accounts} (configured: ${configured}).`,
  },
  /** What an investigation that ended without a verdict is summarised as (src/investigation/worker.ts). */
  endings: {
    /** `code`: Slack's error, e.g. `not_in_channel`. */
    unpostable: (code: string) => `Cannot post in the channel (${code})`,
    /** `message`: the last error, as it was. */
    couldNotFinish: (message: string) => `Could not finish: ${message}`,
  },
  /** What a failed AWS call means (src/domain/app-error.ts awsFailureText). `place` comes from `place`. */
  aws: {
    /** ` in account 123456789012 (eu-west-1)`, ` in eu-west-1`, or nothing for the app's own credentials. */
    place: (account: string | undefined, region: string | undefined): string =>
      account && region
        ? ` in account ${account} (${region})`
        : account
          ? ` in account ${account}`
          : region
            ? ` in ${region}`
            : '',
    accessDenied: (action: string, place: string) =>
      `ssm-why's role may not call ${action}${place}. Add ${action} to its policy.`,
    notFound: (operation: string, place: string, detail: string) => `${operation}: not found${place} (${detail}).`,
    throttled: (action: string, place: string) =>
      `AWS kept throttling ${action}${place}; the retries ran out. Try again in a minute.`,
    timedOut: (action: string, place: string) => `AWS did not answer ${action}${place} in time.`,
    noCredentials: 'ssm-why has no usable AWS credentials.',
    unreachable: (action: string, place: string, code: string) =>
      `Could not reach AWS for ${action}${place}: network error ${code}.`,
    answered: (action: string, place: string, name: string) => `AWS answered ${action}${place} with ${name}.`,
  },
  /** The published latest SSM Agent version could not be fetched (src/aws/agent-release.ts). */
  agentRelease: {
    timedOut: (region: string) => `The latest SSM Agent version for ${region} could not be checked (timeout).`,
    unreachable: (region: string) => `The latest SSM Agent version for ${region} could not be checked (unreachable).`,
    http: (region: string, status: number) =>
      `The latest SSM Agent version for ${region} could not be checked (HTTP ${status}).`,
    unreadable: (region: string) => `The latest SSM Agent version for ${region} could not be read.`,
  },
  /** The setup checks' lines (src/doctor/checks.ts, src/store/doctor.ts): subject, what was found, the fix. */
  doctor: {
    assumed: (roleArn: string, withExternalId: boolean, arn: string) =>
      `AssumeRole ${roleArn}${withExternalId ? ' with the ExternalId' : ''} → ${arn}`,
    ownCredentials: (arn: string) => `the app's own credentials → ${arn}`,
    allAllowed: (count: number) => `all ${count} read actions allowed`,
    denied: (action: string, code: string) => `${action} denied (${code})`,
    allowAction: (action: string) =>
      `allow ${action} in the role's policy (redeploy deploy/aws/investigator-role.yaml); an SCP or permission boundary may also deny it`,
    notChecked: (action: string, code: string) => `${action} could not be checked (${code})`,
    runAgain: 'run the doctor again; if it persists, check the network path to AWS',
    rejected: (region: string, code: string) => `AWS rejected the request in ${region} (${code})`,
    enableRegion: (accountId: string) =>
      `the region is not enabled for account ${accountId} or its name is wrong: enable it (Account → AWS Regions) or remove it from this account's regions in the accounts file`,
    assumeDenied: (roleArn: string, code: string) => `AssumeRole ${roleArn} denied (${code})`,
    fixTrust: (appArn: string | undefined, withExternalId: boolean) =>
      `the role's trust policy must allow sts:AssumeRole by ${appArn ?? "the app's principal"}${
        withExternalId ? ' with sts:ExternalId equal to the accounts file’s externalId' : ''
      }, and the app's own policy must allow assuming it (deploy/aws/investigator-role.yaml, app-role.yaml)`,
    identityDenied: (code: string) => `sts:GetCallerIdentity denied (${code})`,
    giveRoleArn: 'an SCP denies the app’s own identity; give the account a roleArn',
    unreachable: (region: string, code: string) => `AWS could not be reached in ${region} (${code})`,
    checkEgress:
      'check egress to AWS (NAT, proxy or VPC endpoints for sts, ssm and ec2) and the AWS_ENDPOINT_URL_* settings',
    credentials: 'AWS credentials',
    principal: (arn: string) => `${arn} (the principal the investigator roles trust)`,
    noIdentity: (code: string) => `the app's own AWS identity could not be read (${code})`,
    giveCredentials: 'give the process credentials (task role, instance profile, AWS_PROFILE or AWS_ACCESS_KEY_ID…)',
    agentVersion: (region: string) => `SSM Agent version ${region}`,
    latestIs: (version: string) => `latest is ${version}`,
    noLatest: (message: string) => `the latest version could not be read (${message})`,
    allowS3:
      'allow egress to S3 (s3.<region>.amazonaws.com) or set SSM_AGENT_LATEST_VERSION_URL; investigations go on without it',
    /** Appended to a failed line. */
    fixSuffix: (fix: string) => ` → fix: ${fix}`,
    database: {
      subject: 'database',
      pglite: 'embedded PGlite',
      answers: (name: string, version: string) => `${name} ${version} answers`,
      repairHistory: 'repair the migration history first',
      pending: (count: number, names: string) => `${count} migration(s) not applied: ${names}`,
      applyPending:
        'start ssm-why once: it applies them at start-up under an advisory lock (or run `prisma migrate deploy`)',
      allApplied: (count: number) => `all ${count} migrations applied`,
      noAnswer: (name: string, message: string) => `${name} does not answer (${message})`,
      checkUrl:
        'check DATABASE_URL (host, port, credentials, sslmode) and that the server accepts connections from here',
      notCreatedYet: (directory: string) =>
        `no DATABASE_URL: embedded PGlite, created in ${directory} at first start (one replica only)`,
      notOpened: (directory: string, message: string) =>
        `the embedded database in ${directory} could not be opened (${message})`,
      stopApp: 'stop the running app first (PGlite allows one process), or use `/ssm-why doctor` in Slack',
    },
  },
  /** An SSO profile without a usable cached token (src/aws/sso-profile.ts). */
  sso: {
    noToken: (profile: string) =>
      `The AWS SSO session of profile ${profile} has no cached token: run \`aws sso login --profile ${profile}\`.`,
    expiredToken: (profile: string) =>
      `The AWS SSO session of profile ${profile} has an expired cached token: run \`aws sso login --profile ${profile}\`.`,
  },
};

export type WorkCatalog = typeof workEn;
