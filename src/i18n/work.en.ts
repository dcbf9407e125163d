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
};

export type WorkCatalog = typeof workEn;
