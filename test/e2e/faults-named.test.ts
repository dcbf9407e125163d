// Faults are named, never mistaken for answers (issue 9 point 4, issue 10 point 7), through the real app: an
// AssumeRole refused while locating is "could not look in … AccessDenied — trust policy …", never "not found";
// an AssumeRole refused during the flow ends in "Could not investigate: …", never "Healthy".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRef } from '../../src/investigation/ports.ts';
import { RERUN } from '../../src/slack/action-ids.ts';
import { type E2e, startE2e } from '../support/e2e.ts';
import { RESPONSE_URL, type RecordedCall } from '../support/fake-slack.ts';
import { PROD_ACCOUNT, prod, RUN_SHELL_SCRIPT } from '../support/scenarios/index.ts';

const STAGING: AccountRef = {
  name: 'staging',
  id: '444455556666',
  roleArn: 'arn:aws:iam::444455556666:role/SsmWhyReadOnly',
  externalId: 'ssmwhy-staging-7d3a',
  regions: ['eu-west-1'],
};
/** Lives only in staging / eu-west-1. */
const IN_STAGING = '7c1e5a9b-2d4f-4a8c-9b3e-5f7d1c3a5e29';
/** Lives in prod / eu-west-1. */
const IN_PROD = '2b4d6f80-1a3c-4e5f-9b7d-0c2e4a6f8b1d';
const OTHER_USER = 'U09ZYXWVU87';

function buildScenario() {
  const b = prod({ now: new Date() }).document(RUN_SHELL_SCRIPT);
  b.association({
    associationId: IN_PROD,
    associationName: 'Configure-prod',
    documentName: 'AWS-RunShellScript',
    instanceIds: ['i-0ddd0000000000000'],
    schedule: 'rate(1 day)',
    parameters: { commands: ['echo ok'] },
  })
    .execution({ executionId: 'ddd0e8b2-1c3d-4e5f-8a9b-0c1d2e3f4a5b', status: 'Success', createdAt: '2h ago' })
    .runCommandSuccess({ instanceId: 'i-0ddd0000000000000' });
  b.account(STAGING.id, { roleArn: STAGING.roleArn as string, externalId: STAGING.externalId as string })
    .region('eu-west-1')
    .document(RUN_SHELL_SCRIPT)
    .association({
      associationId: IN_STAGING,
      associationName: 'Configure-staging',
      documentName: 'AWS-RunShellScript',
      instanceIds: ['i-0ccc0000000000000'],
      schedule: 'rate(1 day)',
      parameters: { commands: ['echo ok'] },
    })
    .execution({ executionId: 'ccc0e8b2-1c3d-4e5f-8a9b-0c1d2e3f4a5b', status: 'Success', createdAt: '2h ago' })
    .runCommandSuccess({ instanceId: 'i-0ccc0000000000000' });
  return b.build();
}

const isVerdict = (call: RecordedCall) =>
  call.method === 'chat.postMessage' && JSON.stringify(call.body.blocks ?? '').includes(RERUN);

describe('faults are named end to end', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ scenario: buildScenario(), accounts: [PROD_ACCOUNT, STAGING] });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('AssumeRole AccessDenied while locating: names the account, role ARN, code and meaning; never "not found" there', async () => {
    e2e.slack.reset();
    e2e.aws.scenario.faults = [
      { service: 'sts', operation: 'AssumeRole', code: 'AccessDenied', match: (p) => p.RoleArn === STAGING.roleArn },
    ];
    const response = await e2e.command(IN_STAGING);
    expect(response.status).toBe(200);
    const [answer] = await e2e.slack.waitFor(
      (c) => c.method === RESPONSE_URL && /not found|Could not/i.test(JSON.stringify(c.body)),
      { timeoutMs: 20_000 },
    );
    const text = JSON.stringify(answer?.body);
    expect(text).toContain('Could not look in');
    expect(text).toContain(`staging (${STAGING.id})`);
    expect(text).toContain(`AssumeRole into ${STAGING.roleArn}`);
    expect(text).toContain('AccessDenied');
    expect(text).toMatch(/trust policy/);
    expect(text).toMatch(/ExternalId/);
    // The places that answered are "not found"; staging, which could not be searched, is not among them.
    const notFound = /was not found in: ([^.]*)\./.exec(text)?.[1] ?? '';
    expect(notFound).toContain('prod');
    expect(notFound).not.toContain('staging');
    expect(e2e.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('throttled everywhere while locating: "Could not search", not "not found"', async () => {
    e2e.slack.reset();
    e2e.aws.scenario.faults = [{ service: 'ssm', operation: 'DescribeAssociation', code: 'ThrottlingException' }];
    await e2e.command(IN_STAGING);
    const [answer] = await e2e.slack.waitFor(
      (c) => c.method === RESPONSE_URL && /not found|Could not/i.test(JSON.stringify(c.body)),
      { timeoutMs: 60_000 },
    );
    const text = JSON.stringify(answer?.body);
    expect(text).toContain('Could not search for association');
    expect(text).toContain('ThrottlingException');
    expect(text).not.toContain('was not found');
  }, 90_000);

  it('AssumeRole AccessDenied during the flow (Re-run by another user): "Could not investigate", never "Healthy"', async () => {
    e2e.aws.scenario.faults = [];
    e2e.slack.reset();
    const logsBefore = e2e.app.logs.length;
    await e2e.command(IN_PROD);
    const [first] = await e2e.slack.waitFor(isVerdict, { timeoutMs: 30_000 });
    const button = ((first?.body.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id?.startsWith(RERUN));
    const actionId = button?.action_id;
    const value = button?.value;
    expect(value).toBeDefined();

    // The other user's session is refused by STS: the flow's Access step fails.
    e2e.aws.scenario.faults = [
      {
        service: 'sts',
        operation: 'AssumeRole',
        code: 'AccessDenied',
        match: (p) => String(p.RoleSessionName).endsWith(OTHER_USER),
      },
    ];
    e2e.slack.reset();
    await e2e.click({ actionId: actionId as string, value: value as string, userId: OTHER_USER });
    const [verdict] = await e2e.slack.waitFor(isVerdict, { timeoutMs: 30_000 });
    const text = JSON.stringify(verdict?.body);
    expect(text).toContain('Could not investigate');
    expect(text).not.toContain('Healthy');
    expect(text).not.toContain('No fault found');
    expect(text).toContain('AccessDenied');
    // The Access step reply names the role, the code and what it usually means.
    const access = e2e.slack
      .callsTo('chat.postMessage')
      .map((c) => JSON.stringify(c.body))
      .find((t) => t.includes('Usually means'));
    expect(access).toContain(PROD_ACCOUNT.roleArn as string);
    expect(access).toMatch(/trust policy/);
    const finished = async () => {
      for (let i = 0; i < 100; i++) {
        const all = e2e.app.logs.slice(logsBefore).filter((l) => l.msg === 'investigation finished');
        if (all.length >= 2) return all.map((l) => (l as { outcome?: string }).outcome);
        await new Promise((r) => setTimeout(r, 50));
      }
      return [];
    };
    expect(await finished()).toEqual(['healthy', 'incomplete']);
  });
});
