// English text of what an investigation posts in its thread: the root message, step replies, the verdict, Show output, watch and feedback (src/slack/views, src/investigation/steps).
import type { StepKey } from '../domain/facts.ts';
import type { Diagnosis, Severity } from '../domain/finding.ts';
import type { StepStatus } from '../investigation/ports.ts';

const plural = (count: number, word: string, words = `${word}s`): string => `${count} ${count === 1 ? word : words}`;
const n = (value: number) => value.toLocaleString('en-US');

/** The step titles, stored with each step (a resumed run keeps the language it started in). */
const stepTitles: Record<StepKey | 'diagnosis', string> = {
  access: 'Access',
  association: 'Association and document',
  executions: 'Execution history',
  targets: 'Execution targets',
  nodes: 'Nodes',
  'agent-version': 'SSM Agent version',
  output: 'Output',
  diagnosis: 'Diagnosis',
};

export const threadEn = {
  stepTitles,

  /** Step facts: what each step saw, label and value (values quote AWS as it wrote them). */
  facts: {
    problem: 'Problem',
    skipped: 'Skipped',
    unknown: 'unknown',
    none: 'none',
    never: 'never',
    /** `2026-11-28 10:04 UTC (3 h ago)`. */
    when: (stamp: string, age: string) => `${stamp} (${age})`,
    age: {
      justNow: 'just now',
      minutes: (m: number) => `${m} min`,
      hours: (h: number) => `${h} h`,
      days: (d: number) => `${d} d`,
      ago: (span: string) => `${span} ago`,
      in: (span: string) => `in ${span}`,
    },
    /** `8,000 Success · 2,000 Failed`. */
    count: (status: string, count: number) => `${n(count)} ${status}`,
    /** `a, b, c … (+4 more)`. */
    listMore: (shown: string, more: number) => `${shown} … (+${more} more)`,

    access: {
      where: 'Account / region',
      identity: 'Identity',
      role: 'Role',
      roleWithExternalId: (arn: string) => `${arn} (with ExternalId)`,
      ownCredentials: "the app's own credentials",
      sessionName: 'Session name (CloudTrail)',
      failed: (operation: string, code: string | undefined, message: string) =>
        `${operation} failed${code ? ` with ${code}` : ''}: ${message}`,
      usuallyMeans: 'Usually means',
    },
    association: {
      notFound: 'Not found',
      notFoundValue: (accountName: string, region: string) =>
        `DescribeAssociation: AssociationDoesNotExist in ${accountName} / ${region}`,
      notFoundGap: (associationId: string, accountName: string, accountId: string, region: string) =>
        `Association ${associationId} does not exist in ${accountName} (${accountId}) / ${region}`,
      status: 'Status',
      nodesByStatus: 'Nodes by status',
      document: 'Document',
      schedule: 'Schedule',
      scheduleValue: (expression: string | undefined, cronOnly: boolean, offsetDays: number | undefined) =>
        `${expression ?? 'none (runs once at creation)'}${cronOnly ? ' · ApplyOnlyAtCronInterval' : ''}${offsetDays ? ` · offset ${offsetDays} d` : ''}`,
      targets: 'Targets',
      legacyInstance: (instanceId: string) => `InstanceId ${instanceId} (legacy association)`,
      rateControls: 'Rate controls',
      rateControlsValue: (maxConcurrency: string | undefined, maxErrors: string | undefined) =>
        `MaxConcurrency ${maxConcurrency ?? 'default'} · MaxErrors ${maxErrors ?? 'default'}`,
      lastExecution: 'Last execution',
      lastSuccess: 'Last success',
      outputLocation: 'Output location',
      changeCalendars: 'Change calendars',
      documentProblem: 'Document problem',
      documentDetails: 'Document details',
      schema: (version: string) => `schema ${version}`,
      version: (version: string) => `version ${version}`,
      defaultVersion: (version: string) => `default ${version}`,
    },
    executions: {
      associationUnreadable: 'the association could not be read',
      executions: 'Executions',
      neverRan: 'none — the association has never run',
      schedule: 'Schedule',
      read: 'Executions read',
      readValue: (count: number) => `${count} (newest first)`,
      latest: 'Latest',
      earlierFailure: 'Earlier failure',
      lastSuccess: 'Last successful run',
      noSuccess: 'none in the history read',
    },
    targets: {
      noExecution: 'no execution to inspect',
      historyUnreadable: 'the execution history could not be read',
      latest: 'Latest execution',
      latestFailed: 'Latest failed execution',
      noTargets: (executionId: string) => `${executionId}: no targets — the targets resolved to no node`,
      total: (executionId: string, total: number, counts: string) => `${executionId}: ${n(total)} targets — ${counts}`,
      examples: (ids: string) => `e.g. ${ids}`,
    },
    nodes: {
      matchesNone: 'matches no managed node today',
      matches: (count: number, more: boolean, sample: string) =>
        `matches ${more ? `more than ${count}` : count} managed node${count === 1 ? '' : 's'}, e.g. ${sample}`,
      nothingToInspect: 'no node to inspect',
      dhmc: 'Default Host Management',
      dhmcOn: (roleName: string) => `on (${roleName})`,
      dhmcOff: 'not configured',
      dhmcUnchecked: 'not checked',
      notManaged: 'not a managed node',
      ec2: (state: string | undefined) => `EC2 ${state ?? 'state unknown'}`,
      profile: (name: string | undefined) => `profile ${name}`,
      noProfile: 'no instance profile',
      ping: (pingStatus: string | undefined, lastPing: string) =>
        `${pingStatus ?? 'ping unknown'} (last ping ${lastPing})`,
      agent: (version: string) => `agent ${version}`,
      role: (role: string) => `role ${role}`,
      noRole: 'no IAM role',
      association: (status: string, errorCode: string | undefined) =>
        `association ${status}${errorCode ? ` · ErrorCode ${errorCode}` : ''}`,
      target: (status: string) => `target ${status}`,
    },
    agentVersion: {
      latestIn: (region: string) => `Latest in ${region}`,
      couldNotCheck: (reason: string | undefined) => `could not check (${reason ?? 'unknown reason'})`,
      unknownGap: (reason: string | undefined) => `Latest SSM Agent version unknown: ${reason ?? 'unreachable'}`,
      notLatest: 'not the latest (IsLatestVersion = false)',
      latestUnknown: 'latest unknown',
      upToDate: 'up to date',
      older: 'older than the latest',
      version: (version: string, verdict: string) => `${version} — ${verdict}`,
      nodes: 'Nodes',
      noNode: 'no managed node inspected',
    },
    output: {
      nothingToRead: 'no failed target with output to read',
      noOutputSource: 'the target has no OutputSource',
      expired: 'the command invocation has expired or does not exist (Run Command keeps output for 30 days)',
      noPluginOutput: 'no plugin output found',
      label: (status: string, count: number, resourceId: string) =>
        `${status} (${n(count)} targets, e.g. ${resourceId})`,
      command: (plugin: string | undefined, details: string, exitCode: string, why: string | undefined) =>
        `${plugin ? `${plugin}: ` : ''}${details}, exit code ${exitCode}${why ? ` — ${why}` : ''}`,
      automation: (status: string, step: string | undefined, why: string | undefined) =>
        `Automation ${status}${step ? ` at step ${step}` : ''}${why ? ` — ${why}` : ''}`,
      unavailable: (reason: string | undefined) => `output unavailable: ${reason ?? 'unknown'}`,
    },
  },

  /** Why a call could not be made (FactGap messages, shown in step replies and the verdict). */
  gaps: {
    /** `roleArn` undefined: the app's own credentials made the call. */
    accessDenied: (roleArn: string | undefined, action: string) =>
      `AccessDenied: ${roleArn ? `role ${roleArn}` : "the app's own credentials"} may not call ${action}`,
    throttled: (operation: string) => `${operation} was throttled by AWS after retries`,
    timedOut: (operation: string) => `${operation} timed out`,
    failed: (operation: string, message: string) => `${operation} failed: ${message}`,
    unexpected: (operation: string) => `${operation} failed unexpectedly`,
  },

  runner: {
    accountGone: (accountName: string) => `Account ${accountName} is no longer configured`,
    notStored: (ordinal: number, title: string, reason: string) =>
      `The result of step ${ordinal} (${title}) could not be stored: ${reason}. The investigation stopped there.`,
    refusedWith: (code: string, said: string) => `the database refused it (${code}: ${said})`,
    refusedCode: (code: string) => `the database refused it (${code})`,
    refused: 'the database refused it',
    verdict: 'Verdict',
    rankedFinding: (rank: number, severity: Severity) => `#${rank} ${severity}`,
  },

  /** Shared wording of the thread's views. */
  format: {
    outcome: {
      fault: 'Fault',
      warning: 'Warning',
      healthy: 'Healthy',
      running: 'Still running',
      incomplete: 'Could not investigate',
    } satisfies Record<Diagnosis['outcome'], string>,
    /** 340 ms · 1.2 s · 2 min 5 s */
    duration: {
      ms: (ms: number) => `${ms} ms`,
      seconds: (s: string) => `${s} s`,
      minutes: (m: number) => `${m} min`,
      minutesSeconds: (m: number, s: number) => `${m} min ${s} s`,
    },
    gap: {
      anAwsAction: 'an AWS action',
      accessDenied: (action: string, message: string) => `Could not check: AccessDenied on ${action}${message}`,
      throttled: (operation: string | undefined, message: string) =>
        `Could not check${operation ? ` ${operation}` : ''}: throttled by AWS${message}`,
      unavailable: (operation: string | undefined, message: string) =>
        `Not available${operation ? ` (${operation})` : ''}${message || ' — no details'}`,
      other: (operation: string | undefined, message: string) =>
        `Could not check${operation ? ` ${operation}` : ''}${message || ': unknown error'}`,
    },
    /** The note where blocks were cut to fit Slack's limits. */
    moreNotShown: (count: number) => `… ${count} more not shown`,
    /** `_… and 3 more facts_` under a cut list. */
    more: {
      facts: (hidden: number) => `_… and ${hidden} more facts_`,
      findings: (hidden: number) => `_… and ${hidden} more findings_`,
      gaps: (hidden: number) => `_… and ${hidden} more gaps_`,
      resources: (hidden: number) => `_… and ${hidden} more resources_`,
      evidence: (hidden: number) => `_… and ${hidden} more pieces of evidence_`,
      steps: (hidden: number) => `_… and ${hidden} more steps_`,
      links: (hidden: number) => `_… and ${hidden} more links_`,
      commands: (hidden: number) => `_… and ${hidden} more commands_`,
      platforms: (hidden: number) => `_… and ${hidden} more platforms_`,
      checks: (hidden: number) => `_… and ${hidden} more checks_`,
      families: (hidden: number) => `_… and ${hidden} more families_`,
    },
  },

  reply: {
    status: {
      ok: 'OK',
      warning: 'Warning',
      failed: 'Problem found',
      skipped: 'Skipped',
      error: 'Could not complete',
    } satisfies Record<StepStatus, string>,
    title: (emoji: string, ordinal: number, total: number, title: string) =>
      `${emoji} *Step ${ordinal}/${total} — ${title}*`,
    footer: (status: string, took: string) => `${status} · took ${took}`,
    outputsNotShown: (count: number) => `${count} more outputs not shown`,
    findingsHeading: '*Findings*',
    findingCount: (count: number) => plural(count, 'finding'),
    gapCount: (count: number) => plural(count, 'gap'),
    statusSummary: (status: string) => status.toLowerCase(),
    text: (emoji: string, ordinal: number, total: number, title: string, summary: string) =>
      `${emoji} Step ${ordinal}/${total} — ${title}: ${summary}`,
  },

  root: {
    header: (finished: boolean, associationId: string) =>
      `${finished ? 'Investigated' : 'Investigating'} association ${associationId}`,
    queued: '🕓 Queued — starting shortly…',
    allDone: (total: number) => `⏳ All ${total} steps done — writing the verdict…`,
    step: (step: number, total: number, title: string | undefined) =>
      `⏳ Step ${step} of ${total}${title ? ` — ${title}…` : '…'}`,
    noFault: 'No fault found',
    seeThread: 'see the thread',
    headline: (emoji: string, label: string, headline: string) => `${emoji} *${label}: ${headline}*`,
    moreFindings: (count: number) => `_+ ${plural(count, 'more finding')}_`,
    checksNotRun: (count: number) => `_${plural(count, 'check')} could not run — see the verdict_`,
    evidenceInThread: 'Evidence and fix in the thread',
    followInThread: 'Follow the steps in the thread',
    document: (name: string) => `*Document:* ${name}`,
    account: (name: string, id: string) => `*Account:* ${name} (${id})`,
    region: (region: string) => `*Region:* ${region}`,
    byAlert: '*Triggered by:* an alert',
    requestedBy: (mention: string) => `*Requested by:* ${mention}`,
    couldNotFinish: (why: string) => `❗ *The investigation could not finish.*${why ? `\n${why}` : ''}`,
    fallbackVerdict: (emoji: string, associationId: string, headline: string) =>
      `${emoji} Association ${associationId}: ${headline}`,
    fallbackFailed: (associationId: string) => `❗ Investigation of association ${associationId} could not finish`,
    fallbackRunning: (associationId: string, step: number, total: number) =>
      `Investigating association ${associationId} — step ${step} of ${total}`,
    rerun: 'Re-run',
  },

  verdict: {
    resources: (list: string) => `\n_Resources:_ ${list}`,
    evidenceHeading: '*Evidence*',
    fix: (steps: string) => `*Fix*\n${steps}`,
    links: (links: string) => `*Links:* ${links}`,
    checkYourself: (commands: string, more: number) =>
      `*Check it yourself*\n${commands}${more > 0 ? `\n_… and ${more} more commands_` : ''}`,
    agentLogs: (lines: string) => `*Agent logs*\n${lines}`,
    headline: (emoji: string, associationId: string | undefined, label: string) =>
      `${emoji} *Verdict${associationId ? ` for association ${associationId}` : ''}: ${label}*`,
    fallbackHealthy: (emoji: string, associationId: string | undefined) =>
      `${emoji} No fault found${associationId ? ` for association ${associationId}` : ''}`,
    fallback: (emoji: string, label: string, associationId: string | undefined, title: string, more: number) =>
      `${emoji} ${label}${associationId ? ` for association ${associationId}` : ''}: ${title}${more > 0 ? ` (+ ${plural(more, 'more finding')})` : ''}`,
    otherFindings: '*Other findings*',
    healthyChecked: (checks: string) => `✅ *No fault found.* What was checked:\n${checks}`,
    checked: (checks: string) => `*Checked:*\n${checks}`,
    couldNotCheck: '*Could not check*',
    rerun: 'Re-run',
  },

  output: {
    exit: (code: number) => `(exit ${code})`,
    atStep: (step: string) => `(step ${step})`,
    outputOf: (resourceId: string) => `Output of ${resourceId}`,
    allSampled: (count: number) => `All ${count} sampled failed targets…`,
    firstOf: (shown: number, total: number) => ` (the first ${shown} of ${total})`,
    listText: (note: string) => `Show output of a failed target${note}`,
    listIntro: (note: string) =>
      `*Failed targets sampled by this investigation*${note} — the output is posted in the thread.`,
    truncated: (hidden: number) => `… (truncated: the first ${n(hidden)} characters are in the file below)\n`,
    empty: '(empty)',
    secretsMasked: (count: number) => `🔒 ${count} secret${count === 1 ? '' : 's'} masked before posting`,
    secretsChecked: '🔒 Checked for secrets before posting',
    where: (associationId: string, accountName: string, region: string, source: string) =>
      `Association ${associationId} · ${accountName} · ${region}${source}`,
    stdoutInS3: (link: string) => `• stdout in S3: ${link}`,
    stderrInS3: (link: string) => `• stderr in S3: ${link}`,
    s3Folder: (link: string) => `• S3 output folder: ${link}`,
    logGroup: (group: string) => `• CloudWatch Logs group ${group}`,
    openConsole: 'Open in the console',
    whereElse: (lines: string) => `*Where else*\n${lines}`,
    /** A start or end time in the Show output fields. */
    at: (date: Date) => date.toISOString(),
    fields: {
      status: 'Status',
      statusDetails: 'Status details',
      exitCode: 'Exit code',
      plugin: 'Plugin',
      started: 'Started',
      ended: 'Ended',
      document: 'Document',
    },
    documentSteps: (lines: string) => `*Steps of the document*\n${lines}`,
    noPlugin: 'no plugin',
    automationStep: (name: string, action: string, status: string, kind: string) =>
      `*Step ${name}*${action ? ` (${action})` : ''} — ${status}${kind ? ` · ${kind}` : ''}`,
    automationText: (title: string, status: string) => `${title}: Automation ${status}`,
    notAvailable: (reason: string) => `*The output is not available:* ${reason}`,
    executionSummary: (preview: string) =>
      `*ExecutionSummary on the node* (\`DescribeInstanceAssociationsStatus\`)\n${preview}`,
    reportedLocation: (link: string) => `• Output location reported by the node: ${link}`,
    open: 'open',
    agentLogs: (platform: string, paths: string) => `• Agent logs (${platform}): ${paths}`,
    runFolder: (folder: string) => `• The run's folder on the node (scripts, stdout, stderr): ${folder}`,
    mayStillBe: (lines: string) => `*Where the output may still be*\n${lines}`,
    unavailableText: (title: string) => `${title}: output not available`,
    fileTitle: (resourceId: string) => `Output of ${resourceId} (redacted)`,
    recentlyShown: (resourceId: string) =>
      `The output of ${resourceId} was just posted in the thread (or is on its way); try again in a minute for a fresh copy.`,
    /** `Output of i-0abc — Failed / Failed (1,234 targets with this status)`. */
    title: (resourceId: string, status: string, groupCount: number) =>
      `Output of ${resourceId} — ${status}${groupCount > 1 ? ` (${n(groupCount)} targets with this status)` : ''}`,
    /** `stdout (1,234 characters — SSM keeps only the first 24,000; …)`. */
    stream: (stream: string, length: number, limit: number | undefined) =>
      `${stream} (${n(length)} characters${limit !== undefined ? ` — SSM keeps only the first ${n(limit)}; the rest is in S3 or CloudWatch when configured` : ''})`,
    /** `aws:runShellScript — Status: Failed · status details: Failed · exit code: 1`. */
    plugin: (plugin: string | undefined, status: string, details: string | undefined, exitCode: string) =>
      `${plugin ?? 'command'} — Status: ${status}${details ? ` · status details: ${details}` : ''} · exit code: ${exitCode}`,
    /** Why a target's output could not be shown (the Show output service, in the investigation's language). */
    reasons: {
      commandExpired: (code: string) =>
        `The command invocation no longer exists (${code}): Systems Manager keeps command and automation history for 30 days, and a just-started invocation may not be visible yet`,
      automationExpired: (code: string) =>
        `The automation execution no longer exists (${code}): Systems Manager keeps command and automation history for 30 days, and a just-started invocation may not be visible yet`,
      accessDenied: (action: string | undefined) => `the role may not read it: AccessDenied on ${action ?? 'the call'}`,
      commandUnreadable: (detail: string | undefined) =>
        `The command invocation could not be read${detail ? `: ${detail}` : ''}`,
      automationUnreadable: (detail: string | undefined) =>
        `The automation execution could not be read${detail ? `: ${detail}` : ''}`,
      noPlugins: 'the invocation lists no plugins',
      noOutputSource:
        'the target has no OutputSource: the command never reached the node, so Systems Manager holds no output for it',
      statusUnreadable: (detail: string) => `; the node's association status could not be read either (${detail})`,
    },
    /** The plain-text file of a whole output (and what the CLI's --show-output prints). */
    file: {
      seconds: (s: string) => `${s} s`,
      minutesSeconds: (m: number, s: number) => `${m} min ${s} s`,
      hoursMinutes: (h: number, m: number) => `${h} h ${m} min`,
      timing: (started: string, ended: string | undefined, took: string | undefined) =>
        `Started ${started}${ended ? ` · ended ${ended}` : ''}${took ? ` (${took})` : ''}`,
      stdoutInS3: (url: string) => `stdout in S3: ${url}`,
      stderrInS3: (url: string) => `stderr in S3: ${url}`,
      s3Folder: (uri: string, consoleUrl: string) => `S3 output folder: ${uri} (${consoleUrl})`,
      logGroup: (group: string) => `CloudWatch Logs group: ${group}`,
      console: (url: string) => `Console: ${url}`,
      cli: (command: string) => `AWS CLI: ${command}`,
      context: (associationId: string, accountName: string, region: string, source: string) =>
        `Association ${associationId} · account ${accountName} · ${region}${source}`,
      redactionNote: 'Secrets are masked by ssm-why as [REDACTED:<kind>]; Slack mentions are made inert.',
      automation: (executionId: string, documentName: string | undefined, status: string) =>
        `Automation ${executionId}${documentName ? ` (${documentName})` : ''} — ${status}`,
      step: (name: string, action: string | undefined, status: string) =>
        `== Step ${name}${action ? ` (${action})` : ''} — ${status} ==`,
      stepOutput: (name: string, values: string) => `Output ${name}: ${values}`,
      notAvailable: (reason: string) => `Not available: ${reason}`,
      executionSummary: 'ExecutionSummary on the node:',
      outputUrl: (url: string) => `Output URL: ${url}`,
      whereElse: 'Where else to look:',
      agentLogs: (platform: string, paths: string) => `Agent logs (${platform}): ${paths}`,
      runFolder: (folder: string) => `Run folder on the node: ${folder}`,
    },
  },

  watch: {
    button: '🔔 Tell me when it finishes',
    started: (execution: string, hours: number) =>
      `🔔 I will reply in this thread when execution ${execution} ends (and investigate again), for up to ${plural(hours, 'hour')}.`,
    already: (who: string, execution: string) =>
      `🔔 ${who} already asked: one reply in this thread when execution ${execution} ends.`,
    verified: (execution: string, success: number, total: number, who: string) =>
      `✅ *Finished:* execution ${execution} succeeded on ${success}/${total} targets. ${who} A fresh investigation follows.`,
    stillFailing: (execution: string, status: string, failing: number, total: number, who: string) =>
      `🔴 *Finished:* execution ${execution} ended ${status} — ${failing}/${total} targets not Success. ${who} A fresh investigation follows.`,
    gaveUp: (execution: string, polls: number, who: string) =>
      `⏱️ *Still running:* execution ${execution} had not ended after ${plural(polls, 'check')}; I stopped watching. ${who}`,
  },

  feedback: {
    right: '👍 Right',
    wrong: '👎 Wrong',
    modalTitle: 'Was this right?',
    send: 'Send',
    skip: 'Skip',
    modalIntro: 'Thanks — your 👎 is recorded. If you know, what was it really? (optional)',
    noteLabel: 'What was it really?',
    notePlaceholder: 'e.g. the proxy, not the repository',
    thanksUp: '👍 Thanks — recorded.',
    thanksDown: '👎 Thanks — recorded. It helps us fix the verdicts.',
    statsScope: (accounts: string) => `accounts ${accounts}`,
    statsNoAccount: 'no account (none is allowed in this channel)',
    statsHead: (days: number, scope: string) => `📊 *Verdicts, last ${days} days* — ${scope}`,
    statsNone: (days: number) => `No investigations in the last ${days} days.`,
    noVerdictYet: 'no verdict yet',
    statsSummary: (investigations: number, verdicts: number, median: string) =>
      `${plural(investigations, 'investigation')}, ${plural(verdicts, 'verdict')}; median time to verdict *${median}*`,
    statsFamily: (family: string, investigations: number, up: number, down: number) =>
      `• *${family}*: ${plural(investigations, 'investigation')} — 👍 ${up} · 👎 ${down}`,
    statsText: (days: number, investigations: number, median: string) =>
      `Verdicts, last ${days} days: ${plural(investigations, 'investigation')}, median time to verdict ${median}`,
    byFamily: '*By cause family*',
    votesNote: '👍/👎 are the "Was this right?" votes on each verdict.',
  },
};

export type ThreadCatalog = typeof threadEn;
