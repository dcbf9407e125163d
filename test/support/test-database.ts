// Fresh databases for tests, cheaply.
//
// PGlite: initdb costs ~6–10 s and ~800 MB, so it runs once per set of migrations, not once per test. The
// first test to need it builds two templates (empty, and migrated), dumps them as tarballs under os.tmpdir()
// (keyed by the PGlite version and the migrations' checksums, shared by workers and later runs, built under a
// lock), and every database after that is a clone: `new PGlite({ loadDataDir })`, ~1.5 s, ~300 MB.
//
// Postgres: when TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres), each
// `create()` makes a uniquely named database on that server and `dispose()` drops it.
//
// Usage:
//   describe.each(databaseBackends())('$name', (backend) => {
//     let db: TestDatabase;
//     beforeAll(async () => { db = await backend.create(); });
//     afterAll(() => db.dispose());
//     it('…', async () => { const { prisma } = await db.open(); … });
//   });
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openPgliteDatabase, openPostgresDatabase } from '../../src/store/database.ts';
import { migrate, readMigrations } from '../../src/store/migrator.ts';
import { pgliteRunner, pgRunner, type SqlRunner } from '../../src/store/sql.ts';

export type BackendName = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly backend: BackendName;
  /** Where Prisma's schema engine can reach it: the PGlite instance, or the postgres URL. */
  readonly target: PGlite | string;
  /**
   * The app's view of the database (Prisma, executeSql), opened like `openDatabase` does — migrations included.
   * Opened once and cached: every call returns the same Database.
   */
  open(): Promise<Database>;
  /**
   * A raw SQL connection, for migrator tests. On postgres every call is a new pool (a second "process");
   * on PGlite it is the one in-process instance.
   */
  connect(): SqlRunner;
  /** Closes every connection and drops the database. */
  dispose(): Promise<void>;
}

export interface TestBackend {
  readonly name: BackendName;
  /** A new database of its own, migrated unless `{ migrated: false }`. */
  create(options?: { migrated?: boolean }): Promise<TestDatabase>;
}

/** The backends storage tests run against: always PGlite, plus Postgres when TEST_DATABASE_URL is set. */
export function databaseBackends(): TestBackend[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [pgliteBackend, postgresBackend(url)] : [pgliteBackend];
}

// ───────────────────────────── PGlite ─────────────────────────────

type TemplateKind = 'empty' | 'migrated';

/** The installed PGlite version (a data directory only opens in the version that wrote it). */
async function pgliteVersion(): Promise<string> {
  // The package's exports do not include package.json: find it from its entry point.
  let dir = path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (await exists(file)) {
      const manifest = JSON.parse(await readFile(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@electric-sql/pglite' && manifest.version) return manifest.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the version of @electric-sql/pglite');
    dir = parent;
  }
}

let templates: Promise<Record<TemplateKind, string>> | undefined;

/** Paths of the two template tarballs, built if missing. Once per process; shared across processes on disk. */
function pgliteTemplates(): Promise<Record<TemplateKind, string>> {
  templates ??= (async () => {
    const migrations = await readMigrations();
    const key = createHash('sha256')
      .update(await pgliteVersion())
      .update(migrations.map((m) => `${m.name}:${m.checksum}`).join('\n'))
      .digest('hex')
      .slice(0, 16);
    const dir = path.join(os.tmpdir(), 'ssm-why-pglite-templates', key);
    const files = { empty: path.join(dir, 'empty.tar'), migrated: path.join(dir, 'migrated.tar') };
    if (await exists(files.migrated)) return files;
    await mkdir(dir, { recursive: true });
    await withLock(path.join(dir, 'build.lock'), async () => {
      if (await exists(files.migrated)) return; // another worker built it while we waited
      const client = new PGlite();
      try {
        await client.waitReady;
        await writeAtomically(files.empty, await client.dumpDataDir('none'));
        await migrate(pgliteRunner(client));
        await writeAtomically(files.migrated, await client.dumpDataDir('none'));
      } finally {
        await client.close();
      }
    });
    return files;
  })();
  templates.catch(() => {
    templates = undefined;
  });
  return templates;
}

/** A template's data directory as a tarball, for `new PGlite({ loadDataDir })`. */
export async function pgliteTemplate(kind: TemplateKind): Promise<Blob> {
  const file = (await pgliteTemplates())[kind];
  return new Blob([await readFile(file)]);
}

/** A new in-memory PGlite cloned from a template (no initdb). */
export async function clonePglite(kind: TemplateKind): Promise<PGlite> {
  const client = new PGlite({ loadDataDir: await pgliteTemplate(kind) });
  await client.waitReady;
  return client;
}

const pgliteBackend: TestBackend = {
  name: 'pglite',
  async create(options = {}) {
    const client = await clonePglite(options.migrated === false ? 'empty' : 'migrated');
    let opened: Promise<Database> | undefined;
    let disposed = false;
    return {
      backend: 'pglite',
      target: client,
      open: () => {
        opened ??= openPgliteDatabase(client);
        return opened;
      },
      connect: () => pgliteRunner(client),
      async dispose() {
        if (disposed) return;
        disposed = true;
        if (opened) await (await opened).close();
        else await client.close();
      },
    };
  },
};

// ───────────────────────────── Postgres ─────────────────────────────

function postgresBackend(adminUrl: string): TestBackend {
  return {
    name: 'postgres',
    async create(options = {}) {
      // Unique per test file and run; the pid and date help spot leftovers of a killed run.
      const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
      const name = `ssmwhy_test_${day}_${process.pid}_${randomBytes(4).toString('hex')}`;
      await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const pools: pg.Pool[] = [];
      const newPool = () => {
        const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
        pool.on('error', () => {}); // the server may drop idle clients when the database is dropped
        pools.push(pool);
        return pool;
      };
      if (options.migrated !== false) await migrate(pgRunner(newPool()));
      let opened: Promise<Database> | undefined;
      let disposed = false;
      return {
        backend: 'postgres',
        target: url.toString(),
        open: () => {
          // openPostgresDatabase owns (and ends) its pool, so it gets one not in `pools`.
          opened ??= openPostgresDatabase(new pg.Pool({ connectionString: url.toString(), max: 4 }));
          return opened;
        },
        connect: () => pgRunner(newPool()),
        async dispose() {
          if (disposed) return;
          disposed = true;
          if (opened) await (await opened).close();
          await Promise.all(pools.map((pool) => pool.end()));
          await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
        },
      };
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ───────────────────────────── files ─────────────────────────────

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

async function writeAtomically(file: string, blob: Blob): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, Buffer.from(await blob.arrayBuffer()));
  await rename(temporary, file);
}

/** A cross-process lock: mkdir is atomic. A lock older than `staleMs` belongs to a dead builder and is broken. */
async function withLock<T>(lockDir: string, fn: () => Promise<T>, staleMs = 180_000): Promise<T> {
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lockDir).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > staleMs) await rm(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
