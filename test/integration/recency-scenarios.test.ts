// The recency named scenarios through the real runner and the real AWS SDK against the fake AWS (the e2e test
// runs them through the whole app too): the newest execution decides the verdict.
import { describe, expect, it } from 'vitest';
import { runnerRig, startScenarioNow } from '../support/runner-rig.ts';
import { type NamedScenario, namedScenario } from '../support/scenarios/index.ts';

async function investigate(scenario: NamedScenario) {
  const aws = await startScenarioNow(scenario);
  try {
    const { runner, create } = runnerRig(aws, scenario.associationId);
    return await runner.run((await create()).id);
  } finally {
    await aws.close();
  }
}

describe('recency over the wire', () => {
  it('recovered after a failure: healthy, "Recovered at …", the old psql failure only as history', async () => {
    const d = await investigate(namedScenario('recovered-after-failure'));
    expect(d?.outcome).toBe('healthy');
    expect(d?.summary).toMatch(/^Recovered at /);
    expect(d?.findings.every((f) => f.severity === 'info')).toBe(true);
    expect(d?.findings.map((f) => f.id)).toContain('history.command.exit-code');
  }, 60_000);

  it('first run in progress: "Still running — started 4 min ago, 1 of 3 targets done"', async () => {
    const d = await investigate(namedScenario('first-run-in-progress'));
    expect(d?.findings.map((f) => f.id)).toEqual(['execution.in-progress']);
    expect(d?.outcome).toBe('running');
    expect(d?.summary).toBe('Still running — started 4 min ago, 1 of 3 targets done.');
  }, 60_000);
});
