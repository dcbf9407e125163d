// Issue 16.5: SIGTERM sent to npm's PID used to orphan the app (npm exits at once, the app kept listening).
// `npm start` for real: npm runs the start script, npm gets SIGTERM, the app must stop by itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/app-process.ts';
import { type E2eWorld, setUpE2eWorld } from '../support/e2e.ts';
import { PROD_ACCOUNT, prod } from '../support/scenarios/index.ts';

describe('npm start and signals', () => {
  let world: E2eWorld;
  let npm: ChildProcess | undefined;
  beforeAll(async () => {
    world = await setUpE2eWorld({ scenario: prod().build(), accounts: [PROD_ACCOUNT] });
  }, 120_000);
  afterAll(async () => {
    if (npm?.pid) {
      try {
        process.kill(-npm.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await world?.dispose();
  });

  it('the app stops by itself when npm is sent SIGTERM', async () => {
    npm = spawn('npm', ['start', '--silent'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ...(process.env.SSM_WHY_TEST_RUN ? { SSM_WHY_TEST_RUN: process.env.SSM_WHY_TEST_RUN } : {}),
        ...world.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    npm.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not listening: ${out.slice(-500)}`)), 90_000);
      const check = () => {
        const m = /"port":(\d+)[^\n]*"msg":"ssm-why listening"/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        } else setTimeout(check, 200);
      };
      check();
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    process.kill(npm.pid as number, 'SIGTERM'); // npm itself, not its group: what a supervisor does
    const deadline = performance.now() + 20_000;
    let stillUp = true;
    while (stillUp && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      stillUp = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
        () => true,
        () => false,
      );
    }
    expect(stillUp, out.slice(-800)).toBe(false);
    expect(out).toContain('npm, which started the app, is gone; shutting down');
    // The port closes first; the queue and the database follow (graceful, as on SIGTERM).
    for (let i = 0; i < 100 && !out.includes('shutdown complete'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(out).toContain('shutdown complete');
  }, 180_000);
});
