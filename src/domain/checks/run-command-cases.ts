// Run Command failure cases, shared by the run-command check families (script, timeout): one case per failure
// signature, read from a command invocation (stdout/stderr via the decisive-line extractor), a node's
// ExecutionSummary, or only a target group's count; plus the finding fields every case-based finding shares.

import type { Catalog } from '../../i18n/index.ts';
import { type CauseFamily, type DecisiveLine, decisiveCommandLine, decisiveLine } from '../decisive-line.ts';
import type { InvestigationFacts, OutputSampleFacts, StepKey } from '../facts.ts';
import type { Evidence, Finding, Link, Severity } from '../finding.ts';
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
  logPathsWithOrchestration,
  NOT_A_SCRIPT_FAILURE,
  nodeById,
  nodeRefs,
  sameToken,
  sampleGroupEvidence,
  sampleIds,
  sampleRefs,
  sampleText,
  uniqueLines,
  uniqueLinks,
} from './kit.ts';

/** One failure signature, read from a command invocation, a node's ExecutionSummary, or only a target group. */
export interface FailureCase {
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

export const TIMEOUT_TOKENS = ['ExecutionTimedOut', 'TimedOut'];
const FAILED_TOKENS = ['Failed', ...TIMEOUT_TOKENS];

function invocationCase(facts: InvestigationFacts, sample: OutputSampleFacts, t: Catalog): FailureCase | undefined {
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
  evidence.push(sampleGroupEvidence(sample, t));
  const refs = sampleRefs(facts, sample, t);
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
function summaryCases(facts: InvestigationFacts, covered: FailureCase[], t: Catalog): FailureCase[] {
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
    const refs = nodeRefs(facts, node.instanceId, t);
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
function groupOnlyCases(facts: InvestigationFacts, covered: FailureCase[], t: Catalog): FailureCase[] {
  if (facts.document?.found === false) return [];
  const agentNeverRan = (facts.nodes ?? []).some((n) =>
    isOneOf(n.associationStatus?.errorCode, AGENT_STATE_ERROR_CODES),
  );
  return groupsWith(facts, FAILED_TOKENS)
    .filter((lg) => !covered.some((c) => sameToken(c.groupToken, groupToken(lg.group))))
    .filter((lg) => isOneOf(groupToken(lg.group), TIMEOUT_TOKENS) || !agentNeverRan)
    .map((lg) => groupCase(facts, lg, t));
}

function groupCase(facts: InvestigationFacts, lg: ExecutionTargetGroup, t: Catalog): FailureCase {
  const token = groupToken(lg.group);
  const evidence = [groupEvidence(lg, t)];
  const unreadable = (facts.outputs ?? []).find((o) => sameToken(o.targetDetailedStatus || o.targetStatus, token));
  if (unreadable?.unavailableReason) {
    evidence.push({
      field: 'GetCommandInvocation',
      value: t.findings.runCommand.notReadable(cap(unreadable.unavailableReason, 200)),
    });
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

export function failureCases(facts: InvestigationFacts, t: Catalog): FailureCase[] {
  if (isAutomationAssociation(facts)) return [];
  const invocations = (facts.outputs ?? [])
    .map((s) => invocationCase(facts, s, t))
    .filter((c): c is FailureCase => c !== undefined);
  const summaries = summaryCases(facts, invocations, t);
  const known = [...invocations, ...summaries];
  return [...known, ...groupOnlyCases(facts, known, t)];
}

export function isTimeout(c: FailureCase): boolean {
  if (isOneOf(c.token, TIMEOUT_TOKENS)) return true;
  // 137 is SIGKILL: the agent's timeout kill, unless the output says the process ran out of memory.
  return (
    c.exitCode === 137 &&
    c.platformType !== 'Windows' &&
    !isOneOf(c.token, NOT_A_SCRIPT_FAILURE) &&
    c.decisive?.family !== 'memory'
  );
}

export function isScriptFailure(c: FailureCase): boolean {
  if (isTimeout(c) || isOneOf(c.token, NOT_A_SCRIPT_FAILURE)) return false;
  return (c.exitCode !== undefined && c.exitCode !== 0) || sameToken(c.token, 'Failed');
}

/** Fields every finding built from a case shares. */
export function caseFinding(
  facts: InvestigationFacts,
  t: Catalog,
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
    links: uniqueLinks([...c.links, ...associationLinks(facts, t)]),
    cli: uniqueLines([...c.cli, ...associationCli(facts)]),
    logPaths: logPathsWithOrchestration(c.platformType, c.resourceIds[0], c.runId, logExtra),
    resources: sampleIds(c.resourceIds),
    affectedTargets: c.targetCount,
    step: c.step,
    ...(f.cause ? { cause: f.cause } : c.decisive ? { cause: c.decisive.family } : {}),
  };
}

/** `i-1 (and 2 other targets with the same status)`. */
export function where(c: FailureCase, t: Catalog): string {
  return t.findings.runCommand.where(c.resourceIds[0], c.targetCount);
}

/** The last fix step: re-run the association now (StartAssociationsOnce) instead of waiting for the schedule. */
export function startOnce(facts: InvestigationFacts, t: Catalog): string {
  const id = facts.association?.associationId;
  return t.findings.runCommand.startOnce(id ? cliRefs.startOnce(facts.scope, id) : undefined);
}
