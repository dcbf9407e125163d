// §3.6 MaxErrors reached: State Manager stopped the remaining targets after too many failures. The stopped
// targets are a consequence; the root failure is on the failed targets, which this finding points at.
import type { ExecutionTargetsFacts, InvestigationFacts, TargetGroupFacts } from '../facts.ts';
import type { Check, Evidence, Finding } from '../finding.ts';
import {
  associationCli,
  associationLinks,
  bareDocumentName,
  executionTargetsCli,
  groupEvidence,
  groupToken,
  isOneOf,
  plural,
  sampleIds,
  targetExecutions,
  uniqueLines,
} from './kit.ts';

/** Statuses that count toward MaxErrors (DeliveryTimedOut, Undeliverable and InvalidPlatform do not). */
const ERROR_TOKENS = ['Failed', 'TimedOut', 'ExecutionTimedOut'];
/** Statuses of targets stopped, or never started, once the threshold was reached. */
const STOPPED_TOKENS = ['Terminated', 'Cancelled', 'Cancelling', 'Skipped'];

/** How many errors MaxErrors tolerates: the run stops on the next one. */
export function toleratedErrors(maxErrors: string, total: number): number | undefined {
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(maxErrors.trim());
  if (pct) return Math.floor((Number(pct[1]) * total) / 100);
  return /^\d+$/.test(maxErrors.trim()) ? Number(maxErrors) : undefined;
}

function thresholdText(maxErrors: string, total: number): string {
  const tolerated = toleratedErrors(maxErrors, total);
  if (tolerated === undefined) return maxErrors;
  const nth = ordinal(tolerated + 1);
  return maxErrors.endsWith('%')
    ? `${maxErrors} of ${total} targets = ${tolerated}, so it stops on the ${nth} error`
    : `${maxErrors}, so it stops on the ${nth} error`;
}

function ordinal(n: number): string {
  const suffix =
    n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const count = (groups: TargetGroupFacts[]) => groups.reduce((n, g) => n + g.count, 0);

function thresholdFinding(f: InvestigationFacts, targets: ExecutionTargetsFacts): Finding | undefined {
  // Inventory nodes are Skipped when another inventory association already covers them (duplicates check).
  const inventory = bareDocumentName(f.association?.documentName) === 'AWS-GatherSoftwareInventory';
  const stopTokens = inventory ? STOPPED_TOKENS.filter((t) => t !== 'Skipped') : STOPPED_TOKENS;
  const failed = targets.groups.filter((g) => isOneOf(groupToken(g), ERROR_TOKENS));
  const stopped = targets.groups.filter((g) => isOneOf(groupToken(g), stopTokens));
  if (stopped.length === 0) return undefined;
  const maxErrors = f.association?.maxErrors;
  const terminated = stopped.some((g) => isOneOf(groupToken(g), ['Terminated']));
  // Cancelled/Skipped alone have other causes (Duration, overlapping runs, duplicate inventory); Terminated does not.
  if (!terminated && (maxErrors === undefined || failed.length === 0)) return undefined;

  const failedCount = count(failed);
  const stoppedCount = count(stopped);
  const located = (g: TargetGroupFacts) => ({ executionId: targets.executionId, group: g });
  const evidence: Evidence[] = [];
  if (maxErrors !== undefined) {
    evidence.push({ field: 'DescribeAssociation.MaxErrors', value: thresholdText(maxErrors, targets.total) });
  }
  evidence.push(...failed.map((g) => groupEvidence(located(g))), ...stopped.map((g) => groupEvidence(located(g))));
  const concurrency = f.association?.maxConcurrency;
  if (concurrency) evidence.push({ field: 'DescribeAssociation.MaxConcurrency', value: concurrency });

  const tolerated = maxErrors !== undefined ? toleratedErrors(maxErrors, targets.total) : undefined;
  const overshoot = tolerated !== undefined && failedCount > tolerated + 1;
  const rootIds = failed.flatMap((g) => g.samples.map((s) => s.resourceId));
  const root =
    failed.length > 0
      ? `The root failure is on the ${plural(failedCount, 'failed target')} (${failed.map(groupToken).join(', ')}${rootIds[0] ? `, e.g. ${rootIds[0]}` : ''}): fix that and the rest will run.`
      : "The failed targets that crossed the threshold are not in this listing; read the execution's Failed targets.";
  return {
    id: 'max-errors.threshold-reached',
    severity: 'warning',
    title: `MaxErrors reached: ${plural(stoppedCount, 'target')} stopped after ${plural(failedCount, 'failure')}`,
    summary: [
      `When the error threshold is reached, State Manager stops the association on the remaining targets until the next run (they show ${stopped.map(groupToken).join('/')}).`,
      maxErrors !== undefined
        ? `MaxErrors is ${thresholdText(maxErrors, targets.total)} (MaxErrors=N tolerates N errors and stops on the N+1th; 0 stops after the first).`
        : '',
      overshoot
        ? `More targets failed than the threshold because targets already running when it was reached finish (MaxConcurrency ${concurrency ?? 'default'}).`
        : '',
      root,
    ]
      .filter((s) => s.length > 0)
      .join(' '),
    evidence,
    remediation: [
      `Fix the root failure on the failed targets first${rootIds.length > 0 ? ` (${sampleIds(rootIds, 3).join(', ')})` : ''}: its output explains it (see the Run Command / document findings).`,
      'If some failures are expected in a large fleet, raise MaxErrors (an absolute number or a percentage such as 10%).',
      'For a canary rollout that stops exactly at the threshold, use a low MaxConcurrency (1, or a small percentage): with higher concurrency, targets already in flight finish and may fail too.',
    ],
    links: associationLinks(f),
    cli: uniqueLines([...executionTargetsCli(f, targets.executionId), ...associationCli(f)]),
    resources: sampleIds([...rootIds, ...stopped.flatMap((g) => g.samples.map((s) => s.resourceId))]),
    step: 'targets',
  };
}

/** MaxErrors reached → remaining targets Terminated / Cancelled / Skipped. One finding per execution read. */
export const maxErrorsReached: Check = {
  id: 'max-errors.threshold-reached',
  step: 'targets',
  applies: (f) => f.latestTargets !== undefined || f.failedTargets !== undefined,
  run: (f) => {
    const findings = targetExecutions(f)
      .map((t) => thresholdFinding(f, t))
      .filter((x): x is Finding => x !== undefined);
    // The newest execution's view is enough when both executions show the same stop.
    return findings.slice(0, 1);
  },
};

/** §3.6 MaxErrors checks. */
export const maxErrorsChecks: Check[] = [maxErrorsReached];
