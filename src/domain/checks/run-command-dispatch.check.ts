// §3.7 Run Command dispatch outcomes: targets the service cancelled or refused (Cancelled, AccessDenied,
// LimitExceeded) before or while the document ran. DeliveryTimedOut / Undeliverable belong to the node checks;
// InvalidPlatform to the document checks; Terminated to the MaxErrors check.
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
  plural,
  sampleIds,
  sampleRefs,
  targetGroupsByToken,
  uniqueEvidence,
  uniqueLines,
} from './kit.ts';
import { startOnce } from './run-command-cases.ts';

/** Target groups and output samples in one of the tokens, with their evidence. */
function statusSignal(facts: InvestigationFacts, tokens: string[]) {
  const groups = groupsWith(facts, tokens);
  const samples = (facts.outputs ?? []).filter(
    (o) => isOneOf(o.command?.statusDetails, tokens) || isOneOf(o.targetDetailedStatus || o.targetStatus, tokens),
  );
  const evidence = uniqueEvidence([
    ...groups.map((g) => groupEvidence(g)),
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

/** §3.7 dispatch outcomes: Cancelled, AccessDenied, LimitExceeded. */
export const runCommandDispatchChecks: Check[] = [commandCancelled, commandAccessDenied, commandRateExceeded];
