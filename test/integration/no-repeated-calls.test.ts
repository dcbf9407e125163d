// Nothing is read twice for one command: locate's DescribeAssociation is handed to the investigation that
// follows (once: a re-run reads afresh), and no AWS call of the flow repeats with the same parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssociationHandover, handoverGateway } from '../../src/investigation/handover.ts';
import { createLocator } from '../../src/investigation/locate.ts';
import { type AwsHarness, startAwsHarness, TEST_USER } from '../support/aws-harness.ts';
import { runnerRig } from '../support/runner-rig.ts';
import { namedScenario } from '../support/scenarios/index.ts';

describe('no AWS call repeats within one investigation', () => {
  const scenario = namedScenario('script-exit-code-1');
  let aws: AwsHarness;
  beforeAll(async () => {
    aws = await startAwsHarness(scenario);
  });
  afterAll(async () => {
    await aws?.close();
  });

  async function commandFlow(handover = createAssociationHandover()) {
    const remembered = new Map<string, { accountId: string; region: string }>();
    const locator = createLocator({
      accounts: [scenario.account],
      gateway: aws.gateway,
      handover,
      locations: {
        find: async (id) => remembered.get(id),
        remember: async (id, location) => {
          remembered.set(id, location);
        },
      },
    });
    const located = await locator.locate({
      associationId: scenario.associationId,
      region: scenario.region,
      channelId: 'C1',
      userId: TEST_USER,
      lang: 'en',
    });
    expect(located.kind).toBe('found');
    // The investigation is the locating user's (TEST_USER), so the handover matches.
    const { runner, store, create } = runnerRig(aws, scenario.associationId, {
      gateway: handoverGateway(aws.gateway, handover),
    });
    const investigation = await create();
    return { diagnosis: await runner.run(investigation.id), runner, store, investigation };
  }

  it('locate + investigate: DescribeAssociation once, and no call twice with the same parameters', async () => {
    aws.fake.calls.length = 0;
    const { diagnosis } = await commandFlow();
    expect(diagnosis?.findings[0]?.id).toBe('command.exit-code');
    const ssm = aws.fake.calls.filter((c) => c.service === 'ssm');
    expect(ssm.filter((c) => c.operation === 'DescribeAssociation')).toHaveLength(1);
    const keys = aws.fake.calls.map((c) => `${c.service}:${c.operation}:${JSON.stringify(c.params)}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('the handed-over association is used once: a re-run reads it afresh', async () => {
    const { runner, store, investigation } = await commandFlow();
    aws.fake.calls.length = 0;
    const { id, status, createdAt, updatedAt, ...input } = investigation;
    const rerun = await store.create(input);
    await runner.run(rerun.id);
    expect(aws.fake.callsTo('DescribeAssociation')).toHaveLength(1);
  });
});

describe('association handover', () => {
  const key = { accountId: '1', region: 'eu-west-1', userId: 'U1', associationId: 'A-1' };
  const facts = { associationId: 'a-1' } as never;

  it('is taken once, by the same account, region, user and association (id case aside)', () => {
    const handover = createAssociationHandover();
    handover.put(key, facts);
    expect(handover.take({ ...key, userId: 'U2' })).toBeUndefined();
    expect(handover.take({ ...key, region: 'us-east-1' })).toBeUndefined();
    expect(handover.take({ ...key, associationId: 'a-1' })).toBe(facts);
    expect(handover.take(key)).toBeUndefined();
  });

  it('expires, and keeps at most `max` entries', () => {
    let now = 0;
    const handover = createAssociationHandover({ ttlMs: 1_000, max: 2, now: () => now });
    handover.put(key, facts);
    now = 1_001;
    expect(handover.take(key)).toBeUndefined();
    for (const id of ['x', 'y', 'z']) handover.put({ ...key, associationId: id }, facts);
    expect(handover.take({ ...key, associationId: 'x' })).toBeUndefined();
    expect(handover.take({ ...key, associationId: 'z' })).toBe(facts);
  });
});
