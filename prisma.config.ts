// Prisma CLI configuration. The app itself never reads this file: src/store/database.ts gets its URL from
// src/config. Offline, the CLI can only `generate` (see scripts/prisma-generate.mjs); migrations are written
// by `npm run db:diff -- <name>` and applied by the app at start-up (src/store/migrator.ts).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
