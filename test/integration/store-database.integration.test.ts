import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssociationLocationStore } from '../../src/store/association-location.repository.ts';
import { type Database, openDatabase, type StoreLogger } from '../../src/store/database.ts';
import { readMigrations } from '../../src/store/migrator.ts';
import { databaseBackends, pgliteTemplate } from '../support/test-database.ts';

/** Collects the messages logged, to see whether migrations ran. */
function recordingLogger() {
  const messages: string[] = [];
  const log = (_details: Record<string, unknown>, message: string) => {
    messages.push(message);
  };
  const logger: StoreLogger = { info: log, warn: log, error: log };
  return { logger, messages };
}

async function sqlScriptsWork(db: Database) {
  // pg-boss sends whole scripts without parameters, and single statements with them.
  expect((await db.executeSql('SELECT 1 AS a; SELECT 2 AS b')).rows).toEqual([{ b: 2 }]);
  expect((await db.executeSql('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
}

describe('openDatabase without a URL: PGlite on disk', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ssm-why-data-'));
    // Seed ${dataDir}/pglite with an empty cluster (skipping the 6–10 s initdb); openDatabase then finds an
    // existing but unmigrated database, as on a first start after initdb.
    await mkdir(path.join(dataDir, 'pglite'));
    const seed = new PGlite(path.join(dataDir, 'pglite'), { loadDataDir: await pgliteTemplate('empty') });
    await seed.waitReady;
    await seed.close();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('migrates on first open, keeps data across restarts, and does not migrate again', async () => {
    const first = recordingLogger();
    const db = await openDatabase({ dataDir, logger: first.logger });
    expect(db.kind).toBe('pglite');
    expect(first.messages.filter((m) => m === 'migration applied')).toHaveLength((await readMigrations()).length);
    expect(await db.ping()).toBe(true);
    await sqlScriptsWork(db);
    await createAssociationLocationStore(db.prisma).remember('assoc-1', {
      accountId: '111122223333',
      region: 'eu-west-1',
    });
    await db.close();
    await db.close(); // idempotent
    expect(await db.ping()).toBe(false);

    const second = recordingLogger();
    const reopened = await openDatabase({ dataDir, logger: second.logger });
    try {
      expect(second.messages).not.toContain('migration applied');
      expect(await createAssociationLocationStore(reopened.prisma).find('assoc-1')).toEqual({
        accountId: '111122223333',
        region: 'eu-west-1',
      });
    } finally {
      await reopened.close();
    }
  });
});

describe.each(databaseBackends().filter((b) => b.name === 'postgres'))('openDatabase with a URL', (backend) => {
  it('connects through a pg Pool and migrates', async () => {
    const testDb = await backend.create({ migrated: false });
    try {
      const { logger, messages } = recordingLogger();
      const db = await openDatabase({ databaseUrl: testDb.target as string, dataDir: '/nonexistent', logger });
      try {
        expect(db.kind).toBe('postgres');
        expect(messages).toContain('migration applied');
        expect(await db.ping()).toBe(true);
        await sqlScriptsWork(db);
      } finally {
        await db.close();
      }
      expect(await db.ping()).toBe(false);
    } finally {
      await testDb.dispose();
    }
  });
});
