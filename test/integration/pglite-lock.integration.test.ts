// Issue 16.4: one owner per PGlite folder. Two processes on one DATA_DIR used to open it both, which corrupts it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUse, lockDataDir, openDatabase } from '../../src/store/database.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ssm-why-lock-'));
  dirs.push(dir);
  return dir;
};

/** A process that lives until killed, and its pid. */
function liveProcess() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  return { pid: child.pid as number, stop: () => child.kill('SIGKILL') };
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('PGlite folder lock', () => {
  it('takes the lock with its PID, refuses a second owner, and frees it on release', async () => {
    const dir = tempDir();
    const release = await lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'ssm-why.lock'), 'utf8').trim()).toBe(String(process.pid));
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirInUse);
    await release();
    expect(existsSync(path.join(dir, 'ssm-why.lock'))).toBe(false);
    await (await lockDataDir(dir))();
  });

  it('refuses a folder another live process owns, naming the folder and the PID, before opening anything', async () => {
    const dir = tempDir();
    const other = liveProcess();
    try {
      writeFileSync(path.join(dir, 'ssm-why.lock'), `${other.pid}\n`);
      const opening = openDatabase({ dataDir: dir });
      await expect(opening).rejects.toThrow(DataDirInUse);
      await expect(opening).rejects.toThrow(`DATA_DIR: ${dir} is in use by process ${other.pid}`);
      expect(existsSync(path.join(dir, 'pglite', 'PG_VERSION'))).toBe(false);
    } finally {
      other.stop();
    }
  });

  it('takes over a stale lock whose process is gone', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ssm-why.lock'), `${await deadPid()}\n`);
    const release = await lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'ssm-why.lock'), 'utf8').trim()).toBe(String(process.pid));
    await release();
    writeFileSync(path.join(dir, 'ssm-why.lock'), 'garbage');
    await (await lockDataDir(dir))();
  });
});
