// Finding the association through the real app: one found in two places asks the user to choose (and the
// chosen button starts the investigation there), a found location is remembered for the next look-up, and
// refusals land in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRef } from '../../src/investigation/ports.ts';
import { actionIdPattern, CHOOSE_ACCOUNT, RERUN } from '../../src/slack/action-ids.ts';
import { locationToken } from '../../src/slack/location-token.ts';
import { openDatabase } from '../../src/store/database.ts';
import { CHANNEL, type E2e, OTHER_CHANNEL, startE2e, TEAM, USER } from '../support/e2e.ts';
import type { RecordedCall as AwsCall } from '../support/fake-aws/index.ts';
import { RESPONSE_URL, type RecordedCall } from '../support/fake-slack.ts';
import { PROD, PROD_ACCOUNT, prod, RUN_SHELL_SCRIPT, type ScenarioBuilder } from '../support/scenarios/index.ts';

const STAGING: AccountRef = {
  name: 'staging',
  id: '444455556666',
  roleArn: 'arn:aws:iam::444455556666:role/SsmWhyReadOnly',
  externalId: 'ssmwhy-staging-7d3a',
  regions: ['eu-west-1'],
};
/** Only OTHER_CHANNEL may use it. */
const PAYMENTS: AccountRef = {
  name: 'payments',
  id: '210987654321',
  regions: ['eu-west-1'],
  channels: [OTHER_CHANNEL],
};

/** In prod / us-east-1 and in staging / eu-west-1. */
const TWIN = '3f6b9d2e-8a41-4c7e-b5d0-9e2a4c6f8b13';
/** Only in staging / eu-west-1. */
const SINGLE = '7c1e5a9b-2d4f-4a8c-9b3e-5f7d1c3a5e29';

/** A healthy Run Command association with one successful run on one node. */
function healthyAssociation(b: ScenarioBuilder, associationId: string, seed: string): ScenarioBuilder {
  return b
    .association({
      associationId,
      associationName: `Configure-${seed}`,
      documentName: 'AWS-RunShellScript',
      instanceIds: [`i-0${seed}0000000000000`],
      schedule: 'rate(1 day)',
      parameters: { commands: ['echo ok'] },
    })
    .execution({ executionId: `${seed}0e8b2-1c3d-4e5f-8a9b-0c1d2e3f4a5b`, status: 'Success', createdAt: '2h ago' })
    .runCommandSuccess({ instanceId: `i-0${seed}0000000000000` });
}

function buildScenario() {
  const b = prod({ now: new Date() }).region('us-east-1').document(RUN_SHELL_SCRIPT);
  healthyAssociation(b, TWIN, 'aaa');
  b.account(STAGING.id, { roleArn: STAGING.roleArn as string, externalId: STAGING.externalId as string })
    .region('eu-west-1')
    .document(RUN_SHELL_SCRIPT);
  healthyAssociation(b, TWIN, 'bbb');
  healthyAssociation(b, SINGLE, 'ccc');
  return b.build();
}

type Button = { action_id: string; value: string; text: { text: string } };

function buttons(blocks: unknown, pattern: RegExp): Button[] {
  return ((blocks ?? []) as { type: string; elements?: Button[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => pattern.test(e.action_id));
}

const isVerdict = (call: RecordedCall) =>
  call.method === 'chat.postMessage' && JSON.stringify(call.body.blocks ?? '').includes(RERUN);
const where = (calls: AwsCall[]) => calls.map((c) => `${c.account}/${c.region}`);

describe('locating the association end to end', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ scenario: buildScenario(), accounts: [PROD_ACCOUNT, STAGING, PAYMENTS] });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('offers one button per location when the association exists in two, and investigates where the user clicks', async () => {
    e2e.slack.reset();
    e2e.aws.calls.length = 0;
    const response = await e2e.command(TWIN);
    const ack = (await response.json()) as { response_type: string; text: string };
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain('3 account/region pairs');

    const [choice] = await e2e.slack.waitFor(
      (c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes(CHOOSE_ACCOUNT),
      { timeoutMs: 15_000 },
    );
    expect(choice?.body.response_type).toBe('ephemeral');
    const offered = buttons(choice?.body.blocks, actionIdPattern(CHOOSE_ACCOUNT));
    expect(offered.map((b) => b.text.text).sort()).toEqual(['prod / us-east-1', 'staging / eu-west-1']);
    expect(offered.map((b) => locationToken.decode(b.value))).toEqual(
      expect.arrayContaining([
        { associationId: TWIN, accountId: PROD.id, region: 'us-east-1' },
        { associationId: TWIN, accountId: STAGING.id, region: 'eu-west-1' },
      ]),
    );
    // Every place the channel may look was searched; nothing was investigated or posted yet.
    expect(where(e2e.aws.callsTo('DescribeAssociation')).sort()).toEqual([
      `${PROD.id}/eu-west-1`,
      `${PROD.id}/us-east-1`,
      `${STAGING.id}/eu-west-1`,
    ]);
    expect(e2e.aws.callsTo('DescribeAssociationExecutions')).toHaveLength(0);
    expect(e2e.slack.callsTo('chat.postMessage')).toHaveLength(0);

    const staging = offered.find((b) => b.text.text === 'staging / eu-west-1') as Button;
    e2e.aws.calls.length = 0;
    e2e.slack.reset();
    const click = await e2e.click({ actionId: staging.action_id, value: staging.value, ephemeral: true });
    expect(click.status).toBe(200);
    const [verdict] = await e2e.slack.waitFor(isVerdict, { timeoutMs: 30_000 });

    // The root message names the chosen place; the thread hangs off it.
    const [root] = e2e.slack.callsTo('chat.postMessage');
    expect(root?.body.channel).toBe(CHANNEL);
    expect(root?.body.thread_ts).toBeUndefined();
    const rootBlocks = JSON.stringify(root?.body.blocks);
    expect(rootBlocks).toContain(`Investigating association ${TWIN}`);
    expect(rootBlocks).toContain(`staging (${STAGING.id})`);
    expect(rootBlocks).toContain('*Region:* eu-west-1');
    expect(verdict?.body.thread_ts).toBe((root?.response.body as { ts?: string } | undefined)?.ts);
    // The ephemeral choice is replaced by the usual acknowledgement.
    const replaced = e2e.slack.callsTo(RESPONSE_URL).find((c) => c.body.replace_original === true);
    expect(JSON.stringify(replaced?.body)).toContain('staging / eu-west-1');

    // Every AWS call of the investigation was signed with staging's role credentials, in eu-west-1.
    const ssm = e2e.aws.calls.filter((c) => c.service === 'ssm');
    expect(ssm.map((c) => c.operation)).toContain('DescribeAssociationExecutions');
    expect(new Set(where(ssm))).toEqual(new Set([`${STAGING.id}/eu-west-1`]));
  });

  it('remembers where it found an association: the second look-up goes straight there', async () => {
    async function investigate() {
      e2e.slack.reset();
      e2e.aws.calls.length = 0;
      await e2e.command(SINGLE);
      await e2e.slack.waitFor(isVerdict, { timeoutMs: 30_000 });
      return e2e.aws.callsTo('DescribeAssociation');
    }
    const first = await investigate();
    const second = await investigate();

    // First: the whole search (3 pairs) plus the association step; second: the remembered place plus the step.
    expect(new Set(where(first))).toEqual(
      new Set([`${PROD.id}/eu-west-1`, `${PROD.id}/us-east-1`, `${STAGING.id}/eu-west-1`]),
    );
    expect(second.length).toBeLessThan(first.length);
    expect(first.length - second.length).toBe(2);
    expect(new Set(where(second))).toEqual(new Set([`${STAGING.id}/eu-west-1`]));
  });

  it('records refusals (command and button) in the audit log, with no AWS call under the refused account', async () => {
    e2e.slack.reset();
    e2e.aws.calls.length = 0;
    const response = await e2e.command(`${SINGLE} account payments`);
    const body = (await response.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/not allowed/i);

    // A forged or stale "choose this location" for the refused account is re-authorized on click.
    const click = await e2e.click({
      actionId: CHOOSE_ACCOUNT,
      value: locationToken.encode({ associationId: SINGLE, accountId: PAYMENTS.id, region: 'eu-west-1' }),
      ephemeral: true,
    });
    expect(click.status).toBe(200);
    const [refusal] = await e2e.slack.waitFor(RESPONSE_URL, { timeoutMs: 10_000 });
    expect(JSON.stringify(refusal?.body)).toMatch(/not allowed/i);
    await new Promise((r) => setTimeout(r, 300));
    expect(e2e.aws.calls).toHaveLength(0);
    expect(e2e.slack.callsTo('chat.postMessage')).toHaveLength(0);

    // Read the audit log as the app stored it. PGlite serves one process: stop the app first.
    expect(await e2e.app.stop()).toBe(0);
    const database = await openDatabase(e2e.database);
    try {
      const events = await database.prisma.auditEvent.findMany({
        orderBy: { createdAt: 'asc' },
        select: {
          kind: true,
          teamId: true,
          channelId: true,
          userId: true,
          accountId: true,
          subject: true,
          detail: true,
        },
      });
      const refused = events.filter((e) => e.kind.endsWith('.refused'));
      expect(refused).toEqual([
        {
          kind: 'investigation.refused',
          teamId: TEAM,
          channelId: CHANNEL,
          userId: USER,
          accountId: PAYMENTS.id,
          subject: SINGLE,
          detail: { reason: expect.stringContaining('may not investigate account payments') },
        },
        {
          kind: 'button.refused',
          teamId: TEAM,
          channelId: CHANNEL,
          userId: USER,
          accountId: PAYMENTS.id,
          subject: SINGLE,
          detail: { action: CHOOSE_ACCOUNT },
        },
      ]);
      // The investigation started from the button is on record too, where the user chose.
      expect(events).toContainEqual(
        expect.objectContaining({
          kind: 'investigation.started',
          accountId: STAGING.id,
          subject: TWIN,
          detail: expect.objectContaining({ region: 'eu-west-1', trigger: 'button' }),
        }),
      );
    } finally {
      await database.close();
    }
  });
});
