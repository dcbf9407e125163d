// §3.7 Run Command script failures (non-zero exit codes, reboot exit codes), with AWS-RunPatchBaseline (§3.13)
// and Ansible/Chef (§3.15) refinements. Cases come from run-command-cases.ts; the quoted line from the
// decisive-line extractor (src/domain/decisive-line.ts).
import type { Catalog, FindingsCatalog } from '../../i18n/index.ts';
import { causeFamilyText } from '../cause-families.ts';
import type { CauseFamily } from '../decisive-line.ts';
import type { InvestigationFacts } from '../facts.ts';
import type { Check, Finding } from '../finding.ts';
import { cap, lineMatching, type logPathsWithOrchestration } from './kit.ts';
import { caseFinding, type FailureCase, failureCases, isScriptFailure, startOnce, where } from './run-command-cases.ts';

/** Exit codes that ask the agent to reboot the node and run the document again. */
const REBOOT_CODES: Record<string, number> = { 'Linux/macOS': 194, Windows: 3010 };

// ---------------------------------------------------------------- specific failures (§3.13, §3.15)

type RefinementText = keyof FindingsCatalog['patch']['refinements'];

interface Refinement {
  id: string;
  /** Its title, summary and fixes in the catalog. */
  text: RefinementText;
  /** Which documents it applies to. */
  documents: RegExp;
  exitCodes?: number[];
  /** The line to quote; a refinement matches when the pattern or one of its exit codes does. */
  pattern?: RegExp;
  extraLogs?: Parameters<typeof logPathsWithOrchestration>[3];
  cause: CauseFamily;
}

const PATCH_DOCS = /RunPatchBaseline/i;
const PATCH_LOGS = {
  'Linux/macOS': ['/var/lib/amazon/ssm/<instance-id>/document/orchestration/<command-id>/awsrunShellScript/PatchLinux'],
  Windows: ['%PROGRAMDATA%\\Amazon\\PatchBaselineOperations\\Logs'],
};

const PATCH_REFINEMENTS: Refinement[] = [
  {
    id: 'patch.noexec-mount',
    text: 'noexecMount',
    cause: 'permission',
    documents: PATCH_DOCS,
    exitCodes: [126],
    pattern: /_script\.sh: Permission denied|Permission denied/i,
    extraLogs: PATCH_LOGS,
  },
  {
    id: 'patch.concurrent-runs',
    text: 'concurrentRuns',
    cause: 'package-manager',
    documents: PATCH_DOCS,
    exitCodes: [152, 155],
    pattern:
      /Unable to extract tar file|Unable to load and extract the content of payload|No such file or directory: 'patch-baseline-operations|another process has acquired yum lock/i,
    extraLogs: PATCH_LOGS,
  },
  {
    id: 'patch.payload-unreachable',
    text: 'payloadUnreachable',
    cause: 'network',
    documents: PATCH_DOCS,
    exitCodes: [156],
    pattern: /Unable to download payload|Unable to connect to the remote server|Unable to download file from S3/i,
    extraLogs: PATCH_LOGS,
  },
  {
    id: 'patch.dpkg-locked',
    text: 'dpkgLocked',
    cause: 'package-manager',
    documents: PATCH_DOCS,
    pattern: /dpkg frontend is locked|dpkg was interrupted|Could not get lock \/var\/lib\/dpkg/i,
    extraLogs: PATCH_LOGS,
  },
  {
    id: 'patch.no-more-mirrors',
    text: 'noMoreMirrors',
    cause: 'package-repository',
    documents: PATCH_DOCS,
    pattern: /No more mirrors to try|NoMoreMirrorsRepoError/i,
    extraLogs: PATCH_LOGS,
  },
  {
    id: 'patch.python3-missing',
    text: 'python3Missing',
    cause: 'missing-dependency',
    documents: PATCH_DOCS,
    pattern: /unsupported package manager and python version combination|Apt requires Python3/i,
    extraLogs: PATCH_LOGS,
  },
];

function refinementFinding(facts: InvestigationFacts, c: FailureCase, t: Catalog): Finding | undefined {
  const say = t.findings.patch;
  for (const r of PATCH_REFINEMENTS) {
    if (!r.documents.test(c.documentName)) continue;
    const line = r.pattern ? lineMatching(c.text, r.pattern) : undefined;
    const byCode = c.exitCode !== undefined && (r.exitCodes ?? []).includes(c.exitCode);
    if (!line && !byCode) continue;
    const quoted = line && !c.evidence.some((e) => e.value.includes(line)) ? [{ field: c.textField, value: line }] : [];
    const text = say.refinements[r.text];
    return caseFinding(
      facts,
      t,
      c,
      {
        id: r.id,
        severity: 'error',
        title: text.title,
        summary: say.seenOn(text.summary, where(c, t)),
        remediation: [...text.remediation, say.runbook, startOnce(facts, t)],
        evidence: quoted,
        cause: r.cause,
      },
      r.extraLogs,
    );
  }
  return undefined;
}

function ansibleFinding(facts: InvestigationFacts, c: FailureCase, t: Catalog): Finding {
  const say = t.findings.ansible;
  const hints: string[] = [];
  if (c.platformType === 'MacOS') hints.push(say.macos);
  if (
    /ansible(-playbook)?: (command )?not found|No such file or directory.*ansible|unzip: command not found|python3?: (command )?not found/i.test(
      c.text,
    )
  ) {
    hints.push(say.dependencies);
  }
  if (/github|Bad credentials|\b40[13]\b/i.test(c.text)) {
    hints.push(say.github);
  }
  if (/AccessDenied|NoSuchKey|NoSuchBucket|s3:\/\//i.test(c.text)) {
    hints.push(say.s3);
  }
  return caseFinding(facts, t, c, {
    id: 'ansible.playbook-failed',
    severity: 'error',
    title: say.title(c.exitCode, quoted(c)),
    summary: say.summary(where(c, t)),
    remediation: [...hints, ...familyFixes(c, t), ...say.remediation, startOnce(facts, t)],
  });
}

function chefFinding(facts: InvestigationFacts, c: FailureCase, t: Catalog): Finding {
  const say = t.findings.chef;
  const hints: string[] = [];
  if (/chef\.io|omnitruck|Could not resolve host|install\.sh/i.test(c.text)) hints.push(say.install);
  if (/AccessDenied|NoSuchKey|NoSuchBucket|s3:\/\//i.test(c.text)) hints.push(say.s3);
  if (/github|Bad credentials|\b40[13]\b/i.test(c.text)) hints.push(say.github);
  return caseFinding(facts, t, c, {
    id: 'chef.recipe-failed',
    severity: 'error',
    title: say.title(c.exitCode, quoted(c)),
    summary: say.summary(where(c, t)),
    remediation: [...hints, ...familyFixes(c, t), say.reproduce, startOnce(facts, t)],
  });
}

/** `: <the decisive line>` for a title, or nothing. */
function quoted(c: FailureCase): string {
  return c.decisive ? `: ${cap(c.decisive.line, 160)}` : '';
}

/** The family's fixes for a quoted line, before the generic ones. */
function familyFixes(c: FailureCase, t: Catalog): string[] {
  return c.decisive ? causeFamilyText(c.decisive.family, t).fixes : [];
}

function rebootFinding(facts: InvestigationFacts, c: FailureCase, t: Catalog): Finding {
  const say = t.findings.script.reboot;
  return caseFinding(facts, t, c, {
    id: 'command.reboot-exit-code',
    severity: 'warning',
    title: say.title(c.exitCode),
    summary: say.summary(c.exitCode, where(c, t)),
    remediation: [...say.remediation, startOnce(facts, t)],
  });
}

function exitCodeFinding(facts: InvestigationFacts, c: FailureCase, t: Catalog): Finding {
  const say = t.findings.script;
  const code = c.exitCode;
  const family = c.decisive ? causeFamilyText(c.decisive.family, t) : undefined;
  if (code === undefined) {
    return caseFinding(facts, t, c, {
      id: 'command.plugin-failed',
      severity: 'error',
      title: family ? `${family.label}${quoted(c)}` : say.pluginFailed.title(c.targetCount),
      summary:
        c.step === 'targets'
          ? say.pluginFailed.noOutput(c.targetCount, c.groupToken)
          : say.pluginFailed.summary(where(c, t), family?.meaning),
      remediation: [...familyFixes(c, t), ...say.pluginFailed.remediation, startOnce(facts, t)],
    });
  }
  const notStarted = code === -1 || code === 4294967295;
  return caseFinding(facts, t, c, {
    id: 'command.exit-code',
    severity: 'error',
    title: notStarted
      ? say.notStarted.title(quoted(c))
      : c.decisive && family
        ? say.exitCode.familyTitle(c.decisive.family === 'script-error' ? undefined : family.label, code, quoted(c))
        : say.exitCode.title(code),
    summary: notStarted
      ? say.notStarted.summary(where(c, t))
      : family
        ? say.exitCode.familySummary(family.meaning, where(c, t), code)
        : say.exitCode.summary(where(c, t), code),
    remediation: notStarted
      ? [...say.notStarted.remediation, startOnce(facts, t)]
      : [...familyFixes(c, t), ...say.exitCode.remediation, startOnce(facts, t)],
  });
}

function scriptFailureFinding(facts: InvestigationFacts, c: FailureCase, t: Catalog): Finding {
  if (c.exitCode !== undefined && Object.values(REBOOT_CODES).includes(c.exitCode)) return rebootFinding(facts, c, t);
  const refined = refinementFinding(facts, c, t);
  if (refined) return refined;
  if (/^AWS-(Apply|Run)AnsiblePlaybooks?$/i.test(c.documentName)) return ansibleFinding(facts, c, t);
  if (/^AWS-ApplyChefRecipes$/i.test(c.documentName)) return chefFinding(facts, c, t);
  return exitCodeFinding(facts, c, t);
}

/** Script failures: exit codes, reboot codes, patching / Ansible / Chef refinements. */
export const scriptFailed: Check = {
  id: 'command.script-failed',
  step: 'output',
  applies: (f) => f.outputs !== undefined || f.nodes !== undefined || f.latestTargets !== undefined,
  run: (f, t) =>
    failureCases(f, t)
      .filter(isScriptFailure)
      .map((c) => scriptFailureFinding(f, c, t)),
};

/** §3.7 script failures (with §3.13 and §3.15 refinements). */
export const runCommandScriptChecks: Check[] = [scriptFailed];
