import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/domain/app-error.ts';
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from '../../src/store/migrator.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const TABLES = [
  '_prisma_migrations',
  'alert_delivery',
  'alert_digest',
  'alert_episode',
  'alert_mute',
  'alert_poll_run',
  'association_alert_state',
  'association_location',
  'audit_event',
  'channel_language',
  'execution_watch',
  'fleet_snapshot',
  'intent_claim',
  'investigation',
  'investigation_request',
  'investigation_step',
  'remediation',
  'slack_post',
  'subscription',
  'verdict_feedback',
];

describe.each(databaseBackends())('migrator on $name', (backend) => {
  let scratch: string;
  let db: TestDatabase;
  /** The database, emptied: each test starts from a database no migration has touched. */
  const fresh = async () => {
    await db.connect().exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    return db;
  };

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'ssm-why-migrations-'));
    db = await backend.create({ migrated: false });
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(scratch, { recursive: true, force: true });
  });

  /** A copy of prisma/migrations that a test may change. */
  async function copyOfMigrations(name: string): Promise<string> {
    const dir = path.join(scratch, name);
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    return dir;
  }

  it('applies every migration once, records it as Prisma does, and is a no-op the second time', async () => {
    const db = await fresh();
    const sql = db.connect();
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);

    expect((await migrate(sql)).applied).toEqual(files.map((f) => f.name));
    expect((await migrate(sql)).applied).toEqual([]);

    const tables = await sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(TABLES);

    const rows = await sql.query<Record<string, unknown>>(
      'SELECT migration_name, checksum, finished_at, started_at, logs, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows).toHaveLength(files.length);
    for (const [i, file] of files.entries()) {
      const content = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, file.name, 'migration.sql'));
      const row = rows[i]!;
      expect(row).toMatchObject({
        migration_name: file.name,
        checksum: createHash('sha256').update(content).digest('hex'),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
    }
  });

  it('applies each migration once when two migrators start at the same time', async () => {
    const db = await fresh();
    const [first, second] = await Promise.all([migrate(db.connect()), migrate(db.connect())]);
    const files = await readMigrations();
    expect([...first.applied, ...second.applied].sort()).toEqual(files.map((f) => f.name));
    const [count] = await db.connect().query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations');
    expect(count?.n).toBe(files.length);
  });

  it('applies a new migration on top of the applied ones', async () => {
    const db = await fresh();
    const sql = db.connect();
    const dir = await copyOfMigrations(`next-${backend.name}`);
    await migrate(sql, { migrationsDir: dir });
    await mkdir(path.join(dir, '99990101000000_add_note'));
    await writeFile(
      path.join(dir, '99990101000000_add_note', 'migration.sql'),
      'ALTER TABLE "investigation" ADD COLUMN "note" TEXT;\n',
    );

    expect((await migrate(sql, { migrationsDir: dir })).applied).toEqual(['99990101000000_add_note']);
    const columns = await sql.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'investigation' AND column_name = 'note'`,
    );
    expect(columns).toHaveLength(1);
  });

  it('rolls a failing migration back entirely and records nothing for it', async () => {
    const db = await fresh();
    const sql = db.connect();
    const dir = await copyOfMigrations(`failing-${backend.name}`);
    await migrate(sql, { migrationsDir: dir });
    await mkdir(path.join(dir, '99990101000000_broken'));
    await writeFile(
      path.join(dir, '99990101000000_broken', 'migration.sql'),
      'CREATE TABLE "half_done" (id int);\nALTER TABLE "no_such_table" ADD COLUMN x int;\n',
    );

    const error = await migrate(sql, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(isAppError(error, 'internal')).toBe(true);
    expect((error as Error).message).toMatch(/Migration 99990101000000_broken failed: .*no_such_table/);
    expect(await sql.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`)).toHaveLength(0);
    expect(await sql.query(`SELECT 1 FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'`)).toEqual(
      [],
    );
  });

  it('refuses to start when an applied migration was edited, and accepts a line-ending-only change', async () => {
    const db = await fresh();
    const sql = db.connect();
    const dir = await copyOfMigrations(`edited-${backend.name}`);
    await migrate(sql, { migrationsDir: dir });
    const [first] = await readMigrations(dir);
    const file = path.join(dir, first!.name, 'migration.sql');
    const original = await readFile(file, 'utf8');

    await writeFile(file, original.replace(/\n/g, '\r\n'));
    expect((await migrate(sql, { migrationsDir: dir })).applied).toEqual([]);

    await writeFile(file, `${original}\n-- an innocent-looking edit\n`);
    const error = await migrate(sql, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(isAppError(error, 'internal')).toBe(true);
    expect((error as Error).message).toContain(`Migration ${first!.name} was modified after it was applied`);
  });

  it('refuses to start while a migration is recorded as failed (as `prisma migrate deploy` leaves it)', async () => {
    const db = await fresh();
    const sql = db.connect();
    await migrate(sql);
    await sql.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, applied_steps_count)
       VALUES ('00000000-0000-0000-0000-000000000001', 'x', '99990101000000_elsewhere', 'boom', now(), 0)`,
    );
    await expect(migrate(sql)).rejects.toThrow(/Migration 99990101000000_elsewhere started at .* and failed: boom/);
  });
});
