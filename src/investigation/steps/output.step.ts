import { isAppError } from '../../domain/app-error.ts';
import { decisiveCommandLine, decisiveMessageLine } from '../../domain/decisive-line.ts';
import type {
  CommandInvocationFacts,
  ExecutionTargetFacts,
  FactGap,
  OutputSampleFacts,
  TargetGroupFacts,
} from '../../domain/facts.ts';
import { attempt, mapBounded } from '../gaps.ts';
import type { SsmReader, StepFact } from '../ports.ts';
import { type StepDefinition, skipped } from '../step.ts';
import { isSuccessStatus } from './executions.step.ts';

/** Statuses whose targets have no output worth fetching (the command never ran there). */
const NO_OUTPUT = new Set([
  'Pending',
  'InProgress',
  'Delayed',
  'DeliveryTimedOut',
  'Undeliverable',
  'InvalidPlatform',
  'Skipped',
]);

/** g. Output — one sample per distinct failure: Run Command invocation or Automation execution. */
export const outputStep: StepDefinition = {
  key: 'output',
  title: 'Output',
  async run({ reader, limits, roleArn, patchOf }) {
    // Needs only the targets: it runs alongside the node inspection.
    const { latestTargets, failedTargets } = await patchOf('targets');
    const samples = sampleTargets(latestTargets?.groups, failedTargets?.groups, limits.outputs);
    if (samples.length === 0) return skipped('no failed target with output to read');
    const gaps: FactGap[] = [];
    const outputs = await mapBounded(samples, limits.concurrency, async ({ group, target }) => {
      const fetched = await fetchOutput(reader, target, roleArn);
      if (fetched.gap) gaps.push(fetched.gap);
      const sample: OutputSampleFacts = {
        signature: signatureOf(group, fetched.command),
        resourceId: target.resourceId,
        targetCount: group.count,
        targetStatus: group.status,
        ...(group.detailedStatus ? { targetDetailedStatus: group.detailedStatus } : {}),
        ...(fetched.command ? { command: fetched.command } : {}),
        ...(fetched.automation ? { automation: fetched.automation } : {}),
        ...(fetched.unavailableReason ? { unavailableReason: fetched.unavailableReason } : {}),
      };
      return sample;
    });
    return { facts: outputs.map(outputLine), patch: { outputs }, gaps };
  },
};

interface Sample {
  group: TargetGroupFacts;
  target: ExecutionTargetFacts;
}

/** One target per failing Status / DetailedStatus group (largest groups first), bounded. */
export function sampleTargets(
  latest: TargetGroupFacts[] | undefined,
  failed: TargetGroupFacts[] | undefined,
  max: number,
): Sample[] {
  const seen = new Set<string>();
  const samples: Sample[] = [];
  const groups = [...(latest ?? []), ...(failed ?? [])]
    .filter((g) => !isSuccessStatus(g.status) && !NO_OUTPUT.has(g.detailedStatus ?? g.status))
    .sort((a, b) => b.count - a.count);
  for (const group of groups) {
    const key = `${group.status}|${group.detailedStatus ?? ''}`;
    const target = group.samples.find((s) => s.outputSource) ?? group.samples[0];
    if (seen.has(key) || !target || samples.length >= max) continue;
    seen.add(key);
    samples.push({ group, target });
  }
  return samples;
}

type Fetched = Partial<Pick<OutputSampleFacts, 'command' | 'automation' | 'unavailableReason'>> & { gap?: FactGap };

async function fetchOutput(
  reader: SsmReader,
  target: ExecutionTargetFacts,
  roleArn: string | undefined,
): Promise<Fetched> {
  const source = target.outputSource;
  if (!source) return { unavailableReason: 'the target has no OutputSource' };
  if (source.type === 'Automation') {
    const call = await attempt(
      'output',
      'GetAutomationExecution',
      () => reader.getAutomationExecution(source.id),
      roleArn,
    );
    return call.ok ? { automation: call.value } : { unavailableReason: call.gap.message, gap: call.gap };
  }
  const first = await attempt(
    'output',
    'GetCommandInvocation',
    () => reader.getCommandInvocation(source.id, target.resourceId),
    roleArn,
  );
  if (first.ok) return { command: first.value };
  if (!isAppError(first.error) || first.error.upstreamCode !== 'InvalidPluginName') {
    const expired =
      isAppError(first.error) &&
      ['InvocationDoesNotExist', 'InvalidCommandId'].includes(first.error.upstreamCode ?? '');
    return expired
      ? {
          unavailableReason:
            'the command invocation has expired or does not exist (Run Command keeps output for 30 days)',
        }
      : { unavailableReason: first.gap.message, gap: first.gap };
  }
  // A multi-step document: find the failed plugin, then read its full output.
  const plugins = await attempt(
    'output',
    'ListCommandInvocations',
    () => reader.listCommandPlugins(source.id, target.resourceId),
    roleArn,
  );
  if (!plugins.ok) return { unavailableReason: plugins.gap.message, gap: plugins.gap };
  const failedPlugin = plugins.value.find((p) => p.status !== 'Success') ?? plugins.value[0];
  if (!failedPlugin?.pluginName) return { unavailableReason: 'no plugin output found' };
  const full = await attempt(
    'output',
    'GetCommandInvocation',
    () => reader.getCommandInvocation(source.id, target.resourceId, failedPlugin.pluginName),
    roleArn,
  );
  return full.ok ? { command: full.value } : { command: failedPlugin };
}

function signatureOf(group: TargetGroupFacts, command: CommandInvocationFacts | undefined): string {
  const parts = [group.status, group.detailedStatus ?? ''];
  if (command) {
    parts.push(`exit ${command.responseCode ?? '?'}`, firstMeaningfulLine(command.stderr) ?? '');
  }
  return parts.join('|');
}

export function firstMeaningfulLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.length > 0 && !line.startsWith('failed to run commands'));
}

function outputLine(sample: OutputSampleFacts): StepFact {
  const label = `${sample.targetStatus}${sample.targetDetailedStatus && sample.targetDetailedStatus !== sample.targetStatus ? `/${sample.targetDetailedStatus}` : ''} (${sample.targetCount.toLocaleString('en-US')} targets, e.g. ${sample.resourceId})`;
  if (sample.command) {
    const c = sample.command;
    // The line that says why, not merely the first line of stderr.
    const why = decisiveCommandLine(c)?.line;
    return {
      label,
      value: `${c.pluginName ? `${c.pluginName}: ` : ''}${c.statusDetails ?? c.status ?? '?'}, exit code ${c.responseCode ?? '?'}${why ? ` — ${why}` : ''}`,
    };
  }
  if (sample.automation) {
    const a = sample.automation;
    const step = a.failedSteps[0];
    const why = decisiveMessageLine(step?.failureMessage ?? a.failureMessage)?.line;
    return {
      label,
      value: `Automation ${a.status ?? '?'}${step ? ` at step ${step.stepName}` : ''}${why ? ` — ${why}` : ''}`,
    };
  }
  return { label, value: `output unavailable: ${sample.unavailableReason ?? 'unknown'}` };
}
