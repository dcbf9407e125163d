// English text of everything the bot says from its Slack commands and buttons (src/slack): acks, refusals,
// errors, the command's problems, the language setting.

import type { Lang } from './index.ts';

const LANG_NAMES: Record<Lang, string> = { en: 'English', ja: 'Japanese' };
type LangName = Lang;

export const slackEn = {
  buttons: {
    rerun: 'Re-run',
  },

  /** What could not be understood in `/ssm-why …` (values are already clipped and escaped by the parser). */
  problems: {
    noArguments: (verb: string) => `\`${verb}\` takes no arguments.`,
    historyArguments: '`history` takes at most one association id.',
    notAnAssociationId: (token: string, example: string) =>
      `\`${token}\` is not a valid association id. Expected the form \`${example}\`.`,
    unknownSubcommand: (token: string) => `Unknown subcommand \`${token}\`.`,
    unexpectedOption: (token: string) =>
      `Unexpected \`${token}\`. Options are \`account <name|id>\`, \`region <region>\` and \`lang <en|ja>\`.`,
    unexpectedFailingOption: (token: string) =>
      `Unexpected \`${token}\`. \`failing\` takes \`account <name|id>\` and \`region <region>\`.`,
    needsValue: (flag: string) => `\`${flag}\` needs a value.`,
    givenTwice: (flag: string) => `\`${flag}\` is given twice.`,
    notARegion: (value: string) => `\`${value}\` is not an AWS region (e.g. eu-west-1).`,
    notALang: (value: string) => `\`${value}\` is not a language ssm-why speaks: use \`en\` or \`ja\`.`,
    notALangSetting: (value: string) => `\`${value}\` is not a language setting: use \`en\`, \`ja\` or \`auto\`.`,
    langArguments: '`lang` takes one of `en`, `ja` or `auto` (or nothing, to show the setting).',
    /** `subscribe` / `unsubscribe` / `subscriptions` (src/slack/parse-subscription.ts). */
    subscriptions: {
      listTakesNothing: '`subscriptions` takes no options: it lists this channel’s subscriptions.',
      unsubscribeTakesOne: '`unsubscribe` takes one subscription id (see `subscriptions`) or `all`.',
      notAnId: (token: string) =>
        `\`${token}\` is not a subscription id. \`subscriptions\` lists them (e.g. \`3f9a0c1e\`).`,
      unexpected: (token: string) =>
        `Unexpected \`${token}\`. Usage: \`subscribe [account <name|id>] [region <region>] [association <id> | document <name> | name <glob>]\`.`,
      chooseOne: 'Choose one of `association`, `document` or `name` (subscribe again for another).',
      notAnAccount: (value: string) => `\`${value}\` is not an account name or id.`,
      otherRegion: (region: string, other: string) => `The association is in region ${region}, not ${other}.`,
      notAnAssociationId: (value: string) => `\`${value}\` is not a valid association id.`,
      notADocument: (value: string) => `\`${value}\` is not an SSM document name.`,
      notANamePattern: (value: string) =>
        `\`${value}\` is not an association name pattern (letters, digits, \`_-.\`, and \`*\` or \`?\`).`,
    },
  },

  command: {
    statsDisabled: 'Stats are not enabled here.',
    fleetDisabled: 'The fleet view is not enabled in this app.',
    subscriptionsDisabled: 'Alert subscriptions are not enabled in this app.',
    anyAccount: 'any configured account',
    lookingIn: (associationId: string, pairs: number) =>
      `Looking for ${associationId} in ${pairs} account/region pairs…`,
    couldNotStart: 'Sorry — the investigation could not be started. Please try again.',
    unknownAccount: (account: string) => `Unknown account \`${account}\`.`,
    gaveUp: (associationId: string, attempts: number, reason: string) =>
      `Sorry — the investigation of ${associationId} failed ${attempts} times and was given up (${reason}).`,
    scanFailed: 'Sorry — the scan failed. Please try again.',
    didNotWork: 'Sorry — that did not work. Please try again.',
    subscriptionAmbiguous: (target: string, matches: number) =>
      `\`${target}\` matches ${matches} subscriptions: use the full id.`,
    noSuchSubscription: (target: string) =>
      `This channel has no subscription \`${target}\`. \`/ssm-why subscriptions\` lists them.`,
  },

  /** The Slack lines of the setup checks (`/ssm-why doctor`, `npm run doctor`). */
  doctor: {
    authFailed: (code: string) => `auth.test failed (${code})`,
    tokenRevokedFix:
      'SLACK_BOT_TOKEN is wrong or revoked: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
    egressFix: 'check egress to slack.com (or SLACK_API_URL)',
    identity: (bot: string, team: string, url: string) => `bot ${bot} in workspace ${team} (${url})`,
    noScopes: 'Slack did not report the token’s scopes',
    noScopesFix: 'use a bot token (xoxb-…), not a user or app-level token',
    scopesGranted: (scopes: readonly string[]) => `scopes ${scopes.join(', ')} granted`,
    scopesMissing: (scopes: readonly string[]) => `missing scopes: ${scopes.join(', ')}`,
    scopesMissingFix: 'add them under OAuth & Permissions (or update the app from manifest.yml) and reinstall the app',
  },

  buttonsAnswer: {
    choiceExpired: 'That choice is no longer valid. Run the command again.',
    buttonExpired: 'That button is no longer valid.',
    targetGone: 'That target is not part of the investigation any more.',
    uploadFailed: (resourceId: string, code: string | undefined) =>
      `The full output of ${resourceId} could not be uploaded${code ? ` (${code})` : ''}.`,
    postFailed: (resourceId: string, code: string | undefined) =>
      `Could not post the output of ${resourceId}${code ? ` (${code})` : ''}. Try again.`,
    noFailedTarget: 'This investigation sampled no failed target.',
    runNowUnavailable: 'Run now is not available for this verdict.',
  },

  /** A place that could not be searched: the call that failed. */
  assumeRoleInto: (roleArn: string | undefined) =>
    roleArn ? `AssumeRole into ${roleArn}` : 'AssumeRole into its role',

  /** `/ssm-why lang …`, answered in the language it sets. */
  lang: {
    name: (lang: LangName) => LANG_NAMES[lang],
    set: (lang: LangName) =>
      `This channel now speaks ${LANG_NAMES[lang]}: investigations, alerts and digests posted here are in ${LANG_NAMES[lang]}. Messages only you see follow your Slack language. \`/ssm-why lang auto\` undoes it.`,
    auto: 'This channel has no language of its own now: each investigation speaks the language of the person who started it (alerts are in English), and messages only you see follow your Slack language.',
    current: (lang: LangName, setBy: string) =>
      `This channel speaks ${LANG_NAMES[lang]} (set by <@${setBy}>). \`/ssm-why lang en|ja|auto\` changes it; \`lang ja\` in a command chooses for that command only.`,
    currentAuto:
      'This channel has no language setting: each investigation speaks the language of the person who started it, alerts are in English. `/ssm-why lang en|ja` sets one; `lang ja` in a command chooses for that command only.',
    notInDm:
      'A direct message has no channel language: ssm-why speaks your Slack language here. Add `lang en` or `lang ja` to a command to choose for that command.',
  },
};

export type SlackCatalog = typeof slackEn;
