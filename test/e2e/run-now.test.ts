// Run now through the real app: the verdict offers it (the fix ends with re-running, and the account has a
// remediator role), the button opens the dialog, only remediators (by user id or user group) may confirm, the
// write runs under the remediator role with session `ssm-why-<user>`, a double confirm makes one call, and the
// verification posts exactly one result — Verified (root ✅), Still failing (with a new investigation), and
// across a restart of the app in the middle.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRef } from '../../src/investigation/ports.ts';
import { RERUN, RUN_NOW } from '../../src/slack/action-ids.ts';
import { RUN_NOW_CALLBACK } from '../../src/slack/views/remediation.view.ts';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { CHANNEL, type E2e, startE2e, USER } from '../support/e2e.ts';
import type { RecordedCall as AwsCall } from '../support/fake-aws/index.ts';
import type { WireAssociationExecution } from '../support/fake-aws/wire.ts';
import { RESPONSE_URL, type RecordedCall } from '../support/fake-slack.ts';
import { namedScenario, PROD, PROD_ACCOUNT } from '../support/scenarios/index.ts';

const SCENARIO = namedScenario('script-exit-code-1');
const ASSOCIATION = SCENARIO.associationId;
const REMEDIATOR_ROLE = `arn:aws:iam::${PROD.id}:role/SsmWhyRemediator`;
const REMEDIATOR = 'U0REMEDY01';
const GROUP = 'S0ONCALL01';
const GROUP_MEMBER = 'U0GROUPMEM';
const ACCOUNT: AccountRef = { ...PROD_ACCOUNT, remediatorRoleArn: REMEDIATOR_ROLE, remediators: [REMEDIATOR, GROUP] };

const blocksOf = (call: RecordedCall | undefined) => JSON.stringify(call?.body.blocks ?? '');
const tsOf = (call: RecordedCall | undefined) => (call?.response.body as { ts?: string } | undefined)?.ts as string;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Run now and its verification end to end', () => {
  let e2e: E2e;
  let restarted: AppProcess | undefined;
  beforeAll(async () => {
    const scenario = SCENARIO.build({ now: new Date() });
    scenario.roles[REMEDIATOR_ROLE] = { externalId: PROD.externalId };
    e2e = await startE2e({
      scenario,
      accounts: [ACCOUNT],
      env: { SSM_WHY_VERIFY_INTERVAL_SECONDS: '1' },
      slack: { userGroups: { [GROUP]: [GROUP_MEMBER] } },
    });
  }, 120_000);
  afterAll(async () => {
    await restarted?.stop();
    await e2e?.close();
  });

  const executions = (): WireAssociationExecution[] => {
    const region = e2e.aws.scenario.accounts[PROD.id]?.regions[PROD.region];
    if (!region) throw new Error('no PROD region');
    region.executions ??= {};
    region.executions[ASSOCIATION] ??= [];
    return region.executions[ASSOCIATION];
  };
  const newExecution = (status: string, counts: string): WireAssociationExecution => ({
    AssociationId: ASSOCIATION,
    AssociationVersion: '1',
    ExecutionId: randomUUID(),
    Status: status,
    DetailedStatus: status,
    CreatedTime: Date.now() / 1_000,
    ResourceCountByStatus: counts,
  });

  /** Investigates (or re-runs in `threadTs`) and returns the verdict and the root message ts. */
  async function verdict(): Promise<{ verdict: RecordedCall; rootTs: string; investigationId: string }> {
    e2e.slack.reset();
    await e2e.command(`${ASSOCIATION} account prod region eu-west-1`);
    // This command's root message (a new thread), then the verdict in that thread — not a late verdict of an
    // investigation the test before left running in its own thread.
    const [root] = await e2e.slack.waitFor((c) => c.method === 'chat.postMessage' && !c.body.thread_ts, {
      timeoutMs: 60_000,
    });
    const [found] = await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === tsOf(root) && blocksOf(c).includes(RERUN),
      { timeoutMs: 60_000 },
    );
    const button = JSON.parse(blocksOf(found)).flatMap(
      (b: { elements?: { action_id: string; value: string }[] }) => b.elements ?? [],
    ) as { action_id: string; value: string }[];
    const run = button.find((e) => e.action_id === RUN_NOW);
    expect(run, 'the verdict offers Run now').toBeDefined();
    return { verdict: found as RecordedCall, rootTs: tsOf(root), investigationId: run?.value ?? '' };
  }

  const submit = (investigationId: string, userId: string) =>
    e2e.submit({
      callbackId: RUN_NOW_CALLBACK,
      privateMetadata: JSON.stringify({ investigationId, channelId: CHANNEL }),
      userId,
    });
  const starts = () => e2e.aws.callsTo('StartAssociationsOnce');
  const assumes = (session: string) =>
    e2e.aws.callsTo('AssumeRole').filter((c) => c.roleArn === REMEDIATOR_ROLE && c.roleSessionName === session);
  const results = (rootTs: string) =>
    e2e.slack
      .thread(CHANNEL, rootTs)
      .filter((m) => /Verified:|Still failing:|Not verified:/.test(JSON.stringify(m.blocks)));

  let firstRun: { rootTs: string; investigationId: string };
  let original: WireAssociationExecution[] = [];

  it('opens the confirmation dialog, refuses a non-remediator (0 writes), runs once on a double confirm', async () => {
    original = structuredClone(executions());
    const { rootTs, investigationId } = await verdict();
    firstRun = { rootTs, investigationId };

    await e2e.click({ actionId: RUN_NOW, value: investigationId, messageTs: rootTs, triggerId: '12345.98765.abcd' });
    const [opened] = await e2e.slack.waitFor('views.open', { timeoutMs: 10_000 });
    const modal = JSON.stringify(opened?.body.view);
    for (const part of [ASSOCIATION, 'prod', PROD.id, 'eu-west-1', 'Targets:', RUN_NOW_CALLBACK]) {
      expect(modal).toContain(part);
    }

    // Someone else confirms: refused ephemerally, no write, no remediator session.
    await submit(investigationId, USER);
    const [refusal] = await e2e.slack.waitFor('chat.postEphemeral', { timeoutMs: 10_000 });
    expect(refusal?.body.user).toBe(USER);
    expect(blocksOf(refusal)).toContain('Only the remediators');
    expect(starts()).toHaveLength(0);
    expect(assumes(`ssm-why-${USER}`)).toHaveLength(0);

    // The remediator confirms twice at once: one StartAssociationsOnce, under the remediator role.
    const [a, b] = await Promise.all([submit(investigationId, REMEDIATOR), submit(investigationId, REMEDIATOR)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await e2e.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' && c.body.thread_ts === rootTs && blocksOf(c).includes('StartAssociationsOnce'),
      { timeoutMs: 15_000 },
    );
    await e2e.slack.waitFor((c) => c.method === 'chat.postEphemeral' && blocksOf(c).includes('already run'), {
      timeoutMs: 15_000,
    });
    expect(starts()).toHaveLength(1);
    const [start] = starts() as [AwsCall];
    expect(start.params).toEqual({ AssociationIds: [ASSOCIATION] });
    expect(e2e.aws.sessionOf(start.accessKeyId)).toEqual({
      roleArn: REMEDIATOR_ROLE,
      sessionName: `ssm-why-${REMEDIATOR}`,
    });
    expect(assumes(`ssm-why-${REMEDIATOR}`).length).toBeGreaterThanOrEqual(1);
    expect(assumes(`ssm-why-${REMEDIATOR}`)[0]?.externalId).toBe(PROD.externalId);
  }, 120_000);

  it('follows the new execution and posts one "Verified" (root turns ✅), then lists it in history', async () => {
    const { rootTs } = firstRun;
    const running = newExecution('InProgress', '{InProgress=12}');
    executions().push(running);
    await sleep(2_500); // a check or two sees it still running
    expect(results(rootTs)).toHaveLength(0);
    running.Status = 'Success';
    running.DetailedStatus = 'Success';
    running.ResourceCountByStatus = '{Success=12}';
    await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === rootTs && blocksOf(c).includes('Verified:'),
      { timeoutMs: 20_000 },
    );
    expect(JSON.stringify(results(rootTs))).toContain('12/12 targets Success');
    await e2e.slack.waitFor(
      (c) => c.method === 'chat.update' && c.body.ts === rootTs && blocksOf(c).includes('✅ *Verified:*'),
      { timeoutMs: 10_000 },
    );
    expect(JSON.stringify(e2e.slack.message(CHANNEL, rootTs)?.blocks)).toContain('✅ *Verified:*');
    await sleep(3_000);
    expect(results(rootTs)).toHaveLength(1);
    // The verification read under the remediator role: DescribeAssociationExecutions signed by its session.
    const reads = e2e.aws
      .callsTo('DescribeAssociationExecutions')
      .filter((c) => e2e.aws.sessionOf(c.accessKeyId)?.roleArn === REMEDIATOR_ROLE);
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.length).toBeLessThanOrEqual(20);

    const before = Math.max(0, ...e2e.slack.calls.map((c) => c.seq));
    await e2e.command('history');
    const [history] = await e2e.slack.waitFor((c) => c.method === RESPONSE_URL && c.seq > before, {
      timeoutMs: 10_000,
    });
    expect(blocksOf(history)).toMatch(
      /Run now \(remediations\).*U0REMEDY01.*StartAssociationsOnce.*SsmWhyRemediator.*verified/,
    );
  }, 60_000);

  it('a user-group remediator runs it; "Still failing: 3/12" and a new investigation follow in the thread', async () => {
    // The test before left a fully successful newest run (verified), which is read as "recovered" (nothing to run):
    // take it away, so the newest run is the scenario's failed one again.
    const list = executions();
    for (let i = list.length - 1; i >= 0; i--) if (list[i]?.Status === 'Success') list.splice(i, 1);
    const { rootTs, investigationId } = await verdict();
    await submit(investigationId, GROUP_MEMBER);
    await e2e.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' && c.body.thread_ts === rootTs && blocksOf(c).includes('StartAssociationsOnce'),
      { timeoutMs: 15_000 },
    );
    expect(assumes(`ssm-why-${GROUP_MEMBER}`).length).toBeGreaterThanOrEqual(1);
    // The new run fails on the same targets with the same output as the scenario's failed run: the same cause.
    const again = newExecution('Failed', '{Failed=3, Success=9}');
    const region = e2e.aws.scenario.accounts[PROD.id]?.regions[PROD.region];
    const failedBefore = original.find((e) => e.Status === 'Failed');
    const targets = failedBefore && region?.executionTargets?.[failedBefore.ExecutionId];
    if (!region?.executionTargets || !targets) throw new Error('the scenario has no failed run with targets');
    region.executionTargets[again.ExecutionId] = structuredClone(targets);
    executions().push(again);
    await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === rootTs && blocksOf(c).includes('Still failing:'),
      { timeoutMs: 20_000 },
    );
    expect(JSON.stringify(results(rootTs))).toContain('3/12 targets not Success');
    // The new investigation's verdict lands in the same thread (after the result).
    const [stillFailing] = e2e.slack.calls.filter((c) => blocksOf(c).includes('Still failing:'));
    await e2e.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.thread_ts === rootTs &&
        blocksOf(c).includes(RERUN) &&
        c.seq > (stillFailing?.seq ?? 0),
      { timeoutMs: 60_000 },
    );
    // Once that verdict is in, the one result message says whether it is the same cause as the first verdict.
    const [compared] = await e2e.slack.waitFor(
      (c) => c.method === 'chat.update' && c.body.ts === tsOf(stillFailing) && blocksOf(c).includes('cause'),
      { timeoutMs: 30_000 },
    );
    expect(blocksOf(compared)).toContain('3/12 targets not Success');
    expect(blocksOf(compared)).toMatch(/Still failing:\*.* — \*same cause:\* .*exit 1/);
    expect(results(rootTs)).toHaveLength(1);
  }, 150_000);

  it('survives a restart in the middle: the queued check runs in the new process, one result', async () => {
    executions().splice(0, executions().length, ...original); // the failed run of the test before is gone
    const { rootTs, investigationId } = await verdict();
    await submit(investigationId, REMEDIATOR);
    await e2e.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' && c.body.thread_ts === rootTs && blocksOf(c).includes('StartAssociationsOnce'),
      { timeoutMs: 15_000 },
    );
    expect(await e2e.app.stop()).toBe(0);
    executions().push(newExecution('Success', '{Success=12}'));
    restarted = await startAppProcess(e2e.env, { timeoutMs: 120_000 });
    await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === rootTs && blocksOf(c).includes('Verified:'),
      { timeoutMs: 30_000 },
    );
    await sleep(3_000);
    expect(results(rootTs)).toHaveLength(1);
  }, 150_000);
});
