// Plain SQL over either backend (a pg Pool or an in-process PGlite), for the few places that bypass Prisma:
// the migrator, pg-boss and health checks.
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import type pg from 'pg';

export type DatabaseKind = 'postgres' | 'pglite';

/** The slice of a pino logger the store uses. */
export interface StoreLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export type Row = Record<string, unknown>;

/** Statements inside one transaction. */
export interface SqlTransaction {
  /** One statement, with `$1…` parameters. */
  query<R extends Row = Row>(text: string, values?: unknown[]): Promise<R[]>;
  /** A script of several statements, without parameters. */
  exec(script: string): Promise<void>;
}

export interface SqlRunner extends SqlTransaction {
  readonly kind: DatabaseKind;
  /** Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /**
   * The pg-boss `db.executeSql` contract: with values, one statement; without, possibly several statements
   * (pg-boss sends whole scripts), answering the rows of the last one.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
}

const lastRows = (result: pg.QueryResult | pg.QueryResult[]): Row[] =>
  Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows;

/** A pg Pool: PostgreSQL, or the embedded PGlite served on its own thread (`kind` says which). */
export function pgRunner(pool: pg.Pool, kind: DatabaseKind = 'postgres'): SqlRunner {
  const onClient = (client: pg.Pool | pg.PoolClient): SqlTransaction => ({
    query: async <R extends Row>(text: string, values?: unknown[]) => (await client.query<R>(text, values)).rows,
    exec: async (script) => {
      await client.query(script);
    },
  });
  return {
    kind,
    ...onClient(pool),
    executeSql: async (text, values) => ({ rows: lastRows(await pool.query(text, values)) }),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        try {
          const result = await fn(onClient(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            broken = rollbackError;
          });
          throw error;
        }
      } finally {
        // A connection whose rollback failed is in an unknown state: destroy it rather than reuse it.
        client.release(broken);
      }
    },
  };
}

export function pgliteRunner(client: PGlite): SqlRunner {
  const onClient = (target: PGlite | PGliteTransaction): SqlTransaction => ({
    query: async <R extends Row>(text: string, values?: unknown[]) => (await target.query<R>(text, values)).rows,
    exec: async (script) => {
      await target.exec(script);
    },
  });
  return {
    kind: 'pglite',
    ...onClient(client),
    async executeSql(text, values) {
      if (values !== undefined && values.length > 0) return { rows: (await client.query<Row>(text, values)).rows };
      // PGlite's extended-protocol `query` takes one statement only; `exec` takes a script.
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Row[] };
    },
    transaction: (fn) => client.transaction((tx) => fn(onClient(tx))),
  };
}
