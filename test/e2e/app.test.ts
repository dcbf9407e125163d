// The real app over HTTP: help, bad input, signatures, health routes, graceful shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, startE2e } from '../support/e2e.ts';
import { RESPONSE_URL } from '../support/fake-slack.ts';
import { PROD_ACCOUNT, prod } from '../support/scenarios/index.ts';
import { postSigned, slashCommandBody } from '../support/slack-requests.ts';

type Reply = { response_type?: string; text?: string; blocks?: unknown[] };

describe('ssm-why app over HTTP', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ scenario: prod().build(), accounts: [PROD_ACCOUNT] });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('answers /ssm-why help with an ephemeral usage message inside the ack', async () => {
    const started = performance.now();
    const response = await e2e.command('help');
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    const body = (await response.json()) as Reply;
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/ssm-why');
    expect(JSON.stringify(body.blocks)).toContain('history');
    expect(elapsed).toBeLessThan(1_000);
  });

  it('answers a bare /ssm-why with the usage too', async () => {
    const body = (await (await e2e.command('')).json()) as Reply;
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('association-id');
  });

  it('answers an unknown subcommand with the usage and what was wrong', async () => {
    const body = (await (await e2e.command('frobnicate now')).json()) as Reply;
    expect(JSON.stringify(body.blocks)).toContain('Unknown subcommand');
    expect(JSON.stringify(body.blocks)).toContain('/ssm-why');
  });

  it('rejects a malformed association id with the expected form, calling nothing', async () => {
    const awsCalls = e2e.aws.calls.length;
    const body = (await (await e2e.command('8dfe3659-4309-493a')).json()) as Reply;
    expect(JSON.stringify(body.blocks)).toContain('8dfe3659-4309-493a-8755-0123456789ab');
    expect(e2e.aws.calls.length).toBe(awsCalls);
  });

  it.each([
    ['a forged signature', { forge: true }],
    ['a stale timestamp (6 minutes old)', { ts: Math.floor(Date.now() / 1000) - 360 }],
  ])('refuses %s with 401 and stores nothing', async (_label, tamper) => {
    const awsCalls = e2e.aws.calls.length;
    const slackCalls = e2e.slack.calls.length;
    const body = slashCommandBody({
      text: '8dfe3659-4309-493a-8755-0123456789ab',
      responseUrl: e2e.slack.responseUrl(),
    });
    const response = await postSigned(e2e.app.url, body, { secret: e2e.secret, ...tamper });
    expect(response.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(e2e.aws.calls.length).toBe(awsCalls);
    expect(e2e.slack.calls.length).toBe(slackCalls);
    // Nothing was stored: the channel's history is still empty.
    e2e.slack.reset();
    await e2e.command('history');
    const [reply] = await e2e.slack.waitFor((c) => c.method === RESPONSE_URL && c.response.status === 200);
    expect(JSON.stringify(reply?.body)).toMatch(/[Nn]o investigation/);
  });

  it('serves /healthz and /readyz', async () => {
    const health = await fetch(`${e2e.app.url}/healthz`);
    expect(health.status).toBe(200);
    // auth.test runs after start-up, not before it: readiness turns 200 once it has answered.
    let ready = await fetch(`${e2e.app.url}/readyz`);
    for (let i = 0; i < 100 && ready.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ready = await fetch(`${e2e.app.url}/readyz`);
    }
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { ok: boolean; dependencies: Record<string, { state: string }> };
    expect(body.ok).toBe(true);
    expect(Object.fromEntries(Object.entries(body.dependencies).map(([name, d]) => [name, d.state]))).toEqual({
      database: 'ready',
      'job queue': 'ready',
      slack: 'ready',
    });
  });

  it('logs JSON lines without secrets', () => {
    const text = JSON.stringify(e2e.app.logs);
    expect(e2e.app.logs.some((l) => l.msg === 'ssm-why listening')).toBe(true);
    expect(text).not.toContain(e2e.secret);
    expect(text).not.toContain('xoxb-e2e-token');
  });
});

describe('ssm-why shutdown', () => {
  it('stops on SIGTERM with exit code 0 and says so', async () => {
    const e2e = await startE2e({ scenario: prod().build(), accounts: [PROD_ACCOUNT] });
    try {
      const code = await e2e.app.stop('SIGTERM');
      // On failure, show how far the shutdown got.
      expect(code, JSON.stringify(e2e.app.logs.slice(-8).map((l) => l.msg))).toBe(0);
      expect(e2e.app.logs.map((l) => l.msg)).toContain('shutdown complete');
    } finally {
      await e2e.close();
    }
  }, 120_000);
});
