// Starts the real app exactly as `npm start` does (node --import tsx src/main.ts) in a child process, with the given
// environment, and waits until it listens. Its JSON log lines are kept for assertions.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AppProcess {
  url: string;
  port: number;
  logs: Record<string, unknown>[];
  stderr: () => string;
  /** SIGTERM, then waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  child: ChildProcess;
}

export async function startAppProcess(
  env: Record<string, string>,
  options: { timeoutMs?: number; nodeArgs?: string[]; nodePath?: string; cwd?: string } = {},
): Promise<AppProcess> {
  // Exactly `npm start`: node with tsx's loader, so signals reach the app itself. `nodeArgs: ['dist/main.js']`
  // starts the compiled app as the production image does.
  const child = spawn(options.nodePath ?? process.execPath, options.nodeArgs ?? ['--import', 'tsx', 'src/main.ts'], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let buffer = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `app did not start within ${options.timeoutMs ?? 30_000} ms\n${stderr}\n${JSON.stringify(logs.slice(-5))}`,
          ),
        ),
      options.timeoutMs ?? 30_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline = buffer.indexOf('\n');
      while (newline !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === 'ssm-why listening') {
            clearTimeout(timer);
            resolve(Number(entry.port));
          }
        } catch {
          logs.push({ raw: line });
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before listening\n${stderr}\n${JSON.stringify(logs.slice(-5))}`));
    });
  });
  const port = await listening;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    logs,
    stderr: () => stderr,
    child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit') as Promise<[number | null]>;
      child.kill(signal);
      // Never hang a test on a stuck process: after 45 s it is killed, and the null exit code fails the assertion.
      const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
      const [code] = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
