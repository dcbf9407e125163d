// AWS adds status values without notice. An association, execution, targets, node and command in statuses
// never seen before must still be investigated to a verdict, with the strings shown as AWS sent them.
// The real AWS SDK against the fake AWS, the real store (PGlite, and PostgreSQL when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvestigationStore, StoredStep } from '../../src/investigation/ports.ts';
import { createInvestigationStore } from '../../src/store/investigation.repository.ts';
import { type AwsHarness, startAwsHarness } from '../support/aws-harness.ts';
import type { CommandInvocationSpec, CommandPluginSpec } from '../support/fake-aws/index.ts';
import { runnerRig } from '../support/runner-rig.ts';
import { type NodeInput, PROD_ACCOUNT, prod, RUN_SHELL_SCRIPT } from '../support/scenarios/index.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const ASSOCIATION_ID = '6e0f2a4c-9d1b-4f3e-a7c5-2b4d6f8a0c19';
const EXECUTION_ID = '1a3c5e7f-2b4d-4c6e-8f0a-9b1d3f5a7c28';
const COMMAND_ID = '9f7d5b3a-1c2e-4a6f-b8d0-3e5a7c9f1b46';
const NODE = 'i-0c0ffee0c0ffee001';

/** Status strings no version of ssm-why has seen. */
const UNKNOWN = {
  association: 'Frobnicated',
  associationDetailed: 'Discombobulated',
  execution: 'QuantumPending',
  executionDetailed: 'Superposed',
  target: 'Frobnicated',
  targetDetailed: 'Wibbling',
  ping: 'Hibernating',
  nodeAssociation: 'Sparkling',
  command: 'Teleported',
  plugin: 'Vaporised',
  pluginDetails: 'Transmogrified',
} as const;

function buildScenario() {
  const b = prod({ now: new Date() })
    .document(RUN_SHELL_SCRIPT)
    .association({
      associationId: ASSOCIATION_ID,
      associationName: 'FutureProof',
      documentName: 'AWS-RunShellScript',
      instanceIds: [NODE],
      schedule: 'rate(1 hour)',
      parameters: { commands: ['echo hello'] },
      overview: {
        status: UNKNOWN.association,
        detailedStatus: UNKNOWN.associationDetailed,
        counts: { [UNKNOWN.target]: 1 },
      },
    })
    .execution({ executionId: '0b2d4f6a-8c0e-4a2c-9e4f-6a8c0e2a4c63', status: 'Success', createdAt: '2h ago' })
    .target({ resourceId: NODE, status: 'Success' })
    .execution({
      executionId: EXECUTION_ID,
      status: UNKNOWN.execution,
      detailedStatus: UNKNOWN.executionDetailed,
      createdAt: '20m ago',
    })
    .target({ resourceId: NODE, status: UNKNOWN.target, detailedStatus: UNKNOWN.targetDetailed, commandId: COMMAND_ID })
    .node({ instanceId: NODE, pingStatus: UNKNOWN.ping as NodeInput['pingStatus'], iamRole: 'SSMInstanceProfile' })
    .instanceAssociationStatus({
      instanceId: NODE,
      status: UNKNOWN.nodeAssociation,
      detailedStatus: UNKNOWN.nodeAssociation,
    })
    .commandInvocation({
      commandId: COMMAND_ID,
      instanceId: NODE,
      documentName: 'AWS-RunShellScript',
      comment: `${ASSOCIATION_ID}:${EXECUTION_ID}`,
      requestedAt: Date.now() / 1000 - 1_200,
      status: UNKNOWN.command as CommandInvocationSpec['status'],
      statusDetails: UNKNOWN.pluginDetails,
      plugins: [
        {
          name: 'aws:runShellScript',
          status: UNKNOWN.plugin as CommandPluginSpec['status'],
          statusDetails: UNKNOWN.pluginDetails,
          responseCode: 0,
          stdout: 'hello\n',
          stderr: '',
        },
      ],
    });
  return b.build();
}

const factsText = (step: StoredStep | undefined) => JSON.stringify(step?.facts ?? []);

describe.each(databaseBackends())('unknown status strings ($name)', (backend) => {
  let db: TestDatabase;
  let store: InvestigationStore;
  let aws: AwsHarness;
  beforeAll(async () => {
    [db, aws] = await Promise.all([
      backend.create(),
      startAwsHarness({ scenario: buildScenario(), account: PROD_ACCOUNT, region: 'eu-west-1' }),
    ]);
    store = createInvestigationStore((await db.open()).prisma);
  });
  afterAll(async () => {
    await Promise.all([db?.dispose(), aws?.close()]);
  });

  it('completes with a verdict, showing the unknown strings as AWS sent them', async () => {
    const { runner, sink, logger, create } = runnerRig(aws, ASSOCIATION_ID, { store });
    const { id } = await create();

    const diagnosis = await runner.run(id);
    expect(diagnosis).toBeDefined();
    // Not 'healthy': the association is not Success and no rule explains why, and the verdict says so.
    expect(diagnosis?.outcome).toBe('warning');
    expect(diagnosis?.findings[0]?.id).toBe('association.status-unexplained');
    expect(sink.verdicts()).toBe(1);
    expect((await store.get(id))?.status).toBe('done');

    // No step crashed (the runner turns a throw into an 'error' step and logs it) and no read failed.
    const steps = await store.listSteps(id);
    expect(steps.map((s) => s.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(steps.filter((s) => s.status === 'error').map((s) => s.key)).toEqual([]);
    expect(steps.flatMap((s) => s.gaps)).toEqual([]);
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);

    // The strings, as is, in what the steps stored for people (facts) and for a resumed run (patch).
    const step = (key: string) => steps.find((s) => s.key === key);
    expect(factsText(step('association'))).toContain(`${UNKNOWN.association} (${UNKNOWN.associationDetailed})`);
    expect(factsText(step('executions'))).toContain(`${UNKNOWN.execution} (${UNKNOWN.executionDetailed})`);
    expect(factsText(step('targets'))).toContain(`${UNKNOWN.target}/${UNKNOWN.targetDetailed}`);
    expect(factsText(step('nodes'))).toContain(UNKNOWN.ping);
    expect(factsText(step('nodes'))).toContain(UNKNOWN.nodeAssociation);
    expect(factsText(step('output'))).toContain(UNKNOWN.pluginDetails);

    expect(step('association')?.patch.association?.status).toBe(UNKNOWN.association);
    expect(step('executions')?.patch.executions?.[0]?.status).toBe(UNKNOWN.execution);
    expect(step('targets')?.patch.latestTargets?.groups).toContainEqual(
      expect.objectContaining({ status: UNKNOWN.target, detailedStatus: UNKNOWN.targetDetailed, count: 1 }),
    );
    expect(step('nodes')?.patch.nodes?.[0]?.pingStatus).toBe(UNKNOWN.ping);
  });
});
