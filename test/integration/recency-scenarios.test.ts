// The recency named scenarios through the real runner and the real AWS SDK against the fake AWS (the e2e test
// runs them through the whole app too): the newest execution decides the verdict.
import { describe, expect, it } from 'vitest';
import { createAgentReleaseSource } from '../../src/aws/agent-release.ts';
import { createMemoryInvestigationStore } from '../../src/investigation/memory-store.ts';
import type { ProgressSink } from '../../src/investigation/ports.ts';
import { createRunner } from '../../src/investigation/runner.ts';
import { startAwsHarness, TEST_USER } from '../support/aws-harness.ts';
import { type NamedScenario, namedScenario } from '../support/scenarios/index.ts';

const SILENT = { info() {}, warn() {}, error() {} };
const QUIET_SINK: ProgressSink = {
  started: async () => undefined,
  stepFinished: async () => ({}),
  finished: async () => ({}),
};

async function investigate(scenario: NamedScenario) {
  const aws = await startAwsHarness({
    scenario: scenario.build({ now: new Date() }),
    account: scenario.account,
    region: scenario.region,
  });
  try {
    const store = createMemoryInvestigationStore();
    const investigation = await store.create({
      associationId: scenario.associationId,
      accountId: scenario.account.id,
      accountName: scenario.account.name,
      region: scenario.region,
      trigger: 'command',
      teamId: 'T1',
      channelId: 'C1',
      userId: TEST_USER,
    });
    const runner = createRunner({
      store,
      gateway: aws.gateway,
      agentReleases: createAgentReleaseSource({ urlTemplate: aws.fake.agentReleaseUrlTemplate }),
      sink: QUIET_SINK,
      findAccount: () => scenario.account,
      logger: SILENT,
    });
    return await runner.run(investigation.id);
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
