// §3.7 Run Command script failures (non-zero exit codes, reboot exit codes), with AWS-RunPatchBaseline (§3.13)
// and Ansible/Chef (§3.15) refinements. Cases come from run-command-cases.ts; the quoted line from the
// decisive-line extractor (src/domain/decisive-line.ts).
import { CAUSE_FAMILY_TEXT } from '../cause-families.ts';
import type { CauseFamily } from '../decisive-line.ts';
import type { InvestigationFacts } from '../facts.ts';
import type { Check, Finding } from '../finding.ts';
import { cap, lineMatching, type logPathsWithOrchestration, plural } from './kit.ts';
import { caseFinding, type FailureCase, failureCases, isScriptFailure, startOnce, where } from './run-command-cases.ts';

/** Exit codes that ask the agent to reboot the node and run the document again. */
const REBOOT_CODES: Record<string, number> = { 'Linux/macOS': 194, Windows: 3010 };

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

/** §3.7 script failures (with §3.13 and §3.15 refinements). */
export const runCommandScriptChecks: Check[] = [scriptFailed];
