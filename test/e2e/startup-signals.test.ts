// The app honours SIGTERM at every moment, start-up included: a dependency that hangs (here Slack's auth.test,
// answered by a server that accepts connections and never replies) must not keep it from stopping.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitWithin, spawnAppProcess } from '../support/app-process.ts';
import { type E2eWorld, setUpE2eWorld } from '../support/e2e.ts';
import { unusedPort as closedPort } from '../support/readiness.ts';
import { PROD_ACCOUNT, prod } from '../support/scenarios/index.ts';

/** A TCP server that accepts every connection and never answers. */
async function startSilentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('SIGTERM during start-up', () => {
  let world: E2eWorld;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  beforeAll(async () => {
    silent = await startSilentServer();
    world = await setUpE2eWorld({ scenario: prod().build(), accounts: [PROD_ACCOUNT] });
  }, 120_000);
  afterAll(async () => {
    await world?.dispose();
    await silent?.close();
  });

  it('stops within 10 s while Slack hangs, closing what it opened, with exit code 0', async () => {
    const app = spawnAppProcess({ ...world.env, SLACK_API_URL: silent.url });
    try {
      await app.waitForLog((entry) => entry.msg === 'database ready', 60_000);
      // Start-up no longer waits for Slack (issue 15): it listens while auth.test, which never answers, is retried.
      await app.waitForLog((entry) => entry.msg === 'ssm-why listening', 60_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const sent = performance.now();
      app.child.kill('SIGTERM');
      const code = await exitWithin(app.exited, 10_000);
      expect(code, JSON.stringify(app.logs.slice(-5))).toBe(0);
      expect(performance.now() - sent).toBeLessThan(10_000);
      expect(app.logs.map((entry) => entry.msg)).toContain('shutdown complete');
    } finally {
      await app.kill();
    }
  }, 90_000);

  it('stops within 10 s while the database is still being retried, with exit code 0', async () => {
    const app = spawnAppProcess({
      ...world.env,
      SLACK_API_URL: silent.url,
      DATABASE_URL: `postgres://nobody@127.0.0.1:${await closedPort()}/none`,
    });
    try {
      await app.waitForLog((entry) => entry.msg === 'database: cannot connect; retrying', 60_000);
      const sent = performance.now();
      app.child.kill('SIGTERM');
      const code = await exitWithin(app.exited, 10_000);
      expect(code, JSON.stringify(app.logs.slice(-5))).toBe(0);
      expect(performance.now() - sent).toBeLessThan(10_000);
      expect(app.logs.map((entry) => entry.msg)).toContain('stopped during start-up');
    } finally {
      await app.kill();
    }
  }, 90_000);

  it('stops within 10 s when the signal comes the moment it was spawned', async () => {
    const app = spawnAppProcess({ ...world.env, SLACK_API_URL: silent.url });
    try {
      await new Promise<void>((resolve) => app.child.once('spawn', () => resolve()));
      app.child.kill('SIGTERM');
      const code = await exitWithin(app.exited, 10_000);
      // Before its handlers are installed, the default action ends the process (code null, killed by SIGTERM).
      expect(code === 0 || (code === null && app.child.signalCode === 'SIGTERM'), String(code)).toBe(true);
      expect(app.logs.some((entry) => entry.msg === 'ssm-why listening')).toBe(false);
    } finally {
      await app.kill();
    }
  }, 60_000);
});
