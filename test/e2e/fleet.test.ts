// `/ssm-why failing` through the real app: 5,000 associations in one region (a bounded live scan with the
// server-side status filter, call counts asserted), grouped by failure signature with the cause of an earlier
// investigation, the Investigate button, the account filter and a refusal, and a pair that cannot be scanned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_INVESTIGATE, RERUN } from '../../src/slack/action-ids.ts';
import { CHANNEL, type E2e, OTHER_CHANNEL, startE2e, USER } from '../support/e2e.ts';
import type { Scenario } from '../support/fake-aws/index.ts';
import type { WireAssociationDescription } from '../support/fake-aws/wire.ts';
import { RESPONSE_URL, type RecordedCall } from '../support/fake-slack.ts';
import { namedScenario, PROD, PROD_ACCOUNT, uuidFrom } from '../support/scenarios/index.ts';

const SCENARIO = namedScenario('script-exit-code-1');
const INVESTIGATED = SCENARIO.associationId;
const RESTRICTED = { name: 'payments', id: '210987654321', regions: ['eu-west-1'], channels: [OTHER_CHANNEL] };
const TOTAL = 5_000;
const FAILED = 130; // + the investigated one
const PENDING = 40;

/** PROD / eu-west-1 holds 5,000 associations: 131 Failed (one of them investigated), 40 Pending, the rest Success. */
function fleetScenario(): Scenario {
  const scenario = SCENARIO.build({ now: new Date() });
  const region = scenario.accounts[PROD.id]?.regions[PROD.region];
  const base = region?.associations?.find((a) => a.AssociationId === INVESTIGATED);
  if (!region?.associations || !base) throw new Error('scenario without its association');
  const now = Math.floor(Date.now() / 1_000);
  for (let i = 1; i < TOTAL; i++) {
    const status = i <= FAILED ? 'Failed' : i <= FAILED + PENDING ? 'Pending' : 'Success';
    const clone: WireAssociationDescription = {
      ...structuredClone(base),
      AssociationId: uuidFrom(`fleet-${i}`),
      AssociationName: `Fleet-${i}`,
      LastExecutionDate: now - i * 60,
      Overview: {
        Status: status,
        DetailedStatus: status === 'Pending' ? 'Associated' : status,
        AssociationStatusAggregatedCount: { [status]: 2 },
      },
    };
    region.associations.push(clone);
  }
  return scenario;
}

const blocksOf = (call: RecordedCall | undefined) => JSON.stringify(call?.body.blocks ?? '');

type Button = { action_id: string; value: string };
function investigateButtons(blocks: unknown): Button[] {
  return ((blocks ?? []) as { accessory?: Button }[])
    .map((b) => b.accessory)
    .filter((a): a is Button => a?.action_id?.split('#')[0] === FLEET_INVESTIGATE);
}

describe('/ssm-why failing end to end', () => {
  let e2e: E2e;
  beforeAll(async () => {
    const scenario = fleetScenario();
    // us-east-1 of PROD cannot be listed: the view says so and still answers for the rest.
    scenario.faults.push({
      operation: 'ListAssociations',
      account: PROD.id,
      region: 'us-east-1',
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: ssm:ListAssociations',
    });
    e2e = await startE2e({ scenario, accounts: [PROD_ACCOUNT, RESTRICTED] });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  /** Sends `failing …`, returns the ack (within 3 s) and the final reply that replaced it. */
  async function failing(text: string, channelId = CHANNEL) {
    const before = Math.max(0, ...e2e.slack.calls.map((c) => c.seq));
    const started = performance.now();
    const response = await e2e.command(text, { channelId });
    const ackMs = performance.now() - started;
    expect(response.status).toBe(200);
    const ack = (await response.json()) as { text?: string };
    return { ack, ackMs, before };
  }

  it('investigates one failing association first, so its cause is known', async () => {
    await e2e.command(`${INVESTIGATED} account prod region eu-west-1`);
    const [verdict] = await e2e.slack.waitFor((c) => c.method === 'chat.postMessage' && blocksOf(c).includes(RERUN), {
      timeoutMs: 60_000,
    });
    expect(verdict).toBeDefined();
  }, 90_000);

  it('acks with "scanning…", then replaces it with the groups, largest first, in bounded calls', async () => {
    e2e.aws.calls.length = 0;
    e2e.slack.reset();
    const { ack, ackMs, before } = await failing('failing');
    expect(ackMs).toBeLessThan(3_000);
    expect(ack.text).toContain('Scanning 2 account/region pairs'); // payments is another channel's

    const [reply] = await e2e.slack.waitFor((c) => c.method === RESPONSE_URL && c.seq > before, { timeoutMs: 30_000 });
    expect(reply?.body.replace_original).toBe(true);
    const text = blocksOf(reply);
    expect(text).toContain(`${FAILED + 1 + PENDING} failing associations* in 3 groups, 2 account/region pairs`);

    // Largest first: 130 Failed (never investigated), then 40 Pending (DetailedStatus Associated), then the
    // investigated one under its diagnosis.
    const groups = ((reply?.body.blocks ?? []) as { block_id: string; text?: { text: string } }[]).filter((b) =>
      b.block_id.startsWith('fleet.group'),
    );
    expect(groups.map((g) => g.text?.text.split('\n')[0])).toEqual([
      expect.stringContaining(`${FAILED} × Failed — Failed, not investigated yet`),
      expect.stringContaining(`${PENDING} × Pending — Pending (DetailedStatus Associated), not investigated yet`),
      // The investigated one is grouped under its verdict's title, which quotes the decisive line of the output.
      expect.stringMatching(/1 × Failed — .*\(exit 1\): nginx: \[emerg\] unknown directive .*\* {2}`command`$/),
    ]);
    expect(groups[0]?.text?.text).toContain('prod / eu-west-1');
    expect(groups[0]?.text?.text).toContain('oldest since');
    // The example of the 130 is the one failing longest (LastExecutionDate oldest: Fleet-130).
    expect(groups[0]?.text?.text).toContain(uuidFrom(`fleet-${FAILED}`));
    // Honest about freshness and about the pair it could not read.
    expect(text).toContain('1 pair scanned just now (4 ListAssociations calls)');
    expect(text).toMatch(/prod \/ us-east-1: not scanned — .*ssm:ListAssociations/);

    // Calls: the status filter makes 5,000 associations 3 + 1 pages in eu-west-1 (not 100); us-east-1 is
    // tried once per status; the restricted account is never touched.
    const lists = e2e.aws.callsTo('ListAssociations');
    const euWest = lists.filter((c) => c.region === 'eu-west-1');
    expect(euWest).toHaveLength(Math.ceil((FAILED + 1) / 50) + Math.ceil(PENDING / 50));
    expect(lists.every((c) => c.account === PROD.id)).toBe(true);
    expect(lists.length).toBeLessThanOrEqual(2 * 40);
    expect(e2e.aws.calls.filter((c) => c.service === 'ssm' && c.operation !== 'ListAssociations')).toHaveLength(0);
    console.info(
      `failing: ${lists.length} ListAssociations calls for ${TOTAL} associations, ack ${Math.round(ackMs)} ms`,
    );
  }, 60_000);

  it('starts a normal investigation of a group’s example from its Investigate button', async () => {
    const { before } = await failing('failing account prod region eu-west-1');
    const [reply] = await e2e.slack.waitFor((c) => c.method === RESPONSE_URL && c.seq > before, { timeoutMs: 30_000 });
    expect(blocksOf(reply)).toContain('(account prod, region eu-west-1)');
    const [first] = investigateButtons(reply?.body.blocks);
    expect(first?.value).toContain(uuidFrom(`fleet-${FAILED}`));
    e2e.slack.reset();
    const click = await e2e.click({ actionId: first?.action_id ?? '', value: first?.value ?? '', ephemeral: true });
    expect(click.status).toBe(200);
    const [root] = await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && blocksOf(c).includes(uuidFrom(`fleet-${FAILED}`)),
      { timeoutMs: 30_000 },
    );
    expect(root?.body.channel).toBe(CHANNEL);
  }, 60_000);

  it('publishes App Home: health per account × region, top groups, the user’s investigations with thread links', async () => {
    e2e.slack.reset();
    e2e.aws.calls.length = 0;
    const response = await e2e.homeOpened();
    expect(response.status).toBe(200);
    const [published] = await e2e.slack.waitFor('views.publish', { timeoutMs: 15_000 });
    expect(published?.body.user_id).toBe(USER);
    const view = published?.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(published?.response.body).toMatchObject({ ok: true });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain(`prod / eu-west-1 — ${FAILED + 1} Failed · ${PENDING} Pending`);
    // The pair whose listing was denied: could not read, with the error code and when — not "no data yet".
    expect(text).toMatch(/❗ prod \/ us-east-1 — could not read: AccessDeniedException · (just now|\d+ s ago)/);
    expect(text).not.toMatch(/⚪ prod \/ us-east-1/);
    expect(text).toContain('1 could not be read');
    expect(text).toContain('Top failure groups');
    expect(text).toContain(`${FAILED} × Failed*`);
    // The user's investigations link to their threads; opening the tab costs no AWS call.
    expect(text).toContain(INVESTIGATED);
    expect(text).toMatch(/https:\/\/example-ops\.slack\.com\/archives\/C02GHIJKL45\/p\d+/);
    // (The investigation started from the Investigate button above may still be reading; the tab lists nothing.)
    expect(e2e.aws.calls.filter((c) => c.operation === 'ListAssociations')).toHaveLength(0);
  }, 30_000);

  it('refuses an account the channel may not use (audited), and unknown accounts', async () => {
    const refused = await failing('failing account payments');
    expect(refused.ack.text).toMatch(/not allowed to use account/);
    const unknown = await failing('failing account nope');
    expect(unknown.ack.text).toContain('Unknown account');
    const bad = await failing('failing region mars');
    expect(bad.ack.text).toContain('not an AWS region');
    // The restricted account's own channel may scan it.
    const { ack, before } = await failing('failing account payments', OTHER_CHANNEL);
    expect(ack.text).toContain('Scanning 1 account/region pair');
    const [reply] = await e2e.slack.waitFor((c) => c.method === RESPONSE_URL && c.seq > before, { timeoutMs: 30_000 });
    expect(blocksOf(reply)).toContain('(account payments)');
  }, 60_000);
});
