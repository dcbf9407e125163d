// schema.prisma and prisma/migrations must agree, and the migrator's bookkeeping must satisfy Prisma's own
// schema engine (so `prisma migrate status/deploy` agree with a database the app migrated).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  diffDatabaseToSchema,
  diffMigrationsToSchema,
  migrationList,
  NO_SCHEMA_FILTER,
  SCHEMA_PATH,
  withSchemaEngine,
} from '../../scripts/lib/schema-engine.ts';
import type { SqlRunner } from '../../src/store/sql.ts';
import { pgliteRunner } from '../../src/store/sql.ts';
import { clonePglite, databaseBackends, type TestDatabase } from '../support/test-database.ts';

/** One empty PGlite as the engine's main and shadow database; the engine closes it. */
async function emptyEngineDatabase() {
  const client = await clonePglite('empty');
  return { database: client, shadow: async () => client };
}

const closeIfOpen = async (client: PGlite) => {
  if (!client.closed) await client.close();
};

describe('schema.prisma and prisma/migrations', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'ssm-why-drift-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('agree: applying every migration gives exactly the schema (else run `npm run db:diff -- <name>`)', async () => {
    const engineDb = await emptyEngineDatabase();
    try {
      expect(await diffMigrationsToSchema(engineDb)).toBe('');
    } finally {
      await closeIfOpen(engineDb.database);
    }
  });

  it('the check notices a schema change that no migration carries', async () => {
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    const changed = schema.replace(/(model AssociationLocation \{\n)/, '$1  note          String?\n');
    expect(changed).not.toBe(schema);
    const schemaPath = path.join(scratch, 'schema.prisma');
    await writeFile(schemaPath, changed);
    const engineDb = await emptyEngineDatabase();
    try {
      expect(await diffMigrationsToSchema({ ...engineDb, schemaPath })).toMatch(
        /ALTER TABLE "association_location" ADD COLUMN\s+"note" TEXT/,
      );
    } finally {
      await closeIfOpen(engineDb.database);
    }
  });

  it("our _prisma_migrations table has the columns Prisma's engine creates", async () => {
    const byPrisma = await clonePglite('empty');
    const byUs = await clonePglite('migrated');
    try {
      const list = await migrationList();
      const result = await withSchemaEngine({ database: byPrisma }, (engine) =>
        engine.applyMigrations({ migrationsList: list, filters: NO_SCHEMA_FILTER }),
      );
      expect(result.appliedMigrationNames).toEqual(list.migrationDirectories.map((d) => d.path));
      expect(await migrationsTableShape(pgliteRunner(byUs))).toEqual(
        await migrationsTableShape(pgliteRunner(byPrisma)),
      );
      // And the same rows, give or take ids and times.
      const rows = (client: PGlite) =>
        pgliteRunner(client).query(
          'SELECT migration_name, checksum, logs, rolled_back_at, applied_steps_count, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
        );
      expect(await rows(byUs)).toEqual(await rows(byPrisma));
    } finally {
      await Promise.all([closeIfOpen(byPrisma), closeIfOpen(byUs)]);
    }
  });
});

describe.each(databaseBackends())('a database the migrator migrated, on $name', (backend) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await backend.create();
  });
  afterAll(() => testDb?.dispose());

  it('is up to date for Prisma: nothing to apply, nothing edited or failed', async () => {
    const list = await migrationList();
    const [diagnosis, applied] = await withSchemaEngine({ database: testDb.target }, async (engine) => [
      await engine.diagnoseMigrationHistory({
        migrationsList: list,
        optInToShadowDatabase: false,
        filters: NO_SCHEMA_FILTER,
      }),
      await engine.applyMigrations({ migrationsList: list, filters: NO_SCHEMA_FILTER }),
    ]);
    expect(diagnosis).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
    expect(applied).toEqual({ appliedMigrationNames: [] });
  });

  it('has exactly the schema schema.prisma describes', async () => {
    if (typeof testDb.target !== 'string') {
      // The engine introspects PGlite directly.
      expect(await diffDatabaseToSchema({ database: testDb.target })).toBe('');
      return;
    }
    // adapter-pg cannot serve the engine's introspection (it fails on pg_catalog's "char" columns), so compare
    // the catalog with PGlite's, which the engine has just vouched for.
    const reference = await clonePglite('migrated');
    try {
      const expected = await catalog(pgliteRunner(reference));
      expect(expected.columns.length).toBeGreaterThan(50);
      expect(await catalog(testDb.connect())).toEqual(expected);
    } finally {
      await reference.close();
    }
  });
});

async function migrationsTableShape(sql: SqlRunner) {
  return sql.query(
    `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
  );
}

/** What the migrations built in `public`: columns, indexes, constraints and enum types. */
async function catalog(sql: SqlRunner) {
  return {
    columns: await sql.query(
      `SELECT table_name, column_name, ordinal_position, data_type, udt_name, is_nullable, column_default,
              character_maximum_length, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    ),
    indexes: await sql.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`,
    ),
    constraints: await sql.query(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`,
    ),
    enums: await sql.query(
      `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname ORDER BY t.typname`,
    ),
  };
}
