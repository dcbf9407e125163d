// Issues 15.4 and 16.3: Socket Mode readiness and shutdown. The real app process in Socket Mode, against the fake
// Slack Web API (apps.connections.open) and a local WebSocket server (the `ws` package) that speaks the start of
// Slack's Socket Mode protocol (a `hello` message). apps.connections.open fails, then the WebSocket is refused,
// then accepted, then dropped: /readyz follows each step, the connection is retried, and SIGTERM stops the app
// within the shutdown deadline whatever state the connection is in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { exitWithin, spawnAppProcess } from '../support/app-process.ts';
import { type E2eWorld, setUpE2eWorld } from '../support/e2e.ts';
import { unusedPort as deadPort, pollUntil, type ReadyBody } from '../support/readiness.ts';
import { PROD_ACCOUNT, prod } from '../support/scenarios/index.ts';

const readyz = (url: string, accept: (body: ReadyBody, status: number) => boolean, ms: number) =>
  pollUntil(`${url}/readyz`, (status, body) => accept(body, status), ms);

/** A Socket Mode server: says hello to every connection, as Slack does. */
async function startSocketServer(port: number) {
  const server = new WebSocketServer({ port, host: '127.0.0.1' });
  const sockets = new Set<WebSocket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0E2E' } }));
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    connections: () => sockets.size,
    dropAll: () => {
      for (const socket of sockets) socket.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
}

describe('Socket Mode', () => {
  let world: E2eWorld;
  beforeAll(async () => {
    world = await setUpE2eWorld({ scenario: prod().build(), accounts: [PROD_ACCOUNT] });
  }, 120_000);
  afterAll(async () => {
    await world?.dispose();
  });

  it('retries a failing apps.connections.open and a refused WebSocket, is ready once connected, follows a drop, and stops on SIGTERM', async () => {
    const wsPort = await deadPort();
    let opens = 0;
    // 1. apps.connections.open answers 500; 2. then a URL where nothing listens (the WebSocket is refused).
    world.slack.setHandler('apps.connections.open', () => {
      opens += 1;
      return { url: `ws://127.0.0.1:${wsPort}/link` };
    });
    world.slack.failNext('apps.connections.open', { status: 500 });
    const { SLACK_SIGNING_SECRET: _secret, ...env } = world.env;
    const app = spawnAppProcess({
      ...env,
      SLACK_APP_TOKEN: 'xapp-1-e2e-socket-token',
      SLACK_API_URL: world.slack.apiUrl,
    });
    let socketServer: Awaited<ReturnType<typeof startSocketServer>> | undefined;
    try {
      const listening = await app.waitForLog((entry) => entry.msg === 'health routes listening', 60_000);
      const url = `http://127.0.0.1:${listening.port}`;
      await world.slack.waitFor('apps.connections.open', { count: 2, timeoutMs: 60_000 });
      await app.waitForLog((entry) => entry.msg === 'slack: Socket Mode connection failed; retrying', 60_000);
      const refused = await readyz(url, (b) => b.dependencies['slack socket']?.state === 'failing', 30_000);
      expect(refused.status).toBe(503);
      expect(refused.body.dependencies['slack socket']?.detail).toMatch(/^Socket Mode connection failing/);

      // 3. The WebSocket server comes up: connected, ready, without a restart.
      socketServer = await startSocketServer(wsPort);
      const ready = await readyz(url, (_b, status) => status === 200, 30_000);
      expect(ready.body.dependencies['slack socket']).toMatchObject({ state: 'ready', detail: 'connected' });
      expect(socketServer.connections()).toBe(1);

      // 4. The connection drops: not ready, then reconnected.
      const opensBefore = opens;
      socketServer.dropAll();
      await readyz(url, (b) => b.dependencies['slack socket']?.state !== 'ready', 10_000);
      await readyz(url, (_b, status) => status === 200, 30_000);
      expect(opens).toBeGreaterThan(opensBefore);

      // 5. SIGTERM: out well within the shutdown deadline.
      const sent = performance.now();
      expect(await exitWithin(app.stop('SIGTERM'), 45_000)).toBe(0);
      expect(performance.now() - sent).toBeLessThan(15_000);
    } finally {
      await app.kill();
      await socketServer?.close();
    }
  }, 240_000);

  it('stops on SIGTERM within seconds while the connection is being retried', async () => {
    const wsPort = await deadPort();
    world.slack.setHandler('apps.connections.open', () => ({ url: `ws://127.0.0.1:${wsPort}/link` }));
    const { SLACK_SIGNING_SECRET: _secret, ...env } = world.env;
    const app = spawnAppProcess({ ...env, SLACK_APP_TOKEN: 'xapp-1-e2e-socket-token' });
    try {
      await app.waitForLog((entry) => entry.msg === 'slack: Socket Mode connection failed; retrying', 60_000);
      const sent = performance.now();
      app.child.kill('SIGTERM');
      expect(await exitWithin(app.exited, 15_000)).toBe(0);
      expect(performance.now() - sent).toBeLessThan(15_000);
    } finally {
      await app.kill();
    }
  }, 120_000);
});
