// The database lines of the setup checks: reachable, and migrated to this build (read only: the app itself
// applies migrations at start-up).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DoctorCheck } from '../doctor/ports.ts';
import { migrationStatus } from './migrator.ts';
import { pgliteRunner, pgRunner, type SqlRunner } from './sql.ts';

const SUBJECT = 'database';

/** Lines for an open connection. */
export async function databaseChecks(sql: SqlRunner): Promise<DoctorCheck[]> {
  const name = sql.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite';
  try {
    const [row] = await sql.query<{ version: string }>('SHOW server_version');
    const checks: DoctorCheck[] = [{ ok: true, subject: SUBJECT, detail: `${name} ${row?.version ?? ''} answers` }];
    const status = await migrationStatus(sql);
    if (status.problem) {
      checks.push({ ok: false, subject: SUBJECT, detail: status.problem, fix: 'repair the migration history first' });
    } else if (status.pending.length > 0) {
      checks.push({
        ok: false,
        subject: SUBJECT,
        detail: `${status.pending.length} migration(s) not applied: ${status.pending.join(', ')}`,
        fix: 'start ssm-why once: it applies them at start-up under an advisory lock (or run `prisma migrate deploy`)',
      });
    } else {
      checks.push({ ok: true, subject: SUBJECT, detail: `all ${status.applied} migrations applied` });
    }
    return checks;
  } catch (error) {
    return [
      {
        ok: false,
        subject: SUBJECT,
        detail: `${name} does not answer (${(error as Error).message})`,
        fix: 'check DATABASE_URL (host, port, credentials, sslmode) and that the server accepts connections from here',
      },
    ];
  }
}

/** Opens the configured database for the checks only (no migrations), runs them, closes it. */
export async function checkConfiguredDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<DoctorCheck[]> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1, connectionTimeoutMillis: 5000 });
    pool.on('error', () => {});
    try {
      return await databaseChecks(pgRunner(pool));
    } finally {
      await pool.end().catch(() => {});
    }
  }
  const directory = path.join(options.dataDir, 'pglite');
  const exists = await stat(directory).then(
    () => true,
    () => false,
  );
  if (!exists) {
    return [
      {
        ok: true,
        subject: SUBJECT,
        detail: `no DATABASE_URL: embedded PGlite, created in ${directory} at first start (one replica only)`,
      },
    ];
  }
  let client: PGlite | undefined;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    client = await PGlite.create(directory);
    return await databaseChecks(pgliteRunner(client));
  } catch (error) {
    return [
      {
        ok: false,
        subject: SUBJECT,
        detail: `the embedded database in ${directory} could not be opened (${(error as Error).message})`,
        fix: 'stop the running app first (PGlite allows one process), or use `/ssm-why doctor` in Slack',
      },
    ];
  } finally {
    await client?.close().catch(() => {});
  }
}
