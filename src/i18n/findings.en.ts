// English text of the findings and the verdict (src/domain). AWS field names and values stay as AWS wrote them.
// An entry is a whole sentence: a string, or a function of typed parameters that returns one.
import type { RunLimitReason } from '../domain/recency.ts';
import type { ScheduleDetail } from '../domain/schedule.ts';

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
    targets: (which: 'newest' | 'newestFailed', total: number, groups: string, partial: boolean) =>
      `Targets of the ${which === 'newest' ? 'newest' : 'newest failed'} execution: ${total}${groups ? ` (${groups})` : ''}${partial ? ', non-successful only' : ''}`,
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
      /** AWS's own message. */
      summary: (message: string) => message,
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
  inventory: {
    multiple: {
      /** An evidence value: `2 AWS-GatherSoftwareInventory associations: id1, id2`. */
      associations: (count: number, ids: string) => `${s(count, 'AWS-GatherSoftwareInventory association')}: ${ids}`,
      title: (ids: string) => `More than one inventory association targets ${ids}`,
      summary:
        'A node can have only one AWS-GatherSoftwareInventory association; with two or more, the aws:softwareInventory plugin fails with "detected multiple inventory configurations".',
      remediation: (listCli: string) => [
        'Keep one inventory association per node: delete the extra one(s), or narrow their targets so they do not overlap.',
        'Quick Setup (Host Management) creates its own inventory association — remove yours or the Quick Setup one.',
        `List them: \`${listCli}\`.`,
      ],
    },
    globalSkipped: {
      title: (ids: string | undefined) => `The global inventory association skipped ${ids ?? 'some nodes'}`,
      summary:
        'A global inventory association (InstanceIds = *) skips nodes that already have their own inventory association: they report Skipped, not Failed. Inventory still runs there through the other association.',
      remediation: [
        'Nothing is broken if the other inventory association is the one you want on those nodes.',
        'To have the global association cover them, delete the node-specific inventory association.',
      ],
    },
  },
  runCommand: {
    /** An evidence value: the output could not be read, and why (AWS's words). */
    notReadable: (reason: string) => `not readable: ${reason}`,
    where: (first: string | undefined, targets: number) =>
      targets > 1
        ? `${first ?? 'the target'} (and ${s(targets - 1, 'other target')} with the same status)`
        : (first ?? 'the target'),
    /** Ends a fix: re-run the association now. Keep "re-run" and the command: the Run now button looks for them. */
    startOnce: (command: string | undefined) =>
      command
        ? `After the fix, re-run it now instead of waiting for the schedule: \`${command}\`.`
        : 'After the fix, re-run the association (StartAssociationsOnce) instead of waiting for the schedule.',
    executionTimedOut: {
      title: (targets: number) => `Execution timed out on ${s(targets, 'target')}`,
      summary: (timeout: string | undefined, killed: boolean) =>
        `The document started but ran past its execution timeout${timeout ? ` (${timeout} s)` : ''}, so the agent stopped it (exit 137 on Linux/macOS, -1 on Windows). It counts as a failure toward MaxErrors.${killed ? ' Exit 137 can also mean the kernel OOM killer ended the script.' : ''}`,
      remediation: [
        'Find what hangs: a prompt waiting for input (apt/yum without -y), a lock, or a network call without a timeout; read the last output lines.',
        'If the work is legitimately long, raise the timeout: the executionTimeout parameter of AWS-RunShellScript / AWS-RunPowerShellScript (default 3600 s), or timeoutSeconds on the plugin in a custom document.',
      ],
      oomCheck: 'Check `dmesg`/`journalctl -k` on the node for "Out of memory: Killed process".',
    },
  },
  patch: {
    runbook:
      'Run the AWSSupport-TroubleshootPatchManagerLinux (Linux) or AWSSupport-TroubleshootWindowsUpdate (Windows) runbook for a guided check.',
    seenOn: (summary: string, where: string) => `${summary} Seen on ${where}.`,
    refinements: {
      noexecMount: {
        title: 'Patch script cannot execute: /var/lib/amazon is mounted noexec',
        summary:
          'AWS-RunPatchBaseline writes its script under /var/lib/amazon/ssm and runs it from there; exit status 126 with "Permission denied" means that filesystem is mounted noexec.',
        remediation: [
          'Check the mount options on the node: `findmnt -T /var/lib/amazon/ssm` — look for `noexec`.',
          'Remount without noexec (and fix /etc/fstab), or move /var/lib/amazon onto a filesystem that allows execution.',
        ],
      },
      concurrentRuns: {
        title: 'Two patching runs collided on the node',
        summary:
          'Exit status 152/155 (payload extraction) or a held yum lock means another AWS-RunPatchBaseline run — a second association, a maintenance window or a Quick Setup patch policy — started on the node within about two minutes of this one.',
        remediation: [
          'List every patching schedule that targets these nodes (associations, maintenance windows, patch policies) and keep one.',
          'If two must stay, stagger them (ScheduleOffset, or different cron minutes) so their runs never overlap.',
        ],
      },
      payloadUnreachable: {
        title: 'Patch payload could not be downloaded from S3',
        summary:
          'AWS-RunPatchBaseline downloads its patch-baseline-operations payload from the regional aws-ssm-<region> bucket; the node has no path to S3 (or no permission on it).',
        remediation: [
          'Allow outbound HTTPS (443) to S3 from the node: security group egress, NACL (including ephemeral ports), and a route through a NAT gateway or an S3 gateway VPC endpoint.',
          'If an S3 endpoint policy or a proxy is in the way, allow the AWS-managed buckets aws-ssm-<region> and patch-baseline-snapshot-<region>.',
          'For Quick Setup patch policies, give the instance profile read access to the aws-quicksetup-patchpolicy-* bucket.',
        ],
      },
      dpkgLocked: {
        title: 'dpkg is locked or was interrupted on the node',
        summary:
          'apt could not take the dpkg lock: another package operation (unattended-upgrades, apt-daily, a user session) held it, or an earlier run was interrupted.',
        remediation: [
          'Find the lock holder on the node: `sudo lsof /var/lib/dpkg/lock-frontend` (often unattended-upgrades or apt-daily.service).',
          'If dpkg was interrupted, repair it: `sudo dpkg --configure -a`, then re-run the patch association.',
          'Schedule patching away from the apt-daily / unattended-upgrades timers, or disable them when Patch Manager owns patching.',
        ],
      },
      noMoreMirrors: {
        title: 'Package repositories are unreachable from the node',
        summary:
          'yum/dnf tried every mirror of a configured repository and failed: the node cannot reach its package repositories (network, proxy, repo configuration or repository certificates).',
        remediation: [
          'On the node run `sudo yum repolist -v` / `sudo dnf makecache` and read which repository fails.',
          'Restore the path to the repositories (NAT/proxy, VPC endpoints for Amazon Linux repos on S3) or fix/disable the broken repo definition.',
        ],
      },
      python3Missing: {
        title: 'Patching needs Python 3 on this node',
        summary: 'The patch scripts found no supported Python for the package manager (apt requires Python 3).',
        remediation: [
          'Install python3 on the node (e.g. `sudo apt-get install -y python3`), then re-run the patch association.',
        ],
      },
    },
  },
  ansible: {
    macos: 'AWS-ApplyAnsiblePlaybooks does not support macOS: target Linux nodes only.',
    dependencies:
      'Ansible, Python 3 or unzip is missing on the node: set the InstallDependencies parameter to True, or pre-install them.',
    github:
      'Downloading the playbook from GitHub failed: check the SourceInfo owner/repository/path and the tokenInfo `{{ssm-secure:…}}` token (the instance profile needs ssm:GetParameter and kms:Decrypt on it).',
    s3: 'Downloading the playbook from S3 failed: check the S3 path and give the instance profile s3:GetObject on it.',
    /** `quoted`: `: <the decisive line>` or nothing. */
    title: (exitCode: number | undefined, quoted: string) =>
      `Ansible playbook failed${exitCode !== undefined ? ` (exit ${exitCode})` : ''}${quoted}`,
    summary: (where: string) =>
      `AWS-ApplyAnsiblePlaybooks failed on ${where}: the playbook download, dependency install or a play returned an error.`,
    remediation: [
      'Read the task that failed in the stderr excerpt and the full output; re-run with the Verbose parameter (-v … -vvvv) for detail, or Check=True for a dry run.',
      'With InstallDependencies=False, Python 3, Ansible and unzip must already be installed on the node.',
    ],
  },
  chef: {
    install:
      'Installing the Chef client failed: the node needs internet access to chef.io, or set ChefClientVersion to None and pre-install the client.',
    s3: 'An S3 read or write failed: give the instance profile s3:GetObject on the cookbooks path (and s3:PutObject on the compliance report bucket, if one is set).',
    github: 'Downloading the cookbooks from GitHub failed: check SourceInfo and the token parameter it references.',
    title: (exitCode: number | undefined, quoted: string) =>
      `Chef run failed${exitCode !== undefined ? ` (exit ${exitCode})` : ''}${quoted}`,
    summary: (where: string) =>
      `AWS-ApplyChefRecipes failed on ${where}: the Chef client install, the cookbook download or a recipe returned an error.`,
    reproduce:
      'Read the failing resource in the stderr excerpt and the full output (Show output), and reproduce with `chef-client -z` on the node.',
  },
  script: {
    reboot: {
      title: (code: number | undefined) => `Script exited with reboot code ${code}`,
      summary: (code: number | undefined, where: string) =>
        `Exit code ${code} tells the SSM Agent to reboot the node and run the document again (194 on Linux, 3010 on Windows). A script that returns it by accident reboots or hangs the node on ${where}.`,
      remediation: [
        'If the script did not mean to reboot, make it exit 0 on success (a wrapped command or installer often passes 194/3010 through).',
        'If a reboot is intended, make the script idempotent so the re-run after the reboot exits 0, or use aws:runShellScript/aws:runPowerShellScript with an explicit reboot step.',
      ],
    },
    pluginFailed: {
      title: (targets: number) => `Document failed on ${s(targets, 'target')}`,
      noOutput: (targets: number, status: string) =>
        `${s(targets, 'target')} failed (${status}) and no output could be read to say why.`,
      summary: (where: string, meaning: string | undefined) =>
        `A step of the document failed on ${where}.${meaning ? ` ${meaning}` : ''}`,
      remediation: [
        "Open the failed target's output (Show output, or the Run Command console) and read the last lines of stderr.",
        'If the invocation has expired, read the orchestration folder and the agent log on the node (paths below).',
      ],
    },
    notStarted: {
      title: (quoted: string) => `Command did not complete on the node (ResponseCode -1)${quoted}`,
      summary: (where: string) =>
        `ResponseCode -1 on ${where}: the command never started or the node never received it — or, on Windows, the agent stopped it.`,
      remediation: [
        'Check that the agent on the node is running and online while the association runs (node checks above).',
        'Read the agent log and the orchestration folder on the node for the run (paths below).',
      ],
    },
    exitCode: {
      /** `label`: the cause family's headline word; undefined for a plain script error. */
      familyTitle: (label: string | undefined, code: number, quoted: string) =>
        `${label ?? 'Script failed'} (exit ${code})${quoted}`,
      title: (code: number) => `Script exited with code ${code}`,
      familySummary: (meaning: string, where: string, code: number) =>
        `${meaning} The document's script on ${where} exited with code ${code} after printing the line quoted below.`,
      summary: (where: string, code: number) =>
        `The document's script on ${where} exited with code ${code}; Run Command reports any non-zero exit as Failed.`,
      remediation: [
        'Read the quoted line and the full output (Show output); fix the failing command or the node state it depends on.',
        'Reproduce on the node as root (Linux) or Administrator (Windows) with the same parameters; the script must exit 0 on success.',
      ],
    },
  },
  dispatch: {
    cancelled: {
      title: (targets: number) => `${s(targets, 'target')} cancelled`,
      summary:
        'The commands were cancelled before they finished: CancelCommand by a person or a tool, or a newer run of the association replacing this one while it was still running.',
      remediation: [
        'Look up who cancelled it: CloudTrail `CancelCommand` events around the execution time.',
        'If runs overlap (a new run starts while the previous one still runs, and the older one is stopped), make the schedule less frequent than the run takes.',
      ],
    },
    accessDenied: {
      title: (targets: number) => `Access denied sending the command to ${s(targets, 'target')}`,
      summary: (dispatchRole: string | undefined) =>
        `Run Command refused to send the document to the nodes: the identity State Manager dispatches with (${dispatchRole ?? 'its service-linked role AWSServiceRoleForAmazonSSM'}) lacks access to the node or its resource group.`,
      allowSendCommand: (role: string) =>
        `Allow ssm:SendCommand on the document and on the target nodes in the policy of ${role}.`,
      serviceLinkedRole: 'Make sure the service-linked role AWSServiceRoleForAmazonSSM exists and is not restricted.',
      remediation: [
        'Check SCPs, permission boundaries and tag conditions (ssm:resourceTag/…) that deny ssm:SendCommand on these nodes.',
        'For resource-group targets, the role also needs resource-groups:ListGroupResources and tag:GetResources.',
      ],
    },
    rateExceeded: {
      title: (commands: number) => `Rate exceeded: ${s(commands, 'command')} cancelled before running`,
      summary:
        'Too many invocations were pending on the nodes (LimitExceeded), so Run Command cancelled these before they ran.',
      remediation: [
        'Find what else queues commands on these nodes (other associations, maintenance windows, automation) and stagger their schedules (ScheduleOffset).',
        'Lower MaxConcurrency so fewer invocations are pending at once.',
      ],
    },
  },
  targets: {
    docLink: 'Understanding targets and rate controls in State Manager associations',
    rules: {
      tags: (describeCli: string) =>
        `See which managed nodes carry the tags: \`${describeCli}\` — tag keys and values are case-sensitive; EC2 nodes use their EC2 tags, hybrid nodes their SSM tags.`,
      tagLogic:
        'Several values of one tag key match any of them (OR); several tag keys must ALL match (AND) — a node needs every key.',
      newlyTagged:
        'Tag-targeted associations apply to newly tagged nodes right away only for Command/Policy documents, not Automation runbooks.',
      resourceGroup:
        'Check the resource group query returns the nodes: only one group, no nesting, at most 5 tag keys and 5 values per key; a group of type AWS::SSM::ManagedInstance covers EC2 and hybrid nodes; a deleted group stops the association.',
      instanceIds:
        'The listed instance ids must be managed nodes (PingStatus Online) in this Region; InstanceIds=* targets every managed node.',
      regional: (region: string) =>
        `Associations are regional: the nodes must be managed nodes in ${region}. Removing a tag from a node disassociates it.`,
    },
    noneMatched: {
      noTargetsListed: '[] (0 targets)',
      title: (selector: string) => `No targets matched ${selector}`,
      summary:
        'The association ran, but its targets resolved to no managed node, so nothing was applied anywhere. The status can even show Success with zero nodes.',
    },
    neverRan: {
      neverRanValue: '[] (never ran)',
      noNodeValue: '[] (no managed node)',
      matchedValue: (matched: number, more: boolean, sample: string) =>
        `${more ? `more than ${matched}` : matched} node(s), e.g. ${sample}`,
      andTitle: (selector: string) => `No managed node carries every tag of ${selector}`,
      title: (selectors: readonly string[]) => `${selectors.join(' and ')} matches no managed node`,
      andSummary:
        'Each tag matches some nodes, but the association needs a node with ALL of them (several tag keys are ANDed), and none has.',
      summary:
        'The association has never run, and its tag selector matches no managed node in this Region today, so there is nothing to run on.',
    },
  },
  maxErrors: {
    /** `10% of 40 targets = 4, so it stops on the 5th error`. */
    threshold: (maxErrors: string, total: number, tolerated: number) =>
      maxErrors.endsWith('%')
        ? `${maxErrors} of ${total} targets = ${tolerated}, so it stops on the ${ordinal(tolerated + 1)} error`
        : `${maxErrors}, so it stops on the ${ordinal(tolerated + 1)} error`,
    root: (failed: number, statuses: string, example: string | undefined) =>
      `The root failure is on the ${s(failed, 'failed target')} (${statuses}${example ? `, e.g. ${example}` : ''}): fix that and the rest will run.`,
    rootNotListed:
      "The failed targets that crossed the threshold are not in this listing; read the execution's Failed targets.",
    title: (stopped: number, failed: number) =>
      `MaxErrors reached: ${s(stopped, 'target')} stopped after ${s(failed, 'failure')}`,
    /** `overshoot`: MaxConcurrency (null for the default) when more targets failed than the threshold. */
    summary: (
      stoppedStatuses: string,
      threshold: string | undefined,
      overshoot: string | null | undefined,
      root: string,
    ) =>
      [
        `When the error threshold is reached, State Manager stops the association on the remaining targets until the next run (they show ${stoppedStatuses}).`,
        threshold !== undefined
          ? `MaxErrors is ${threshold} (MaxErrors=N tolerates N errors and stops on the N+1th; 0 stops after the first).`
          : '',
        overshoot !== undefined
          ? `More targets failed than the threshold because targets already running when it was reached finish (MaxConcurrency ${overshoot ?? 'default'}).`
          : '',
        root,
      ]
        .filter((x) => x.length > 0)
        .join(' '),
    fixRoot: (ids: string) =>
      `Fix the root failure on the failed targets first${ids ? ` (${ids})` : ''}: its output explains it (see the Run Command / document findings).`,
    remediation: [
      'If some failures are expected in a large fleet, raise MaxErrors (an absolute number or a percentage such as 10%).',
      'For a canary rollout that stops exactly at the threshold, use a low MaxConcurrency (1, or a small percentage): with higher concurrency, targets already in flight finish and may fail too.',
    ],
  },
  output: {
    /** Evidence values: the output URL is empty on completed runs. */
    emptyOnNodes: (count: number, example: string, status: string) =>
      `empty on ${s(count, 'completed node')} (e.g. ${example}, Status ${status})`,
    otherRegion: (bucketRegion: string, region: string) => `${bucketRegion} (the association runs in ${region})`,
    emptyOnInvocations: (count: number, example: string) =>
      `empty on ${s(count, 'completed invocation')} (e.g. ${example})`,
    remediation: (bucket: string, prefix: string) => [
      `Give the nodes' instance profile s3:PutObject on arn:aws:s3:::${bucket}/${prefix}* — the agent uploads with the node's credentials, not the association's.`,
      'If the bucket uses SSE-KMS, allow kms:GenerateDataKey (and kms:Decrypt) on its key to the instance profile.',
      `Make sure the bucket exists and OutputS3Region matches the bucket's Region (\`aws s3api head-bucket --bucket ${bucket}\`; \`aws s3api get-bucket-location --bucket ${bucket}\`).`,
      'Give the nodes a network path to S3 (S3 gateway VPC endpoint or NAT; its endpoint policy must allow the bucket), and check the bucket policy does not deny them.',
      'Confirm on a node: `grep -i "upload the output to s3" /var/log/amazon/ssm/amazon-ssm-agent.log`.',
    ],
    uploadFailed: {
      title: (bucket: string) => `Output upload to s3://${bucket} failed`,
      summary:
        'The agent or the script reported an S3 error for the output bucket. Upload failures never fail the run: the agent only logs "Failed to upload the output to s3", so the output (and the record of what ran) is silently lost.',
    },
    missing: {
      title: (bucket: string) => `Completed runs report no output in s3://${bucket}`,
      summary:
        'Output goes to S3, but runs that completed report no output URL: the upload may have failed silently (the agent only logs "Failed to upload the output to s3"). Check the bucket for the run\'s keys.',
    },
    unverified: {
      title: (bucket: string) => `Output goes to s3://${bucket}: upload failures are silent`,
      summary: (regions: { bucket: string; association: string } | undefined) =>
        `S3 upload failures never fail the run — the agent only logs "Failed to upload the output to s3" — so check the nodes can write there.${regions ? ` The bucket Region (${regions.bucket}) differs from the association's (${regions.association}).` : ''}`,
    },
  },
  agent: {
    updateSteps: (sendCommand: string) => [
      `Update the agent now: \`${sendCommand}\`.`,
      'Keep it current: a State Manager association running AWS-UpdateSSMAgent on a schedule, or agent auto-update (Fleet Manager → Settings).',
    ],
    unsupportedFeature: {
      title: (ids: string, count: number) =>
        `The document needs a newer SSM Agent than ${ids} ${count === 1 ? 'runs' : 'run'}`,
      summary:
        'The agent rejected a plugin, precondition or schema version it does not know. Nothing is wrong with the script itself: the agent is too old for this document.',
      pinVersion:
        'If the agent cannot be updated, pin the association to a document version that does not use the new plugin, precondition or schema.',
    },
    unsupportedAgent: {
      title: 'The SSM Agent is too old for this association (UnsupportedAgent)',
      summary:
        'Systems Manager reports UnsupportedAgent: the agent on the node does not support what the document needs (for inventory: the gatherers or the global inventory association).',
      minimums:
        'Minimums: global inventory association 2.0.790.0; inventory files/windowsRegistry/windowsRoles/services gatherers 2.2.64.0; Linux AWS-RunPatchBaseline 2.0.834.0.',
    },
    outdated: {
      title: (count: number, first: string, latest: string) =>
        `${count === 1 ? `Node ${first} runs` : `${count} nodes run`} an SSM Agent older than ${latest}`,
      summary: (region: string, latest: string) =>
        `The latest SSM Agent in ${region} is ${latest}. Old agents miss plugins, preconditions and fixes for dropped commands; update before digging deeper.`,
      versionValue: (version: string, region: string, latest: string) => `${version} (latest in ${region}: ${latest})`,
      rollout: 'New agent releases can take up to two weeks to reach every Region.',
    },
    notLatest: {
      title: (count: number, first: string) =>
        `${count === 1 ? `Node ${first} does` : `${count} nodes do`} not run the latest SSM Agent`,
      summary: 'Systems Manager reports that a newer SSM Agent is available for these Linux nodes.',
    },
  },
  node: {
    notAppearingLink: 'Knowledge Center: EC2 instance not shown as a managed node',
    requirements: (region: string) => [
      'Make sure the SSM Agent is installed and running on a supported OS (`sudo systemctl status amazon-ssm-agent`; Windows: `Get-Service AmazonSSMAgent`).',
      'Give the node credentials: an instance profile with the AmazonSSMManagedInstanceCore policy, or Default Host Management Configuration (needs IMDSv2 and agent ≥ 3.2.582.0).',
      `Allow HTTPS (TCP 443) outbound to ssm.${region}.amazonaws.com, ssmmessages.${region}.amazonaws.com and ec2messages.${region}.amazonaws.com — through a NAT/internet gateway or interface VPC endpoints; check any proxy configuration.`,
      `Make sure the node registers in ${region}: associations and managed nodes are regional.`,
      'Run the AWSSupport-TroubleshootManagedInstance runbook, or `sudo ssm-cli get-diagnostics --output table` on the node (agent ≥ 3.1.501.0).',
    ],
    /** Evidence values. */
    lastPing: (ping: string, ago: string) => `${ping} (last ping ${ago})`,
    noRecord: '[] — no managed-node record',
    pingEvery5Minutes:
      'A healthy agent pings every 5 minutes: check that the agent process is running and look for credential or endpoint errors in its log.',
    notManaged: {
      title: (count: number, first: string) =>
        count === 1 ? `Target node ${first} is not a managed node` : `${count} target nodes are not managed nodes`,
      neverSeen: (ids: string, region: string) =>
        `Systems Manager has no record of ${ids} in ${region}: it never registered (or was deregistered), so the association cannot reach it.`,
      summary:
        'The instance is running but Systems Manager has no record of it (DescribeInstanceInformation returns nothing): the SSM Agent never registered or stopped reporting, so the association cannot reach it.',
    },
    stopped: {
      title: (count: number, first: string) =>
        count === 1 ? `Target node ${first} is stopped` : `${count} target nodes are stopped`,
      summary:
        'The EC2 instance is stopped. Systems Manager lists no managed node for stopped or terminated instances, so the association cannot run there and its targets stay Pending or fail.',
      remediation: [
        'Start the instance if it should be managed; the agent reconnects and the association runs at the next schedule (or run it now with start-associations-once).',
        'If the instance is meant to stay stopped, take it out of the association targets (remove the tag or the instance id).',
      ],
    },
    terminated: {
      title: (count: number, first: string) =>
        count === 1 ? `Target node ${first} is terminated` : `${count} target nodes are terminated`,
      summary:
        'The EC2 instance is terminated. Systems Manager lists no managed node for stopped or terminated instances, so the association cannot run there and its targets stay Pending or fail.',
      remediation: [
        'Remove the terminated instance from the association targets (its instance id, or the tag on a replacement).',
        'If an Auto Scaling group replaced it, target by tag or resource group instead of instance ids.',
      ],
    },
    connectionLost: {
      title: (count: number, first: string) =>
        count === 1
          ? `Target node ${first} lost its connection to Systems Manager (ConnectionLost)`
          : `${count} target nodes lost their connection to Systems Manager (ConnectionLost)`,
      summary:
        'The SSM Agent stopped pinging Systems Manager, so it cannot receive the association: targets on this node stay Pending or end DeliveryTimedOut.',
    },
    inactive: {
      title: (count: number, first: string) =>
        count === 1
          ? `Target node ${first} is Inactive in Systems Manager`
          : `${count} target nodes are Inactive in Systems Manager`,
      summary:
        'Systems Manager marks the node Inactive: it has not reported for a long time or was deregistered, so the association cannot reach it.',
    },
    stuckOffline: {
      title: (targets: number) => `${s(targets, 'target')} stuck Pending/InProgress on offline nodes`,
      summary:
        'These targets wait for nodes whose agent cannot be reached; they stay Pending or InProgress until the agent is back or the delivery times out. Fix the node connection, not the document.',
      remediation: [
        'Bring the node back online first (see the managed-node finding): agent running, credentials, HTTPS 443 to the SSM endpoints.',
        'Once the node is Online, run the association again instead of waiting for the schedule.',
      ],
    },
    undelivered: {
      value: (status: string, count: number, examples: string | undefined) =>
        `${status} (${s(count, 'target')}${examples ? `, e.g. ${examples}` : ''})`,
      title: (targets: number, status: string) =>
        `${s(targets, 'target')} ${status}: the command never reached the node`,
      deliveryTimedOut: {
        summary:
          'The agent did not pick up (or did not acknowledge) the command before the delivery timeout. This is a node-reachability problem, not a script failure — and DeliveryTimedOut targets do not count toward MaxErrors.',
        remediation: [
          'Check PingStatus of the nodes: an offline agent is the usual cause (agent stopped, credentials, HTTPS 443 to the SSM endpoints).',
          'If the node is Online, look in the agent log around the execution time: agent restarts, self-updates and worker crashes can drop commands (aws/amazon-ssm-agent#569, #430).',
          'Run the association again once the node is reachable.',
        ],
      },
      undeliverable: {
        summary:
          'Systems Manager could not deliver the command: the node may no longer exist or is not responding. Undeliverable targets do not count toward MaxErrors.',
        remediation: [
          'Check that the node still exists and is a managed node that pings Online in this Region.',
          'Remove nodes that no longer exist from the targets (instance ids, tags, resource group).',
        ],
      },
    },
    noAssociationRows: {
      title: (count: number, first: string) =>
        count === 1
          ? `Target node ${first} reports no associations at all`
          : `${count} target nodes report no associations at all`,
      summary:
        'The node is managed but DescribeInstanceAssociationsStatus is empty: its registration has not completed or failed, so the agent has not picked up any association.',
      remediation: [
        'The agent polls for associations every 10 minutes by default; if the node registered recently, wait one polling interval.',
        'Otherwise restart the agent and look in its log for `Unable to load instance associations`.',
        'Make sure the node credentials allow ssm:ListInstanceAssociations, ssm:DescribeAssociation, ssm:GetDocument and ssm:UpdateInstanceAssociationStatus (AmazonSSMManagedInstanceCore).',
      ],
    },
  },
  instanceProfile: {
    /** Evidence values. */
    none: '(none)',
    notManaged: '[] — not a managed node',
    dhmcNotConfigured: (status: string | undefined) => `(not configured${status ? `; Status ${status}` : ''})`,
    credentialLogLines:
      'In the agent log, look for `failed to retrieve instance profile role credentials` or `no valid credentials could be retrieved for ec2 identity`; after AccessDenied the agent can back off for many hours — restart it once credentials are fixed.',
    attachProfile: (command: string) =>
      `Attach an instance profile whose role has AmazonSSMManagedInstanceCore: \`${command}\`.`,
    attach: 'Or attach an instance profile with AmazonSSMManagedInstanceCore.',
    missing: {
      title: (count: number, first: string, dhmcOff: boolean) =>
        `${count === 1 ? `Instance ${first} has` : `${count} instances have`} no IAM instance profile${dhmcOff ? ' and Default Host Management is off' : ''}`,
      summaryDhmcOff:
        'Without an instance profile and without Default Host Management Configuration the SSM Agent has no credentials, so the node never registers and nothing is delivered to it.',
      summary:
        'Without an instance profile the SSM Agent has no credentials unless Default Host Management Configuration is on (it could not be checked), so the node cannot register.',
      turnOnDhmc:
        'Or turn on Default Host Management Configuration for the account and Region (Fleet Manager → Account management); it needs IMDSv2 and agent ≥ 3.2.582.0.',
    },
    imdsv1: {
      title: (count: number, first: string) =>
        `${count === 1 ? `Instance ${first} has` : `${count} instances have`} no instance profile and allow IMDSv1, so Default Host Management cannot work`,
      summary:
        'The node relies on Default Host Management Configuration for credentials, but DHMC only works with IMDSv2 (HttpTokens = required). The agent gets no credentials and the node stays unmanaged.',
      requireImdsv2: (command: string) => `Require IMDSv2: \`${command}\`.`,
      attachInstead: 'Or attach an instance profile with AmazonSSMManagedInstanceCore instead of relying on DHMC.',
    },
    agentTooOld: {
      title: (count: number, first: string) =>
        `${count === 1 ? `Instance ${first} has` : `${count} instances have`} no instance profile and an agent too old for Default Host Management`,
      summary: (minimum: string) =>
        `The node relies on Default Host Management Configuration for credentials, which needs SSM Agent ${minimum} or later.`,
      versionValue: (version: string, minimum: string) => `${version} (DHMC needs ≥ ${minimum})`,
      update: (minimum: string) =>
        `Update the SSM Agent on the node to ${minimum} or later (reinstall it: without credentials AWS-UpdateSSMAgent cannot reach it).`,
    },
    unverified: {
      title: (count: number, first: string) =>
        `${count === 1 ? `Instance ${first} has` : `${count} instances have`} no instance profile; Default Host Management should cover it but has not`,
      summary:
        'The node has IMDSv2 and DHMC is configured, yet it is not online: check the agent version (DHMC needs 3.2.582.0 or later) and the DHMC role.',
      agentVersion: (minimum: string) => `Make sure the agent on the node is ${minimum} or later.`,
      checkRole: (role: string) =>
        `Check that the DHMC role ${role} exists, trusts ssm.amazonaws.com and has AmazonSSMManagedEC2InstanceDefaultPolicy.`,
    },
    emptyRole: {
      title: (count: number, first: string) =>
        `${count === 1 ? `Instance ${first} has` : `${count} instances have`} no IAM role Systems Manager can see`,
      summary:
        'The managed node reports an empty IamRole and no instance profile or DHMC role backs it: once its cached credentials expire it will drop to ConnectionLost, and it may already lack permissions such as ssm:GetDocument or ssm:UpdateInstanceAssociationStatus.',
      empty: '(empty)',
      remediation: [
        'EC2: attach an instance profile with AmazonSSMManagedInstanceCore, or turn on Default Host Management Configuration.',
        'Hybrid nodes: re-register with an activation whose IAM service role has AmazonSSMManagedInstanceCore.',
      ],
    },
  },
  parameters: {
    update: (command: string) =>
      `Set the parameters on the association: \`${command}\` (update-association replaces all parameters: pass every one).`,
    noExecutionSummary: '(no ExecutionSummary)',
    invalidAssocValue: (nodes: number) => `InvalidAssoc (${s(nodes, 'sampled node')})`,
    references: (reference: string) => `references ${reference}`,
    requiredMissing: {
      title: (names: readonly string[]) =>
        `Required parameter${names.length > 1 ? 's' : ''} ${names.join(', ')} not set`,
      summary: (names: readonly string[]) =>
        `The document requires ${names.join(', ')} (no default value) and the association does not pass ${names.length > 1 ? 'them' : 'it'}. AWS rejects such an association on create/update ("You must specify values for all required parameters"); the document version it runs may have gained the parameter since.`,
      requiredValue: (type: string | undefined) => `required${type ? ` ${type}` : ''}, no DefaultValue`,
      noneValue: '{} (none)',
      pinVersion: (version: string) =>
        `The association follows ${version}: pin the document version it was written for if the new version's parameters are not wanted.`,
      automationTarget:
        'For Automation runbooks, map the target parameter with AutomationTargetParameterName (e.g. InstanceId) instead of passing it.',
    },
    undefined: {
      title: (names: readonly string[]) =>
        `Parameter${names.length > 1 ? 's' : ''} ${names.join(', ')} not defined by the document`,
      summary: (names: readonly string[], document: string, version: string | undefined) =>
        `The association passes ${names.join(', ')}, which document ${document}${version ? ` version ${version}` : ''} does not define. You can only supply parameters the document defines: the next update of the association is rejected, and the run may fail to parse (InvalidAssoc). A changed default/latest document version is the usual cause.`,
      setValue: 'set',
      noneValue: '(none)',
      remove: (count: number) =>
        `Remove the parameter${count > 1 ? 's' : ''} from the association, or pin the document version that defines ${count > 1 ? 'them' : 'it'}.`,
    },
    /** The agent's InvalidAssoc parameter errors, by kind. */
    invalidAssoc: {
      securestringReference: {
        title: 'A {{ssm:…}} reference points at a SecureString parameter',
        summary:
          'The agent resolves {{ssm:name}} references in association parameters, but refuses SecureString parameters there ("Parameters [..] of type SecureString are not supported").',
        remediation: [
          'Store the value as a String parameter if it is not secret, or let the script read the SecureString itself at run time (`aws ssm get-parameter --with-decryption`; the instance profile needs ssm:GetParameter and kms:Decrypt on the key).',
          'Where the document supports it (e.g. aws:downloadContent tokenInfo), use {{ssm-secure:name}} instead.',
        ],
      },
      unresolvedReference: {
        title: 'A {{ssm:…}} parameter reference does not resolve',
        summary:
          'The agent could not resolve a {{ssm:name}} reference in the association parameters ("Input contains invalid parameters"): the Parameter Store parameter is missing, in another region, or the instance profile may not read it.',
        remediation: [
          'Check the referenced parameters exist in this region: `aws ssm get-parameters --names <name>`.',
          "Give the instance profile ssm:GetParameters on them (the agent resolves references with the node's credentials).",
        ],
      },
      typeMismatch: {
        title: 'A parameter reference has the wrong type',
        summary:
          'A {{ssm:name}} reference points at a parameter whose type cannot be used where the document expects a String (e.g. a StringList).',
        remediation: [
          'Point the reference at a String parameter, or change the document parameter type to match (StringList).',
        ],
      },
      validationFailed: {
        title: "A parameter value fails the document's validation",
        summary:
          "A parameter value does not satisfy the document's allowedValues, allowedPattern or maxChars (after {{ssm:…}} references were resolved).",
        remediation: [
          "Compare the value with the parameter's allowedValues/allowedPattern/maxChars in the document and correct it (or the referenced Parameter Store value).",
        ],
      },
      invalidAssoc: {
        title: 'The agent could not parse the association',
        summary:
          'The agent rejected the association before running any step (ErrorCode InvalidAssoc): the document or its parameters could not be parsed on the node.',
        remediation: [
          'Read the ExecutionSummary text above for the parse error; validate the document content and the association parameters against it.',
          'Check the agent log for "Encountered error while parsing association" for the full error.',
        ],
      },
    },
  },
  schedule: {
    docLink: 'Reference: cron and rate expressions for Systems Manager',
    none: '(none)',
    waiting: {
      unknown: 'unknown',
      title: (when: string) => `Waiting for its first cron window; next run at ${when}`,
      summary:
        'ApplyOnlyAtCronInterval is true, so the association did not run when it was created; it runs first at the next cron time. Pending until then is expected, not a failure.',
      /** An evidence label: a value ssm-why computed, not an API field. */
      nextRunLabel: 'Next run (computed from ScheduleExpression, UTC)',
      nothingToFix: 'Nothing to fix if waiting is intended.',
      startNow: (command: string) => `To run it now, start it once: \`${command}\`.`,
    },
    missed: {
      title: (when: string) => `A cron window passed (${when}) without any execution`,
      summary:
        'The association waits for its cron interval, and at least one window has passed since it was created, yet no execution exists. Something kept it from starting: a closed change calendar, no matching targets, or a schedule the agent cannot parse.',
      lastExpectedLabel: 'Last expected run (computed, UTC)',
      checkTargets: 'Check the targets resolve to managed nodes and any change calendar is open.',
      startOnce: (command: string, next: string | undefined) =>
        `Start it once to see what happens: \`${command}\`${next ? `; otherwise the next window is ${next}` : ''}.`,
    },
    neverRan: {
      freshTitle: 'Just created: the first run is still starting',
      title: 'The association has never run',
      freshSummary:
        'A new association shows Pending while Systems Manager reaches its targets and applies it for the first time.',
      summary:
        'An association without ApplyOnlyAtCronInterval runs as soon as it is created, but there is no execution at all.',
      checkTargets:
        'Check that the targets resolve to managed nodes in this Region and that any change calendar is open.',
      startOnce: (command: string) => `Start it once: \`${command}\`.`,
    },
    noSchedule: {
      title: 'No schedule: the association does not retry by itself',
      summary:
        'Without a ScheduleExpression the association runs once when it is created (or updated) and never again, so its current status stays until you run it again.',
      runAgain: (command: string) => `After fixing the cause, run it again: \`${command}\`.`,
      addSchedule: 'Or add a schedule (e.g. rate(1 day)) so State Manager keeps re-applying the state.',
    },
    problem: {
      summary: (expression: string, problems: readonly string[]) =>
        `${expression}: ${problems.join('; ')}. State Manager rejects such schedules, and the agent reports Failed / InvalidExpression when it cannot parse one.`,
      ruleLabel: 'Schedule rule broken',
      /** One broken rule, in words. */
      detail: scheduleDetail,
      update: (command: string) => `Update it: \`${command}\`.`,
      kinds: {
        'invalid-expression': {
          title: 'The schedule expression is not valid for State Manager',
          fix: 'Use cron(…) with 6 fields (minutes hours day-of-month month day-of-week year, optional leading seconds = 0), rate(N minutes|hours|days) or at(…).',
        },
        'rate-too-frequent': {
          title: 'The rate is shorter than 30 minutes',
          fix: 'Use a rate of at least 30 minutes, e.g. rate(30 minutes).',
        },
        'rate-too-long': {
          title: 'The rate is 31 days or longer',
          fix: 'Use a rate shorter than 31 days, or a cron expression for monthly runs.',
        },
        'rate-unit-mismatch': {
          title: 'The rate unit does not agree in number',
          fix: 'Use the singular unit for 1 and the plural otherwise: rate(1 hour), rate(2 hours).',
        },
        'cron-day-conflict': {
          title: 'The cron sets both day-of-month and day-of-week',
          fix: 'Put ? in one of the two day fields, e.g. cron(0 2 ? * SUN *).',
        },
        'cron-month-set': {
          title: 'The cron sets the month field, which associations do not support',
          fix: 'Use * in the month field and pick the days with day-of-month or day-of-week.',
        },
        'cron-too-frequent': {
          title: 'The cron fires more often than every 5 minutes',
          fix: 'Associations run at most every 5 minutes; widen the minutes field (e.g. 0/30).',
        },
      },
    },
    calendar: {
      title: 'A change calendar gates this association; runs are skipped while it is closed',
      summary:
        'Associations with CalendarNames run only while every calendar is OPEN. A closed calendar skips the scheduled run silently, so the association can stay Pending or keep an old status.',
      checkState: (command: string) => `Check the calendar state: \`${command}\`.`,
      closed:
        'If the calendar is CLOSED, the next run happens at the first schedule time after it opens; start it once when the window is open if needed.',
    },
    duration: {
      title: (hours: number) => `Targets were cancelled by the ${s(hours, 'hour')} Duration cutoff`,
      summary:
        'When the Duration passes, State Manager cancels running targets and does not start the remaining ones; they end Cancelled or never run in that window.',
      remediation: [
        'Raise Duration (1–24 hours) so every target fits in the window.',
        'Or raise MaxConcurrency so more targets run at once, or make the document finish faster.',
      ],
    },
  },
  document: {
    deleted: {
      title: (name: string, shared: boolean) =>
        `Document ${name} does not exist${shared ? ' or is no longer shared' : ''}`,
      sharedSummary:
        'The association runs a document shared from another account, and DescribeDocument says it does not exist here: it was deleted by its owner or the share was revoked. Every run fails before any step starts.',
      summary:
        'The association runs a document that no longer exists (deleted, or renamed). The agent cannot download it, so every run fails before any step starts.',
      sharedRemediation: [
        'Ask the owning account to share it again: `aws ssm modify-document-permission --name <name> --permission-type Share --account-ids-to-add <this account>` (check with `aws ssm describe-document-permission`).',
        'Or copy the document into this account and point the association at the copy (`aws ssm update-association --name <new name>`).',
      ],
      remediation: [
        'Recreate the document with the same name, or point the association at an existing document: `aws ssm update-association --association-id <id> --name <document>`.',
        'If the association is no longer needed, delete it so it stops failing.',
      ],
    },
    versionMissing: {
      pinned: '(pinned)',
      title: (version: string, name: string) => `Document version ${version} of ${name} does not exist`,
      summary:
        'The association pins a document version that was deleted. The agent cannot download it, so every run fails before any step starts.',
      listVersions: (command: string) => `List the versions that exist: \`${command}\`.`,
      pointAtVersion:
        'Point the association at an existing version, or at $DEFAULT so it follows the document: `aws ssm update-association --association-id <id> --document-version \\$DEFAULT`.',
    },
    notActive: {
      title: (name: string, status: string) => `Document ${name} is ${status}`,
      transientSummary: (status: string) =>
        `The document is still ${status}; runs that start now may not find a usable version.`,
      summary: (status: string, information: string | undefined) =>
        `The document is ${status}, so the association cannot run it.${information ? ` AWS says: ${information}` : ''}`,
      transientRemediation: ['Wait until DescribeDocument.Status is Active, then re-run the association.'],
      remediation: [
        'Read StatusInformation (above): for Failed, fix the document content or its attachments/requirements and create a new version.',
        'For Deleting, point the association at another document, or delete the association.',
      ],
    },
    typeUnsupported: {
      title: (type: string) => `Document type ${type} cannot be used by an association`,
      summary: (name: string, type: string) =>
        `State Manager runs Command, Policy and Automation documents only; ${name} is a ${type} document (e.g. "Document type Package is not supported for associations").`,
      package:
        'To install a Distributor package on a schedule, associate AWS-ConfigureAWSPackage with Name=<package> instead of the package itself.',
      other: 'Associate a Command or Automation document that performs the same work.',
    },
    schemaUnsupported: {
      legacyTitle: 'Automation runbook on an InstanceId association',
      title: (schema: string, type: string) => `Schema ${schema} is not valid for a ${type} document`,
      legacySummary:
        'Schema 0.3 (Automation) documents cannot be used by an association created with an instance id; they need Targets and AutomationTargetParameterName.',
      summary:
        'Associations accept Command documents with schema 1.2, 2.0 or 2.2, Policy documents with 2.0 or later, and Automation runbooks with 0.3.',
      legacyFix:
        'Recreate the association with Targets (e.g. Key=ParameterValues or tag:…) and AutomationTargetParameterName=InstanceId.',
      fix: 'Create a new document version with a supported schemaVersion (2.2 for Command documents) and point the association at it.',
    },
    platformMismatch: {
      none: '(none)',
      platformValue: (platform: string, count: number, ids: string) =>
        `${platform} (${s(count, 'sampled node')}: ${ids})`,
      title: (name: string, platforms: string | undefined) =>
        `Document ${name} does not support ${platforms ?? 'the targets’'} platform`,
      /** `supported`: the document's PlatformTypes, when the document was read. */
      summary: (supported: string | undefined) =>
        `The association targets nodes whose platform the document does not support${supported !== undefined ? ` (the document supports ${supported || 'no platform'})` : ''}. Run Command reports InvalidPlatform for them; those targets do not count toward MaxErrors, but if every target is InvalidPlatform the run is Failed.`,
      remediation: [
        'Narrow the association targets to nodes of the supported platform (e.g. add a tag for the OS, or a resource group per platform).',
        'Or use a document that supports both platforms: a schema 2.2 document with a precondition per platform (`"precondition": {"StringEquals": ["platformType", "Windows"]}`), or separate Linux and Windows associations.',
      ],
    },
    pluginUnsupported: {
      title: 'A document step is not supported on the node’s platform',
      summary:
        'The agent refused a step because its plugin does not exist on this OS (e.g. aws:runPowerShellScript on Linux). Schema 1.2/2.0 documents fail on it; schema 2.2 documents would skip it.',
      remediation: [
        'Target only nodes of the platform the step is written for, or convert the document to schema 2.2 with a platformType precondition per step.',
      ],
    },
    allSkipped: {
      value: (nodes: number) => `all steps skipped on ${s(nodes, 'sampled node')}`,
      title: (nodes: number) => `Every step was skipped on ${s(nodes, 'node')}: "Success" but nothing ran`,
      summary:
        "The agent counts a skipped step as success, so the association shows Success although no step ran: each step's precondition (usually platformType) or plugin did not match the node.",
      remediation: [
        "Compare the steps' preconditions in the document with the node's platform (above); fix the precondition or target the right nodes.",
        'Read the run\'s output for "Step execution skipped due to …" lines to see why each step was skipped.',
      ],
    },
    stepSkipped: {
      title: 'Document steps were skipped on the node',
      summary:
        "The agent skipped steps because their plugin is not supported on the node's platform or their precondition did not match. Skipped steps count as success, so the work those steps do did not happen.",
      remediation: [
        'Check that the skipped steps are meant for another platform; if they are meant for this one, fix their precondition (platformType) or the plugin name.',
        'If the agent is old, "unsupported plugin" can also mean the plugin is newer than the agent: update SSM Agent.',
      ],
    },
    sharedDefault: {
      pinnedTitle: (pinned: string, defaultVersion: string) =>
        `Shared document: version ${pinned} is pinned, but the default version ${defaultVersion} runs`,
      title: 'Shared document: State Manager runs its default version',
      summary:
        'For a document shared from another account, State Manager always runs the default version, even when the association names another one and the console shows that version as processed.',
      fix: 'Ask the owning account to set the version you need as the default (`aws ssm update-document-default-version`), or copy the document into this account and pin versions there.',
    },
  },
  automation: {
    notSet: '(not set)',
    roleTrust:
      'The role must trust ssm.amazonaws.com (trust policy `"Principal": {"Service": "ssm.amazonaws.com"}`, with aws:SourceAccount / aws:SourceArn conditions matching this account if used).',
    targetLocations: 'For TargetLocations, the role must exist in every target account and Region.',
    /** Exact Automation service messages, by rule. */
    messages: {
      notAssumable: {
        title: 'The AutomationAssumeRole cannot be assumed',
        summary:
          'Automation could not assume the role given in AutomationAssumeRole: the role does not exist, or its trust policy does not allow ssm.amazonaws.com.',
        remediation: [
          'Check the role exists: `aws iam get-role --role-name <name from AutomationAssumeRole>`.',
          'The role must trust ssm.amazonaws.com (trust policy `"Principal": {"Service": "ssm.amazonaws.com"}`, with aws:SourceAccount / aws:SourceArn conditions matching this account if used).',
        ],
      },
      passRoleDenied: {
        title: 'Not allowed to pass the AutomationAssumeRole (iam:PassRole)',
        summary:
          'The identity that starts the automation for the association is not allowed iam:PassRole on the AutomationAssumeRole.',
        remediation: [
          "Allow iam:PassRole on the role ARN (condition iam:PassedToService = ssm.amazonaws.com) for the identity named in the message — the association's AssociationDispatchAssumeRole, or whoever created/updated the association.",
          'Then update the association (or re-run it) so the automation starts again.',
        ],
      },
      startDenied: {
        title: 'Not allowed to start the automation (ssm:StartAutomationExecution)',
        summary:
          'The identity that starts the automation for the association is denied ssm:StartAutomationExecution on the runbook.',
        remediation: [
          'Allow ssm:StartAutomationExecution on the runbook ARN (arn:aws:ssm:<region>:<account>:automation-definition/<runbook>:$DEFAULT) for the identity named in the message.',
          'Check SCPs and permission boundaries that may deny it.',
        ],
      },
    },
    roleMissing: {
      title: 'Automation association has no AutomationAssumeRole',
      summary:
        "The runbook runs without a role of its own: no AutomationAssumeRole parameter and no AssociationDispatchAssumeRole. Its steps then run with State Manager's service-linked role, which lacks most permissions runbook steps need (and support for it is being phased out).",
      defined: 'defined',
      createRole:
        "Create an automation service role with the permissions the runbook's steps need (e.g. the AmazonSSMAutomationRole managed policy plus the step actions).",
      pass: (command: string) => `Pass it to the association: \`${command}\`; the caller needs iam:PassRole on it.`,
    },
    invalidArn: {
      title: 'The AutomationAssumeRole is not a valid role ARN',
      malformed: (value: string) =>
        `AutomationAssumeRole is "${value}"; it must be a full IAM role ARN (arn:aws:iam::<account>:role/<name>), or Automation rejects it.`,
      rejected:
        'Automation rejected the AutomationAssumeRole as malformed: it must be a full IAM role ARN (arn:aws:iam::<account>:role/<name>).',
      fix: (command: string) => `Set the full role ARN: \`${command}\` (pass every other parameter too).`,
    },
    targetParameter: {
      title: 'Automation association uses targets without AutomationTargetParameterName',
      summary:
        'An association that runs an Automation runbook over targets with rate controls must name the runbook parameter each target is passed to (AutomationTargetParameterName, e.g. InstanceId); without it the targets are not fed to the runbook (e.g. `Parameter "InstanceIds" requires a value`).',
      fix: (command: string) => `Set it: \`${command}\` (use the runbook's own target parameter name).`,
    },
    limit: {
      value: (limit: string, executions: number, newest: string) =>
        `${limit} (${s(executions, 'recent execution')}, newest ${newest})`,
      title: 'Automation concurrency limit reached',
      summary:
        "The account already runs (or queues) as many automations as the Region allows, so this association's automation was not started (about 100 running and 1,000 queued per account and Region; older quotas were 25/75).",
      list: (command: string) =>
        `List what is running or waiting: \`${command}\`; stop stuck ones (\`aws ssm stop-automation-execution\`).`,
      remediation: [
        'Run this association less often, or lower its MaxConcurrency, and spread other automation schedules.',
        'If the load is legitimate, request a higher quota in Service Quotas (Systems Manager → concurrently executing automations).',
      ],
    },
    stepFix: {
      permission:
        'Grant the action named in the message to the AutomationAssumeRole (or the identity the runbook runs as).',
      throttling:
        "The step was throttled by an AWS API: lower the association's MaxConcurrency or spread its schedule.",
      verification:
        'The step ran but the resource did not reach the expected state: check the resource (e.g. the instance) named in the step inputs.',
      internal:
        'An internal Automation error: re-run the association; if it persists, open an AWS Support case with the execution id.',
      other: 'Fix the input or resource the failed step acted on (see the message), then re-run the association.',
    },
    step: {
      timedOutTitle: (step: string) => `Automation step ${step} timed out`,
      failedTitle: (step: string, failureType: string | undefined, quoted: string | undefined) =>
        `Automation step ${step} failed${failureType ? ` (${failureType})` : ''}${quoted ? `: ${quoted}` : ''}`,
      timedOutSummary: (step: string, action: string | undefined, runbook: string | undefined) =>
        `Step ${step}${action ? ` (${action})` : ''} of ${runbook ?? 'the runbook'} ran past its timeoutSeconds, so the automation failed.`,
      failedSummary: (
        step: string,
        action: string | undefined,
        runbook: string | undefined,
        stage: string | undefined,
        targets: number,
      ) =>
        `Step ${step}${action ? ` (${action})` : ''} of ${runbook ?? 'the runbook'} failed${stage ? ` during ${stage}` : ''}; ${s(targets, 'target')} share this failure.`,
      timedOutRemediation: [
        'Find what the step waited for (e.g. an instance that never reached the expected state, an aws:runCommand on an unmanaged node — it stays Pending).',
        "If the work is legitimately slow, raise the step's timeoutSeconds in the runbook.",
      ],
      executionTimedOutTitle: 'Automation timed out',
      executionTitle: (status: string | undefined, quoted: string | undefined) =>
        `Automation ${status ?? 'failed'}${quoted ? `: ${quoted}` : ''}`,
      executionSummary: (runbook: string | undefined, status: string, hasMessage: boolean) =>
        `The automation execution of ${runbook ?? 'the runbook'} ended ${status}${hasMessage ? '' : ' without a failure message'}.`,
      openExecution:
        'Open the execution (link) and read the step list: the first non-Success step is where it stopped.',
      listSteps: (command: string) => `List its steps: \`${command}\`.`,
    },
    crossAccount: {
      title: 'Multi-account/Region association: each target account needs the execution role',
      summary: (locations: number) =>
        `The association runs in ${s(locations, 'target location')}. Unless another ExecutionRoleName is set, every target account must have the role AWS-SystemsManager-AutomationExecutionRole, trusted by the administrator account's AWS-SystemsManager-AutomationAdministrationRole.`,
      remediation: [
        'Deploy AWS-SystemsManager-AutomationExecutionRole to every target account (AWS provides a CloudFormation template / StackSet for it).',
        "Check failures per account and Region in the automation execution's child executions.",
      ],
    },
  },
  /** The fleet view: an association that is failing but was not investigated yet. */
  fleet: {
    notInvestigated: (status: string, detailed: string | undefined) =>
      detailed ? `${status} (DetailedStatus ${detailed}), not investigated yet` : `${status}, not investigated yet`,
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

function ordinal(n: number): string {
  const suffix =
    n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
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

function scheduleDetail(d: ScheduleDetail): string {
  switch (d.kind) {
    case 'unknown-rate-unit':
      return `unknown rate unit "${d.unit}"`;
    case 'not-an-expression':
      return 'not a cron(…), rate(…) or at(…) expression';
    case 'cron-field-count':
      return `a cron expression has 5 to 7 fields, this one has ${d.count}`;
    case 'rate-zero':
      return 'a rate of 0 never runs';
    case 'rate-unit':
      return `rate(${d.value} ${d.unit}) must be rate(${d.value} ${d.right})`;
    case 'rate-too-frequent':
      return `every ${d.minutes} min; associations need at least 30 minutes`;
    case 'rate-too-long':
      return `every ${d.days} days; associations need less than 31 days`;
    case 'cron-seconds':
      return `the seconds field may only be 0, not "${d.seconds}"`;
    case 'cron-month':
      return `month field "${d.month}"; associations do not support months`;
    case 'cron-days':
      return `day-of-month "${d.dayOfMonth}" and day-of-week "${d.dayOfWeek}" are both set; use ? in one of them`;
    case 'cron-unparsable':
      return 'the cron fields could not be parsed';
    case 'cron-too-frequent':
      return `fires every ${d.minutes} min; associations run at most every 5 minutes`;
  }
}
