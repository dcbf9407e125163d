// English text of the findings and the verdict (src/domain). AWS field names and values stay as AWS wrote them.
// An entry is a whole sentence: a string, or a function of typed parameters that returns one.
import type { RunLimitReason } from '../domain/recency.ts';

const s = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

export const findingsEn = {
  verdict: {
    healthyTitle: 'Healthy',
    /** The one-line summary of the verdict. `more`: other findings; `unseen`: things that could not be checked. */
    couldNotInvestigate: (calls: string) => `Could not investigate: ${calls}`,
    rootCause: (title: string, more: number, unseen: number) =>
      `Root cause: ${title}${moreText(more)}${unseenText(unseen)}`,
    warning: (title: string, more: number, unseen: number) => `Warning: ${title}${moreText(more)}${unseenText(unseen)}`,
    stillRunning: (progress: string, unseen: number) => `Still running — ${progress}${unseenText(unseen)}.`,
    recovered: (at: string | undefined, earlier: string | undefined, unseen: number) =>
      `Recovered${at ? ` at ${at}` : ''}: the newest execution succeeded on all its targets; the failure of ${earlier ?? 'an earlier execution'} is history${unseenText(unseen)}.`,
    noProblem: (scope: string, unseen: number, note: string | undefined) =>
      `No problem found: ${scope}${unseenText(unseen)}.${note ? ` Note: ${note}.` : ''}`,
    /** `started 4 min ago, 3 of 10 targets done`. */
    progress: (started: string | undefined, done: number, total: number) =>
      `${started ? `started ${started} ago` : 'start time unknown'}${total > 0 ? `, ${done} of ${total} targets done` : ''}`,
    /** The healthy summary's scope: what was read. */
    scope: {
      association: 'the association',
      document: 'its document',
      executions: (n: number) => s(n, 'execution'),
      nodes: (n: number) => s(n, 'node'),
      agentVersion: 'the agent version',
      failedOutput: 'the failed output',
      checked: (parts: readonly string[]) =>
        parts.length === 1 ? `checked ${parts[0]}` : `checked ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`,
      nothing: 'nothing could be read',
    },
    /** `DescribeAssociation (throttled: Rate exceeded)`. */
    failedCall: (operation: string, kind: string, code: string | undefined, message: string | undefined) =>
      `${operation} (${kind.replace('-', ' ')}${code ? `, ${code}` : ''}${message ? `: ${message}` : ''})`,
    failedCalls: (calls: readonly string[], meaning: string) => `${calls.join('; ')}.${meaning ? ` ${meaning}` : ''}`,
    noCallsFailed: 'the association and its executions could not be read',
    checkWithoutEvidence: (check: string, finding: string) => `Check ${check} returned ${finding} without evidence`,
    checkFailed: (check: string, message: string) => `Check ${check} failed: ${message}`,
  },
  /** What the investigation looked at, in plain words. */
  checked: {
    account: (name: string, id: string, region: string, arn: string) =>
      `Read account ${name} (${id}) in ${region} as ${arn}`,
    association: (p: { name: string; document: string; status?: string; schedule?: string; targets?: string }) =>
      `Association ${p.name}: document ${p.document}, status ${p.status ?? 'unknown'}, schedule ${p.schedule ?? 'none'}, targets ${p.targets ?? 'none'}`,
    document: (p: { name: string; version?: string; type?: string; status?: string; platforms?: string }) =>
      `Document ${p.name}${p.version ? ` version ${p.version}` : ''}: ${p.type ?? 'type unknown'}, status ${p.status ?? 'unknown'}, platforms ${p.platforms ?? 'unknown'}`,
    documentUnreadable: (name: string, code: string | undefined) =>
      `Document ${name}: could not be described (${code})`,
    executions: (n: number, newestStatus: string, counts: string | undefined) =>
      `${s(n, 'recent execution')}; the newest is ${newestStatus}${counts ? ` ${counts}` : ''}`,
    noExecutions: 'Execution history: no executions',
    targets: (which: 'newest' | 'newest failed', total: number, groups: string, partial: boolean) =>
      `Targets of the ${which} execution: ${total}${groups ? ` (${groups})` : ''}${partial ? ', non-successful only' : ''}`,
    nodes: (n: number) =>
      `${s(n, 'node')}: managed-node record, ping status, agent version and per-node association status`,
    ec2: (n: number) => `EC2 state, instance profile and IMDS settings of ${s(n, 'node')}`,
    dhmc: (role: string | undefined) => `Default Host Management Configuration: ${role ?? 'not configured'}`,
    latestAgent: (region: string, version: string) => `Latest SSM Agent in ${region}: ${version}`,
    outputs: (n: number) => `Output of ${s(n, 'failed target')} (one per distinct failure)`,
  },
  /** Findings diagnose() adds itself: history, a run in progress or stuck, a status no rule explains. */
  history: {
    title: (executionId: string, at: string | undefined, title: string) =>
      `Earlier failure (execution ${executionId}${at ? `, ${at}` : ''}): ${title}`,
    summary: (summary: string) =>
      `${summary} A newer execution succeeded on all its targets, so this is history, not the current state.`,
  },
  running: {
    stuckTitle: (progress: string, because: RunLimitReason, limit: string) =>
      `Execution stuck in progress — ${progress}, longer than ${limitReason(because)} allows (${limit})`,
    stuckSummary:
      'The newest execution is still InProgress long after it should have finished. Targets that stay Pending or InProgress are usually nodes that went offline after the run started, an agent busy with another long command, or a script waiting for input.',
    stuckRemediation: [
      'List the targets that have not finished (command below, filter Status=InProgress or Pending) and check those nodes are Online.',
      'On such a node, read the SSM Agent log for this association and look for a command still running (a prompt, a lock, a hung network call).',
      'Set a Duration on the association so a run that overruns is cancelled instead of blocking the next one.',
    ],
    title: (firstRun: boolean, progress: string) => `${firstRun ? 'First run still' : 'Still'} running — ${progress}`,
    firstRunSummary:
      'The association has not finished its first run yet, so there is no result to judge. Ask to be told when it finishes, or Re-run later.',
    summary: 'A newer execution is in progress; its result is not in yet.',
    remediation: [
      'Wait for the run to finish (the button below updates this thread when it does), then read the verdict.',
    ],
  },
  unexplained: {
    title: (status: string, detailed: string | undefined) =>
      `The association is ${status}${detailed ? ` (${detailed})` : ''}, and no known cause was found`,
    summary:
      'None of the known causes matched what AWS returned. The per-node status and the agent log on an affected node are the next places to look.',
    remediation: [
      "Open the execution history and an affected node's association status (links below), and compare with the statuses above.",
      'Read the SSM Agent log on an affected node for lines about this association id.',
      'Press Re-run after the next scheduled run: the status may be in transition.',
    ],
  },
  /** What an AWS fault usually means (one sentence), by error code or kind. */
  faults: {
    regionDisabled:
      'STS is not activated for this region in that account (IAM → Account settings → Security Token Service regions), or the region is an opt-in region that is not enabled.',
    unrecognizedClient:
      "AWS did not recognise ssm-why's credentials there: usually an opt-in region that is not enabled for the account, or invalid app credentials.",
    expiredToken: "ssm-why's own credentials have expired: refresh the credentials the app runs with.",
    throttled:
      'AWS throttled the calls and the retries ran out: something else is calling the same API heavily; try again in a minute.',
    timeout:
      'AWS did not answer in time: the endpoint is unreachable from ssm-why (network, proxy, VPC endpoint) or very slow.',
    assumeRoleDenied:
      "The role's trust policy does not trust the principal ssm-why runs as, the ExternalId in the accounts file does not match the trust policy's sts:ExternalId, the role does not exist, or an SCP or permissions boundary denies sts:AssumeRole.",
    accessDenied: (action: string | undefined) =>
      `The investigator role lacks ${action ?? 'the action'} (add it to the role's policy), or an SCP or permissions boundary denies it.`,
  },
  reachability: {
    associationNotFound: {
      title: 'The association does not exist in this account and region',
      remediation: [
        'Check the association id (copy it from the State Manager console).',
        'Associations are regional: run `/ssm-why <id> region <region>` with the region it was created in.',
        'If it lives in another account, add that account to the accounts file and pass `account <name>`.',
      ],
    },
    roleNotAssumable: {
      title: (accountName: string, accountId: string) =>
        `ssm-why could not assume its investigator role in ${accountName} (${accountId})`,
      summary: (message: string, code: string | undefined, meaning: string) =>
        `${message}${code ? ` (${code})` : ''}. Nothing in the account could be read. ${meaning}`,
      remediation: [
        "Check the role's trust policy: it must trust the principal ssm-why runs as.",
        'If the accounts file sets an externalId, the trust policy must require the same sts:ExternalId.',
        'Check that the roleArn in the accounts file is right and the role exists.',
      ],
    },
    permissionMissing: {
      title: (actions: string) => `The investigation is incomplete: ssm-why's role lacks ${actions}`,
      summary: 'Some steps could not read what they needed, so a cause may be missing from this verdict.',
      addActions: (actions: string) =>
        `Add ${actions} to the investigator role's policy (see the README's least-privilege policy).`,
      rerun: 'Then press Re-run.',
    },
  },
  agentState: {
    /** `on i-0abc`, `on 3 nodes`. */
    on: (count: number, instanceId: string) => (count === 1 ? `on ${instanceId}` : `on ${count} nodes`),
    stuck: {
      title: (on: string) => `The agent reported the association stuck InProgress for over 2 hours ${on}`,
      falseFailure:
        'The agent flagged a run still InProgress 2 hours after it started, but the association and its targets show Success: this is likely the known false "Failed" (aws/amazon-ssm-agent#584) — confirm the document actually finished.',
      summary:
        'The agent marks an association Failed when it is still InProgress 2 hours after its last execution: the document hung (a script waiting for input, a reboot loop, a lock) or the agent lost track of it.',
      remediation: (associationId: string) => [
        `Look at what the run is doing on the node: the orchestration folder /var/lib/amazon/ssm/<instance-id>/document/orchestration/${associationId}/ (Windows: C:\\ProgramData\\Amazon\\SSM\\InstanceData\\<instance-id>\\document\\orchestration\\).`,
        'Make scripts non-interactive and bounded (timeoutSeconds); a script exiting 194 (Linux) or 3010 (Windows) asks for a reboot and can loop.',
        'Restart the agent if nothing is running, then run the association again.',
        'If the console shows Success and only events/status say Failed, it is the false failure of aws/amazon-ssm-agent#584.',
      ],
      issueLink: 'aws/amazon-ssm-agent#584 (false StuckAtInProgress)',
    },
    invalidExpression: {
      title: (on: string) => `The agent could not parse the schedule expression ${on}`,
      summary: (expression: string | undefined) =>
        `The agent parses the schedule on the node and reported Failed / InvalidExpression for ${expression ?? 'the schedule'}; the association never runs there.`,
      remediation: (associationId: string) => [
        'Fix the schedule: cron with ? in one day field, no month, at most every 5 minutes; or rate(N minutes|hours|days) between 30 minutes and 31 days.',
        'Old agents may not understand newer expressions (offsets, L, #): update the SSM Agent.',
        `In the agent log look for \`Encountered error while parsing expression for association ${associationId}\`.`,
      ],
    },
    listAssocError: {
      title: (on: string) => `The agent could not load the association's document ${on}`,
      summary:
        'The agent reported Failed / ListAssocError: GetDocument failed on the node, so the document never ran. The document is gone, no longer shared, its pinned version was deleted, or the node lacks permission or network to fetch it.',
      remediation: (describeDocument: string) => [
        `Check the document still exists and is shared with this account: \`${describeDocument}\`.`,
        'Make sure the node credentials allow ssm:GetDocument and ssm:DescribeDocument (AmazonSSMManagedInstanceCore).',
        'In the agent log look for `Encountered error while loading association … contents` and the error after it.',
      ],
    },
  },
  /** Wording shared by the checks' helpers. */
  kit: {
    noTargets: '(no targets)',
    /** `ExecutionTimedOut (312 targets, execution 1a2b…)`: a status with its count (an evidence value). */
    groupValue: (status: string, count: number, executionId: string) =>
      `${status} (${s(count, 'target')}, execution ${executionId})`,
    statusWithTargets: (status: string, count: number) => `${status} (${s(count, 'target')})`,
  },
  /** Console link labels. */
  links: {
    associationHistory: 'Association execution history',
    association: 'Association',
    node: (instanceId: string) => `Managed node ${instanceId}`,
    ec2Instance: (instanceId: string) => `EC2 instance ${instanceId}`,
    commandOutput: (instanceId: string) => `Run Command output on ${instanceId}`,
    automationExecution: (executionId: string) => `Automation execution ${executionId}`,
    document: (name: string) => `Document ${name}`,
    defaultHostManagement: 'Default Host Management Configuration',
  },
  /** What each cause family of a failure's decisive line means: a headline word, the meaning, the first fixes. */
  causeFamilies: {
    network: {
      label: 'Network',
      meaning:
        'The node could not reach a host it needs (name resolution, a refused or timed-out connection, or TLS trust).',
      fixes: [
        'From the node, resolve and connect to the host in the quoted line (`getent hosts <host>`, `curl -v https://<host>` / `Test-NetConnection <host> -Port <port>`).',
        'Check the path: security group egress, NACLs, route table (NAT gateway or VPC endpoint), DNS resolver and any proxy settings the script needs.',
        'If a service refused the connection, check that it is running and listening on that address and port.',
      ],
    },
    'package-repository': {
      label: 'Package repository unreachable',
      meaning:
        'The package manager could not use a configured repository: its mirrors or metadata could not be downloaded, or its signing key is missing.',
      fixes: [
        'On the node run `sudo yum repolist -v` / `sudo dnf makecache` / `sudo apt-get update` and read which repository fails.',
        'Restore the path to the repository (NAT/proxy, S3 gateway endpoint for Amazon Linux repositories) or fix or disable the broken repository definition and its GPG key.',
      ],
    },
    'package-manager': {
      label: 'Package manager',
      meaning:
        'The package manager refused the operation: a package that is not available, a held lock, unmet dependencies or an interrupted earlier run.',
      fixes: [
        'Check the package name and version against the repositories the node has (`yum list <pkg>`, `apt-cache policy <pkg>`).',
        'If a lock is held, find the holder (`sudo lsof /var/lib/dpkg/lock-frontend`, `ps -C yum,dnf`) and schedule the association away from it; after an interrupted run, `sudo dpkg --configure -a`.',
      ],
    },
    permission: {
      label: 'Permission denied',
      meaning:
        'The script was refused access: by the operating system (file or service permissions, elevation) or by AWS (the instance profile or role lacks the action).',
      fixes: [
        'For an AWS API: add the action named in the quoted line to the instance profile (or the role the script uses), and check SCPs, bucket and key policies.',
        'For a file or service: the script runs as root / SYSTEM; check ownership, read-only or noexec mounts, SELinux/AppArmor, and Windows ACLs on the path.',
      ],
    },
    credentials: {
      label: 'Credentials',
      meaning: 'The script had no valid credentials for the service it called (missing, expired or wrong).',
      fixes: [
        'For AWS calls: make sure the node has an instance profile (or DHMC role) and the script does not override it with stale keys or a profile.',
        'For databases and registries: check the secret the script reads (Parameter Store / Secrets Manager) and that it was rotated everywhere.',
      ],
    },
    'disk-space': {
      label: 'Disk full',
      meaning: 'A filesystem on the node is full.',
      fixes: [
        'Find the full filesystem and what fills it: `df -h` and `sudo du -xh / | sort -h | tail` (Windows: `Get-PSDrive`).',
        'Free or grow it (log rotation, package caches, old releases, a larger EBS volume), then re-run.',
      ],
    },
    memory: {
      label: 'Out of memory',
      meaning: 'The script or the process it started ran out of memory.',
      fixes: [
        'Check `dmesg`/`journalctl -k` for the OOM killer, and the memory the job needs against what the instance has.',
        'Give the job more memory (instance size, JVM -Xmx) or make it stream instead of loading everything.',
      ],
    },
    'missing-dependency': {
      label: 'Missing dependency',
      meaning: 'Something the script needs is not on the node: a command, a module, a file, a service or a resource.',
      fixes: [
        'Install or create what the quoted line names (or fix its path / name); pin it in the image or in an earlier step of the document.',
        'Check that the script runs with the PATH and working directory it assumes (the agent runs it as root / SYSTEM from its orchestration folder).',
      ],
    },
    configuration: {
      label: 'Invalid configuration',
      meaning:
        'A configuration the run depends on is invalid or missing (a config file, a parameter, a template variable).',
      fixes: [
        'Fix the configuration named in the quoted line, then validate it before re-running.',
        'If it comes from Parameter Store or an association parameter, check the name and the value the node actually reads.',
      ],
    },
    service: {
      label: 'Service failed',
      meaning: 'A service the script starts or depends on did not start or is not running.',
      fixes: [
        "Read the service's own log: `systemctl status <unit>` and `journalctl -u <unit>` (Windows: the System event log).",
        'Look for a port already in use, a bad configuration or a dependency the service needs.',
      ],
    },
    timeout: {
      label: 'Timed out',
      meaning: 'A step waited longer than its timeout.',
      fixes: [
        'Find what it waited for in the quoted line (a resource state, a lock, a prompt) and fix that.',
        'If the work is legitimately slow, raise the timeout of that step.',
      ],
    },
    'script-error': {
      label: 'Script error',
      meaning: 'The script itself failed on the quoted line.',
      fixes: [
        'Fix the failing command or the node state it depends on; reproduce on the node as root (Linux) or Administrator (Windows) with the same parameters.',
      ],
    },
  },
};

function moreText(more: number): string {
  return more > 0 ? ` (+${s(more, 'more finding')})` : '';
}

function unseenText(unseen: number): string {
  return unseen > 0 ? `; ${s(unseen, 'thing')} could not be checked` : '';
}

function limitReason(because: RunLimitReason): string {
  switch (because.kind) {
    case 'rate':
      return `its ${because.expression} schedule`;
    case 'cron':
      return `its ${because.expression} schedule (next run due then)`;
    case 'duration':
      return `its Duration of ${because.hours} h`;
    default:
      return 'the usual bound for one run';
  }
}

export type FindingsCatalog = typeof findingsEn;
