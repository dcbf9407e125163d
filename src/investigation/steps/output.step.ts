import { isAppError } from '../../domain/app-error.ts';
import { decisiveCommandLine, decisiveMessageLine } from '../../domain/decisive-line.ts';
import type {
  CommandInvocationFacts,
  ExecutionTargetFacts,
  FactGap,
  OutputSampleFacts,
  TargetGroupFacts,
} from '../../domain/facts.ts';
import { type Catalog, texts } from '../../i18n/index.ts';
import { attempt, type Caller, mapBounded } from '../gaps.ts';
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

/** g. Output — samples per distinct failure, weighted by how many targets share it: Run Command or Automation. */
export const outputStep: StepDefinition = {
  key: 'output',
  async run({ reader, limits, roleArn, patchOf, lang }) {
    const t = texts(lang);
    // Needs only the targets: it runs alongside the node inspection.
    const { latestTargets, failedTargets } = await patchOf('targets');
    const samples = sampleTargets(latestTargets?.groups, failedTargets?.groups, limits.outputs, {
      groupSizeForMore: limits.groupSizeForMoreSamples,
    });
    if (samples.length === 0) return skipped(t, t.thread.facts.output.nothingToRead);
    const gaps: FactGap[] = [];
    // All samples at once (bounded): one round of calls, whatever the number of signatures.
    const read = await mapBounded(samples, Math.max(limits.concurrency, 10), async ({ group, target }) => {
      const fetched = await fetchOutput(reader, target, { roleArn, lang });
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
      return { group, sample };
    });
    const outputs = weighBySignature(read);
    return { facts: outputs.map((sample) => outputLine(sample, t)), patch: { outputs }, gaps: uniqueGaps(gaps) };
  },
};

interface Sample {
  group: TargetGroupFacts;
  target: ExecutionTargetFacts;
}

/**
 * Which failed targets to read the output of, within `max`: first one per failing Status / DetailedStatus group
 * (largest groups first), then — since one group can hide several errors — the rest of the budget shared by the
 * groups of at least `groupSizeForMore` targets in proportion to their size, drawn from each group's sample (which
 * is spread over the whole group, see SsmReader.listExecutionTargets).
 */
export function sampleTargets(
  latest: TargetGroupFacts[] | undefined,
  failed: TargetGroupFacts[] | undefined,
  max: number,
  options: { groupSizeForMore?: number } = {},
): Sample[] {
  const seen = new Set<string>();
  const groups: { group: TargetGroupFacts; pool: ExecutionTargetFacts[] }[] = [];
  const candidates = [...(latest ?? []), ...(failed ?? [])]
    .filter((g) => !isSuccessStatus(g.status) && !NO_OUTPUT.has(g.detailedStatus ?? g.status))
    .sort((a, b) => b.count - a.count);
  for (const group of candidates) {
    const key = `${group.status}|${group.detailedStatus ?? ''}`;
    if (seen.has(key) || group.samples.length === 0) continue;
    seen.add(key);
    // Targets with an output source first: the others can only say "no output".
    const pool = [...group.samples.filter((s) => s.outputSource), ...group.samples.filter((s) => !s.outputSource)];
    groups.push({ group, pool });
  }
  const taken = groups.slice(0, max).map(({ group, pool }) => ({ group, pool, n: 1 }));
  let left = max - taken.length;
  const large = taken.filter((t) => t.group.count >= (options.groupSizeForMore ?? 10));
  const largeTotal = large.reduce((n, t) => n + t.group.count, 0);
  if (left > 0 && largeTotal > 0) {
    // Largest remainder: each large group's share of the budget left, at most its pool.
    const quotas = large.map((t) => ({ t, exact: (left * t.group.count) / largeTotal }));
    for (const q of quotas) {
      const extra = Math.min(Math.floor(q.exact), q.t.pool.length - q.t.n);
      q.t.n += extra;
      left -= extra;
    }
    for (const q of [...quotas].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
      if (left > 0 && q.t.n < q.t.pool.length) {
        q.t.n += 1;
        left -= 1;
      }
    }
  }
  return taken.flatMap(({ group, pool, n }) => pool.slice(0, n).map((target) => ({ group, target })));
}

/**
 * One output sample per distinct failure signature, its target count estimated from its share of its group's
 * samples (3 of 5 samples of 10,000 failed targets → about 6,000), most common first: the cause most targets
 * share leads the verdict.
 */
export function weighBySignature(read: { group: TargetGroupFacts; sample: OutputSampleFacts }[]): OutputSampleFacts[] {
  const byGroup = new Map<TargetGroupFacts, OutputSampleFacts[]>();
  for (const { group, sample } of read) byGroup.set(group, [...(byGroup.get(group) ?? []), sample]);
  const weighed: OutputSampleFacts[] = [];
  for (const [group, samples] of byGroup) {
    const bySignature = new Map<string, OutputSampleFacts[]>();
    for (const sample of samples)
      bySignature.set(sample.signature, [...(bySignature.get(sample.signature) ?? []), sample]);
    for (const same of bySignature.values()) {
      const [first] = same as [OutputSampleFacts, ...OutputSampleFacts[]];
      weighed.push({ ...first, targetCount: Math.max(1, Math.round((group.count * same.length) / samples.length)) });
    }
  }
  return weighed.sort((a, b) => b.targetCount - a.targetCount);
}

/** The same missing permission once, however many samples met it. */
const uniqueGaps = (gaps: FactGap[]) =>
  gaps.filter((gap, i) => gaps.findIndex((g) => g.step === gap.step && g.message === gap.message) === i);

type Fetched = Partial<Pick<OutputSampleFacts, 'command' | 'automation' | 'unavailableReason'>> & { gap?: FactGap };

async function fetchOutput(reader: SsmReader, target: ExecutionTargetFacts, caller: Caller): Promise<Fetched> {
  const say = texts(caller.lang).thread.facts.output;
  const source = target.outputSource;
  if (!source) return { unavailableReason: say.noOutputSource };
  if (source.type === 'Automation') {
    const call = await attempt(
      'output',
      'GetAutomationExecution',
      () => reader.getAutomationExecution(source.id),
      caller,
    );
    return call.ok ? { automation: call.value } : { unavailableReason: call.gap.message, gap: call.gap };
  }
  const first = await attempt(
    'output',
    'GetCommandInvocation',
    () => reader.getCommandInvocation(source.id, target.resourceId),
    caller,
  );
  if (first.ok) return { command: first.value };
  if (!isAppError(first.error) || first.error.upstreamCode !== 'InvalidPluginName') {
    const expired =
      isAppError(first.error) &&
      ['InvocationDoesNotExist', 'InvalidCommandId'].includes(first.error.upstreamCode ?? '');
    return expired ? { unavailableReason: say.expired } : { unavailableReason: first.gap.message, gap: first.gap };
  }
  // A multi-step document: find the failed plugin, then read its full output.
  const plugins = await attempt(
    'output',
    'ListCommandInvocations',
    () => reader.listCommandPlugins(source.id, target.resourceId),
    caller,
  );
  if (!plugins.ok) return { unavailableReason: plugins.gap.message, gap: plugins.gap };
  const failedPlugin = plugins.value.find((p) => p.status !== 'Success') ?? plugins.value[0];
  if (!failedPlugin?.pluginName) return { unavailableReason: say.noPluginOutput };
  const full = await attempt(
    'output',
    'GetCommandInvocation',
    () => reader.getCommandInvocation(source.id, target.resourceId, failedPlugin.pluginName),
    caller,
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

function outputLine(sample: OutputSampleFacts, t: Catalog): StepFact {
  const say = t.thread.facts.output;
  const status = `${sample.targetStatus}${sample.targetDetailedStatus && sample.targetDetailedStatus !== sample.targetStatus ? `/${sample.targetDetailedStatus}` : ''}`;
  const label = say.label(status, sample.targetCount, sample.resourceId);
  if (sample.command) {
    const c = sample.command;
    // The line that says why, not merely the first line of stderr.
    const why = decisiveCommandLine(c)?.line;
    return {
      label,
      value: say.command(c.pluginName, c.statusDetails ?? c.status ?? '?', `${c.responseCode ?? '?'}`, why),
    };
  }
  if (sample.automation) {
    const a = sample.automation;
    const step = a.failedSteps[0];
    const why = decisiveMessageLine(step?.failureMessage ?? a.failureMessage)?.line;
    return { label, value: say.automation(a.status ?? '?', step?.stepName, why) };
  }
  return { label, value: say.unavailable(sample.unavailableReason) };
}
