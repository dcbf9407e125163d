// Large associations whose failures share one Status / DetailedStatus but not one cause: output is sampled over
// the whole group and weighted by signature, so the cause most targets share leads the verdict and every cause
// is named — within the call bound (pages + 40 SSM calls) and a bounded thread.
import { describe, expect, it } from 'vitest';
import { sampleTargets, weighBySignature } from '../../src/investigation/steps/output.step.ts';
import { startAwsHarness } from '../support/aws-harness.ts';
import { runnerRig } from '../support/runner-rig.ts';
import { signaturesScenario, THREE_SIGNATURES } from '../support/scenarios/signatures.ts';

async function investigate(size: { total: number; failed: number }) {
  const scenario = signaturesScenario(size);
  const aws = await startAwsHarness(scenario);
  try {
    const { store, runner, sink, create } = runnerRig(aws, scenario.associationId);
    const investigation = await create();
    const diagnosis = await runner.run(investigation.id);
    const steps = await store.listSteps(investigation.id);
    // Every message the thread got: the root, each step, the verdict.
    return { diagnosis, steps, calls: [...aws.fake.calls], messages: sink.events.length };
  } finally {
    await aws.close();
  }
}

describe('large associations: output sampled per failure signature', () => {
  it.each([
    { total: 10_000, failed: 2_000 },
    { total: 50_000, failed: 10_000 },
  ])(
    '$total targets, $failed failed 60/25/15 %: the 60 % cause leads, all three are named, calls bounded',
    async (size) => {
      const { diagnosis, steps, calls, messages } = await investigate(size);
      const outputs = steps.find((s) => s.key === 'output')?.patch.outputs ?? [];
      // Each signature once, the most common first (the order of closer shares is left to sampling), with its
      // estimated share of the failed targets.
      const [first] = THREE_SIGNATURES;
      const lines = outputs.map((o) => o.command?.stderr.split('\n')[0]);
      expect(lines[0]).toBe(first?.stderr);
      expect([...lines].sort()).toEqual(THREE_SIGNATURES.map((s) => s.stderr).sort());
      const share = (i: number) => (outputs[i]?.targetCount ?? 0) / size.failed;
      expect(share(0)).toBeGreaterThan(0.4);
      expect(share(2)).toBeGreaterThan(0.01);

      // The verdict: the script failure, its evidence led by the most common error, every error named.
      const top = diagnosis?.findings[0];
      expect(top?.id).toBe('command.exit-code');
      expect(top?.title).toMatch(new RegExp(`(exit|code) ${first?.exitCode}\\b`));
      const evidence = (top?.evidence ?? []).map((e) => e.value).join('\n');
      const at = THREE_SIGNATURES.map((s) => evidence.indexOf(s.stderr));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect(at[0]).toBeLessThan(at[1] ?? 0);

      const ssm = calls.filter((c) => c.service === 'ssm');
      const pages = ssm.filter((c) => c.operation === 'DescribeAssociationExecutionTargets').length;
      expect(pages).toBe(size.failed / 50);
      expect(ssm.length).toBeLessThanOrEqual(pages + 40);
      expect(messages).toBeLessThanOrEqual(30);
    },
    120_000,
  );
});

describe('sampleTargets', () => {
  const target = (i: number) => ({
    resourceId: `i-${i.toString(16).padStart(17, '0')}`,
    resourceType: 'ManagedInstance',
    status: 'Failed',
    outputSource: { id: 'cmd', type: 'RunCommand' as const },
  });
  const group = (detailedStatus: string, count: number, samples: number) => ({
    status: 'Failed',
    detailedStatus,
    count,
    samples: Array.from({ length: samples }, (_, i) => target(count * 100 + i)),
  });

  it('one sample per small group; the rest of the budget to large groups in proportion to their size', () => {
    const groups = [group('Failed', 900, 20), group('ExecutionTimedOut', 100, 20), group('Odd', 2, 2)];
    const picked = sampleTargets(groups, undefined, 20);
    const per = (d: string) => picked.filter((p) => p.group.detailedStatus === d).length;
    expect(picked).toHaveLength(20);
    expect(per('Odd')).toBe(1);
    expect(per('Failed')).toBe(16);
    expect(per('ExecutionTimedOut')).toBe(3);
  });

  it('never more than a group holds, never more than the budget', () => {
    expect(sampleTargets([group('Failed', 5_000, 4)], undefined, 20)).toHaveLength(4);
    expect(sampleTargets([group('A', 50, 20), group('B', 50, 20)], undefined, 3)).toHaveLength(3);
  });

  it('weighs signatures by their share of the group’s samples', () => {
    const g = group('Failed', 1_000, 4);
    const sample = (signature: string) => ({
      group: g,
      sample: { signature, resourceId: 'i-1', targetCount: 1_000, targetStatus: 'Failed' },
    });
    const weighed = weighBySignature([sample('b'), sample('a'), sample('a'), sample('a')]);
    expect(weighed.map((o) => [o.signature, o.targetCount])).toEqual([
      ['a', 750],
      ['b', 250],
    ]);
  });
});
