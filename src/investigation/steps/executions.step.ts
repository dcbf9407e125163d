import type { ExecutionFacts } from '../../domain/facts.ts';
import { type Catalog, texts } from '../../i18n/index.ts';
import { formatCounts, formatWhen } from '../format.ts';
import { attempt } from '../gaps.ts';
import type { StepFact } from '../ports.ts';
import { type StepDefinition, skipped } from '../step.ts';

/** c. Execution history — DescribeAssociationExecutions, newest first. */
export const executionsStep: StepDefinition = {
  key: 'executions',
  async run({ reader, associationId, now, limits, roleArn, patchOf, lang }) {
    const t = texts(lang);
    const say = t.thread.facts.executions;
    // Asked at once, alongside DescribeAssociation: it needs only the id. Runs found prove the association
    // exists, so the targets can be listed without waiting for the association step.
    const call = await attempt(
      'executions',
      'DescribeAssociationExecutions',
      () => reader.listExecutions(associationId, limits.executions),
      { roleArn, lang },
    );
    if (call.ok && call.value.length > 0)
      return { facts: executionLines(call.value, now, t), patch: { executions: call.value } };
    const { association } = await patchOf('association');
    if (!association) return skipped(t, say.associationUnreadable);
    if (!call.ok) {
      return {
        status: 'error',
        facts: [{ label: t.thread.facts.problem, value: call.gap.message }],
        patch: {},
        gaps: [call.gap],
      };
    }
    return {
      facts: [
        { label: say.executions, value: say.neverRan },
        { label: say.schedule, value: association.scheduleExpression ?? t.thread.facts.none },
      ],
      patch: { executions: [] },
    };
  },
};

export const isSuccessStatus = (status: string | undefined) => status === 'Success';

function executionLines(executions: ExecutionFacts[], now: Date, t: Catalog): StepFact[] {
  const say = t.thread.facts.executions;
  const [latest] = executions as [ExecutionFacts, ...ExecutionFacts[]];
  const lines: StepFact[] = [
    { label: say.read, value: say.readValue(executions.length) },
    {
      label: say.latest,
      value: `${latest.status}${latest.detailedStatus && latest.detailedStatus !== latest.status ? ` (${latest.detailedStatus})` : ''} · ${formatWhen(latest.createdAt, now, t)} · ${formatCounts(latest.resourceCounts, t)}`,
    },
  ];
  const failed = executions.find((e) => !isSuccessStatus(e.status) && e !== latest);
  if (failed && !isSuccessStatus(latest.status)) {
    lines.push({ label: say.earlierFailure, value: `${failed.status} · ${formatWhen(failed.createdAt, now, t)}` });
  }
  const lastSuccess = executions.find((e) => isSuccessStatus(e.status));
  lines.push({
    label: say.lastSuccess,
    value: lastSuccess ? formatWhen(lastSuccess.createdAt, now, t) : say.noSuccess,
  });
  return lines;
}
