// A PostgreSQL cluster of a test's own, to stop and start at will (the shared server on 5432 is never touched).
// initdb and pg_ctl run as the `postgres` OS user (they refuse root); the cluster lives in a temp folder named
// after the test run (e2eTempPrefix), so the global teardown (test/support/global-setup.ts) stops a postmaster a
// failed test left running and removes the folder.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { e2eTempPrefix } from './e2e.ts';
import { unusedPort } from './readiness.ts';

const run = promisify(execFile);

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  readonly port: number;
  /** Stops the server (`fast`: connections are terminated; `immediate`: no shutdown checkpoint). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it (if running) and removes its folder. */
  dispose(): Promise<void>;
}

/** The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/<n>/bin. */
function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

async function uidOf(user: string): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  if (process.getuid?.() !== 0) throw new Error('a throwaway cluster runs initdb as the postgres user: run as root');
  const { uid, gid } = await uidOf('postgres');
  const dir = mkdtempSync(path.join(tmpdir(), `${e2eTempPrefix()}pg-`));
  const dispose = async () => {
    await pgCtl(['stop', '-m', 'immediate']).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  mkdirSync(socketDir);
  for (const folder of [dir, socketDir]) chownSync(folder, uid, gid);
  const asPostgres = (command: string, args: string[]) =>
    run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args], { timeout: 60_000 });
  const port = await unusedPort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${socketDir}`,
    // Safe while the machine stays up (the test stops the server, not the OS). synchronous_commit stays on: an
    // immediate stop would otherwise lose the last commits, which no production server is set up to do.
    '-c fsync=off',
  ].join(' ');
  const pgCtl = (args: string[]) =>
    asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', ...args]);
  try {
    await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    await pgCtl(['-o', options, 'start']);
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async (mode = 'fast') => {
      await pgCtl(['-m', mode, 'stop']);
    },
    start: async () => {
      await pgCtl(['-o', options, 'start']);
    },
    dispose,
  };
}
