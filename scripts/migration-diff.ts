// `npm run db:diff -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes
// a database from the existing migrations to prisma/schema.prisma, using Prisma's own schema engine (wasm) and
// an in-memory PGlite as the shadow database. Works offline; stands in for `prisma migrate dev --create-only`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diffMigrationsToSchema, LOCKFILE_CONTENT, LOCKFILE_NAME, MIGRATIONS_DIR } from './lib/schema-engine.ts';

function timestamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`
  );
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const name = args.find((arg) => !arg.startsWith('-'));
  const check = args.includes('--check');
  if (!check && (name === undefined || !/^[a-z0-9_]+$/.test(name))) {
    console.error('usage: npm run db:diff -- <name>     (name: lowercase letters, digits, _)');
    console.error('       npm run db:diff -- --check   (exit 1 when schema.prisma has changes without a migration)');
    return 2;
  }
  const sql = await diffMigrationsToSchema({ log: (line) => process.env.DEBUG && console.error(line) });
  if (sql === '') {
    console.log('schema.prisma and prisma/migrations agree: no migration needed.');
    return 0;
  }
  if (check) {
    console.error('schema.prisma has changes that no migration carries:\n');
    console.error(sql);
    return 1;
  }
  const folder = `${timestamp(new Date())}_${name}`;
  await mkdir(path.join(MIGRATIONS_DIR, folder), { recursive: true });
  await writeFile(path.join(MIGRATIONS_DIR, folder, 'migration.sql'), sql);
  await writeFile(path.join(MIGRATIONS_DIR, LOCKFILE_NAME), LOCKFILE_CONTENT);
  console.log(`wrote prisma/migrations/${folder}/migration.sql — review it, then commit it with schema.prisma.`);
  return 0;
}

process.exitCode = await main();
