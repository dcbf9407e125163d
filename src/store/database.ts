// The Prisma client factory: PostgreSQL through a pg Pool when a URL is configured, otherwise an embedded
// PGlite persisted on disk. Either way the migrations are applied before the client is handed out.
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { PrismaPGlite } from 'pglite-prisma-adapter';
import { backgroundTurn } from '../foreground.ts';
import { PrismaClient } from './generated/client.ts';
import { migrate } from './migrator.ts';
import { type PgliteThread, startPgliteThread } from './pglite-thread.ts';
import { type DatabaseKind, pgliteRunner, pgRunner, type Row, type SqlRunner, type StoreLogger } from './sql.ts';

export type { DatabaseKind, StoreLogger };

/** An open, migrated database. */
export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** Plain SQL, in pg-boss's `db.executeSql` shape (a script of several statements when `values` is empty). */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
  /** True when a trivial query answers. Never throws. */
  ping(): Promise<boolean>;
  /** Disconnects Prisma, then closes the pool or the embedded database. Idempotent. */
  close(): Promise<void>;
  /** The same connection for the migrator and tests. */
  readonly sql: SqlRunner;
}

export interface OpenDatabaseOptions {
  /** postgres://… ; absent → embedded PGlite under `${dataDir}/pglite`. */
  databaseUrl?: string;
  dataDir: string;
  logger?: StoreLogger;
  /** Default: prisma/migrations. */
  migrationsDir?: string;
  /** pg Pool size (default 10). */
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    return openPostgresDatabase(pool, options);
  }
  const directory = path.join(options.dataDir, 'pglite');
  await mkdir(directory, { recursive: true });
  const release = await lockDataDir(path.resolve(options.dataDir));
  let thread: PgliteThread | undefined;
  try {
    // PGlite runs on a thread of its own, reached over the PostgreSQL protocol (see pglite-thread.ts): its
    // WebAssembly never holds the thread that answers Slack. Loaded only here: a process on PostgreSQL never
    // loads PGlite. PostgreSQL's default 128 MB of shared buffers live in PGlite's WebAssembly memory, which never
    // shrinks: 32 MB hold this app's working set and cut the resident size by about 100 MB.
    const { PGlite } = await import('@electric-sql/pglite');
    thread = await startPgliteThread(
      directory,
      [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      options.dataDir,
    );
    // One client: PGlite is one backend (a transaction holds it, as PGlite's own transactions do).
    const pool = new pg.Pool({ ...thread.connection, max: 1, idleTimeoutMillis: 0 });
    const database = await openPostgresDatabase(pool, { ...options, kind: 'pglite' });
    const close = database.close;
    const owned = thread;
    let closing: Promise<void> | undefined;
    return Object.assign(database, {
      close: () => {
        closing ??= close()
          .finally(() => owned.close())
          .finally(release);
        return closing;
      },
    });
  } catch (error) {
    await thread?.close().catch(() => {});
    await release();
    throw error;
  }
}

/** PGlite's shared_buffers (PostgreSQL's default is 128MB). */
const PGLITE_SHARED_BUFFERS = '32MB';

/** Another live process owns a PGlite folder: a person must stop it or choose another DATA_DIR. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `DATA_DIR: ${dataDir} is in use by process ${pid} (one process per PGlite folder); stop it or use another DATA_DIR`,
    );
  }
}

const LOCK_FILE = 'ssm-why.lock';

/**
 * One owner per PGlite folder (two would corrupt it): an exclusive lock file holding the owner's PID. A lock
 * whose process is gone (a crash, a kill -9) is stale and taken over. Returns the release function.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlink(file).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DataDirInUse(dataDir, owner);
      await unlink(file).catch(() => {}); // stale (or half-written): the owner is gone
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes ownership of `pool` (ended on close). */
export async function openPostgresDatabase(
  pool: pg.Pool,
  options: Pick<OpenDatabaseOptions, 'logger' | 'migrationsDir'> & { kind?: DatabaseKind } = {},
): Promise<Database> {
  acksFirst(pool);
  // An idle client that loses its server emits 'error' on the pool; unhandled, that would kill the process.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle database connection failed'));
  const sql = pgRunner(pool, options.kind);
  return finishOpening(sql, new PrismaPg(pool), () => pool.end(), options);
}

/**
 * Background work (an investigation) sends its next query, or takes a connection for a transaction, once Slack's
 * requests in flight are answered (foreground.ts): on PGlite's single connection, above all, a command's insert is
 * not queued behind an investigation's writes. A transaction's own queries, once it holds its client, never wait.
 */
function acksFirst(pool: pg.Pool): void {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const gated =
    (call: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      const turn = backgroundTurn();
      return turn ? turn.then(() => call(...args)) : call(...args);
    };
  pool.query = gated(query) as typeof pool.query;
  // pg-pool's own query() takes its client through connect(callback): only the promise form is a door.
  const gatedConnect = gated(connect);
  pool.connect = ((...args: unknown[]) =>
    args.length === 0 ? gatedConnect() : connect(...args)) as typeof pool.connect;
}

/** Takes ownership of `client` (closed on close). */
export async function openPgliteDatabase(
  client: PGlite,
  options: Pick<OpenDatabaseOptions, 'logger' | 'migrationsDir'> = {},
): Promise<Database> {
  await client.waitReady;
  const sql = pgliteRunner(client);
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  return finishOpening(sql, new PrismaPGlite(client), () => client.close(), options);
}

async function finishOpening(
  sql: SqlRunner,
  adapter: PrismaPg | PrismaPGlite,
  closeDriver: () => Promise<void>,
  options: Pick<OpenDatabaseOptions, 'logger' | 'migrationsDir'>,
): Promise<Database> {
  try {
    await migrate(sql, { migrationsDir: options.migrationsDir, logger: options.logger });
  } catch (error) {
    await closeDriver().catch(() => {});
    throw error;
  }
  const prisma = new PrismaClient({ adapter });
  // Prisma loads its query compiler (WebAssembly, ~50 ms) on first use: now, rather than on a Slack request.
  await prisma.$connect().catch(async (error: unknown) => {
    await closeDriver().catch(() => {});
    throw error;
  });
  let closing: Promise<void> | undefined;
  return {
    prisma,
    kind: sql.kind,
    sql,
    executeSql: (text, values) => sql.executeSql(text, values),
    async ping() {
      try {
        await sql.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close() {
      closing ??= (async () => {
        await prisma.$disconnect();
        await closeDriver();
      })();
      return closing;
    },
  };
}
