// English text of the command-line tools (src/cli).

/** 340 ms · 1.2 s · 2 min 5 s (a terminal shows the seconds even on the minute). */
const duration = (ms: number): string => {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
};

/** ` — <message>` after a gap, or nothing. */
const tail = (message: string | undefined) => (message ? ` — ${message}` : '');

export const cliEn = {
  usageTitle: 'Usage',
  usage:
    'usage: npm run investigate -- <association-id | ARN | console URL> [--account <name|id>] [--region <region>] [--show-output] [--lang en|ja]',
  help: [
    'Investigates an AWS Systems Manager State Manager association, as /ssm-why does in Slack, and prints each step',
    'and the diagnosis. Without --account/--region every configured account and region is searched.',
    'Output language: --lang en|ja, else LANG (e.g. LANG=ja_JP.UTF-8); English by default.',
    'Exit code: 0 healthy or warnings only, 1 fault found, 2 usage, configuration or AWS access problem.',
  ].join('\n'),
  badLang: (value: string) => `--lang takes en or ja, not "${value}".`,
  notFound: (id: string, places: string) => `Association ${id} was not found in: ${places}`,
  couldNotSearch: (id: string) => `Could not search for association ${id}`,
  couldNotLookIn: (problems: string) => `Could not look in: ${problems}`,
  ambiguous: (id: string, places: string) =>
    `Association ${id} exists in several places; pass --account and --region: ${places}`,
  noOutputSample: 'No output sample: no failed target with output to read.',
  investigating: (id: string) => `Investigating association ${id}`,
  document: (name: string) => `document ${name}`,
  account: (name: string, id: string) => `account ${name} (${id})`,
  region: (region: string) => `region ${region}`,
  duration,
  step: (ordinal: number, total: number, title: string) => `Step ${ordinal}/${total} — ${title}`,
  moreFacts: (n: number) => `… and ${n} more facts`,
  moreEvidence: (n: number) => `… and ${n} more`,
  moreFindings: (n: number) => `… and ${n} more findings`,
  severity: { critical: 'critical', error: 'error', warning: 'warning', info: 'info' },
  outcome: {
    fault: 'Fault',
    warning: 'Warning',
    healthy: 'Healthy',
    running: 'Still running',
    incomplete: 'Could not investigate',
  },
  verdict: (outcome: string) => `Verdict: ${outcome}`,
  evidence: 'Evidence:',
  resources: (list: string) => `Resources: ${list}`,
  fix: 'Fix:',
  links: 'Links:',
  checkYourself: 'Check it yourself:',
  agentLogs: 'Agent logs:',
  otherFindings: 'Other findings:',
  noFault: 'No fault found.',
  checked: 'Checked:',
  couldNotCheck: 'Could not check:',
  gap: {
    accessDenied: (action: string, message?: string) => `Could not check: AccessDenied on ${action}${tail(message)}`,
    anAwsAction: 'an AWS action',
    throttled: (operation?: string, message?: string) =>
      `Could not check${operation ? ` ${operation}` : ''}: throttled by AWS${tail(message)}`,
    unavailable: (operation?: string, message?: string) =>
      `Not available${operation ? ` (${operation})` : ''}${tail(message)}`,
    failed: (operation?: string, message?: string) =>
      `Could not check${operation ? ` ${operation}` : ''}${message ? tail(message) : ': unknown error'}`,
  },
  doctor: {
    allPassed: (checks: number) => `all ${checks} checks passed`,
    someFailed: (failed: number, checks: number) => `${failed} of ${checks} checks failed`,
  },
};

export type CliCatalog = typeof cliEn;
