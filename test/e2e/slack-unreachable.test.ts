// Issue 15: the app starts and stays up when Slack is unreachable, and fails fast only on a wrong token.
// The real app process; Slack's URL points at a port with nothing listening, then a fake Slack is started there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitWithin, spawnAppProcess } from '../support/app-process.ts';
import { CHANNEL, type E2eWorld, setUpE2eWorld, USER } from '../support/e2e.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { unusedPort as deadPort, pollUntil } from '../support/readiness.ts';
import { PROD_ACCOUNT, prod } from '../support/scenarios/index.ts';
import { postSigned, slashCommandBody } from '../support/slack-requests.ts';

describe('Slack or the database unreachable at start', () => {
  let world: E2eWorld;
  let lateSlack: FakeSlack | undefined;
  beforeAll(async () => {
    world = await setUpE2eWorld({ scenario: prod().build(), accounts: [PROD_ACCOUNT] });
  }, 120_000);
  afterAll(async () => {
    await lateSlack?.close();
    await world?.dispose();
  });

  it('is live at once, ready once Slack answers, and answers a signed command', async () => {
    const port = await deadPort();
    const spawned = performance.now();
    const app = spawnAppProcess({ ...world.env, SLACK_API_URL: `http://127.0.0.1:${port}/api/` });
    try {
      const listening = await app.waitForLog((entry) => entry.msg === 'health routes listening', 30_000);
      const url = `http://127.0.0.1:${listening.port}`;
      expect((await pollUntil(`${url}/healthz`, (s) => s === 200, 30_000)).status).toBe(200);
      expect(performance.now() - spawned).toBeLessThan(30_000);

      // Not ready, and it says why: Slack's auth.test fails (connection refused) since a given time.
      const notReady = await pollUntil(`${url}/readyz`, (s) => s === 503, 30_000);
      await app.waitForLog((entry) => entry.msg === 'slack: auth.test failed; retrying', 60_000);
      const failing = await pollUntil(`${url}/readyz`, (s) => s === 503, 5_000);
      expect(notReady.body.ok).toBe(false);
      expect(failing.body.dependencies.slack).toMatchObject({ state: 'failing' });
      expect(failing.body.dependencies.slack?.detail).toMatch(/^auth\.test failing: ECONNREFUSED/);
      expect(Number.isNaN(Date.parse(failing.body.dependencies.slack?.since ?? ''))).toBe(false);

      // Slack comes back on that port: ready within 30 s, without a restart.
      lateSlack = await startFakeSlack({ port });
      const cameBack = performance.now();
      const ready = await pollUntil(`${url}/readyz`, (s) => s === 200, 30_000);
      expect(performance.now() - cameBack).toBeLessThan(30_000);
      expect(Object.keys(ready.body.dependencies).sort()).toEqual(['database', 'job queue', 'slack']);
      expect(Object.values(ready.body.dependencies).every((d) => d.state === 'ready')).toBe(true);

      const answer = await postSigned(
        url,
        slashCommandBody({ text: 'help', channelId: CHANNEL, userId: USER, responseUrl: lateSlack.responseUrl() }),
        { secret: world.secret },
      );
      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain('ssm-why');
      expect(await exitWithin(app.stop('SIGTERM'), 45_000)).toBe(0);
    } finally {
      await app.kill();
    }
  }, 180_000);

  it('exits 2 with one line naming SLACK_BOT_TOKEN when Slack refuses the token, never printing it', async () => {
    const refusing = await startFakeSlack({ handlers: { 'auth.test': () => ({ ok: false, error: 'invalid_auth' }) } });
    const app = spawnAppProcess({ ...world.env, SLACK_API_URL: refusing.apiUrl });
    try {
      expect(await exitWithin(app.exited, 90_000)).toBe(2);
      const stderr = app.stderr();
      expect(stderr).toContain('config: SLACK_BOT_TOKEN: Slack refused the token (invalid_auth)');
      const everything = `${stderr}\n${JSON.stringify(app.logs)}`;
      expect(everything).not.toContain(world.env.SLACK_BOT_TOKEN);
      expect(everything).not.toContain('e2e-token');
    } finally {
      await app.kill();
      await refusing.close();
    }
  }, 120_000);

  it('retries an unreachable database with /readyz 503 naming it, then exits 1 with a clear line at the limit', async () => {
    const app = spawnAppProcess({
      ...world.env,
      DATABASE_URL: `postgres://nobody@127.0.0.1:${await deadPort()}/none`,
      SSM_WHY_DATABASE_START_TIMEOUT_SECONDS: '6',
    });
    try {
      const listening = await app.waitForLog((entry) => entry.msg === 'health routes listening', 60_000);
      const url = `http://127.0.0.1:${listening.port}`;
      await app.waitForLog((entry) => entry.msg === 'database: cannot connect; retrying', 30_000);
      const notReady = await pollUntil(`${url}/readyz`, (s) => s === 503, 5_000);
      expect(notReady.body.dependencies.database).toMatchObject({ state: 'failing' });
      expect(notReady.body.dependencies.database?.detail).toMatch(/^cannot connect: ECONNREFUSED/);
      expect((await pollUntil(`${url}/healthz`, (s) => s === 200, 5_000)).status).toBe(200);
      expect(await exitWithin(app.exited, 60_000)).toBe(1);
      expect(app.stderr()).toMatch(/^database: unreachable for \d+ s \(ECONNREFUSED.*\); giving up/m);
    } finally {
      await app.kill();
    }
  }, 120_000);
});
