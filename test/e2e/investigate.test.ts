// /ssm-why <association-id> through the real app: a signed command in, the real AWS SDK against the fake
// AWS, the thread out to the fake Slack. One named scenario per cause family, plus the edges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RERUN } from '../../src/slack/action-ids.ts';
import { CHANNEL, type E2e, OTHER_CHANNEL, startE2e } from '../support/e2e.ts';
import type { RecordedCall } from '../support/fake-slack.ts';
import { RESPONSE_URL } from '../support/fake-slack.ts';
import { NAMED_SCENARIOS, namedScenario, PROD, PROD_ACCOUNT } from '../support/scenarios/index.ts';

/** The top finding each scenario must produce (undefined: healthy), and others that must be present. */
const EXPECTED: Record<
  string,
  { top?: string; also?: string[]; outcome: 'fault' | 'warning' | 'healthy' | 'running' | 'incomplete' }
> = {
  healthy: { outcome: 'healthy' },
  'node-not-managed': { top: 'node.not-managed', outcome: 'fault' },
  'connection-lost': { top: 'node.connection-lost', outcome: 'fault' },
  'instance-profile-missing-dhmc-off': {
    top: 'instance-profile.missing',
    also: ['node.not-managed'],
    outcome: 'fault',
  },
  'agent-too-old': { top: 'agent.unsupported-feature', also: ['agent.outdated'], outcome: 'fault' },
  'no-targets-matched': { top: 'targets.none-matched', outcome: 'fault' },
  'never-ran-no-target-match': { top: 'targets.never-ran-no-match', outcome: 'fault' },
  'apply-only-at-cron-never-ran': { top: 'schedule.waiting-for-first-cron', outcome: 'healthy' },
  'invalid-schedule': { top: 'schedule.rate-too-frequent', outcome: 'fault' },
  'max-errors-reached': { top: 'command.exit-code', also: ['max-errors.threshold-reached'], outcome: 'fault' },
  'script-exit-code-1': { top: 'command.exit-code', outcome: 'fault' },
  'execution-timed-out-linux': { top: 'command.execution-timed-out', outcome: 'fault' },
  'execution-timed-out-windows': { top: 'command.execution-timed-out', outcome: 'fault' },
  'delivery-timed-out': { top: 'node.delivery-timed-out', outcome: 'fault' },
  undeliverable: { top: 'node.terminated', also: ['node.undeliverable'], outcome: 'fault' },
  'invalid-platform': { top: 'document.platform-mismatch', outcome: 'fault' },
  'all-steps-skipped': { top: 'document.platform-mismatch', also: ['document.all-steps-skipped'], outcome: 'fault' },
  'document-deleted': { top: 'document.deleted', outcome: 'fault' },
  'pinned-version-missing': { top: 'document.version-missing', outcome: 'fault' },
  'missing-required-parameter': { top: 'parameters.required-missing', outcome: 'fault' },
  'invalid-assoc-parameter': { top: 'parameters.unresolved-reference', outcome: 'fault' },
  'automation-missing-assume-role': {
    top: 'automation.assume-role-missing',
    also: ['automation.step-failed'],
    outcome: 'fault',
  },
  'automation-role-not-assumable': { top: 'automation.assume-role-not-assumable', outcome: 'fault' },
  'automation-passrole-denied': { top: 'automation.passrole-denied', outcome: 'fault' },
  'automation-target-parameter-name-missing': { top: 'automation.target-parameter-missing', outcome: 'fault' },
  'automation-execution-limit-exceeded': { top: 'automation.execution-limit-exceeded', outcome: 'fault' },
  's3-output-bucket-missing': { top: 'output.s3-upload-unverified', outcome: 'healthy' },
  'duplicate-inventory-associations': { top: 'inventory.multiple-associations', outcome: 'fault' },
  'stuck-at-in-progress': { top: 'agent-state.stuck-at-in-progress', outcome: 'fault' },
  'access-denied-describe-instance-information': {
    top: 'command.exit-code',
    also: ['access.permission-missing'],
    outcome: 'fault',
  },
  'association-not-found': { top: undefined, outcome: 'fault' },
  large: {
    top: 'command.exit-code',
    also: ['command.execution-timed-out', 'node.delivery-timed-out'],
    outcome: 'fault',
  },
  // Issue 9: the newest execution decides.
  'recovered-after-failure': { top: 'history.command.exit-code', outcome: 'healthy' },
  'first-run-in-progress': { top: 'execution.in-progress', outcome: 'running' },
};

const RESTRICTED = { name: 'payments', id: '210987654321', regions: ['eu-west-1'], channels: [OTHER_CHANNEL] };
/** The value of the first button with this action id (or an indexed form of it). */
function buttonValue(blocks: unknown, actionId: string): string | undefined {
  for (const block of (blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]) {
    const button = block.elements?.find((e) => e.action_id?.split('#')[0] === actionId);
    if (button?.value) return button.value;
  }
  return undefined;
}
const hasRerun = (call: RecordedCall) => JSON.stringify(call.body.blocks ?? '').includes(RERUN);

describe('/ssm-why <association-id> end to end', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({
      scenario: namedScenario('healthy').build({ now: new Date() }),
      accounts: [PROD_ACCOUNT, RESTRICTED],
    });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  /** Runs one investigation and returns what reached Slack and the verdict the app logged. */
  async function investigate(associationId: string, text = associationId) {
    e2e.slack.reset();
    const logsBefore = e2e.app.logs.length;
    const started = performance.now();
    const response = await e2e.command(text);
    const ackMs = performance.now() - started;
    expect(response.status).toBe(200);
    const ack = (await response.json()) as { response_type: string; text: string };
    const [verdict] = await e2e.slack.waitFor((c) => c.method === 'chat.postMessage' && hasRerun(c), {
      timeoutMs: 30_000,
    });
    const finished = await waitForLog(logsBefore, associationId);
    return { ack, ackMs, verdict: verdict as RecordedCall, finished, wallMs: performance.now() - started };
  }

  async function waitForLog(from: number, associationId: string) {
    for (let i = 0; i < 200; i++) {
      const entry = e2e.app.logs
        .slice(from)
        .find((l) => l.msg === 'investigation finished' && l.associationId === associationId);
      if (entry) return entry as { outcome: string; findings: string[] };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no verdict logged for ${associationId}`);
  }

  const scenarios = NAMED_SCENARIOS.filter((s) => s.name !== 'association-not-found');
  it.each(scenarios.map((s) => [s.name, s] as const))('%s → its cause first, in a thread', async (name, scenario) => {
    const expected = EXPECTED[name];
    expect(expected, `no expectation for ${name}`).toBeDefined();
    e2e.aws.scenario = scenario.build({ now: new Date() });
    e2e.aws.calls.length = 0;
    const { ack, ackMs, verdict, finished } = await investigate(scenario.associationId);

    // The ack is immediate and ephemeral.
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain(scenario.associationId);
    expect(ackMs).toBeLessThan(1_500);

    // One root message in the channel, step replies and the verdict in its thread, the root updated in place.
    const posts = e2e.slack.callsTo('chat.postMessage');
    const [root, ...replies] = posts;
    expect(root?.body.channel).toBe(CHANNEL);
    expect(root?.body.thread_ts).toBeUndefined();
    const rootTs = (root?.response.body as { ts?: string } | undefined)?.ts;
    expect(rootTs).toBeDefined();
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(replies.length).toBeLessThanOrEqual(9);
    for (const reply of replies) expect(reply.body.thread_ts).toBe(rootTs);
    expect(verdict.body.thread_ts).toBe(rootTs);
    const updates = e2e.slack.callsTo('chat.update');
    expect(updates.at(-1)?.body.ts).toBe(rootTs);

    // The verdict.
    expect(finished.outcome).toBe(expected?.outcome);
    if (expected?.top) expect(finished.findings[0]).toBe(expected.top);
    else if (expected?.outcome === 'healthy') expect(finished.findings).toEqual([]);
    for (const id of expected?.also ?? []) expect(finished.findings).toContain(id);
    const verdictText = JSON.stringify(verdict.body.blocks);
    if (expected?.outcome === 'healthy' && !expected.top) expect(verdictText).toContain('No fault found');

    // Every AWS call went through the assumed role, with the ExternalId, in the scenario's region.
    const assumeRoles = e2e.aws.callsTo('AssumeRole');
    for (const call of assumeRoles) {
      expect(call.params.ExternalId).toBe(PROD.externalId);
      expect(call.params.RoleSessionName).toMatch(/^ssm-why-U[A-Z0-9]+$/);
    }
    const ssmCalls = e2e.aws.calls.filter((c) => c.service === 'ssm');
    expect(ssmCalls.every((c) => c.account === PROD.id)).toBe(true);
  });

  it('costs pagination plus a few calls per distinct error on 10,000 targets, and a bounded thread', async () => {
    const scenario = namedScenario('large');
    e2e.aws.scenario = scenario.build({ now: new Date() });
    e2e.aws.calls.length = 0;
    await investigate(scenario.associationId);
    const ssm = e2e.aws.calls.filter((c) => c.service === 'ssm');
    const targetPages = ssm.filter((c) => c.operation === 'DescribeAssociationExecutionTargets').length;
    // 2,000 failed targets at 50 a page = 40 pages; nothing pages through the 8,000 successes.
    expect(targetPages).toBe(40);
    // Bounded per investigation, never per target: output samples (spread over each group, weighted by
    // signature) and nodes inspected; pages + 40 SSM calls and 30 thread messages at most.
    expect(ssm.filter((c) => c.operation === 'GetCommandInvocation').length).toBeLessThanOrEqual(25);
    expect(ssm.filter((c) => c.operation === 'DescribeInstanceAssociationsStatus').length).toBeLessThanOrEqual(10);
    expect(ssm.length).toBeLessThanOrEqual(targetPages + 40);
    expect(e2e.slack.callsTo('chat.postMessage').length).toBeLessThanOrEqual(30);
  });

  it('tells where it looked when the association exists nowhere, storing nothing', async () => {
    e2e.slack.reset();
    const missing = 'deadbeef-0000-4000-8000-000000000000';
    const response = await e2e.command(missing);
    expect(response.status).toBe(200);
    const [reply] = await e2e.slack.waitFor(RESPONSE_URL, { timeoutMs: 15_000 });
    const text = JSON.stringify(reply?.body);
    expect(text).toContain('not found');
    expect(text).toContain('eu-west-1');
    expect(text).toContain('us-east-1');
    expect(e2e.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('finds the association in whichever configured region holds it', async () => {
    const scenario = namedScenario('association-not-found'); // lives in us-east-1, not eu-west-1
    e2e.aws.scenario = scenario.build({ now: new Date() });
    const { finished } = await investigate(scenario.associationId);
    expect(finished.findings).not.toContain('association.not-found');
    expect(e2e.slack.callsTo('chat.postMessage')[0]?.body.channel).toBe(CHANNEL);
  });

  it('refuses an account the channel may not use, with no AWS call under its role', async () => {
    e2e.slack.reset();
    e2e.aws.calls.length = 0;
    const response = await e2e.command(`${namedScenario('healthy').associationId} account payments`);
    const body = (await response.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/not allowed|may not/i);
    await new Promise((r) => setTimeout(r, 300));
    expect(e2e.aws.calls).toHaveLength(0);
    expect(e2e.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('tells the user how to invite the bot when it cannot post in the channel', async () => {
    const scenario = namedScenario('script-exit-code-1');
    e2e.aws.scenario = scenario.build({ now: new Date() });
    e2e.slack.reset();
    e2e.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    await e2e.command(scenario.associationId);
    const replies = await e2e.slack.waitFor(
      (c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes('/invite'),
      { timeoutMs: 15_000 },
    );
    expect(JSON.stringify(replies[0]?.body)).toContain('/invite');
  });

  it('re-runs in the same thread when Re-run is clicked', async () => {
    const scenario = namedScenario('script-exit-code-1');
    e2e.aws.scenario = scenario.build({ now: new Date() });
    const { verdict } = await investigate(scenario.associationId);
    const investigationId = buttonValue(verdict.body.blocks, RERUN);
    expect(investigationId).toBeTruthy();
    const threadTs = verdict.body.thread_ts as string;
    e2e.slack.reset();
    const click = await e2e.click({
      actionId: RERUN,
      value: investigationId as string,
      channelId: CHANNEL,
      threadTs,
      messageTs: (verdict.response.body as { ts: string }).ts,
    });
    expect(click.status).toBe(200);
    const [again] = await e2e.slack.waitFor((c) => c.method === 'chat.postMessage' && hasRerun(c), {
      timeoutMs: 30_000,
    });
    for (const post of e2e.slack.callsTo('chat.postMessage')) expect(post.body.thread_ts).toBe(threadTs);
    expect(again?.body.thread_ts).toBe(threadTs);
  });

  it('lists recent investigations with /ssm-why history', async () => {
    e2e.slack.reset();
    await e2e.command('history');
    const [reply] = await e2e.slack.waitFor(RESPONSE_URL, { timeoutMs: 10_000 });
    expect(JSON.stringify(reply?.body)).toContain(namedScenario('script-exit-code-1').associationId);
    // Each line links straight to its thread.
    expect(JSON.stringify(reply?.body)).toMatch(/https:\/\/[a-z-]+\.slack\.com\/archives\/C02GHIJKL45\/p\d{16}/);
  });
});
