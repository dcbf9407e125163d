// Retention on both databases: investigations (with their steps) older than SSM_WHY_RETENTION_DAYS and audit events
// older than SSM_WHY_AUDIT_RETENTION_DAYS go, in batches; newer rows stay; running it twice at once is safe.
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/store/audit-log.repository.ts';
import { createInvestigationStore } from '../../src/store/investigation.repository.ts';
import { migrate } from '../../src/store/migrator.ts';
import { applyRetention, type RetentionResult, scheduleRetention } from '../../src/store/retention.ts';
import { newInvestigation } from '../support/runner-rig.ts';
import { PROD_ACCOUNT } from '../support/scenarios/index.ts';
import { databaseBackends } from '../support/test-database.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe.each(databaseBackends())('retention on $name', (backend) => {
  it('deletes old investigations with their steps and old audit events, in batches, and nothing newer', async () => {
    const db = await backend.create();
    try {
      const database = await db.open();
      const store = createInvestigationStore(database.prisma);
      const audit = createAuditLog(database.prisma);
      const ages = [120, 100, 91, 89, 10, 0];
      const ids: string[] = [];
      for (const age of ages) {
        const created = await store.create(
          newInvestigation('8dfe3659-4309-493a-8755-0123456789ab', PROD_ACCOUNT, 'eu-west-1'),
        );
        await store.appendStep(created.id, {
          key: 'access',
          ordinal: 0,
          title: 'Access',
          status: 'ok',
          facts: [],
          findings: [],
          gaps: [],
          durationMs: 5,
          patch: {},
        });
        await database.sql.query('UPDATE investigation SET created_at = $1 WHERE id = $2', [daysAgo(age), created.id]);
        ids.push(created.id);
      }
      for (const age of [500, 401, 399, 1]) {
        await audit.record({ kind: `test.age-${age}` });
        await database.sql.query(`UPDATE audit_event SET created_at = $1 WHERE kind = $2`, [
          daysAgo(age),
          `test.age-${age}`,
        ]);
      }

      const settings = { investigationDays: 90, auditDays: 400, batchSize: 2, now: NOW };
      // Two replicas at once: together they delete each row once.
      const [a, b] = await Promise.all([
        applyRetention(database.sql, settings),
        applyRetention(database.sql, settings),
      ]);
      expect((a?.investigations ?? 0) + (b?.investigations ?? 0)).toBe(3);
      expect((a?.auditEvents ?? 0) + (b?.auditEvents ?? 0)).toBe(2);

      const left = await database.sql.query<{ id: string }>('SELECT id FROM investigation ORDER BY created_at');
      expect(left.map((r) => r.id).sort()).toEqual(ids.slice(3).sort());
      const steps = await database.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM investigation_step');
      expect(Number(steps[0]?.n)).toBe(3);
      const kinds = await database.sql.query<{ kind: string }>('SELECT kind FROM audit_event ORDER BY kind');
      expect(kinds.map((k) => k.kind)).toEqual(['test.age-1', 'test.age-399']);

      expect(await applyRetention(database.sql, settings)).toEqual({ investigations: 0, auditEvents: 0 });
    } finally {
      await db.dispose();
    }
  }, 120_000);

  it('a scheduled run that fails (the database away or not ready) is tried again after retryMs, not a day later', async () => {
    const db = await backend.create({ migrated: false });
    const results: (RetentionResult | Error)[] = [];
    let stop: (() => void) | undefined;
    try {
      const sql = db.connect();
      // The tables are not there yet: the first run fails for real.
      stop = scheduleRetention(sql, { investigationDays: 90, auditDays: 400 }, (r) => results.push(r), {
        firstDelayMs: 10,
        retryMs: 300,
      });
      const deadline = Date.now() + 20_000;
      while (results.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(results[0]).toBeInstanceOf(Error);
      await migrate(sql);
      while (results.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(results[1]).toEqual({ investigations: 0, auditEvents: 0 });
    } finally {
      stop?.();
      await db.dispose();
    }
  });
});
