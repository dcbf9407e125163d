// Speed: independent AWS calls overlap, so an investigation costs about its chain of dependent calls, not the
// sum of its calls. Every fake AWS answer is delayed by LATENCY ms; the wall time is compared with both.
import { describe, expect, it } from 'vitest';
import { redactingGateway } from '../../src/investigation/redacting-reader.ts';
import { createRedactor } from '../../src/redaction/redact.ts';
import { startAwsHarness } from '../support/aws-harness.ts';
import { runnerRig } from '../support/runner-rig.ts';
import { type NamedScenario, namedScenario } from '../support/scenarios/index.ts';

/** The best of a few runs (after a warm-up): the machine is shared with other tests, the bound is about our code. */
async function bestOf(runs: number, scenario: NamedScenario, latencyMs: number) {
  await timeOnce(scenario, 0);
  let best: Awaited<ReturnType<typeof timeOnce>> | undefined;
  for (let i = 0; i < runs; i++) {
    const run = await timeOnce(scenario, latencyMs);
    if (!best || run.wallMs < best.wallMs) best = run;
  }
  return best as Awaited<ReturnType<typeof timeOnce>>;
}

async function timeOnce(scenario: NamedScenario, latencyMs: number) {
  const built = scenario.build({ now: new Date() });
  if (latencyMs > 0) built.faults = [...(built.faults ?? []), { operation: '*', delayMs: latencyMs }];
  const aws = await startAwsHarness({ scenario: built, account: scenario.account, region: scenario.region });
  try {
    const { runner, create } = runnerRig(aws, scenario.associationId);
    const investigation = await create();
    const started = performance.now();
    const diagnosis = await runner.run(investigation.id);
    const wallMs = performance.now() - started;
    const awsCalls = aws.fake.calls.filter((c) => c.service !== 's3').length;
    return { wallMs, awsCalls, diagnosis };
  } finally {
    await aws.close();
  }
}

describe('investigation wall time', () => {
  // Large next to the SDK's own per-call work, so a busy machine does not decide the result.
  const LATENCY = 250;

  it('a failed Run Command target: about 4 dependent calls, not 11 serial ones', async () => {
    // Chain: AssumeRole → DescribeAssociationExecutions → DescribeAssociationExecutionTargets →
    //        GetCommandInvocation ‖ DescribeInstanceInformation ‖ DescribeInstanceAssociationsStatus.
    const { wallMs, awsCalls, diagnosis } = await bestOf(3, namedScenario('script-exit-code-1'), LATENCY);
    expect(diagnosis?.findings[0]?.id).toBe('command.exit-code');
    expect(awsCalls).toBeGreaterThanOrEqual(9);
    expect(wallMs).toBeLessThan((4 + 2) * LATENCY); // the chain of 4, plus SDK and runner overhead
    expect(wallMs).toBeLessThan(0.6 * awsCalls * LATENCY); // far from serial
  });

  it('an unmanaged node adds one dependent round (EC2 ‖ DHMC), nothing more', async () => {
    const { wallMs, awsCalls, diagnosis } = await bestOf(
      3,
      namedScenario('instance-profile-missing-dhmc-off'),
      LATENCY,
    );
    expect(diagnosis?.findings[0]?.id).toBe('instance-profile.missing');
    expect(wallMs).toBeLessThan((5 + 2) * LATENCY);
    expect(wallMs).toBeLessThan(0.7 * awsCalls * LATENCY);
  });
});

describe('investigation wall time after uptime', () => {
  const LATENCY = 250;

  it('after 500 investigations in the same process: still under (chain + 2) × latency', async () => {
    // Chain: AssumeRole → DescribeAssociation ‖ executions → targets → output ≈ 5 calls.
    const scenario = namedScenario('script-exit-code-1');
    const built = scenario.build({ now: new Date() });
    const delay = { operation: '*', delayMs: 0 };
    built.faults = [...(built.faults ?? []), delay];
    const aws = await startAwsHarness({ scenario: built, account: scenario.account, region: scenario.region });
    try {
      // The app's own path: every account-controlled text is redacted as it is read (secretlint included).
      const gateway = redactingGateway(aws.gateway, createRedactor());
      const { runner, create } = runnerRig(aws, scenario.associationId, { gateway });
      const once = async () => {
        const investigation = await create();
        const started = performance.now();
        const diagnosis = await runner.run(investigation.id);
        return { wallMs: performance.now() - started, diagnosis };
      };
      // 500 investigations with no delay, 4 at a time.
      for (let i = 0; i < 500; i += 4) await Promise.all([once(), once(), once(), once()]);
      aws.fake.calls.length = 0;
      delay.delayMs = LATENCY;
      const runs = [await once(), await once()];
      const best = Math.min(...runs.map((r) => r.wallMs));
      expect(runs[0]?.diagnosis?.findings[0]?.id).toBe('command.exit-code');
      expect(best).toBeLessThan((5 + 2) * LATENCY);
    } finally {
      await aws.close();
    }
  }, 300_000);
});
