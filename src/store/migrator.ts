// Applies prisma/migrations/*/migration.sql at start-up, keeping the books in `_prisma_migrations` exactly as
// `prisma migrate deploy` does, so the Prisma CLI (wherever it can run) agrees with the database.
// Differences from the CLI, on purpose: each migration runs in a transaction (a failure leaves nothing half
// applied and nothing recorded), and the advisory lock is taken per transaction.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../domain/app-error.ts';
import type { SqlRunner, SqlTransaction, StoreLogger } from './sql.ts';

/** prisma/migrations, from src/store (tsx) and from dist/store (build) alike. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations/', import.meta.url));

/** The key `prisma migrate` locks, so our migrator and the CLI exclude each other too. */
export const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's own DDL for its bookkeeping table (schema engine, PostgreSQL flavour). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  /** The folder name, e.g. `20250101120000_init`: the order and the name recorded. */
  name: string;
  sql: string;
  /** sha256 of the file, lowercase hex: what Prisma records. */
  checksum: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The migrations folder, in apply order. Folders without a migration.sql are ignored, as Prisma does. */
export async function readMigrations(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8').catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      },
    );
    if (sql !== undefined) migrations.push({ name, sql, checksum: sha256(sql) });
  }
  return migrations;
}

/** Prisma accepts a file whose line endings changed (CRLF ↔ LF) as unchanged; so do we. */
function checksumMatches(file: MigrationFile, recorded: string): boolean {
  return (
    recorded === file.checksum ||
    recorded === sha256(file.sql.replace(/\r\n/g, '\n')) ||
    recorded === sha256(file.sql.replace(/\r?\n/g, '\r\n'))
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  started_at: Date;
  logs: string | null;
}

/** Throws when the recorded history and the folder disagree in a way that makes applying unsafe. */
function assertHistoryUsable(rows: AppliedRow[], files: MigrationFile[]): void {
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const row of rows) {
    if (row.finished_at === null) {
      throw new AppError(
        'internal',
        `Migration ${row.migration_name} started at ${row.started_at.toISOString()} and failed` +
          `${row.logs ? `: ${row.logs.split('\n')[0]}` : ''}. Repair the database, then mark it with ` +
          '`prisma migrate resolve --applied|--rolled-back` before starting again.',
        { userMessage: 'The database needs attention from an operator (a migration failed earlier).' },
      );
    }
    const file = byName.get(row.migration_name);
    if (file !== undefined && !checksumMatches(file, row.checksum)) {
      throw new AppError(
        'internal',
        `Migration ${row.migration_name} was modified after it was applied (recorded checksum ${row.checksum}, ` +
          `file checksum ${file.checksum}). Restore the file as it was and put the change in a new migration.`,
        { userMessage: 'The database migrations do not match this build.' },
      );
    }
  }
}

async function appliedRows(tx: SqlTransaction): Promise<AppliedRow[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT migration_name, checksum, finished_at, started_at, logs
       FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at`,
  );
  // Both drivers parse timestamptz to Date; normalize anyway so the checks above stay simple.
  return rows.map((row) => ({
    migration_name: String(row.migration_name),
    checksum: String(row.checksum),
    finished_at: row.finished_at === null ? null : new Date(row.finished_at as string | Date),
    started_at: new Date(row.started_at as string | Date),
    logs: (row.logs as string | null) ?? null,
  }));
}

export interface MigrateOptions {
  migrationsDir?: string;
  logger?: StoreLogger;
}

export interface MigrateResult {
  /** Names of the migrations this call applied (empty when the database was up to date). */
  applied: string[];
}

/**
 * Applies the pending migrations, one transaction each. Safe to call from several processes at once:
 * every transaction takes the advisory lock first and re-reads the history, so each migration runs once.
 */
export async function migrate(db: SqlRunner, options: MigrateOptions = {}): Promise<MigrateResult> {
  const files = await readMigrations(options.migrationsDir);
  const applied: string[] = [];
  let warnedUnknown = false;
  for (;;) {
    const next = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.exec(CREATE_MIGRATIONS_TABLE);
      const rows = await appliedRows(tx);
      assertHistoryUsable(rows, files);
      const done = new Set(rows.map((row) => row.migration_name));
      const unknown = rows.filter((row) => !files.some((file) => file.name === row.migration_name));
      if (unknown.length > 0 && !warnedUnknown) {
        warnedUnknown = true;
        options.logger?.warn(
          { migrations: unknown.map((row) => row.migration_name) },
          'the database has migrations this build does not know (an older build?)',
        );
      }
      const pending = files.find((file) => !done.has(file.name));
      if (pending === undefined) return undefined;
      const id = randomUUID();
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 0)`,
        [id, pending.checksum, pending.name],
      );
      try {
        await tx.exec(pending.sql);
      } catch (error) {
        throw new AppError('internal', `Migration ${pending.name} failed: ${(error as Error).message}`, {
          cause: error,
          userMessage: 'The database could not be migrated.',
        });
      }
      await tx.query(
        `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      return pending.name;
    });
    if (next === undefined) break;
    applied.push(next);
    options.logger?.info({ migration: next }, 'migration applied');
  }
  return { applied };
}

/** Where the database stands against this build's migrations, without changing anything. */
export interface MigrationStatus {
  applied: number;
  pending: string[];
  /** Why the history cannot be applied on (a failed or modified migration), in the migrator's words. */
  problem?: string;
}

export async function migrationStatus(db: SqlRunner, migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationStatus> {
  const files = await readMigrations(migrationsDir);
  const table = await db.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  const rows = table[0]?.present ? await appliedRows(db) : [];
  const done = new Set(rows.map((row) => row.migration_name));
  const pending = files.filter((file) => !done.has(file.name)).map((file) => file.name);
  try {
    assertHistoryUsable(rows, files);
    return { applied: rows.length, pending };
  } catch (error) {
    return { applied: rows.length, pending, problem: (error as Error).message };
  }
}
