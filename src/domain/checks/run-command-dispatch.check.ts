// §3.7 Run Command dispatch outcomes: targets the service cancelled or refused (Cancelled, AccessDenied,
// LimitExceeded) before or while the document ran. DeliveryTimedOut / Undeliverable belong to the node checks;
// InvalidPlatform to the document checks; Terminated to the MaxErrors check.

import type { Catalog } from '../../i18n/index.ts';
import type { InvestigationFacts } from '../facts.ts';
import type { Check, Evidence } from '../finding.ts';
import {
  associationCli,
  associationLinks,
  type ExecutionTargetGroup,
  executionTargetsCli,
  groupEvidence,
  groupsWith,
  groupToken,
  isOneOf,
  sampleIds,
  sampleRefs,
  targetGroupsByToken,
  uniqueEvidence,
  uniqueLines,
} from './kit.ts';
import { startOnce } from './run-command-cases.ts';

/** Target groups and output samples in one of the tokens, with their evidence. */
function statusSignal(facts: InvestigationFacts, tokens: string[], t: Catalog) {
  const groups = groupsWith(facts, tokens);
  const samples = (facts.outputs ?? []).filter(
    (o) => isOneOf(o.command?.statusDetails, tokens) || isOneOf(o.targetDetailedStatus || o.targetStatus, tokens),
  );
  const evidence = uniqueEvidence([
    ...groups.map((g) => groupEvidence(g, t)),
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
    ...samples.flatMap((s) => sampleRefs(facts, s, t).cli),
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
  run: (f, t) => {
    const say = t.findings.dispatch.cancelled;
    const s = statusSignal(f, ['Cancelled', 'Cancelling'], t);
    if (!s.found || f.association?.duration !== undefined) return [];
    if (f.association?.maxErrors !== undefined && failuresAlongside(f, s.groups)) return [];
    return [
      {
        id: 'command.cancelled',
        severity: 'warning',
        title: say.title(s.count),
        summary: say.summary,
        evidence: s.evidence,
        remediation: [...say.remediation, startOnce(f, t)],
        links: associationLinks(f, t),
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
  run: (f, t) => {
    const say = t.findings.dispatch.accessDenied;
    const s = statusSignal(f, ['AccessDenied'], t);
    if (!s.found) return [];
    const dispatchRole = f.association?.dispatchAssumeRole;
    const evidence = [...s.evidence];
    if (dispatchRole)
      evidence.push({ field: 'DescribeAssociation.AssociationDispatchAssumeRole', value: dispatchRole });
    return [
      {
        id: 'command.access-denied',
        severity: 'error',
        title: say.title(s.count),
        summary: say.summary(dispatchRole),
        evidence,
        remediation: [
          dispatchRole ? say.allowSendCommand(dispatchRole) : say.serviceLinkedRole,
          ...say.remediation,
          startOnce(f, t),
        ],
        links: associationLinks(f, t),
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
  run: (f, t) => {
    const say = t.findings.dispatch.rateExceeded;
    const s = statusSignal(f, ['LimitExceeded', 'RateExceeded'], t);
    if (!s.found) return [];
    const evidence = [...s.evidence];
    if (f.association?.maxConcurrency) {
      evidence.push({ field: 'DescribeAssociation.MaxConcurrency', value: f.association.maxConcurrency });
    }
    return [
      {
        id: 'command.rate-exceeded',
        severity: 'error',
        title: say.title(s.count),
        summary: say.summary,
        evidence,
        remediation: [...say.remediation, startOnce(f, t)],
        links: associationLinks(f, t),
        cli: s.cli,
        resources: s.resources,
        step: 'targets',
      },
    ];
  },
};

/** §3.7 dispatch outcomes: Cancelled, AccessDenied, LimitExceeded. */
export const runCommandDispatchChecks: Check[] = [commandCancelled, commandAccessDenied, commandRateExceeded];
