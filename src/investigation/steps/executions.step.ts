import type { ExecutionFacts } from '../../domain/facts.ts';
import { formatCounts, formatWhen } from '../format.ts';
import { attempt } from '../gaps.ts';
import type { StepFact } from '../ports.ts';
import { type StepDefinition, skipped } from '../step.ts';

/** c. Execution history — DescribeAssociationExecutions, newest first. */
export const executionsStep: StepDefinition = {
  key: 'executions',
  title: 'Execution history',
  async run({ reader, associationId, now, limits, roleArn, patchOf }) {
    // Asked at once, alongside DescribeAssociation: it needs only the id. Runs found prove the association
    // exists, so the targets can be listed without waiting for the association step.
    const call = await attempt(
      'executions',
      'DescribeAssociationExecutions',
      () => reader.listExecutions(associationId, limits.executions),
      roleArn,
    );
    if (call.ok && call.value.length > 0)
      return { facts: executionLines(call.value, now), patch: { executions: call.value } };
    const { association } = await patchOf('association');
    if (!association) return skipped('the association could not be read');
    if (!call.ok) {
      return { status: 'error', facts: [{ label: 'Problem', value: call.gap.message }], patch: {}, gaps: [call.gap] };
    }
    return {
      facts: [
        { label: 'Executions', value: 'none — the association has never run' },
        { label: 'Schedule', value: association.scheduleExpression ?? 'none' },
      ],
      patch: { executions: [] },
    };
  },
};

export const isSuccessStatus = (status: string | undefined) => status === 'Success';

function executionLines(executions: ExecutionFacts[], now: Date): StepFact[] {
  const [latest] = executions as [ExecutionFacts, ...ExecutionFacts[]];
  const lines: StepFact[] = [
    { label: 'Executions read', value: `${executions.length} (newest first)` },
    {
      label: 'Latest',
      value: `${latest.status}${latest.detailedStatus && latest.detailedStatus !== latest.status ? ` (${latest.detailedStatus})` : ''} · ${formatWhen(latest.createdAt, now)} · ${formatCounts(latest.resourceCounts)}`,
    },
  ];
  const failed = executions.find((e) => !isSuccessStatus(e.status) && e !== latest);
  if (failed && !isSuccessStatus(latest.status)) {
    lines.push({ label: 'Earlier failure', value: `${failed.status} · ${formatWhen(failed.createdAt, now)}` });
  }
  const lastSuccess = executions.find((e) => isSuccessStatus(e.status));
  lines.push({
    label: 'Last successful run',
    value: lastSuccess ? formatWhen(lastSuccess.createdAt, now) : 'none in the history read',
  });
  return lines;
}
