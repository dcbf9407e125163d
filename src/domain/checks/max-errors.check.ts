// §3.6 MaxErrors reached: State Manager stopped the remaining targets after too many failures. The stopped
// targets are a consequence; the root failure is on the failed targets, which this finding points at.

import type { Catalog } from '../../i18n/index.ts';
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

function thresholdText(maxErrors: string, total: number, t: Catalog): string {
  const tolerated = toleratedErrors(maxErrors, total);
  if (tolerated === undefined) return maxErrors;
  return t.findings.maxErrors.threshold(maxErrors, total, tolerated);
}

const count = (groups: TargetGroupFacts[]) => groups.reduce((n, g) => n + g.count, 0);

function thresholdFinding(f: InvestigationFacts, targets: ExecutionTargetsFacts, t: Catalog): Finding | undefined {
  const say = t.findings.maxErrors;
  // Inventory nodes are Skipped when another inventory association already covers them (duplicates check).
  const inventory = bareDocumentName(f.association?.documentName) === 'AWS-GatherSoftwareInventory';
  const stopTokens = inventory ? STOPPED_TOKENS.filter((x) => x !== 'Skipped') : STOPPED_TOKENS;
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
    evidence.push({ field: 'DescribeAssociation.MaxErrors', value: thresholdText(maxErrors, targets.total, t) });
  }
  evidence.push(
    ...failed.map((g) => groupEvidence(located(g), t)),
    ...stopped.map((g) => groupEvidence(located(g), t)),
  );
  const concurrency = f.association?.maxConcurrency;
  if (concurrency) evidence.push({ field: 'DescribeAssociation.MaxConcurrency', value: concurrency });

  const tolerated = maxErrors !== undefined ? toleratedErrors(maxErrors, targets.total) : undefined;
  const overshoot = tolerated !== undefined && failedCount > tolerated + 1;
  const rootIds = failed.flatMap((g) => g.samples.map((s) => s.resourceId));
  const root =
    failed.length > 0 ? say.root(failedCount, failed.map(groupToken).join(', '), rootIds[0]) : say.rootNotListed;
  return {
    id: 'max-errors.threshold-reached',
    severity: 'warning',
    title: say.title(stoppedCount, failedCount),
    summary: say.summary(
      stopped.map(groupToken).join('/'),
      maxErrors !== undefined ? thresholdText(maxErrors, targets.total, t) : undefined,
      overshoot ? (concurrency ?? null) : undefined,
      root,
    ),
    evidence,
    remediation: [say.fixRoot(sampleIds(rootIds, 3).join(', ')), ...say.remediation],
    links: associationLinks(f, t),
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
  run: (f, t) => {
    const findings = targetExecutions(f)
      .map((targets) => thresholdFinding(f, targets, t))
      .filter((x): x is Finding => x !== undefined);
    // The newest execution's view is enough when both executions show the same stop.
    return findings.slice(0, 1);
  },
};

/** §3.6 MaxErrors checks. */
export const maxErrorsChecks: Check[] = [maxErrorsReached];
