// §3.7 Run Command outcomes (exit codes, execution timeouts, reboot codes, Cancelled, AccessDenied,
// LimitExceeded), with AWS-RunPatchBaseline (§3.13) and Ansible/Chef (§3.15) refinements.
// DeliveryTimedOut / Undeliverable belong to the node checks; InvalidPlatform to the document checks;
// Terminated to the MaxErrors check.
import { CAUSE_FAMILY_TEXT } from '../cause-families.ts';
import { type CauseFamily, type DecisiveLine, decisiveCommandLine, decisiveLine } from '../decisive-line.ts';
import type { InvestigationFacts, OutputSampleFacts, StepKey } from '../facts.ts';
import type { Check, Evidence, Finding, Link, Severity } from '../finding.ts';
import { cli as cliRefs } from '../references.ts';
import {
  AGENT_STATE_ERROR_CODES,
  associationCli,
  associationLinks,
  bareDocumentName,
  cap,
  type ExecutionTargetGroup,
  executionTargetsCli,
  exitStatusIn,
  failedRunSummary,
  groupEvidence,
  groupsWith,
  groupToken,
  isAutomationAssociation,
  isOneOf,
  lineMatching,
  logPathsWithOrchestration,
  NOT_A_SCRIPT_FAILURE,
  nodeById,
  nodeRefs,
  parameterValue,
  plural,
  sameToken,
  sampleGroupEvidence,
  sampleIds,
  sampleRefs,
  sampleText,
  targetGroupsByToken,
  uniqueEvidence,
  uniqueLines,
  uniqueLinks,
} from './kit.ts';

/** One failure signature, read from a command invocation, a node's ExecutionSummary, or only a target group. */
interface FailureCase {
  step: StepKey;
  /** The target group token it stands for (to tell which groups are already explained). */
  groupToken: string;
  resourceIds: string[];
  targetCount: number;
  documentName: string;
  platformType?: string;
  /** StatusDetails / Status of the invocation (or of the node row). */
  token: string;
  exitCode?: number;
  /** Where patterns are searched: stderr + stdout, or the summary's failure reasons. */
  text: string;
  /** The API field the text came from. */
  textField: string;
  evidence: Evidence[];
  links: Link[];
  cli: string[];
  runId?: string;
  elapsedSeconds?: number;
  /** The line that says why it failed, when the text has one. */
  decisive?: DecisiveLine;
}

const TIMEOUT_TOKENS = ['ExecutionTimedOut', 'TimedOut'];
const FAILED_TOKENS = ['Failed', ...TIMEOUT_TOKENS];
/** Exit codes that ask the agent to reboot the node and run the document again. */
const REBOOT_CODES: Record<string, number> = { 'Linux/macOS': 194, Windows: 3010 };

function invocationCase(facts: InvestigationFacts, sample: OutputSampleFacts): FailureCase | undefined {
  const c = sample.command;
  if (!c) return undefined;
  const node = nodeById(facts, c.instanceId);
  const text = sampleText(sample);
  const exitCode = c.responseCode ?? exitStatusIn(text);
  const evidence: Evidence[] = [];
  // The proof first: the line that says why, wherever the tool printed it.
  const decisive = decisiveCommandLine(c);
  if (decisive) {
    evidence.push({
      field:
        decisive.source === 'stdout'
          ? 'GetCommandInvocation.StandardOutputContent'
          : 'GetCommandInvocation.StandardErrorContent',
      value: decisive.line,
    });
  }
  if (c.responseCode !== undefined)
    evidence.push({ field: 'GetCommandInvocation.ResponseCode', value: `${c.responseCode}` });
  if (c.statusDetails) evidence.push({ field: 'GetCommandInvocation.StatusDetails', value: c.statusDetails });
  else if (c.status) evidence.push({ field: 'GetCommandInvocation.Status', value: c.status });
  evidence.push(sampleGroupEvidence(sample));
  const refs = sampleRefs(facts, sample);
  const elapsed =
    c.startedAt && c.endedAt ? Math.round((c.endedAt.getTime() - c.startedAt.getTime()) / 1000) : undefined;
  return {
    step: 'output',
    groupToken: sample.targetDetailedStatus || sample.targetStatus,
    resourceIds: [c.instanceId],
    targetCount: sample.targetCount,
    documentName: bareDocumentName(c.documentName ?? facts.association?.documentName),
    platformType: node?.platformType,
    token: c.statusDetails || c.status || sample.targetDetailedStatus || sample.targetStatus,
    exitCode,
    text,
    textField: c.stderr ? 'GetCommandInvocation.StandardErrorContent' : 'GetCommandInvocation.StandardOutputContent',
    evidence,
    links: refs.links,
    cli: refs.cli,
    runId: c.commandId,
    elapsedSeconds: elapsed,
    ...(decisive ? { decisive } : {}),
  };
}

/** Failure cases from the nodes' ExecutionSummary, for nodes whose output could not be read. */
function summaryCases(facts: InvestigationFacts, covered: FailureCase[]): FailureCase[] {
  const bySignature = new Map<string, FailureCase>();
  for (const node of facts.nodes ?? []) {
    const summary = failedRunSummary(node);
    const row = node.associationStatus;
    if (!summary || !row) continue;
    const token = node.targetDetailedStatus || node.targetStatus;
    // A stale summary from an earlier run says nothing about a target that was never delivered this time.
    if (token && isOneOf(token, NOT_A_SCRIPT_FAILURE)) continue;
    const isCovered = covered.some(
      (c) => c.resourceIds.includes(node.instanceId) || (token !== undefined && sameToken(c.groupToken, token)),
    );
    if (isCovered) continue;
    const reasons = summary.failures.map((f) => `${f.plugin}: ${f.reason}`).join('\n');
    const text = reasons || summary.raw;
    const timedOut = (summary.timedOut ?? 0) > 0 || isOneOf(row.status, TIMEOUT_TOKENS);
    const decisive = decisiveLine([{ text, source: 'message' }]);
    const signature = `${timedOut}|${decisive?.line ?? ''}`;
    const existing = bySignature.get(signature);
    if (existing) {
      existing.resourceIds.push(node.instanceId);
      existing.targetCount += 1;
      continue;
    }
    const evidence: Evidence[] = [];
    if (row.errorCode) evidence.push({ field: 'DescribeInstanceAssociationsStatus.ErrorCode', value: row.errorCode });
    evidence.push({ field: 'DescribeInstanceAssociationsStatus.ExecutionSummary', value: cap(summary.raw) });
    if (decisive && !cap(summary.raw).includes(decisive.line)) {
      evidence.unshift({ field: 'DescribeInstanceAssociationsStatus.ExecutionSummary', value: decisive.line });
    }
    const refs = nodeRefs(facts, node.instanceId);
    bySignature.set(signature, {
      step: 'nodes',
      groupToken: token ?? 'Failed',
      resourceIds: [node.instanceId],
      targetCount: 1,
      documentName: bareDocumentName(row.documentName ?? facts.association?.documentName),
      platformType: node.platformType,
      token: timedOut ? 'TimedOut' : 'Failed',
      exitCode: exitStatusIn(text),
      text,
      textField: 'DescribeInstanceAssociationsStatus.ExecutionSummary',
      evidence,
      links: refs.links,
      cli: refs.cli,
      runId: facts.association?.associationId,
      ...(decisive ? { decisive } : {}),
    });
  }
  return [...bySignature.values()];
}

/** Failed / timed-out target groups that no output or summary explains: the count is all we know. */
function groupOnlyCases(facts: InvestigationFacts, covered: FailureCase[]): FailureCase[] {
  if (facts.document?.found === false) return [];
  const agentNeverRan = (facts.nodes ?? []).some((n) =>
    isOneOf(n.associationStatus?.errorCode, AGENT_STATE_ERROR_CODES),
  );
  return groupsWith(facts, FAILED_TOKENS)
    .filter((lg) => !covered.some((c) => sameToken(c.groupToken, groupToken(lg.group))))
    .filter((lg) => isOneOf(groupToken(lg.group), TIMEOUT_TOKENS) || !agentNeverRan)
    .map((lg) => groupCase(facts, lg));
}

function groupCase(facts: InvestigationFacts, lg: ExecutionTargetGroup): FailureCase {
  const token = groupToken(lg.group);
  const evidence = [groupEvidence(lg)];
  const unreadable = (facts.outputs ?? []).find((o) => sameToken(o.targetDetailedStatus || o.targetStatus, token));
  if (unreadable?.unavailableReason) {
    evidence.push({ field: 'GetCommandInvocation', value: `not readable: ${cap(unreadable.unavailableReason, 200)}` });
  }
  const ids = lg.group.samples.map((s) => s.resourceId);
  const commandSample = lg.group.samples.find((s) => s.outputSource?.type === 'RunCommand');
  const outputCli =
    commandSample?.outputSource !== undefined
      ? [cliRefs.commandInvocation(facts.scope, commandSample.outputSource.id, commandSample.resourceId)]
      : [];
  return {
    step: 'targets',
    groupToken: token,
    resourceIds: ids,
    targetCount: lg.group.count,
    documentName: bareDocumentName(facts.association?.documentName),
    platformType: ids[0] ? nodeById(facts, ids[0])?.platformType : undefined,
    token,
    text: '',
    textField: 'GetCommandInvocation.StandardErrorContent',
    evidence,
    links: [],
    cli: [...outputCli, ...executionTargetsCli(facts, lg.executionId)],
  };
}

function failureCases(facts: InvestigationFacts): FailureCase[] {
  if (isAutomationAssociation(facts)) return [];
  const invocations = (facts.outputs ?? [])
    .map((s) => invocationCase(facts, s))
    .filter((c): c is FailureCase => c !== undefined);
  const summaries = summaryCases(facts, invocations);
  const known = [...invocations, ...summaries];
  return [...known, ...groupOnlyCases(facts, known)];
}

function isTimeout(c: FailureCase): boolean {
  if (isOneOf(c.token, TIMEOUT_TOKENS)) return true;
  // 137 is SIGKILL: the agent's timeout kill, unless the output says the process ran out of memory.
  return (
    c.exitCode === 137 &&
    c.platformType !== 'Windows' &&
    !isOneOf(c.token, NOT_A_SCRIPT_FAILURE) &&
    c.decisive?.family !== 'memory'
  );
}

function isScriptFailure(c: FailureCase): boolean {
  if (isTimeout(c) || isOneOf(c.token, NOT_A_SCRIPT_FAILURE)) return false;
  return (c.exitCode !== undefined && c.exitCode !== 0) || sameToken(c.token, 'Failed');
}

/** Fields every finding built from a case shares. */
function caseFinding(
  facts: InvestigationFacts,
  c: FailureCase,
  f: {
    id: string;
    severity: Severity;
    title: string;
    summary: string;
    remediation: string[];
    evidence?: Evidence[];
    cause?: CauseFamily;
  },
  logExtra: Parameters<typeof logPathsWithOrchestration>[3] = {},
): Finding {
  return {
    id: f.id,
    severity: f.severity,
    title: f.title,
    summary: f.summary,
    evidence: [...(f.evidence ?? []), ...c.evidence],
    remediation: f.remediation,
    links: uniqueLinks([...c.links, ...associationLinks(facts)]),
    cli: uniqueLines([...c.cli, ...associationCli(facts)]),
    logPaths: logPathsWithOrchestration(c.platformType, c.resourceIds[0], c.runId, logExtra),
    resources: sampleIds(c.resourceIds),
    affectedTargets: c.targetCount,
    step: c.step,
    ...(f.cause ? { cause: f.cause } : c.decisive ? { cause: c.decisive.family } : {}),
  };
}

function where(c: FailureCase): string {
  const first = c.resourceIds[0] ?? 'the target';
  return c.targetCount > 1 ? `${first} (and ${plural(c.targetCount - 1, 'other target')} with the same status)` : first;
}

function startOnce(facts: InvestigationFacts): string {
  const id = facts.association?.associationId;
  return id
    ? `After the fix, re-run it now instead of waiting for the schedule: \`${cliRefs.startOnce(facts.scope, id)}\`.`
    : 'After the fix, re-run the association (StartAssociationsOnce) instead of waiting for the schedule.';
}

// ---------------------------------------------------------------- specific failures (§3.13, §3.15)

interface Refinement {
  id: string;
  title: string;
  /** Which documents it applies to. */
  documents: RegExp;
  exitCodes?: number[];
  /** The line to quote; a refinement matches when the pattern or one of its exit codes does. */
  pattern?: RegExp;
  summary: string;
  remediation: string[];
  extraLogs?: Parameters<typeof logPathsWithOrchestration>[3];
  cause: CauseFamily;
}

const PATCH_DOCS = /RunPatchBaseline/i;
const PATCH_LOGS = {
  'Linux/macOS': ['/var/lib/amazon/ssm/<instance-id>/document/orchestration/<command-id>/awsrunShellScript/PatchLinux'],
  Windows: ['%PROGRAMDATA%\\Amazon\\PatchBaselineOperations\\Logs'],
};
const PATCH_RUNBOOK =
  'Run the AWSSupport-TroubleshootPatchManagerLinux (Linux) or AWSSupport-TroubleshootWindowsUpdate (Windows) runbook for a guided check.';

const PATCH_REFINEMENTS: Refinement[] = [
  {
    id: 'patch.noexec-mount',
    cause: 'permission',
    title: 'Patch script cannot execute: /var/lib/amazon is mounted noexec',
    documents: PATCH_DOCS,
    exitCodes: [126],
    pattern: /_script\.sh: Permission denied|Permission denied/i,
    summary:
      'AWS-RunPatchBaseline writes its script under /var/lib/amazon/ssm and runs it from there; exit status 126 with "Permission denied" means that filesystem is mounted noexec.',
    remediation: [
      'Check the mount options on the node: `findmnt -T /var/lib/amazon/ssm` — look for `noexec`.',
      'Remount without noexec (and fix /etc/fstab), or move /var/lib/amazon onto a filesystem that allows execution.',
      PATCH_RUNBOOK,
    ],
    extraLogs: PATCH_LOGS,
  },
  {
    id: 'patch.concurrent-runs',
    cause: 'package-manager',
    title: 'Two patching runs collided on the node',
    documents: PATCH_DOCS,
    exitCodes: [152, 155],
    pattern:
      /Unable to extract tar file|Unable to load and extract the content of payload|No such file or directory: 'patch-baseline-operations|another process has acquired yum lock/i,
    summary:
      'Exit status 152/155 (payload extraction) or a held yum lock means another AWS-RunPatchBaseline run — a second association, a maintenance window or a Quick Setup patch policy — started on the node within about two minutes of this one.',
    remediation: [
      'List every patching schedule that targets these nodes (associations, maintenance windows, patch policies) and keep one.',
      'If two must stay, stagger them (ScheduleOffset, or different cron minutes) so their runs never overlap.',
      PATCH_RUNBOOK,
    ],
    extraLogs: PATCH_LOGS,
  },
  {
    id: 'patch.payload-unreachable',
    cause: 'network',
    title: 'Patch payload could not be downloaded from S3',
    documents: PATCH_DOCS,
    exitCodes: [156],
    pattern: /Unable to download payload|Unable to connect to the remote server|Unable to download file from S3/i,
    summary:
      'AWS-RunPatchBaseline downloads its patch-baseline-operations payload from the regional aws-ssm-<region> bucket; the node has no path to S3 (or no permission on it).',
    remediation: [
      'Allow outbound HTTPS (443) to S3 from the node: security group egress, NACL (including ephemeral ports), and a route through a NAT gateway or an S3 gateway VPC endpoint.',
      'If an S3 endpoint policy or a proxy is in the way, allow the AWS-managed buckets aws-ssm-<region> and patch-baseline-snapshot-<region>.',
      'For Quick Setup patch policies, give the instance profile read access to the aws-quicksetup-patchpolicy-* bucket.',
      PATCH_RUNBOOK,
    ],
    extraLogs: PATCH_LOGS,
  },
  {
    id: 'patch.dpkg-locked',
    cause: 'package-manager',
    title: 'dpkg is locked or was interrupted on the node',
    documents: PATCH_DOCS,
    pattern: /dpkg frontend is locked|dpkg was interrupted|Could not get lock \/var\/lib\/dpkg/i,
    summary:
      'apt could not take the dpkg lock: another package operation (unattended-upgrades, apt-daily, a user session) held it, or an earlier run was interrupted.',
    remediation: [
      'Find the lock holder on the node: `sudo lsof /var/lib/dpkg/lock-frontend` (often unattended-upgrades or apt-daily.service).',
      'If dpkg was interrupted, repair it: `sudo dpkg --configure -a`, then re-run the patch association.',
      'Schedule patching away from the apt-daily / unattended-upgrades timers, or disable them when Patch Manager owns patching.',
      PATCH_RUNBOOK,
    ],
    extraLogs: PATCH_LOGS,
  },
  {
    id: 'patch.no-more-mirrors',
    cause: 'package-repository',
    title: 'Package repositories are unreachable from the node',
    documents: PATCH_DOCS,
    pattern: /No more mirrors to try|NoMoreMirrorsRepoError/i,
    summary:
      'yum/dnf tried every mirror of a configured repository and failed: the node cannot reach its package repositories (network, proxy, repo configuration or repository certificates).',
    remediation: [
      'On the node run `sudo yum repolist -v` / `sudo dnf makecache` and read which repository fails.',
      'Restore the path to the repositories (NAT/proxy, VPC endpoints for Amazon Linux repos on S3) or fix/disable the broken repo definition.',
      PATCH_RUNBOOK,
    ],
    extraLogs: PATCH_LOGS,
  },
  {
    id: 'patch.python3-missing',
    cause: 'missing-dependency',
    title: 'Patching needs Python 3 on this node',
    documents: PATCH_DOCS,
    pattern: /unsupported package manager and python version combination|Apt requires Python3/i,
    summary: 'The patch scripts found no supported Python for the package manager (apt requires Python 3).',
    remediation: [
      'Install python3 on the node (e.g. `sudo apt-get install -y python3`), then re-run the patch association.',
      PATCH_RUNBOOK,
    ],
    extraLogs: PATCH_LOGS,
  },
];

function refinementFinding(facts: InvestigationFacts, c: FailureCase): Finding | undefined {
  for (const r of PATCH_REFINEMENTS) {
    if (!r.documents.test(c.documentName)) continue;
    const line = r.pattern ? lineMatching(c.text, r.pattern) : undefined;
    const byCode = c.exitCode !== undefined && (r.exitCodes ?? []).includes(c.exitCode);
    if (!line && !byCode) continue;
    const quoted = line && !c.evidence.some((e) => e.value.includes(line)) ? [{ field: c.textField, value: line }] : [];
    return caseFinding(
      facts,
      c,
      {
        id: r.id,
        severity: 'error',
        title: r.title,
        summary: `${r.summary} Seen on ${where(c)}.`,
        remediation: [...r.remediation, startOnce(facts)],
        evidence: quoted,
        cause: r.cause,
      },
      r.extraLogs,
    );
  }
  return undefined;
}

function ansibleFinding(facts: InvestigationFacts, c: FailureCase): Finding {
  const hints: string[] = [];
  if (c.platformType === 'MacOS')
    hints.push('AWS-ApplyAnsiblePlaybooks does not support macOS: target Linux nodes only.');
  if (
    /ansible(-playbook)?: (command )?not found|No such file or directory.*ansible|unzip: command not found|python3?: (command )?not found/i.test(
      c.text,
    )
  ) {
    hints.push(
      'Ansible, Python 3 or unzip is missing on the node: set the InstallDependencies parameter to True, or pre-install them.',
    );
  }
  if (/github|Bad credentials|\b40[13]\b/i.test(c.text)) {
    hints.push(
      'Downloading the playbook from GitHub failed: check the SourceInfo owner/repository/path and the tokenInfo `{{ssm-secure:…}}` token (the instance profile needs ssm:GetParameter and kms:Decrypt on it).',
    );
  }
  if (/AccessDenied|NoSuchKey|NoSuchBucket|s3:\/\//i.test(c.text)) {
    hints.push(
      'Downloading the playbook from S3 failed: check the S3 path and give the instance profile s3:GetObject on it.',
    );
  }
  return caseFinding(facts, c, {
    id: 'ansible.playbook-failed',
    severity: 'error',
    title: `Ansible playbook failed${c.exitCode !== undefined ? ` (exit ${c.exitCode})` : ''}${quoted(c)}`,
    summary: `AWS-ApplyAnsiblePlaybooks failed on ${where(c)}: the playbook download, dependency install or a play returned an error.`,
    remediation: [
      ...hints,
      ...familyFixes(c),
      'Read the task that failed in the stderr excerpt and the full output; re-run with the Verbose parameter (-v … -vvvv) for detail, or Check=True for a dry run.',
      'With InstallDependencies=False, Python 3, Ansible and unzip must already be installed on the node.',
      startOnce(facts),
    ],
  });
}

function chefFinding(facts: InvestigationFacts, c: FailureCase): Finding {
  const hints: string[] = [];
  if (/chef\.io|omnitruck|Could not resolve host|install\.sh/i.test(c.text)) {
    hints.push(
      'Installing the Chef client failed: the node needs internet access to chef.io, or set ChefClientVersion to None and pre-install the client.',
    );
  }
  if (/AccessDenied|NoSuchKey|NoSuchBucket|s3:\/\//i.test(c.text)) {
    hints.push(
      'An S3 read or write failed: give the instance profile s3:GetObject on the cookbooks path (and s3:PutObject on the compliance report bucket, if one is set).',
    );
  }
  if (/github|Bad credentials|\b40[13]\b/i.test(c.text)) {
    hints.push('Downloading the cookbooks from GitHub failed: check SourceInfo and the token parameter it references.');
  }
  return caseFinding(facts, c, {
    id: 'chef.recipe-failed',
    severity: 'error',
    title: `Chef run failed${c.exitCode !== undefined ? ` (exit ${c.exitCode})` : ''}${quoted(c)}`,
    summary: `AWS-ApplyChefRecipes failed on ${where(c)}: the Chef client install, the cookbook download or a recipe returned an error.`,
    remediation: [
      ...hints,
      ...familyFixes(c),
      'Read the failing resource in the stderr excerpt and the full output (Show output), and reproduce with `chef-client -z` on the node.',
      startOnce(facts),
    ],
  });
}

/** `: <the decisive line>` for a title, or nothing. */
function quoted(c: FailureCase): string {
  return c.decisive ? `: ${cap(c.decisive.line, 160)}` : '';
}

/** The family's fixes for a quoted line, before the generic ones. */
function familyFixes(c: FailureCase): string[] {
  return c.decisive ? CAUSE_FAMILY_TEXT[c.decisive.family].fixes : [];
}

function rebootFinding(facts: InvestigationFacts, c: FailureCase): Finding {
  return caseFinding(facts, c, {
    id: 'command.reboot-exit-code',
    severity: 'warning',
    title: `Script exited with reboot code ${c.exitCode}`,
    summary: `Exit code ${c.exitCode} tells the SSM Agent to reboot the node and run the document again (194 on Linux, 3010 on Windows). A script that returns it by accident reboots or hangs the node on ${where(c)}.`,
    remediation: [
      'If the script did not mean to reboot, make it exit 0 on success (a wrapped command or installer often passes 194/3010 through).',
      'If a reboot is intended, make the script idempotent so the re-run after the reboot exits 0, or use aws:runShellScript/aws:runPowerShellScript with an explicit reboot step.',
      startOnce(facts),
    ],
  });
}

function exitCodeFinding(facts: InvestigationFacts, c: FailureCase): Finding {
  const code = c.exitCode;
  if (code === undefined) {
    return caseFinding(facts, c, {
      id: 'command.plugin-failed',
      severity: 'error',
      title: c.decisive
        ? `${CAUSE_FAMILY_TEXT[c.decisive.family].label}${quoted(c)}`
        : `Document failed on ${plural(c.targetCount, 'target')}`,
      summary:
        c.step === 'targets'
          ? `${plural(c.targetCount, 'target')} failed (${c.groupToken}) and no output could be read to say why.`
          : `A step of the document failed on ${where(c)}.${c.decisive ? ` ${CAUSE_FAMILY_TEXT[c.decisive.family].meaning}` : ''}`,
      remediation: [
        ...familyFixes(c),
        "Open the failed target's output (Show output, or the Run Command console) and read the last lines of stderr.",
        'If the invocation has expired, read the orchestration folder and the agent log on the node (paths below).',
        startOnce(facts),
      ],
    });
  }
  const notStarted = code === -1 || code === 4294967295;
  return caseFinding(facts, c, {
    id: 'command.exit-code',
    severity: 'error',
    title: notStarted
      ? `Command did not complete on the node (ResponseCode -1)${quoted(c)}`
      : c.decisive
        ? `${c.decisive.family === 'script-error' ? 'Script failed' : CAUSE_FAMILY_TEXT[c.decisive.family].label} (exit ${code})${quoted(c)}`
        : `Script exited with code ${code}`,
    summary: notStarted
      ? `ResponseCode -1 on ${where(c)}: the command never started or the node never received it — or, on Windows, the agent stopped it.`
      : c.decisive
        ? `${CAUSE_FAMILY_TEXT[c.decisive.family].meaning} The document's script on ${where(c)} exited with code ${code} after printing the line quoted below.`
        : `The document's script on ${where(c)} exited with code ${code}; Run Command reports any non-zero exit as Failed.`,
    remediation: notStarted
      ? [
          'Check that the agent on the node is running and online while the association runs (node checks above).',
          'Read the agent log and the orchestration folder on the node for the run (paths below).',
          startOnce(facts),
        ]
      : [
          ...familyFixes(c),
          'Read the quoted line and the full output (Show output); fix the failing command or the node state it depends on.',
          'Reproduce on the node as root (Linux) or Administrator (Windows) with the same parameters; the script must exit 0 on success.',
          startOnce(facts),
        ],
  });
}

function scriptFailureFinding(facts: InvestigationFacts, c: FailureCase): Finding {
  if (c.exitCode !== undefined && Object.values(REBOOT_CODES).includes(c.exitCode)) return rebootFinding(facts, c);
  const refined = refinementFinding(facts, c);
  if (refined) return refined;
  if (/^AWS-(Apply|Run)AnsiblePlaybooks?$/i.test(c.documentName)) return ansibleFinding(facts, c);
  if (/^AWS-ApplyChefRecipes$/i.test(c.documentName)) return chefFinding(facts, c);
  return exitCodeFinding(facts, c);
}

/** Script failures: exit codes, reboot codes, patching / Ansible / Chef refinements. */
export const scriptFailed: Check = {
  id: 'command.script-failed',
  step: 'output',
  applies: (f) => f.outputs !== undefined || f.nodes !== undefined || f.latestTargets !== undefined,
  run: (f) =>
    failureCases(f)
      .filter(isScriptFailure)
      .map((c) => scriptFailureFinding(f, c)),
};

function timeoutParameter(facts: InvestigationFacts): Evidence | undefined {
  const params = facts.association?.parameters ?? {};
  for (const name of ['executionTimeout', 'timeoutSeconds']) {
    const value = parameterValue(params, name);
    if (value) return { field: `DescribeAssociation.Parameters.${name}`, value };
  }
  return undefined;
}

/** Execution timed out: the script ran longer than its timeout and the agent killed it. */
export const executionTimedOut: Check = {
  id: 'command.execution-timed-out',
  step: 'output',
  applies: (f) => f.outputs !== undefined || f.nodes !== undefined || f.latestTargets !== undefined,
  run: (f) => {
    const cases = failureCases(f).filter(isTimeout);
    const first = cases[0];
    if (!first) return [];
    const total = cases.reduce((n, c) => n + c.targetCount, 0);
    const param = timeoutParameter(f);
    const elapsed = cases.find((c) => c.elapsedSeconds !== undefined)?.elapsedSeconds;
    const evidence: Evidence[] = [...cases.flatMap((c) => c.evidence)];
    if (param) evidence.push(param);
    if (elapsed !== undefined)
      evidence.push({ field: 'GetCommandInvocation.ExecutionElapsedTime', value: `${elapsed} s` });
    const killed = cases.some((c) => c.exitCode === 137);
    return [
      {
        id: 'command.execution-timed-out',
        severity: 'error',
        title: `Execution timed out on ${plural(total, 'target')}`,
        summary: `The document started but ran past its execution timeout${param ? ` (${param.value} s)` : ''}, so the agent stopped it (exit 137 on Linux/macOS, -1 on Windows). It counts as a failure toward MaxErrors.${killed ? ' Exit 137 can also mean the kernel OOM killer ended the script.' : ''}`,
        evidence: uniqueEvidence(evidence),
        remediation: [
          'Find what hangs: a prompt waiting for input (apt/yum without -y), a lock, or a network call without a timeout; read the last output lines.',
          'If the work is legitimately long, raise the timeout: the executionTimeout parameter of AWS-RunShellScript / AWS-RunPowerShellScript (default 3600 s), or timeoutSeconds on the plugin in a custom document.',
          ...(killed ? ['Check `dmesg`/`journalctl -k` on the node for "Out of memory: Killed process".'] : []),
          startOnce(f),
        ],
        links: uniqueLinks([...cases.flatMap((c) => c.links), ...associationLinks(f)]),
        cli: uniqueLines([...cases.flatMap((c) => c.cli), ...associationCli(f)]),
        logPaths: logPathsWithOrchestration(first.platformType, first.resourceIds[0], first.runId),
        resources: sampleIds(cases.flatMap((c) => c.resourceIds)),
        step: first.step,

        cause: 'timeout',
      },
    ];
  },
};

/** Target groups and output samples in one of the tokens, with their evidence. */
function statusSignal(facts: InvestigationFacts, tokens: string[]) {
  const groups = groupsWith(facts, tokens);
  const samples = (facts.outputs ?? []).filter(
    (o) => isOneOf(o.command?.statusDetails, tokens) || isOneOf(o.targetDetailedStatus || o.targetStatus, tokens),
  );
  const evidence = uniqueEvidence([
    ...groups.map(groupEvidence),
    ...samples.flatMap((s): Evidence[] =>
      s.command?.statusDetails ? [{ field: 'GetCommandInvocation.StatusDetails', value: s.command.statusDetails }] : [],
    ),
  ]);
  const resources = sampleIds([
    ...samples.map((s) => s.resourceId),
    ...groups.flatMap((g) => g.group.samples.map((s) => s.resourceId)),
  ]);
  const count = groups.reduce((n, g) => n + g.group.count, 0) || samples.reduce((n, s) => n + s.targetCount, 0);
  const cli = uniqueLines([
    ...samples.flatMap((s) => sampleRefs(facts, s).cli),
    ...groups.flatMap((g) => executionTargetsCli(facts, g.executionId)),
    ...associationCli(facts),
  ]);
  return { groups, samples, evidence, resources, count, cli, found: evidence.length > 0 };
}

/** Targets with failures in the same execution as the given groups (MaxErrors may explain cancellations). */
function failuresAlongside(facts: InvestigationFacts, groups: ExecutionTargetGroup[]): boolean {
  const executions = new Set(groups.map((g) => g.executionId));
  return targetGroupsByToken(facts).some(
    (lg) =>
      executions.has(lg.executionId) && isOneOf(groupToken(lg.group), ['Failed', 'TimedOut', 'ExecutionTimedOut']),
  );
}

/**
 * Cancelled targets that neither the Duration cutoff (schedule.duration-cutoff) nor a MaxErrors stop
 * (max-errors.threshold-reached) explains: someone cancelled them, or a newer run replaced this one.
 */
export const commandCancelled: Check = {
  id: 'command.cancelled',
  step: 'targets',
  applies: (f) => f.latestTargets !== undefined || f.failedTargets !== undefined || f.outputs !== undefined,
  run: (f) => {
    const s = statusSignal(f, ['Cancelled', 'Cancelling']);
    if (!s.found || f.association?.duration !== undefined) return [];
    if (f.association?.maxErrors !== undefined && failuresAlongside(f, s.groups)) return [];
    return [
      {
        id: 'command.cancelled',
        severity: 'warning',
        title: `${plural(s.count, 'target')} cancelled`,
        summary:
          'The commands were cancelled before they finished: CancelCommand by a person or a tool, or a newer run of the association replacing this one while it was still running.',
        evidence: s.evidence,
        remediation: [
          'Look up who cancelled it: CloudTrail `CancelCommand` events around the execution time.',
          'If runs overlap (a new run starts while the previous one still runs, and the older one is stopped), make the schedule less frequent than the run takes.',
          startOnce(f),
        ],
        links: associationLinks(f),
        cli: s.cli,
        resources: s.resources,
        step: 'targets',
      },
    ];
  },
};

/** AccessDenied: the sender (State Manager's role) may not run the document on the node. */
export const commandAccessDenied: Check = {
  id: 'command.access-denied',
  step: 'targets',
  applies: (f) => f.latestTargets !== undefined || f.failedTargets !== undefined || f.outputs !== undefined,
  run: (f) => {
    const s = statusSignal(f, ['AccessDenied']);
    if (!s.found) return [];
    const dispatchRole = f.association?.dispatchAssumeRole;
    const evidence = [...s.evidence];
    if (dispatchRole)
      evidence.push({ field: 'DescribeAssociation.AssociationDispatchAssumeRole', value: dispatchRole });
    return [
      {
        id: 'command.access-denied',
        severity: 'error',
        title: `Access denied sending the command to ${plural(s.count, 'target')}`,
        summary: `Run Command refused to send the document to the nodes: the identity State Manager dispatches with (${dispatchRole ?? 'its service-linked role AWSServiceRoleForAmazonSSM'}) lacks access to the node or its resource group.`,
        evidence,
        remediation: [
          dispatchRole
            ? `Allow ssm:SendCommand on the document and on the target nodes in the policy of ${dispatchRole}.`
            : 'Make sure the service-linked role AWSServiceRoleForAmazonSSM exists and is not restricted.',
          'Check SCPs, permission boundaries and tag conditions (ssm:resourceTag/…) that deny ssm:SendCommand on these nodes.',
          'For resource-group targets, the role also needs resource-groups:ListGroupResources and tag:GetResources.',
          startOnce(f),
        ],
        links: associationLinks(f),
        cli: s.cli,
        resources: s.resources,
        step: 'targets',
      },
    ];
  },
};

/** LimitExceeded: too many pending invocations; the command was cancelled before it ran. */
export const commandRateExceeded: Check = {
  id: 'command.rate-exceeded',
  step: 'targets',
  applies: (f) => f.latestTargets !== undefined || f.failedTargets !== undefined || f.outputs !== undefined,
  run: (f) => {
    const s = statusSignal(f, ['LimitExceeded', 'RateExceeded']);
    if (!s.found) return [];
    const evidence = [...s.evidence];
    if (f.association?.maxConcurrency) {
      evidence.push({ field: 'DescribeAssociation.MaxConcurrency', value: f.association.maxConcurrency });
    }
    return [
      {
        id: 'command.rate-exceeded',
        severity: 'error',
        title: `Rate exceeded: ${plural(s.count, 'command')} cancelled before running`,
        summary:
          'Too many invocations were pending on the nodes (LimitExceeded), so Run Command cancelled these before they ran.',
        evidence,
        remediation: [
          'Find what else queues commands on these nodes (other associations, maintenance windows, automation) and stagger their schedules (ScheduleOffset).',
          'Lower MaxConcurrency so fewer invocations are pending at once.',
          startOnce(f),
        ],
        links: associationLinks(f),
        cli: s.cli,
        resources: s.resources,
        step: 'targets',
      },
    ];
  },
};

/** §3.7 Run Command outcome checks (with §3.13 and §3.15 refinements). */
export const runCommandChecks: Check[] = [
  scriptFailed,
  executionTimedOut,
  commandCancelled,
  commandAccessDenied,
  commandRateExceeded,
];
