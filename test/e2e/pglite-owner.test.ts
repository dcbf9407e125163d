// Issue 16.4 from the outside: a second app on a PGlite folder another process owns exits 2 with one line.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitWithin, spawnAppProcess } from '../support/app-process.ts';
import { type E2eWorld, setUpE2eWorld } from '../support/e2e.ts';
import { PROD_ACCOUNT, prod } from '../support/scenarios/index.ts';

describe('one owner per PGlite folder', () => {
  let world: E2eWorld;
  beforeAll(async () => {
    world = await setUpE2eWorld({ scenario: prod().build(), accounts: [PROD_ACCOUNT], env: { DATABASE_URL: '' } });
  }, 120_000);
  afterAll(async () => {
    await world?.dispose();
  });

  it('refuses to start on a folder a live process owns: exit 2, naming the folder and the PID', async () => {
    const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
    writeFileSync(path.join(world.dir, 'ssm-why.lock'), `${owner.pid}\n`);
    const app = spawnAppProcess({ ...world.env, DATABASE_URL: '' });
    try {
      expect(await exitWithin(app.exited, 60_000)).toBe(2);
      expect(app.stderr()).toContain(`config: DATA_DIR: ${path.resolve(world.dir)} is in use by process ${owner.pid}`);
    } finally {
      owner.kill('SIGKILL');
      await app.kill();
    }
  }, 90_000);
});
