// English text of the bot's panels: alerts and digests, the fleet view, App Home, history, subscriptions, doctor, Run now and usage (src/slack/views).
// Parameters are already formatted for Slack (escaped values, inline code, `<!date^…>` tokens, mentions): an entry
// only places them in its sentence.

const plural = (count: number, noun: string, pluralNoun = `${noun}s`): string =>
  `${count} ${count === 1 ? noun : pluralNoun}`;

/** 340 ms · 1.2 s · 2 min 5 s */
const durationMs = (ms: number): string => {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
};

/** A place: `prod / eu-west-1`. */
type Place = string;

export const panelsEn = {
  durationMs,
  /** "3 min ago", "2 h ago", "4 d ago" (seconds-precise, unlike words.since). */
  age: (then: Date, now: Date): string => {
    const seconds = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1_000));
    if (seconds < 5) return 'just now';
    if (seconds < 90) return `${seconds} s ago`;
    if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
    if (seconds < 36 * 3_600) return `${Math.round(seconds / 3_600)} h ago`;
    return `${Math.round(seconds / 86_400)} d ago`;
  },
  /** The line that stands for the lines that did not fit. */
  more: {
    alerts: (n: number) => `_… and ${n} more alerts_`,
    pairs: (n: number) => `_… and ${n} more pairs_`,
    groups: (n: number) => `_… and ${n} more groups_`,
    investigations: (n: number) => `_… and ${n} more investigations_`,
    subscriptions: (n: number) => `_… and ${n} more subscriptions_`,
    locations: (n: number) => `_… and ${n} more locations_`,
    places: (n: number) => `_… and ${n} more places_`,
    accounts: (n: number) => `_… and ${n} more accounts_`,
  },

  alert: {
    recoveredHeadline: (name: string) => `Recovered: ${name}`,
    pendingHeadline: (duration: string, name: string) => `Association pending for over ${duration}: ${name}`,
    failedHeadline: (name: string) => `Association failed: ${name}`,
    /** `at`: a reader-local date token. */
    recoveredLine: (at: string, status: string, lasted: string) =>
      `✅ *Recovered at ${at}* — ${status} again after ${lasted}.`,
    investigateAgain: 'Investigate again',
    investigate: 'Investigate',
    mute: 'Mute 24 h',
    /** `at`: a plain date (words.dateTime) — notifications show no tokens. */
    recoveredFallback: (id: string, name: string | undefined, at: string, place: Place) =>
      `✅ Association ${id}${name ? ` (${name})` : ''} recovered at ${at} in ${place}`,
    openFallback: (emoji: string, id: string, name: string | undefined, status: string, place: Place) =>
      `${emoji} Association ${id}${name ? ` (${name})` : ''} is ${status} in ${place}`,
    fields: {
      association: 'Association',
      document: 'Document',
      account: 'Account',
      region: 'Region',
      status: 'Status',
      targets: 'Targets',
    },
    opened: (at: string, investigating: boolean) =>
      `Alert opened ${at}${investigating ? ' · the investigation is running in the thread ↓' : ''}`,
    noDocument: 'no document',
    statusLine: (status: string, targets: string) => `*Status:* ${status} · *Targets:* ${targets}`,
    investigatingHere: '_Investigating in this thread._',
    muted: (id: string, until: string) =>
      `🔕 No new alerts about ${id} in this channel until ${until}. Open alerts still say when it recovers.`,
    muteNote: (user: string, until: string) => `🔕 Muted by ${user} until ${until}.`,
  },

  digest: {
    allRecoveredTitle: (alerts: number) => `✅ ${plural(alerts, 'association alert')} — all recovered`,
    failingTitle: (open: number) => `🔥 ${plural(open, 'association')} failing in this channel`,
    summary: (alerts: number, since: string, open: number, recovered: number) =>
      `*${plural(alerts, 'alert')}* since ${since}: ${open} open, ${recovered} recovered. Grouped into one message so a storm does not flood the channel.`,
    /** `threaded`: how many have a reply, when not all of them do. */
    note: (threaded: number | undefined) =>
      `One reply per association in the thread ↓ with *Investigate* and *Mute 24 h* buttons.${threaded !== undefined ? ` The first ${threaded} have a reply there; the rest are listed here only.` : ''}`,
  },

  fleet: {
    otherPlaces: (places: string, more: number) => `${places}${more > 0 ? ` and ${more} more` : ''}`,
    oldestSince: (at: string, age: string) => ` · oldest since ${at} (${age})`,
    example: (id: string, name: string | undefined, place: Place) =>
      `Example: ${id}${name ? ` (${name})` : ''} in ${place}`,
    fromPoller: (pairs: number, oldest: string) =>
      `${plural(pairs, 'account/region pair')} from the alert poller (oldest poll ${oldest})`,
    scanned: (pairs: number, age: string, calls: number) =>
      `${plural(pairs, 'pair')} scanned ${age} (${plural(calls, 'ListAssociations call')})`,
    truncated: (place: Place) => `⚠️ ${place}: the listing stopped at its call budget — more may be failing`,
    notScanned: (place: Place, reason: string) => `❗ ${place}: not scanned — ${reason}`,
    unknownError: 'error',
    scanFailed: 'the scan failed',
    noData: (place: Place) => `${place}: no data yet`,
    scanning: (pairs: number) =>
      `🔎 Scanning ${plural(pairs, 'account/region pair')} for Failed and Pending associations…`,
    /** `scope`: what the command narrowed the view to, if anything. */
    noneHeading: (pairs: number, scope: string | undefined) =>
      `✅ *No Failed or Pending associations* in ${plural(pairs, 'account/region pair')}${scope ? ` (${scope})` : ''}.`,
    heading: (failing: number, groups: number, pairs: number, scope: string | undefined) =>
      `*${plural(failing, 'failing association')}* in ${plural(groups, 'group')}, ${plural(pairs, 'account/region pair')}${scope ? ` (${scope})` : ''} — largest group first`,
    investigate: 'Investigate',
    /** What the command narrowed the view to: `account prod, region eu-west-1`. */
    scope: (account: string | undefined, region: string | undefined) =>
      [account && `account ${account}`, region && `region ${region}`].filter(Boolean).join(', '),
    moreGroups: (groups: number, associations: number) =>
      `… and ${plural(groups, 'more group')} (${plural(associations, 'association')})`,
    asOf: (at: string, freshness: string) => `As of ${at}: ${freshness}`,
    /** Why a fleet view has nothing to cover (raw text: the view escapes it). */
    noAccountInRegion: (region: string) => `No account this channel may use is configured in ${region}.`,
    noUsableAccount: 'This channel may not use any configured account.',
    noneText: 'No Failed or Pending associations',
    text: (failing: number, groups: number) =>
      `${plural(failing, 'failing association')} in ${plural(groups, 'group')}`,
  },

  home: {
    title: 'ssm-why — fleet health',
    couldNotRead: (code: string) => `could not read: ${code}`,
    noData: 'no data yet',
    polled: (age: string) => `polled ${age}`,
    scanned: (age: string) => `scanned ${age}`,
    lastPoll: (age: string) => `last poll ${age}`,
    counts: (failed: string, pending: string, total: string | undefined) =>
      `${failed} Failed · ${pending} Pending · ${total !== undefined ? `${total} total` : 'total unknown'}`,
    cut: '⚠️ listing cut at its call budget',
    summary: (p: {
      accounts: number;
      pairs: number;
      failing: string;
      healthy: string;
      noData: string;
      unreadable?: string;
      at: string;
    }) =>
      `${plural(p.accounts, 'account')} your channels may use, ${plural(p.pairs, 'account/region pair')}: ${p.failing} with Failed/Pending associations, ${p.healthy} clear, ${p.noData} with no data yet${p.unreadable !== undefined ? `, ${p.unreadable} could not be read` : ''}. As of ${p.at}; counts come from the alert poller or the last \`/ssm-why failing\` — run it for a fresh scan.`,
    morePairsFailing: (hidden: number, failing: string, failed: string, pending: string) =>
      `… and ${plural(hidden, 'more pair')}: ${failing} of them with ${failed} Failed and ${pending} Pending, the rest clear or not yet scanned`,
    morePairsClear: (hidden: number) => `… and ${plural(hidden, 'more pair')}, all clear or not yet scanned`,
    groupsTitle: '*Top failure groups*',
    noGroups: 'No failing associations known.',
    since: (at: string) => ` · since ${at}`,
    moreGroups: (groups: number) => `_… and ${plural(groups, 'more group')}_`,
    recentTitle: '*Your recent investigations*',
    noRecent: 'None yet. Try `/ssm-why <association-id>` in a channel.',
  },

  history: {
    thread: 'thread',
    inChannel: (channel: string) => `in ${channel}`,
    status: { queued: 'queued', running: 'running', done: 'done', failed: 'failed' },
    /** `id`: the association's inline code, when the list is filtered on one. */
    empty: (id: string | undefined) => `No investigations${id ? ` of association ${id}` : ''} yet in this channel.`,
    heading: (id: string | undefined, count: number) =>
      `*Recent investigations${id ? ` of association ${id}` : ''}* (${plural(count, 'investigation')})`,
    text: (id: string | undefined, count: number) =>
      `${plural(count, 'recent investigation')}${id ? ` of association ${id}` : ''}`,
  },

  subscriptions: {
    association: (id: string) => `association ${id}`,
    document: (name: string) => `associations of document ${name}`,
    named: (pattern: string) => `associations named ${pattern}`,
    everyAssociation: 'every association',
    account: (name: string, id: string) => `account ${name} (${id})`,
    everyAccount: 'every account this channel may use',
    region: (region: string) => `region ${region}`,
    configuredRegions: 'its configured regions',
    filter: (what: string, account: string, region: string) => `${what} in ${account}, ${region}`,
    subscribed: (filter: string, id: string) =>
      `🔔 This channel is now subscribed to failure alerts for ${filter} (subscription ${id}).`,
    alreadySubscribed: (filter: string, id: string) =>
      `🔔 This channel was already subscribed to ${filter} (subscription ${id}): nothing changed.`,
    watching: (coverage: string) => `Watching ${coverage || 'nothing yet'}.`,
    howItWorks: (interval: string, pending: string) =>
      `Checked every ${interval}: a change to *Failed*, or *Pending* for over ${pending}, posts an alert here with the investigation in its thread; it turns green when it recovers.`,
    subscribedHint: '`/ssm-why subscriptions` lists them; `/ssm-why unsubscribe <id|all>` stops them.',
    none: 'This channel has no alert subscriptions. Start with `/ssm-why subscribe`.',
    line: (id: string, filter: string, by: string, at: string) => `• ${id} ${filter} — by ${by}, ${at}`,
    listHeading: (count: number) => `*Alert subscriptions of this channel* (${plural(count, 'subscription')})`,
    listText: (count: number) => `${plural(count, 'alert subscription')} in this channel`,
    listHint: '`/ssm-why unsubscribe <id>` removes one; `/ssm-why unsubscribe all` removes them all.',
    hadNone: 'This channel had no alert subscriptions.',
    nothingToRemove: 'Nothing to remove.',
    removed: (count: number) => `🔕 Removed ${plural(count, 'subscription')} from this channel.`,
    removedHint: 'Alerts already open still say when they recover.',
    /** Why a subscription was refused (raw text: the view escapes it). */
    unknownAccount: (account: string, known: string) =>
      `No account named \`${account}\` is configured. Known: ${known}.`,
    mayNotUse: (account: string) => `This channel may not use account ${account}.`,
    noUsableAccount: 'This channel is not allowed to use any configured account.',
    regionNotConfigured: (region: string, accounts: string, configured: string) =>
      `Region ${region} is not configured for ${accounts} (configured: ${configured}).`,
  },

  doctor: {
    running: (accounts: number) =>
      `Checking the setup (Slack, database, ${accounts} AWS account${accounts === 1 ? '' : 's'})…`,
    noAccount: 'No AWS account is open to this channel, so there is no setup to check here.',
    allPassed: (checks: number) => `✅ All ${checks} setup checks passed.`,
    someFailed: (failed: number, checks: number) => `❌ ${failed} of ${checks} setup checks failed.`,
  },

  runNow: {
    button: '▶️ Run now',
    question: (id: string) => `Run association ${id} once now?`,
    account: (name: string, id: string) => `*Account:* ${name} (${id})`,
    region: (region: string) => `*Region:* ${region}`,
    targets: (targets: number | undefined) =>
      `*Targets:* ${targets !== undefined ? plural(targets, 'target') : 'its targets (count unknown)'}`,
    how: (role: string) =>
      `Calls \`ssm:StartAssociationsOnce\` under ${role}, as you (CloudTrail session \`ssm-why-<your user id>\`). Only the account's remediators may confirm; it is recorded in the audit log. The thread then follows the new execution and says how it ended.`,
    title: 'Run now?',
    submit: 'Run now',
    close: 'Cancel',
    started: (user: string, id: string, role: string) =>
      `▶️ ${user} ran association ${id} now (\`StartAssociationsOnce\` under ${role}). Following the new execution — one update here when it ends.`,
    failed: (reason: string) => `❗ Run now failed: ${reason}`,
    refused: (account: string) => `🔒 Only the remediators of account ${account} may run it now. This was recorded.`,
    already: (user: string, at: string) => `This verdict was already run by ${user} at ${at}; it is not run twice.`,
    verified: (success: number, total: number, user: string) =>
      `✅ *Verified:* ${success}/${total} targets Success after Run now by ${user}.`,
    /** `note` is one of the cause notes below. */
    stillFailing: (failing: number, total: number, status: string, note: string) =>
      `🔴 *Still failing:* ${failing}/${total} targets not Success (execution ${status})${note}`,
    causePending: '. A new investigation follows in this thread.',
    causeSame: (title: string) => ` — *same cause:* ${title} (the new verdict is in this thread).`,
    causeDifferent: (title: string, before: string | undefined) =>
      ` — *a different cause now:* ${title}${before ? ` (was: ${before})` : ''}. The new verdict is in this thread.`,
    causeNone: ' — the new verdict in this thread names no cause to compare.',
    notVerified: (checks: number) =>
      `⏱️ *Not verified:* no finished execution after ${plural(checks, 'check')}. Look at the association's execution history.`,
    rootVerified: (id: string, place: Place, success: number, total: number, user: string) =>
      `✅ *Verified:* association ${id} in ${place} — ${success}/${total} targets Success after Run now by ${user}.`,
    rootVerifiedText: (id: string) => `Verified: ${id}`,
    status: {
      starting: '⏳ starting',
      started: '⏳ verifying',
      failed: '❗ call failed',
      verified: '✅ verified',
      'still-failing': '🔴 still failing',
      'timed-out': '⏱️ not verified',
    },
    historyTitle: '*Run now (remediations)*',
    historyLine: (at: string, user: string, id: string, place: Place, role: string, status: string) =>
      `▶️ ${at} · ${user} ran ${id} (StartAssociationsOnce) in ${place} as ${role} · *${status}*`,
  },

  usage: {
    problem: (problem: string, example: string) => `⚠️ ${problem}\nAn association id looks like \`${example}\`.`,
    investigate: (cmd: string, example: string) =>
      [
        `*Investigate an association*`,
        `\`${cmd} <association-id> [account <name|id>] [region <region>]\``,
        `Also \`--account <name|id>\` and \`--region <region>\`. The id may be pasted as a console URL or an association ARN.`,
        `e.g. \`${cmd} ${example} account prod region eu-west-1\``,
      ].join('\n'),
    commands: (cmd: string) =>
      [
        `*Other commands*`,
        `• \`${cmd} history [<association-id>]\` — recent investigations and remediations in this channel`,
        `• \`${cmd} stats\` — verdicts of this channel's accounts over 30 days: causes, 👍/👎, median time to verdict`,
        `• \`${cmd} failing [account <name|id>] [region <region>]\` — every Failed or Pending association this channel may see, grouped by cause`,
        `• \`${cmd} doctor\` — check the setup for the accounts this channel may use (only you see the answer)`,
        `• \`${cmd} lang [en|ja|auto]\` — show or set this channel's language; add \`lang en\` or \`lang ja\` to any command to choose for that command`,
        `• \`${cmd} help\` — this message`,
      ].join('\n'),
    alerts: (cmd: string) =>
      [
        `*Failure alerts in this channel*`,
        `• \`${cmd} subscribe [account <name|id>] [region <region>] [association <id> | document <name> | name <glob>]\` — alert here when an association fails (or stays Pending), with the investigation in the alert's thread`,
        `• \`${cmd} subscriptions\` — this channel's subscriptions`,
        `• \`${cmd} unsubscribe <id|all>\` — stop them`,
      ].join('\n'),
    readOnly:
      'Read-only: ssm-why looks at the association, its executions, targets, nodes and output; it changes nothing.',
    problemText: (problem: string, cmd: string) =>
      `${problem} — usage: ${cmd} <association-id> [account <name|id>] [region <region>]`,
    text: (cmd: string) =>
      `Usage: ${cmd} <association-id> [account <name|id>] [region <region>] · ${cmd} history · ${cmd} help`,
  },

  errors: {
    lookFailed: (place: Place, call: string, code: string, meaning: string | undefined) =>
      `• ${place}: ${call} failed with ${code}${meaning ? ` — ${meaning}` : ''}`,
    couldNotLookIn: (places: string) => `⚠️ *Could not look in:*\n${places}`,
    couldNotSearchText: (id: string, failures: string) => `Could not search for association ${id}: ${failures}.`,
    couldNotSearch: (id: string) =>
      `⚠️ Could not search for association ${id}: the search failed everywhere it could look, so it may well exist there.`,
    noAccount: 'no account',
    hints: [
      '• *Wrong id?* Copy it from Systems Manager → State Manager (the Association ID column), e.g. `8dfe3659-4309-493a-8755-0123456789ab`.',
      '• *Another region?* Add `region <region>`, e.g. `/ssm-why <association-id> region us-west-2`.',
      '• *Another account?* Add `account <name|id>`; only accounts this channel may use are searched.',
    ].join('\n'),
    notFoundText: (id: string, where: string) => `Association ${id} was not found in: ${where}.`,
    notFound: (id: string, where: string) => `🔍 Association ${id} was not found in: ${where}.`,
    status: (status: string) => `status ${status}`,
    ambiguous: (id: string) => `Association ${id} exists in more than one place. Which one should I investigate?`,
    ambiguousText: (id: string, places: number) => `Association ${id} exists in ${places} places — pick one.`,
    unauthorized: (account: string) => `🔒 This channel is not allowed to use account ${account}.`,
    unauthorizedHint:
      'Ask an ssm-why admin to allow this channel for the account, or run the command in a channel that is allowed.',
    notMember: (bot: string) =>
      `I'm not a member of this channel. Invite @${bot} with \`/invite @${bot}\`, or run it in a public channel.`,
    cannotSee: (bot: string) =>
      `I can't see this channel (private or a DM). Invite @${bot} with \`/invite @${bot}\`, or run it in a public channel.`,
    followThread: 'follow the thread',
    queued: (id: string, place: Place, follow: string) => `🔎 Investigating ${id} in ${place} — ${follow}.`,
    gone: { investigation: 'That investigation no longer exists.', alert: 'That alert no longer exists.' },
    accountGone: (id: string) => `Account ${id} is no longer configured.`,
    otherChannel: {
      investigation: 'That investigation belongs to another channel: use its buttons there.',
      alert: 'That alert belongs to another channel: use its buttons there.',
    },
    alreadyStarted: {
      rerun: 'A re-run was just started (a second click within seconds does nothing).',
      investigation: 'This investigation was just started (a second click within seconds does nothing).',
    },
  },
};

export type PanelsCatalog = typeof panelsEn;
