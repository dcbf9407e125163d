// Push alerts through the real app (started as `npm start` does): an SNS notification signed with a test
// certificate that the app fetches over HTTPS from a local fake SNS (the test CA reaches the app process
// through Node's NODE_EXTRA_CA_CERTS, as any private CA would — no test-only code in the app), and the
// EventBridge API-destination route with its shared secret.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, startE2e } from '../support/e2e.ts';
import { associationEvent, type FakeSns, startFakeSns, TOPIC_ARN } from '../support/fake-sns.ts';
import { PROD, PROD_ACCOUNT, prod } from '../support/scenarios/index.ts';

const SECRET = 'e2e-eventbridge-secret-0123456789';

describe('push alerts over HTTP', () => {
  let e2e: E2e;
  let sns: FakeSns;
  let caDir: string;

  beforeAll(async () => {
    sns = await startFakeSns();
    caDir = mkdtempSync(path.join(tmpdir(), 'ssm-why-ca-'));
    e2e = await startE2e({
      scenario: prod().build(),
      accounts: [PROD_ACCOUNT],
      env: {
        SSM_WHY_SNS_TOPIC_ARNS: TOPIC_ARN,
        SSM_WHY_SNS_CERT_HOST_PATTERN: sns.hostPattern,
        SSM_WHY_EVENTBRIDGE_SECRET: SECRET,
        NODE_EXTRA_CA_CERTS: sns.writeCaFile(caDir),
      },
    });
  }, 120_000);

  afterAll(async () => {
    await e2e?.close();
    await sns?.close();
    if (caDir) rmSync(caDir, { recursive: true, force: true });
  });

  const accepted = (associationId: string) =>
    e2e.app.logs.filter((l) => l.msg === 'push signal accepted' && l.associationId === associationId);
  const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${e2e.app.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers },
      body: JSON.stringify(body),
    });

  it('confirms the SNS subscription', async () => {
    const response = await post('/alerts/sns', sns.subscriptionConfirmation());
    expect(response.status).toBe(200);
    expect(sns.confirmations).toHaveLength(1);
  });

  it('accepts a signed SNS notification as exactly one signal', async () => {
    const associationId = '11111111-2222-4333-8444-555555555555';
    const event = associationEvent({ account: PROD.id, region: PROD.region, associationId, status: 'Failed' });
    const started = performance.now();
    const response = await post('/alerts/sns', sns.notification(event));
    expect(response.status).toBe(202);
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect.poll(() => accepted(associationId).length).toBe(1);
    expect(accepted(associationId)[0]).toMatchObject({ route: '/alerts/sns', accountId: PROD.id, status: 'Failed' });
    expect(sns.requests.some((r) => r.endsWith('.pem'))).toBe(true);
  });

  it('refuses a forged SNS notification with a 4xx and accepts nothing', async () => {
    const associationId = '22222222-2222-4333-8444-555555555555';
    const message = sns.notification(associationEvent({ account: PROD.id, associationId }));
    const response = await post('/alerts/sns', { ...message, Message: message.Message?.replace('Failed', 'Success') });
    expect(response.status).toBe(403);
    await new Promise((r) => setTimeout(r, 200));
    expect(accepted(associationId)).toEqual([]);
  });

  it('accepts an EventBridge event with the shared secret and refuses one without it', async () => {
    const good = '33333333-2222-4333-8444-555555555555';
    const bad = '44444444-2222-4333-8444-555555555555';
    const ok = await post('/alerts/eventbridge', associationEvent({ account: PROD.id, associationId: good }), {
      'x-ssm-why-secret': SECRET,
    });
    expect(ok.status).toBe(202);
    const refused = await post('/alerts/eventbridge', associationEvent({ account: PROD.id, associationId: bad }), {
      'x-ssm-why-secret': 'not-the-secret-at-all',
    });
    expect(refused.status).toBe(401);
    await expect.poll(() => accepted(good).length).toBe(1);
    expect(accepted(bad)).toEqual([]);
  });

  it('never writes the shared secret to its logs', () => {
    expect(JSON.stringify(e2e.app.logs)).not.toContain(SECRET);
  });
});
