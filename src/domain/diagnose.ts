// The verdict: run the checks, merge what they found, rank the most likely root cause first.

import { type Catalog, DEFAULT_LANG, type Lang, texts } from '../i18n/index.ts';
import { type AwsFault, faultMeaning } from './aws-faults.ts';
import { ALL_CHECKS } from './checks/index.ts';
import type { FactGap, InvestigationFacts, StepKey } from './facts.ts';
import { type Check, type Diagnosis, type Finding, type LogPaths, SEVERITY_RANK } from './finding.ts';
import { presentFacts, type RunState, runStateOf } from './recency.ts';
import { agentLogPaths, cli, consoleLinks } from './references.ts';

/** Bounds of a merged finding. */
const MAX_EVIDENCE = 12;
const MAX_RESOURCES = 10;
const MAX_LINKS = 8;
const MAX_CLI = 8;

/** Checks whose facts are in once `step` is done, so the runner can show per-step findings. */
export function checksForStep(step: StepKey, checks: readonly Check[] = ALL_CHECKS): Check[] {
  return checks.filter((c) => c.step === step);
}

/** The document cannot be used at all: nothing downstream can succeed. */
const UPSTREAM_DOCUMENT = [
  'document.deleted',
  'document.version-missing',
  'document.not-active',
  'document.type-unsupported',
];
/** What an Automation run did, as opposed to how the association is set up. */
const AUTOMATION_OUTCOMES = ['automation.step-failed', 'automation.step-timed-out', 'automation.execution-failed'];
/** Effects of a cause found elsewhere (an offline node, an error threshold). */
const SYMPTOMS = ['node.delivery-timed-out', 'node.undeliverable', 'node.targets-stuck-offline', 'command.cancelled'];

/**
 * How causal a finding is, lower first, among findings of the same severity. Upstream problems (the
 * association or document cannot be used) come before node reachability, which comes before what
 * happened on the node, which comes before the symptoms those causes produce.
 */
const CAUSAL_TIERS: [tier: number, matches: (id: string) => boolean][] = [
  [0, (id) => id.startsWith('access.') || id.startsWith('association.')],
  [1, (id) => UPSTREAM_DOCUMENT.includes(id)],
  [8, (id) => SYMPTOMS.includes(id) || id.startsWith('max-errors.')],
  [7, (id) => id === 'agent.outdated' || id === 'agent.not-latest'],
  // What happened in a run is an outcome, even for an Automation runbook: its configuration causes rank above it.
  [6, (id) => AUTOMATION_OUTCOMES.includes(id)],
  // InvalidAssoc without a recognised message: a specific parameter finding says more.
  [5, (id) => id === 'parameters.invalid-assoc'],
  [2, (id) => ['parameters.', 'schedule.', 'targets.', 'automation.'].some((p) => id.startsWith(p))],
  [3, (id) => id.startsWith('instance-profile.')],
  [4, (id) => id.startsWith('node.')],
  [5, (id) => ['agent-state.', 'agent.', 'inventory.', 'document.'].some((p) => id.startsWith(p))],
];
const DEFAULT_TIER = 6; // command., patch., output., … : the outcome of the run itself

export function causalTier(id: string): number {
  return CAUSAL_TIERS.find(([, matches]) => matches(id))?.[0] ?? DEFAULT_TIER;
}

/** Severity first, then causal tier, then the finding that accounts for more targets or resources, then id for stability. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    causalTier(a.id) - causalTier(b.id) ||
    (b.affectedTargets ?? 0) - (a.affectedTargets ?? 0) ||
    (b.resources?.length ?? 0) - (a.resources?.length ?? 0) ||
    a.id.localeCompare(b.id)
  );
}

const uniqueBy = <T>(items: readonly T[], key: (t: T) => string): T[] => {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** One finding per id: the most severe one's wording, everything else merged within bounds. */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const byId = new Map<string, Finding[]>();
  for (const f of findings) byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  return [...byId.values()].map((group) => {
    const [first, ...rest] = [...group].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    if (!first || rest.length === 0) return first as Finding;
    const all = [first, ...rest];
    const resources = uniqueBy(
      all.flatMap((f) => f.resources ?? []),
      (r) => r,
    ).slice(0, MAX_RESOURCES);
    const logPaths = uniqueBy(
      all.flatMap((f): LogPaths[] => f.logPaths ?? []),
      (l) => l.platform,
    );
    return {
      ...first,
      evidence: uniqueBy(
        all.flatMap((f) => f.evidence),
        (e) => `${e.field}\u0000${e.value}`,
      ).slice(0, MAX_EVIDENCE),
      remediation: uniqueBy(
        all.flatMap((f) => f.remediation),
        (r) => r,
      ),
      links: uniqueBy(
        all.flatMap((f) => f.links),
        (l) => l.url,
      ).slice(0, MAX_LINKS),
      cli: uniqueBy(
        all.flatMap((f) => f.cli),
        (c) => c,
      ).slice(0, MAX_CLI),
      ...(logPaths.length ? { logPaths } : {}),
      ...(resources.length ? { resources } : {}),
      ...(all.some((f) => f.affectedTargets !== undefined)
        ? { affectedTargets: all.reduce((n, f) => n + (f.affectedTargets ?? 0), 0) }
        : {}),
    };
  });
}

/** What the investigation looked at, in plain words, from the facts that are present. */
export function describeChecked(facts: InvestigationFacts, lang: Lang = DEFAULT_LANG): string[] {
  const say = texts(lang).findings.checked;
  const checked: string[] = [];
  const { identity, association: a, document: d, executions, latestTargets, failedTargets, nodes } = facts;
  if (identity)
    checked.push(say.account(facts.scope.accountName, facts.scope.accountId, facts.scope.region, identity.arn));
  if (a) {
    const status = a.status
      ? `${a.status}${a.detailedStatus && a.detailedStatus !== a.status ? ` / ${a.detailedStatus}` : ''}`
      : undefined;
    const targets = a.targets.map((x) => `${x.key} = ${x.values.join(',')}`).join(' AND ') || a.instanceId || undefined;
    checked.push(
      say.association({
        name: a.associationName ?? a.associationId,
        document: a.documentName,
        ...(status ? { status } : {}),
        ...(a.scheduleExpression ? { schedule: a.scheduleExpression } : {}),
        ...(targets ? { targets } : {}),
      }),
    );
  }
  if (d) {
    const platforms = d.found ? d.platformTypes.join('/') : '';
    checked.push(
      d.found
        ? say.document({
            name: d.name,
            ...(d.version ? { version: d.version } : {}),
            ...(d.documentType !== undefined ? { type: d.documentType } : {}),
            ...(d.status !== undefined ? { status: d.status } : {}),
            ...(platforms ? { platforms } : {}),
          })
        : say.documentUnreadable(d.name, d.errorCode),
    );
  }
  if (executions) {
    const latest = executions[0];
    checked.push(
      latest ? say.executions(executions.length, latest.status, latest.resourceCountsRaw) : say.noExecutions,
    );
  }
  for (const [which, x] of [
    ['newest', latestTargets],
    ['newestFailed', failedTargets],
  ] as const) {
    if (!x) continue;
    const groups = x.groups.map((g) => `${g.count} ${g.detailedStatus ?? g.status}`).join(', ');
    checked.push(say.targets(which, x.total, groups, !!x.partial));
  }
  if (nodes) {
    checked.push(say.nodes(nodes.length));
    const withEc2 = nodes.filter((n) => n.ec2).length;
    if (withEc2) checked.push(say.ec2(withEc2));
  }
  if (facts.dhmc) checked.push(say.dhmc(facts.dhmc.roleName));
  if (facts.agentRelease?.latestVersion) {
    checked.push(say.latestAgent(facts.agentRelease.region, facts.agentRelease.latestVersion));
  }
  if (facts.outputs?.length) checked.push(say.outputs(facts.outputs.length));
  return checked;
}

function outcomeOf(findings: readonly Finding[]): Diagnosis['outcome'] {
  const worst = Math.min(...findings.map((f) => SEVERITY_RANK[f.severity]), SEVERITY_RANK.info);
  if (worst <= SEVERITY_RANK.error) return 'fault';
  if (worst === SEVERITY_RANK.warning) return 'warning';
  return 'healthy';
}

/** `the association, its document, 3 executions and 2 nodes` — the healthy summary's scope. */
function scopeOf(facts: InvestigationFacts, t: Catalog): string {
  const say = t.findings.verdict.scope;
  const parts = [
    facts.association ? say.association : undefined,
    facts.document ? say.document : undefined,
    facts.executions ? say.executions(facts.executions.length) : undefined,
    facts.nodes ? say.nodes(facts.nodes.length) : undefined,
    facts.agentRelease?.latestVersion ? say.agentVersion : undefined,
    facts.outputs?.length ? say.failedOutput : undefined,
  ].filter((p) => p !== undefined);
  if (parts.length === 0) return say.nothing;
  return say.checked(parts);
}

/** `started 4 min ago, 3 of 10 targets done`. */
function runningText(facts: InvestigationFacts, state: Extract<RunState, { kind: 'running' }>, t: Catalog): string {
  const started = state.startedAt
    ? t.words.duration((facts.now.getTime() - state.startedAt.getTime()) / 60_000)
    : undefined;
  return t.findings.verdict.progress(started, state.done, state.total);
}

function summaryOf(
  outcome: Diagnosis['outcome'],
  findings: readonly Finding[],
  facts: InvestigationFacts,
  gaps: FactGap[],
  state: RunState,
  t: Catalog,
): string {
  const say = t.findings.verdict;
  const [top] = findings;
  const more = findings.length - 1;
  const unseen = gaps.length;
  if (outcome === 'incomplete') return say.couldNotInvestigate(failedCalls(gaps, t));
  if (outcome === 'fault' && top) return say.rootCause(top.title, more, unseen);
  if (outcome === 'warning' && top) return say.warning(top.title, more, unseen);
  if (outcome === 'running' && state.kind === 'running') return say.stillRunning(runningText(facts, state, t), unseen);
  if (state.kind === 'recovered') {
    const at = state.latest.createdAt ?? state.latest.lastExecutionAt;
    const earlier = state.earlierFailure.createdAt ?? state.earlierFailure.lastExecutionAt;
    return say.recovered(at && t.words.dateTime(at), earlier && t.words.dateTime(earlier), unseen);
  }
  return say.noProblem(scopeOf(facts, t), unseen, top?.title);
}

/** `DescribeAssociation (throttled: Rate exceeded), DescribeAssociationExecutions (access denied)`. */
function failedCalls(gaps: readonly FactGap[], t: Catalog): string {
  const say = t.findings.verdict;
  const failed = gaps.filter((g) => g.kind !== 'unavailable');
  const calls = failed.map((g) => say.failedCall(g.operation ?? g.step, g.kind, g.code, g.message || undefined));
  if (calls.length === 0) return say.noCallsFailed;
  const [first] = failed;
  const meaning = first ? faultMeaning(faultOf(first), t.lang) : '';
  return say.failedCalls([...new Set(calls)].slice(0, 5), meaning);
}

/** The AWS SDK's names for a call that got no answer in time (src/aws/errors.ts). */
const TIMEOUT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);

/** A gap as an AWS fault, for its usual meaning. */
export function faultOf(gap: FactGap): AwsFault {
  const kind =
    gap.kind === 'access-denied' || gap.kind === 'throttled' || gap.kind === 'not-found' ? gap.kind : 'error';
  return {
    // The message says so in English; in any language the SDK's timeout error names it.
    kind: /timed out/.test(gap.message) || TIMEOUT_CODES.has(gap.code ?? '') ? 'timeout' : kind,
    ...(gap.action ? { action: gap.action } : {}),
    ...(gap.code ? { code: gap.code } : {}),
  };
}

/**
 * The essential facts are missing: without the association, or without its executions when AWS refused to list
 * them, nothing can be concluded — neither a fault nor health.
 */
function essentialsMissing(facts: InvestigationFacts): boolean {
  // An association that does not exist is an answer, not a missing fact.
  if (!facts.association)
    return !facts.gaps.some((g) => g.kind === 'not-found' && g.operation === 'DescribeAssociation');
  return facts.executions === undefined && facts.gaps.some((g) => g.step === 'executions' && g.kind !== 'unavailable');
}

/** A finding of an execution that a newer, fully successful execution replaced: kept, as history. */
function asHistory(finding: Finding, state: Extract<RunState, { kind: 'recovered' }>, t: Catalog): Finding {
  const at = state.earlierFailure.createdAt ?? state.earlierFailure.lastExecutionAt;
  return {
    ...finding,
    id: `history.${finding.id}`,
    severity: 'info',
    title: t.findings.history.title(state.earlierFailure.executionId, at && t.words.dateTime(at), finding.title),
    summary: t.findings.history.summary(finding.summary),
  };
}

/** The newest run is still going: say how far it got, or that it is stuck. */
function runningFinding(facts: InvestigationFacts, state: Extract<RunState, { kind: 'running' }>, t: Catalog): Finding {
  const say = t.findings.running;
  const { latest } = state;
  const evidence = [
    {
      field: `DescribeAssociationExecutions(${latest.executionId}).Status`,
      value: `${latest.status}${latest.detailedStatus && latest.detailedStatus !== latest.status ? ` (${latest.detailedStatus})` : ''}`,
    },
    ...(state.startedAt
      ? [
          {
            field: `DescribeAssociationExecutions(${latest.executionId}).CreatedTime`,
            value: t.words.dateTime(state.startedAt),
          },
        ]
      : []),
    ...(latest.resourceCountsRaw
      ? [
          {
            field: `DescribeAssociationExecutions(${latest.executionId}).ResourceCountByStatus`,
            value: latest.resourceCountsRaw,
          },
        ]
      : []),
  ];
  const id = facts.association?.associationId ?? '';
  const links = id ? [consoleLinks.associationHistory(facts.scope, id, t.lang)] : [];
  const checkTargets = id ? [cli.executionTargets(facts.scope, id, latest.executionId)] : [];
  if (state.stuck) {
    return {
      id: 'execution.stuck-in-progress',
      severity: 'error',
      title: say.stuckTitle(
        runningText(facts, state, t),
        state.stuck.because,
        t.words.duration(state.stuck.limitMinutes),
      ),
      summary: say.stuckSummary,
      evidence: [
        ...evidence,
        { field: 'DescribeAssociation.ScheduleExpression', value: facts.association?.scheduleExpression ?? 'none' },
      ],
      remediation: [...say.stuckRemediation],
      links,
      cli: checkTargets,
      logPaths: agentLogPaths(facts.nodes?.[0]?.platformType),
      step: 'diagnosis',
      cause: 'timeout',
    };
  }
  return {
    id: 'execution.in-progress',
    severity: 'info',
    title: say.title(state.firstRun, runningText(facts, state, t)),
    summary: state.firstRun ? say.firstRunSummary : say.summary,
    evidence,
    remediation: [...say.remediation],
    links,
    cli: checkTargets,
    step: 'diagnosis',
  };
}

/** Runs every applicable check, merges findings by id, ranks them and states the verdict. */
/**
 * The association says it is not well (Failed, Pending, or a status never seen before) yet no rule found a
 * cause: say so plainly instead of calling it healthy, and point at where to look next.
 */
function unexplainedStatus(facts: InvestigationFacts, t: Catalog): Finding | undefined {
  const say = t.findings.unexplained;
  const a = facts.association;
  if (!a?.status || a.status === 'Success') return undefined;
  // A first run still to come is expected to be Pending (the schedule check says when it runs).
  if (a.status === 'Pending' && facts.executions?.length === 0 && a.applyOnlyAtCronInterval) return undefined;
  const latest = facts.executions?.[0];
  return {
    id: 'association.status-unexplained',
    severity: 'warning',
    title: say.title(a.status, a.detailedStatus && a.detailedStatus !== a.status ? a.detailedStatus : undefined),
    summary: say.summary,
    evidence: [
      { field: 'DescribeAssociation.Overview.Status', value: a.status },
      ...(a.detailedStatus ? [{ field: 'DescribeAssociation.Overview.DetailedStatus', value: a.detailedStatus }] : []),
      ...(latest
        ? [
            {
              field: `DescribeAssociationExecutions(${latest.executionId}).Status`,
              value: latest.detailedStatus ? `${latest.status} (${latest.detailedStatus})` : latest.status,
            },
          ]
        : []),
    ],
    remediation: [...say.remediation],
    links: [consoleLinks.associationHistory(facts.scope, a.associationId, t.lang)],
    cli: [cli.describeAssociation(facts.scope, a.associationId), cli.executions(facts.scope, a.associationId)],
    logPaths: agentLogPaths(facts.nodes?.[0]?.platformType),
    step: 'diagnosis',
  };
}

/** The verdict's cause family: what the top finding's quoted line names, else its id's family. */
export function causeFamilyOf(outcome: Diagnosis['outcome'], findings: readonly Finding[]): string {
  const [top] = findings;
  if (outcome === 'incomplete') return 'could-not-investigate';
  if (outcome === 'running') return 'in-progress';
  if (outcome === 'healthy' || !top) return 'healthy';
  return top.cause ?? top.id.split('.')[0] ?? top.id;
}

/** Runs the applicable checks; a broken check or a finding without evidence becomes a gap, never a crash. */
function runChecks(
  facts: InvestigationFacts,
  checks: readonly Check[],
  t: Catalog,
): { found: Finding[]; gaps: FactGap[] } {
  const gaps: FactGap[] = [];
  const found: Finding[] = [];
  for (const check of checks) {
    try {
      if (!check.applies(facts)) continue;
      for (const f of check.run(facts, t)) {
        // No finding without evidence: a check that breaks the rule is reported, not trusted.
        if (f.evidence.length === 0) {
          gaps.push({
            step: check.step,
            kind: 'error',
            message: t.findings.verdict.checkWithoutEvidence(check.id, f.id),
          });
        } else {
          found.push(f);
        }
      }
    } catch (error) {
      // A broken check must not hide the others' findings; it surfaces as a gap with its message.
      gaps.push({
        step: check.step,
        kind: 'error',
        message: t.findings.verdict.checkFailed(check.id, error instanceof Error ? error.message : String(error)),
      });
    }
  }
  return { found, gaps };
}

/** Findings of the checks that can run once this step's facts are in, for the step's reply. */
export function findingsAfterStep(step: StepKey, facts: InvestigationFacts, lang: Lang = DEFAULT_LANG): Finding[] {
  const t = texts(lang);
  return checksForStep(step)
    .filter((check) => check.applies(facts))
    .flatMap((check) => check.run(facts, t));
}

/** The verdict, its text in `lang`. */
export function diagnose(
  facts: InvestigationFacts,
  checks: readonly Check[] = ALL_CHECKS,
  lang: Lang = DEFAULT_LANG,
): Diagnosis {
  const t = texts(lang);
  const state = runStateOf(facts);
  // After a fully successful newer execution, the older failure is judged as history, not as the present.
  const present = state.kind === 'recovered' ? presentFacts(facts) : facts;
  const run = runChecks(present, checks, t);
  const gaps: FactGap[] = [...facts.gaps, ...run.gaps];
  const merged = mergeFindings(run.found);
  const history =
    state.kind === 'recovered'
      ? mergeFindings(runChecks(facts, checks, t).found)
          .filter((f) => !merged.some((m) => m.id === f.id))
          .map((f) => asHistory(f, state, t))
      : [];
  const extra: Finding[] = state.kind === 'running' ? [runningFinding(facts, state, t)] : [];
  const settled = state.kind === 'running' || state.kind === 'recovered';
  const unexplained =
    !settled && outcomeOf([...merged, ...extra]) === 'healthy' ? unexplainedStatus(facts, t) : undefined;
  const findings = [...merged, ...extra, ...(unexplained ? [unexplained] : []), ...history].sort(compareFindings);
  const checked = describeChecked(facts, lang);
  let outcome = outcomeOf(findings);
  if (essentialsMissing(facts)) outcome = 'incomplete';
  else if (outcome === 'healthy' && state.kind === 'running') outcome = 'running';
  return {
    outcome,
    findings,
    checked,
    gaps,
    summary: summaryOf(outcome, findings, facts, gaps, state, t),
    causeFamily: causeFamilyOf(outcome, findings),
    ...(outcome === 'running' && state.kind === 'running' ? { runningExecutionId: state.latest.executionId } : {}),
  };
}
