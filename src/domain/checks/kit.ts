// The one helper kit every check uses: finding defaults, wording (time, counts, selectors), target-group access,
// output excerpts (stdout/stderr, ExecutionSummary), evidence, links and CLI. One meaning per name.

import type { Catalog } from '../../i18n/index.ts';
import type {
  AssociationFacts,
  ExecutionSummaryFacts,
  ExecutionTargetFacts,
  ExecutionTargetsFacts,
  InvestigationFacts,
  NodeFacts,
  OutputSampleFacts,
  TargetGroupFacts,
} from '../facts.ts';
import type { Evidence, Finding, Link, LogPaths } from '../finding.ts';
import { agentLogPaths, cli, consoleLinks } from '../references.ts';
import { clipText } from '../text.ts';

/** At most this many resources are named in one finding. */
export const MAX_RESOURCES = 10;
/** At most this many evidence items come from a per-resource loop. */
export const MAX_PER_RESOURCE_EVIDENCE = 3;

type FindingInput = Omit<Finding, 'links' | 'cli'> & Partial<Pick<Finding, 'links' | 'cli'>>;

/** A finding with empty links/cli filled in and its resources bounded. */
export function finding(input: FindingInput): Finding {
  const resources = input.resources ? unique(input.resources).slice(0, MAX_RESOURCES) : undefined;
  return { links: [], cli: [], ...input, ...(resources ? { resources } : {}) };
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Evidence without repeated field/value pairs, in first-seen order. */
export function uniqueEvidence(items: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return items.filter((e) => {
    const key = `${e.field}\u0000${e.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Wording (time ago, dates, counts, id lists) is the catalog's: `t.words.since`, `t.words.dateTime`,
// `t.words.count.*`, `t.words.idList`.

/** The Targets selector in words: `tag:Env = prod AND tag:Role = web`. */
export function selectorText(association: AssociationFacts, t: Catalog): string {
  if (association.targets.length === 0) {
    return association.instanceId ? `InstanceId = ${association.instanceId}` : t.findings.kit.noTargets;
  }
  return association.targets.map((t) => `${t.key} = ${t.values.join(' OR ')}`).join(' AND ');
}

/** The node's platform for agentLogPaths; EC2 reports `windows` for Windows instances. */
export function nodePlatform(node: NodeFacts): string | undefined {
  if (node.platformType) return node.platformType;
  if (node.ec2?.platform) return /windows/i.test(node.ec2.platform) ? 'Windows' : 'Linux';
  return undefined;
}

/** The platform shared by all nodes, or undefined (both log locations) when they differ. */
export function commonPlatform(nodes: readonly NodeFacts[]): string | undefined {
  const platforms = unique(nodes.map(nodePlatform));
  return platforms.length === 1 ? platforms[0] : undefined;
}

/** Links to the association and its execution history, when the association is known. */
export function associationLinks(facts: InvestigationFacts, t: Catalog): Link[] {
  const id = facts.association?.associationId;
  return id
    ? [consoleLinks.association(facts.scope, id, t.lang), consoleLinks.associationHistory(facts.scope, id, t.lang)]
    : [];
}

/** Console links for the first few nodes. */
export function nodeLinks(facts: InvestigationFacts, nodes: readonly NodeFacts[], t: Catalog): Link[] {
  return nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => consoleLinks.node(facts.scope, n.instanceId, t.lang));
}

export function nodeCli(facts: InvestigationFacts, nodes: readonly NodeFacts[]): string[] {
  return nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => cli.instanceInformation(facts.scope, n.instanceId));
}

/** A target group together with the execution it belongs to. */
export interface ExecutionTargetGroup {
  executionId: string;
  group: TargetGroupFacts;
}

/**
 * Every target group of the newest execution and of the newest failed one (when different), repeats kept.
 * (`targetGroupsByToken` keeps one group per status token instead.)
 */
function allTargetGroups(facts: InvestigationFacts): ExecutionTargetGroup[] {
  const { latestTargets: latest, failedTargets: failed } = facts;
  const sets = [latest, failed?.executionId === latest?.executionId ? undefined : failed].filter(
    (s) => s !== undefined,
  );
  return sets.flatMap((s) => s.groups.map((group) => ({ executionId: s.executionId, group })));
}

/** Groups whose Status or DetailedStatus is exactly `status` (every group, repeats kept). */
export function groupsWithStatus(facts: InvestigationFacts, status: string): ExecutionTargetGroup[] {
  return allTargetGroups(facts).filter(({ group }) => group.status === status || group.detailedStatus === status);
}

/** Resource ids of the sampled targets of the groups, de-duplicated (unbounded; see `sampleIds` for a bounded sample). */
export function groupSampleIds(groups: readonly ExecutionTargetGroup[]): string[] {
  return unique(groups.flatMap(({ group }) => group.samples.map((s: ExecutionTargetFacts) => s.resourceId)));
}

/** True when the node cannot take commands: not managed, or not pinging Online (unknown when it could not be read). */
export function isOffline(node: NodeFacts): boolean {
  return (
    node.managed === false || (node.managed === true && node.pingStatus !== undefined && node.pingStatus !== 'Online')
  );
}

const STOPPED_STATES = new Set(['stopped', 'stopping']);
const TERMINATED_STATES = new Set(['terminated', 'shutting-down']);

export function isStopped(node: NodeFacts): boolean {
  return STOPPED_STATES.has(node.ec2?.state ?? '');
}

export function isTerminated(node: NodeFacts): boolean {
  return TERMINATED_STATES.has(node.ec2?.state ?? '');
}

/** The association looks healthy: Overview.Status Success and the newest execution succeeded (when known). */
export function associationSucceeding(facts: InvestigationFacts): boolean {
  const latest = facts.executions?.[0];
  return facts.association?.status === 'Success' && (latest === undefined || latest.status === 'Success');
}

/** `text` cut to at most `max` code units on a grapheme boundary, with an ellipsis when it cuts (not trimmed; see `cap`). */
export function clip(text: string, max: number): string {
  return clipText(text, max);
}

// ---------------------------------------------------------------- output side (stdout/stderr, summaries, groups by token)

/** How many resource ids a finding names at most. */
export const RESOURCE_SAMPLE = 5;
/** How many characters one evidence excerpt may hold. */
export const EXCERPT_CHARS = 300;

/** Agent error codes that other checks explain (the agent never ran the document's steps). */
export const AGENT_STATE_ERROR_CODES = [
  'InvalidAssoc',
  'ListAssocError',
  'InvalidExpression',
  'StuckAtInProgress',
  'SubmitAssocError',
] as const;

/** Target statuses that say the command never ran on the node, or was stopped by the service: not a script failure. */
export const NOT_A_SCRIPT_FAILURE = [
  'Success',
  'Pending',
  'InProgress',
  'Delayed',
  'Queued',
  'DeliveryTimedOut',
  'Undeliverable',
  'InvalidPlatform',
  'Terminated',
  'Cancelled',
  'Cancelling',
  'Skipped',
  'AccessDenied',
  'LimitExceeded',
] as const;

/** A bounded, de-duplicated sample of ids in first-seen order (at most RESOURCE_SAMPLE by default). */
export function sampleIds(ids: Iterable<string | undefined>, max = RESOURCE_SAMPLE): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (id && !out.includes(id)) out.push(id);
    if (out.length >= max) break;
  }
  return out;
}

export function sameToken(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

export function isOneOf(value: string | undefined, tokens: readonly string[]): boolean {
  return tokens.some((t) => sameToken(value, t));
}

/** The word that names a group: its DetailedStatus when AWS gives one, else its Status. */
export function groupToken(group: { status: string; detailedStatus?: string }): string {
  return group.detailedStatus || group.status;
}

/** Target executions to read: the newest, then the newest failed one when it is another execution. */
export function targetExecutions(facts: InvestigationFacts): ExecutionTargetsFacts[] {
  const out: ExecutionTargetsFacts[] = [];
  if (facts.latestTargets) out.push(facts.latestTargets);
  if (facts.failedTargets && facts.failedTargets.executionId !== facts.latestTargets?.executionId) {
    out.push(facts.failedTargets);
  }
  return out;
}

/**
 * Target groups of the newest execution, then of the newest failed one, one per status token: a token already
 * seen in the newest execution is not repeated from the older one, so one cause is reported once, with its
 * freshest count. (`groupsWithStatus` reads every group instead.)
 */
export function targetGroupsByToken(facts: InvestigationFacts): ExecutionTargetGroup[] {
  const out: ExecutionTargetGroup[] = [];
  const seen = new Set<string>();
  for (const targets of targetExecutions(facts)) {
    for (const group of targets.groups) {
      const key = `${group.status}|${group.detailedStatus ?? ''}`.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ executionId: targets.executionId, group });
    }
  }
  return out;
}

/**
 * Groups whose token (DetailedStatus, else Status) is one of the tokens. Status alone is too coarse:
 * `Failed / DeliveryTimedOut` is a delivery problem, not a script failure.
 */
export function groupsWith(facts: InvestigationFacts, tokens: readonly string[]): ExecutionTargetGroup[] {
  return targetGroupsByToken(facts).filter(({ group }) => isOneOf(groupToken(group), tokens));
}

/** `DescribeAssociationExecutionTargets.DetailedStatus = ExecutionTimedOut (312 targets)`. */
export function groupEvidence({ executionId, group }: ExecutionTargetGroup, t: Catalog): Evidence {
  const field = group.detailedStatus
    ? 'DescribeAssociationExecutionTargets.DetailedStatus'
    : 'DescribeAssociationExecutionTargets.Status';
  return { field, value: t.findings.kit.groupValue(groupToken(group), group.count, executionId) };
}

/** Evidence for the target group an output sample stands for. */
export function sampleGroupEvidence(sample: OutputSampleFacts, t: Catalog): Evidence {
  const field = sample.targetDetailedStatus
    ? 'DescribeAssociationExecutionTargets.DetailedStatus'
    : 'DescribeAssociationExecutionTargets.Status';
  const token = sample.targetDetailedStatus || sample.targetStatus;
  return { field, value: t.findings.kit.statusWithTargets(token, sample.targetCount) };
}

/** Caps a string for evidence, on a grapheme boundary, with an ellipsis. */
export function cap(text: string, max = EXCERPT_CHARS): string {
  return clipText(text.trim(), max);
}

const NOISE_LINE = /^[-=_*#\s]*$|^-+\s*ERROR\s*-+$/i;
const EXIT_STATUS = /failed to run commands: exit status (-?\d+)/gi;

/** Non-empty lines without separator noise (`----------ERROR-------`). */
export function meaningfulLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !NOISE_LINE.test(l));
}

/** The exit code the agent appended to stderr (`failed to run commands: exit status N`), the last one. */
export function exitStatusIn(text: string): number | undefined {
  let code: number | undefined;
  for (const m of text.matchAll(EXIT_STATUS)) code = Number(m[1]);
  return code;
}

/** The first line of a text that matches a pattern, trimmed and capped at 240; undefined when none does. */
export function lineMatching(text: string | undefined, pattern: RegExp): string | undefined {
  if (!text) return undefined;
  const line = text.split(/\r?\n/).find((l) => pattern.test(l));
  return line === undefined ? undefined : cap(line, 240);
}

/** What an output sample printed: stderr, then stdout (patterns are searched in both). */
export function sampleText(sample: OutputSampleFacts): string {
  const c = sample.command;
  if (!c) return '';
  return [c.stderr, c.stdout].filter((t) => t.length > 0).join('\n');
}

/** The agent's ExecutionSummary as text: raw string plus the parsed failure reasons. */
export function summaryText(summary: ExecutionSummaryFacts | undefined): string {
  if (!summary) return '';
  return [summary.raw, ...summary.failures.map((f) => `${f.plugin}: ${f.reason}`)].join('\n');
}

/** A document name without its ARN prefix (`arn:aws:ssm:…:document/AWS-RunPatchBaseline` → `AWS-RunPatchBaseline`). */
export function bareDocumentName(name: string | undefined): string {
  if (!name) return '';
  const i = name.indexOf(':document/');
  return i >= 0 ? name.slice(i + ':document/'.length) : name;
}

export function isDocumentArn(name: string | undefined): boolean {
  return name !== undefined && /^arn:aws[a-z-]*:ssm:[^:]*:\d{12}:document\//.test(name);
}

export function nodeById(facts: InvestigationFacts, instanceId: string): NodeFacts | undefined {
  return facts.nodes?.find((n) => n.instanceId === instanceId);
}

/** CLI to see the association and its executions. */
export function associationCli(facts: InvestigationFacts): string[] {
  const id = facts.association?.associationId;
  if (!id) return [];
  return [cli.describeAssociation(facts.scope, id), cli.executions(facts.scope, id)];
}

/** CLI to list the targets of an execution. */
export function executionTargetsCli(facts: InvestigationFacts, executionId: string): string[] {
  const id = facts.association?.associationId;
  return id ? [cli.executionTargets(facts.scope, id, executionId)] : [];
}

/** Links and CLI for the Run Command output of one sample. */
export function sampleRefs(
  facts: InvestigationFacts,
  sample: OutputSampleFacts,
  t: Catalog,
): { links: Link[]; cli: string[] } {
  const c = sample.command;
  if (c) {
    return {
      links: [consoleLinks.commandOutput(facts.scope, c.commandId, c.instanceId, t.lang)],
      cli: [cli.commandInvocation(facts.scope, c.commandId, c.instanceId)],
    };
  }
  const a = sample.automation;
  if (a) {
    return {
      links: [consoleLinks.automationExecution(facts.scope, a.executionId, t.lang)],
      cli: [cli.automationExecution(facts.scope, a.executionId)],
    };
  }
  return { links: [consoleLinks.node(facts.scope, sample.resourceId, t.lang)], cli: [] };
}

/** Links and CLI for a node's association status. */
export function nodeRefs(facts: InvestigationFacts, instanceId: string, t: Catalog): { links: Link[]; cli: string[] } {
  return {
    links: [consoleLinks.node(facts.scope, instanceId, t.lang)],
    cli: [cli.instanceAssociations(facts.scope, instanceId)],
  };
}

/** De-duplicates links by URL and CLI lines, keeping the first few. */
export function uniqueLinks(links: Link[], max = 6): Link[] {
  const out: Link[] = [];
  for (const l of links) if (!out.some((o) => o.url === l.url) && out.length < max) out.push(l);
  return out;
}

export function uniqueLines(lines: string[], max = 6): string[] {
  return [...new Set(lines)].slice(0, max);
}

/**
 * Agent log paths plus the document's local orchestration folder, where a run's stdout/stderr stay on the node
 * even when nothing reached the API or S3.
 */
export function logPathsWithOrchestration(
  platformType: string | undefined,
  instanceId: string | undefined,
  runId: string | undefined,
  extra: Partial<Record<LogPaths['platform'], string[]>> = {},
): LogPaths[] {
  const id = instanceId ?? '<instance-id>';
  const run = runId ?? '<command-or-association-id>';
  return agentLogPaths(platformType).map((lp) => {
    const orchestration =
      lp.platform === 'Windows'
        ? `C:\\ProgramData\\Amazon\\SSM\\InstanceData\\${id}\\document\\orchestration\\${run}\\`
        : `/var/lib/amazon/ssm/${id}/document/orchestration/${run}/`;
    const more = (extra[lp.platform] ?? []).map((p) => p.replace('<instance-id>', id).replace('<command-id>', run));
    return { platform: lp.platform, paths: [...lp.paths, orchestration, ...more] };
  });
}

/** A node's failed association run as the agent summarised it, when the agent got as far as running plugins. */
export function failedRunSummary(node: NodeFacts): ExecutionSummaryFacts | undefined {
  const row = node.associationStatus;
  const summary = row?.executionSummary;
  if (!row || !summary) return undefined;
  if (isOneOf(row.errorCode, AGENT_STATE_ERROR_CODES)) return undefined;
  const failed = (summary.failed ?? 0) > 0 || (summary.timedOut ?? 0) > 0 || summary.failures.length > 0;
  return failed ? summary : undefined;
}

/** True when the association runs an Automation runbook rather than a Command/Policy document. */
export function isAutomationAssociation(facts: InvestigationFacts): boolean {
  const doc = facts.document;
  if (doc?.found && sameToken(doc.documentType, 'Automation')) return true;
  if (facts.association?.automationTargetParameterName) return true;
  if ((facts.outputs ?? []).some((o) => o.automation !== undefined)) return true;
  return targetGroupsByToken(facts).some((lg) =>
    lg.group.samples.some((s) => sameToken(s.outputSource?.type, 'Automation')),
  );
}

/** Association parameter value, joined; undefined when the parameter is absent. */
export function parameterValue(params: Record<string, string[]>, name: string): string | undefined {
  const key = Object.keys(params).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (params[key] ?? []).join(',');
}

/** `{{ssm:name}}` / `{{ssm-secure:name}}` references in the association's parameter values (names only, never values). */
export function parameterReferences(params: Record<string, string[]>): { parameter: string; reference: string }[] {
  const out: { parameter: string; reference: string }[] = [];
  for (const [parameter, values] of Object.entries(params)) {
    for (const v of values) {
      for (const m of v.matchAll(/\{\{\s*(ssm(?:-secure)?:[^}\s]+)\s*\}\}/g)) {
        out.push({ parameter, reference: `{{${m[1]}}}` });
      }
    }
  }
  return out;
}
