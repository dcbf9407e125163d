import type { ExecutionFacts, ExecutionTargetsFacts } from '../../domain/facts.ts';
import { type Catalog, texts } from '../../i18n/index.ts';
import { formatCounts } from '../format.ts';
import { attempt } from '../gaps.ts';
import type { SsmReader, StepFact } from '../ports.ts';
import { type StepDefinition, skipped } from '../step.ts';
import { isSuccessStatus } from './executions.step.ts';

const RUNNING = new Set(['InProgress', 'Pending']);

/** d. Execution targets — for the latest execution and the latest failed one, grouped by status. */
export const targetsStep: StepDefinition = {
  key: 'targets',
  async run({ reader, associationId, limits, roleArn, patchOf, lang }) {
    const t = texts(lang);
    const say = t.thread.facts.targets;
    const { executions } = await patchOf('executions');
    const [latest] = executions ?? [];
    if (!latest) return skipped(t, executions ? say.noExecution : say.historyUnreadable);
    // The latest failed run matters when the latest one is not itself the failure (it passed, or is still running).
    const failed = executions?.find((e) => e !== latest && !isSuccessStatus(e.status) && !RUNNING.has(e.status));

    const [latestCall, failedCall] = await Promise.all([
      attempt(
        'targets',
        'DescribeAssociationExecutionTargets',
        () => targetsOf(reader, associationId, latest, limits.samplesPerGroup),
        { roleArn, lang },
      ),
      failed && (isSuccessStatus(latest.status) || RUNNING.has(latest.status))
        ? attempt(
            'targets',
            'DescribeAssociationExecutionTargets',
            () => targetsOf(reader, associationId, failed, limits.samplesPerGroup),
            { roleArn, lang },
          )
        : Promise.resolve(undefined),
    ]);
    const gaps = [latestCall, failedCall].flatMap((call) => (call && !call.ok ? [call.gap] : []));
    const patch: { latestTargets?: ExecutionTargetsFacts; failedTargets?: ExecutionTargetsFacts } = {};
    const lines: StepFact[] = [];
    if (latestCall.ok) {
      patch.latestTargets = latestCall.value;
      lines.push(...targetLines(say.latest, latestCall.value, limits.shownPerGroup, t));
    }
    if (failedCall?.ok) {
      patch.failedTargets = failedCall.value;
      lines.push(...targetLines(say.latestFailed, failedCall.value, limits.shownPerGroup, t));
    }
    if (gaps.length > 0) lines.push(...gaps.map((gap) => ({ label: t.thread.facts.problem, value: gap.message })));
    return { status: latestCall.ok ? undefined : 'error', facts: lines, patch, gaps };
  },
};

/**
 * Lists only what needs listing: the execution's ResourceCountByStatus already counts every status, so
 * only the non-successful statuses are paged (server-side Status filter); successes are counted, not listed.
 */
async function targetsOf(
  reader: SsmReader,
  associationId: string,
  execution: ExecutionFacts,
  samplesPerGroup: number,
): Promise<ExecutionTargetsFacts> {
  const counts = execution.resourceCounts;
  const statuses = Object.keys(counts);
  if (statuses.length === 0) {
    return reader.listExecutionTargets(associationId, execution.executionId, { samplesPerGroup });
  }
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const successGroups = statuses
    .filter(isSuccessStatus)
    .map((status) => ({ status, detailedStatus: status, count: counts[status] ?? 0, samples: [] }));
  const toList = statuses.filter((status) => !isSuccessStatus(status));
  if (toList.length === 0) {
    // Everything succeeded: one page of successes is enough to spot-check a couple of nodes ("green but did nothing").
    const spot = await reader.listExecutionTargets(associationId, execution.executionId, {
      statuses: statuses.filter(isSuccessStatus),
      samplesPerGroup,
      maxPages: 1,
    });
    const groups = successGroups.map((group) => ({
      ...group,
      samples: spot.groups
        .filter((g) => g.status === group.status)
        .flatMap((g) => g.samples)
        .slice(0, samplesPerGroup),
    }));
    return { executionId: execution.executionId, total, groups, partial: true };
  }
  const listed = await reader.listExecutionTargets(associationId, execution.executionId, {
    statuses: toList,
    samplesPerGroup,
  });
  return { executionId: execution.executionId, total, groups: [...listed.groups, ...successGroups], partial: true };
}

function targetLines(label: string, targets: ExecutionTargetsFacts, shown: number, t: Catalog): StepFact[] {
  const say = t.thread.facts.targets;
  if (targets.total === 0 && targets.groups.length === 0) {
    return [{ label, value: say.noTargets(targets.executionId) }];
  }
  const byStatus: Record<string, number> = {};
  for (const group of targets.groups) {
    const key =
      group.detailedStatus && group.detailedStatus !== group.status
        ? `${group.status}/${group.detailedStatus}`
        : group.status;
    byStatus[key] = (byStatus[key] ?? 0) + group.count;
  }
  const lines: StepFact[] = [
    {
      label,
      value: say.total(targets.executionId, targets.total, formatCounts(byStatus, t)),
    },
  ];
  for (const group of targets.groups.filter((g) => !isSuccessStatus(g.status) && g.samples.length > 0).slice(0, 5)) {
    lines.push({
      label: `${group.status}${group.detailedStatus && group.detailedStatus !== group.status ? ` / ${group.detailedStatus}` : ''}`,
      value: say.examples(
        group.samples
          .slice(0, shown)
          .map((s) => s.resourceId)
          .join(', '),
      ),
    });
  }
  return lines;
}
