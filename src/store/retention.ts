// Retention: investigations (their steps go with them, ON DELETE CASCADE; alert episodes keep their rows and lose the
// link) and audit events older than their cut-offs are deleted in small batches, so no statement holds locks for
// long. Idempotent: two replicas running it at once only share the work.
import type { SqlRunner } from './sql.ts';

export interface RetentionSettings {
  investigationDays: number;
  auditDays: number;
  /** Rows per DELETE (default 1,000). */
  batchSize?: number;
  now?: Date;
}

export interface RetentionResult {
  investigations: number;
  auditEvents: number;
}

const DAY_MS = 86_400_000;

async function deleteInBatches(sql: SqlRunner, table: string, before: Date, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await sql.query<{ n: number }>(
      `WITH doomed AS (SELECT id FROM "${table}" WHERE created_at < $1 ORDER BY created_at LIMIT $2),
            gone AS (DELETE FROM "${table}" t USING doomed WHERE t.id = doomed.id RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [before, batchSize],
    );
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < batchSize) return total;
  }
}

export async function applyRetention(sql: SqlRunner, settings: RetentionSettings): Promise<RetentionResult> {
  const now = settings.now ?? new Date();
  const batchSize = settings.batchSize ?? 1_000;
  const investigations = await deleteInBatches(
    sql,
    'investigation',
    new Date(now.getTime() - settings.investigationDays * DAY_MS),
    batchSize,
  );
  const auditEvents = await deleteInBatches(
    sql,
    'audit_event',
    new Date(now.getTime() - settings.auditDays * DAY_MS),
    batchSize,
  );
  return { investigations, auditEvents };
}

/**
 * Runs retention a minute after start-up and then once a day, in this process. Every replica runs it: that is safe
 * (see above). A run that fails (the database was away) is tried again after `retryMs` (default an hour), not a
 * day later. Returns a stop function.
 */
export function scheduleRetention(
  sql: SqlRunner,
  settings: RetentionSettings,
  log: (result: RetentionResult | Error) => void,
  timing: { firstDelayMs?: number; intervalMs?: number; retryMs?: number } = {},
): () => void {
  let busy = false;
  let retry: NodeJS.Timeout | undefined;
  const run = () => {
    if (busy) return;
    busy = true;
    clearTimeout(retry);
    void applyRetention(sql, settings)
      .then(log, (error: unknown) => {
        log(error instanceof Error ? error : new Error(String(error)));
        retry = setTimeout(run, timing.retryMs ?? 3_600_000);
        retry.unref();
      })
      .finally(() => {
        busy = false;
      });
  };
  const first = setTimeout(run, timing.firstDelayMs ?? 60_000);
  const daily = setInterval(run, timing.intervalMs ?? DAY_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearTimeout(retry);
    clearInterval(daily);
  };
}
