// The database lines of the setup checks: reachable, and migrated to this build (read only: the app itself
// applies migrations at start-up).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DoctorCheck } from '../doctor/ports.ts';
import { type Lang, texts } from '../i18n/index.ts';
import { migrationStatus } from './migrator.ts';
import { pgliteRunner, pgRunner, type SqlRunner } from './sql.ts';

/** Lines for an open connection. */
export async function databaseChecks(sql: SqlRunner, lang: Lang): Promise<DoctorCheck[]> {
  const say = texts(lang).work.doctor.database;
  const subject = say.subject;
  const name = sql.kind === 'postgres' ? 'PostgreSQL' : say.pglite;
  try {
    const [row] = await sql.query<{ version: string }>('SHOW server_version');
    const checks: DoctorCheck[] = [{ ok: true, subject, detail: say.answers(name, row?.version ?? '') }];
    const status = await migrationStatus(sql);
    if (status.problem) {
      checks.push({ ok: false, subject, detail: status.problem, fix: say.repairHistory });
    } else if (status.pending.length > 0) {
      checks.push({
        ok: false,
        subject,
        detail: say.pending(status.pending.length, status.pending.join(', ')),
        fix: say.applyPending,
      });
    } else {
      checks.push({ ok: true, subject, detail: say.allApplied(status.applied) });
    }
    return checks;
  } catch (error) {
    return [{ ok: false, subject, detail: say.noAnswer(name, (error as Error).message), fix: say.checkUrl }];
  }
}

/** Opens the configured database for the checks only (no migrations), runs them, closes it. */
export async function checkConfiguredDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  lang: Lang;
}): Promise<DoctorCheck[]> {
  const say = texts(options.lang).work.doctor.database;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1, connectionTimeoutMillis: 5000 });
    pool.on('error', () => {});
    try {
      return await databaseChecks(pgRunner(pool), options.lang);
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
    return [{ ok: true, subject: say.subject, detail: say.notCreatedYet(directory) }];
  }
  let client: PGlite | undefined;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    client = await PGlite.create(directory);
    return await databaseChecks(pgliteRunner(client), options.lang);
  } catch (error) {
    return [
      { ok: false, subject: say.subject, detail: say.notOpened(directory, (error as Error).message), fix: say.stopApp },
    ];
  } finally {
    await client?.close().catch(() => {});
  }
}
