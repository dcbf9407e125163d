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
};

export type WorkCatalog = typeof workEn;
