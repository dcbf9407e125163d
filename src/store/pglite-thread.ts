// The embedded PGlite, on a thread of its own (node:worker_threads), served over the PostgreSQL wire protocol on a
// Unix socket (@electric-sql/pglite-socket). The main thread reaches it with the same pg Pool, Prisma adapter and
// pg-boss path as a real PostgreSQL, so PGlite's WebAssembly never runs on the thread that answers Slack.
//
// This file is both sides: `startPgliteThread` (main thread) starts the worker running this very module, which
// then opens the folder, listens, and says `ready` (or `failed`); `close` stops the server and the database.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** The socket's "port": pg derives the socket file name (`.s.PGSQL.<port>`) from it. */
const PORT = 5432;

interface ThreadData {
  role: 'ssm-why-pglite';
  directory: string;
  socketPath: string;
  startParams: string[];
}

type FromThread = { kind: 'ready' } | { kind: 'failed'; message: string } | { kind: 'closed' };

export interface PgliteThread {
  /** For pg: `host` is the socket's folder, `port` names the socket file. */
  connection: { host: string; port: number; user: string; database: string };
  /** Stops the server, closes the database (flushing it to the folder), ends the thread. Idempotent. */
  close(): Promise<void>;
}

/** A Unix socket path is at most 107 bytes on Linux. */
const MAX_SOCKET_PATH = 100;

/**
 * Starts PGlite on its own thread over `directory`; resolves once it accepts connections. The socket lives in a
 * private folder (0700: no one else can connect) under `runDir` (the caller owns it: the DATA_DIR it has locked),
 * or under the system's temp folder when that path would be too long for a socket.
 */
export async function startPgliteThread(
  directory: string,
  startParams: string[],
  runDir: string,
): Promise<PgliteThread> {
  const wanted = path.join(path.resolve(runDir), 'pglite-socket');
  let socketDir: string;
  if (path.join(wanted, `.s.PGSQL.${PORT}`).length <= MAX_SOCKET_PATH) {
    await rm(wanted, { recursive: true, force: true }); // a socket left by a process that died: ours now (locked)
    await mkdir(wanted, { mode: 0o700 });
    socketDir = wanted;
  } else socketDir = await mkdtemp(path.join(tmpdir(), 'ssm-why-pg-'));
  const data: ThreadData = {
    role: 'ssm-why-pglite',
    directory,
    socketPath: path.join(socketDir, `.s.PGSQL.${PORT}`),
    startParams,
  };
  // Run from TypeScript (npm start, tests), the thread registers the same loader first (a worker's own
  // `--import tsx` does not apply to its entry module on Node 20).
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`,
        { eval: true, workerData: data },
      )
    : new Worker(fileURLToPath(import.meta.url), { workerData: data });
  const messages: FromThread[] = [];
  const waiters: (() => void)[] = [];
  let exited: Error | undefined;
  worker.on('message', (message: FromThread) => {
    messages.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  worker.on('error', (error) => {
    exited = error;
    for (const wake of waiters.splice(0)) wake();
  });
  worker.on('exit', (code) => {
    exited ??= new Error(`the PGlite thread exited (code ${code})`);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (kinds: FromThread['kind'][]): Promise<FromThread> => {
    for (;;) {
      const found = messages.find((m) => kinds.includes(m.kind));
      if (found) return found;
      if (exited) throw exited;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };

  const first = await next(['ready', 'failed']).catch(async (error: unknown) => {
    await rm(socketDir, { recursive: true, force: true });
    throw error;
  });
  if (first.kind === 'failed') {
    await worker.terminate();
    await rm(socketDir, { recursive: true, force: true });
    throw new Error(first.message);
  }
  let closing: Promise<void> | undefined;
  return {
    connection: { host: socketDir, port: PORT, user: 'postgres', database: 'postgres' },
    close() {
      closing ??= (async () => {
        if (!exited) {
          worker.postMessage('close');
          await next(['closed']).catch(() => {});
        }
        await worker.terminate();
        await rm(socketDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

/** The thread's side: open, serve, and close on request. */
async function serve(data: ThreadData): Promise<void> {
  const port = parentPort;
  if (!port) return;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(data.directory, { startParams: data.startParams });
    // The pool on the other side holds one client (PGlite is one backend, and the server interleaves the messages
    // of concurrent connections outside transactions). A few connections are accepted all the same: a client the pool
    // discards (released with an error) may still be closing when its replacement connects, and a server at its
    // limit drops the newcomer (write EPIPE).
    const server = new PGLiteSocketServer({ db, path: data.socketPath, maxConnections: 4 });
    await server.start();
    port.on('message', (message: unknown) => {
      if (message !== 'close') return;
      void (async () => {
        await server.stop().catch(() => {});
        await db.close().catch(() => {});
        port.postMessage({ kind: 'closed' } satisfies FromThread);
      })();
    });
    port.postMessage({ kind: 'ready' } satisfies FromThread);
  } catch (error) {
    port.postMessage({
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
    } satisfies FromThread);
  }
}

if (!isMainThread && (workerData as Partial<ThreadData> | undefined)?.role === 'ssm-why-pglite') {
  await serve(workerData as ThreadData);
}
