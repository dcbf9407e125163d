// Starts the real app exactly as `npm start` does (node --import tsx src/main.ts) in a child process, with the given
// environment, and waits until it listens. Its JSON log lines are kept for assertions.
//
// The app runs in a process group of its own, and every way out of a test kills that group: a start-up timeout,
// an exit before listening, a stop that hangs, and the test worker's own exit. No test leaves a process behind.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How long a start may take: tsx compiles the app on start, and a loaded 2-core machine can take tens of seconds. */
const START_TIMEOUT_MS = 90_000;
/** How long a stop waits for the app to exit before killing its process group. */
const STOP_GRACE_MS = 45_000;

export interface AppProcess {
  url: string;
  port: number;
  logs: Record<string, unknown>[];
  stderr: () => string;
  /** Sends the signal (SIGTERM by default), then waits for the exit code; SIGKILLs the group after a grace. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  child: ChildProcess;
}

/** An app process that may not be listening yet. */
export interface SpawnedApp {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  stderr: () => string;
  /** Resolves with the first log line that matches; rejects on timeout or when the app exits first. */
  waitForLog(match: (entry: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL to the whole process group; waits for the exit. */
  kill(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Signals the child's process group (it leads one: spawned detached), falling back to the child alone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a test file ends without stopping its app (a failed beforeAll, a crash in a test).
  process.once('exit', () => {
    for (const child of live) signalGroup(child, 'SIGKILL');
  });
}

/** Spawns the app and returns at once; see `startAppProcess` for the usual "wait until it listens". */
/** How to start it: default exactly `npm start`; `nodeArgs: ['dist/main.js']` (and `cwd`) as the production image does. */
export interface SpawnOptions {
  nodeArgs?: string[];
  nodePath?: string;
  cwd?: string;
}

export function spawnAppProcess(env: Record<string, string>, how: SpawnOptions = {}): SpawnedApp {
  installExitHook();
  // Exactly `npm start`: node with tsx's loader, so signals reach the app itself.
  const child = spawn(how.nodePath ?? process.execPath, how.nodeArgs ?? ['--import', 'tsx', 'src/main.ts'], {
    cwd: how.cwd ?? REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'test',
      // The run's tag (test/support/global-setup.ts): its teardown finds any app process a test failed to stop.
      ...(process.env.SSM_WHY_TEST_RUN ? { SSM_WHY_TEST_RUN: process.env.SSM_WHY_TEST_RUN } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    });
  });
  const logs: Record<string, unknown>[] = [];
  const watchers = new Set<(entry: Record<string, unknown>) => void>();
  let stderr = '';
  let buffer = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        entry = { raw: line };
      }
      logs.push(entry);
      for (const watch of watchers) watch(entry);
    }
  });
  const describe = () => `${stderr}\n${JSON.stringify(logs.slice(-5))}`;
  const done = () => child.exitCode !== null || child.signalCode !== null;

  const app: SpawnedApp = {
    child,
    logs,
    stderr: () => stderr,
    exited,
    waitForLog(match, timeoutMs = 30_000) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const finish = (error?: Error, entry?: Record<string, unknown>) => {
          clearTimeout(timer);
          watchers.delete(watch);
          if (error) reject(error);
          else resolve(entry as Record<string, unknown>);
        };
        const watch = (entry: Record<string, unknown>) => {
          if (match(entry)) finish(undefined, entry);
        };
        const timer = setTimeout(
          () => finish(new Error(`the app did not log what was awaited within ${timeoutMs} ms\n${describe()}`)),
          timeoutMs,
        );
        watchers.add(watch);
        void exited.then((code) => finish(new Error(`app exited with ${code} first\n${describe()}`)));
      });
    },
    async stop(signal = 'SIGTERM') {
      if (done()) return child.exitCode;
      signalGroup(child, signal);
      // Never hang a test on a stuck process: after the grace the group is killed, and the null exit code fails
      // the assertion.
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (done()) return;
      signalGroup(child, 'SIGKILL');
      await exited;
    },
  };
  return app;
}

export async function startAppProcess(
  env: Record<string, string>,
  options: { timeoutMs?: number } & SpawnOptions = {},
): Promise<AppProcess> {
  const spawned = spawnAppProcess(env, options);
  let listening: Record<string, unknown>;
  try {
    listening = await spawned.waitForLog(
      (entry) => entry.msg === 'ssm-why listening',
      options.timeoutMs ?? START_TIMEOUT_MS,
    );
  } catch (error) {
    await spawned.kill();
    throw error;
  }
  const port = Number(listening.port);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    logs: spawned.logs,
    stderr: spawned.stderr,
    child: spawned.child,
    stop: spawned.stop,
  };
}

/** Waits for a promise of an exit code, resolving 'timeout' after `ms`. */
export async function exitWithin(exited: Promise<number | null>, ms: number): Promise<number | null | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
