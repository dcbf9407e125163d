// Fault: requests that used to take the process down, and signatures dated in the future. Each body is sent
// with a valid signature; the app must answer it (4xx) and keep serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, startE2e } from '../support/e2e.ts';
import { PROD_ACCOUNT, prod } from '../support/scenarios/index.ts';
import { postSigned, slashCommandBody } from '../support/slack-requests.ts';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

describe('fault: hostile but validly signed bodies', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ scenario: prod().build(), accounts: [PROD_ACCOUNT] });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  const stillServing = async () => {
    expect(e2e.app.child.exitCode).toBeNull();
    const health = await fetch(`${e2e.app.url}/healthz`);
    expect(health.status).toBe(200);
    const help = await e2e.command('help');
    expect(help.status).toBe(200);
  };

  it.each([
    ['payload = JSON null', 'payload=null', FORM],
    ['payload = JSON number', 'payload=42', FORM],
    ['payload = JSON string', 'payload=%22x%22', FORM],
    ['payload = JSON array', 'payload=%5B%5D', FORM],
    ['payload = JSON true', 'payload=true', FORM],
    ['JSON body null', 'null', JSON_TYPE],
    ['JSON body 7', '7', JSON_TYPE],
    ['JSON body "x"', '"x"', JSON_TYPE],
    ['JSON body []', '[]', JSON_TYPE],
    ['payload object without type', 'payload=%7B%7D', FORM],
  ])('%s → a 4xx answer, and the app keeps answering', async (_label, body, contentType) => {
    const response = await postSigned(e2e.app.url, body, { secret: e2e.secret, contentType });
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 100));
    await stillServing();
  });

  it.each([
    ['+6 minutes', 360],
    ['+1 hour', 3_600],
    ['+1 year', 365 * 86_400],
  ])('refuses a signature dated %s with 401, calling nothing', async (_label, ahead) => {
    const awsCalls = e2e.aws.calls.length;
    const slackCalls = e2e.slack.calls.length;
    const body = slashCommandBody({
      text: '8dfe3659-4309-493a-8755-0123456789ab',
      responseUrl: e2e.slack.responseUrl(),
    });
    const response = await postSigned(e2e.app.url, body, {
      secret: e2e.secret,
      ts: Math.floor(Date.now() / 1000) + ahead,
    });
    expect(response.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(e2e.aws.calls.length).toBe(awsCalls);
    expect(e2e.slack.calls.length).toBe(slackCalls);
  });

  it('accepts a signature dated +4 minutes (within the window)', async () => {
    const response = await postSigned(e2e.app.url, slashCommandBody({ text: 'help' }), {
      secret: e2e.secret,
      ts: Math.floor(Date.now() / 1000) + 240,
    });
    expect(response.status).toBe(200);
  });
});
