// The JobQueue port over pg-boss 10, on the app's own connection (pg Pool or PGlite) through pg-boss's
// `db.executeSql` option. pg-boss keeps its tables in its own `pgboss` schema and migrates them itself.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import PgBoss from 'pg-boss';
import type { JobOptions, JobQueue } from '../investigation/ports.ts';
import type { Database } from './database.ts';
import type { StoreLogger } from './sql.ts';

export interface JobQueueOptions {
  logger?: StoreLogger;
  /** How often an idle worker asks for work (default 2 s; pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How long `stop` waits for running handlers before giving up on them (default 30 s, at least 1 s). */
  stopTimeoutMs?: number;
  /** A running job that takes longer fails and is retried (default 15 min). */
  expireInSeconds?: number;
}

const SILENT: StoreLogger = { info: () => {}, warn: () => {}, error: () => {} };

// pg-boss records a finished job (complete, or fail for a retry) without awaiting the statement: with the database
// gone, that promise would reject with nobody to catch it. These two statements are recognised by their text
// (pg-boss's own plans, default schema) and retried until the database answers — bounded — instead.
const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as {
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
};
const FINISHING = new Set([plans.completeJobs('pgboss'), plans.failJobsById('pgboss')]);
/** How long a finished job's statement is retried; past it the job runs again after its expiry (at least once). */
const FINISH_RETRY_MS = 120_000;

/**
 * Starts pg-boss (creating or upgrading its schema) and returns the queue.
 *
 * Queues use pg-boss's `short` policy: at most one *waiting* job per singleton key. Jobs sent without a key get
 * a unique one, so they never collide with each other.
 */
export async function startJobQueue(
  database: Pick<Database, 'executeSql'>,
  options: JobQueueOptions = {},
): Promise<JobQueue> {
  const logger = options.logger ?? SILENT;
  // Every statement pg-boss runs goes through here, so `stop` can wait for the last ones (pg-boss completes a job
  // without awaiting it) before the caller closes the database.
  const inFlight = new Set<Promise<unknown>>();
  let stopRequested = false;
  const finishJob = async (text: string, values: unknown[] | undefined) => {
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await database.executeSql(text, values);
      } catch (error) {
        if (stopRequested || Date.now() - started > FINISH_RETRY_MS) {
          logger.warn({ err: error }, 'could not record a finished job; it runs again after its expiry');
          return { rows: [{ count: '0' }] };
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)).unref());
      }
    }
  };
  const executeSql = (text: string, values?: unknown[]) => {
    const running = FINISHING.has(text) ? finishJob(text, values) : database.executeSql(text, values);
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running)).catch(() => {});
    return running;
  };

  const boss = new PgBoss({
    db: { executeSql },
    schedule: false,
    ...(options.expireInSeconds === undefined ? {} : { expireInSeconds: options.expireInSeconds }),
  });
  boss.on('error', (error: Error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();

  const created = new Map<string, Promise<void>>();
  const ensureQueue = (name: string) => {
    let ready = created.get(name);
    if (ready === undefined) {
      ready = boss.createQueue(name, { name, policy: 'short' });
      created.set(name, ready);
      ready.catch(() => created.delete(name));
    }
    return ready;
  };

  /** This process's workers per queue: a job sent here wakes them, instead of waiting for their next poll. */
  const workers = new Map<string, string[]>();

  let stopping: Promise<void> | undefined;
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;

  return {
    async send(name, data, jobOptions: JobOptions = {}) {
      await ensureQueue(name);
      const id = await boss.send(name, data, {
        singletonKey: jobOptions.singletonKey ?? randomUUID(),
        ...(jobOptions.retryLimit === undefined ? {} : { retryLimit: jobOptions.retryLimit }),
        ...(jobOptions.startAfterSeconds === undefined ? {} : { startAfter: jobOptions.startAfterSeconds }),
        ...(jobOptions.retryDelaySeconds === undefined ? {} : { retryDelay: jobOptions.retryDelaySeconds }),
        ...(jobOptions.retryBackoff === undefined ? {} : { retryBackoff: jobOptions.retryBackoff }),
      });
      // A job due now is fetched at once by this process's workers of its queue (an idle one skips the rest of its
      // polling delay; a busy one fetches again as soon as it is done). Other processes find it at their next poll.
      if (id && !stopping && !(jobOptions.startAfterSeconds ?? 0)) {
        for (const workerId of workers.get(name) ?? []) boss.notifyWorker(workerId);
      }
      return id;
    },

    async work<T extends object>(
      name: string,
      handler: (data: T) => Promise<void>,
      workOptions: { concurrency?: number; pollingIntervalSeconds?: number } = {},
    ) {
      if (stopping) throw new Error(`The job queue is stopping; cannot work ${name}`);
      await ensureQueue(name);
      const concurrency = Math.max(1, workOptions.concurrency ?? 1);
      // pg-boss 10 has no per-worker concurrency: n workers of batch size 1 give n jobs at a time.
      for (let i = 0; i < concurrency; i++) {
        const workerId = await boss.work<T>(
          name,
          {
            batchSize: 1,
            ...((workOptions.pollingIntervalSeconds ?? options.pollingIntervalSeconds) === undefined
              ? {}
              : { pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? options.pollingIntervalSeconds }),
          },
          async ([job]) => {
            if (job === undefined) return;
            try {
              await handler(job.data);
            } catch (error) {
              logger.warn({ err: error, queue: name, jobId: job.id }, 'job failed');
              throw error;
            }
          },
        );
        workers.set(name, [...(workers.get(name) ?? []), workerId]);
      }
    },

    stop() {
      stopping ??= (async () => {
        stopRequested = true;
        await boss.stop({ graceful: true, close: false, wait: true, timeout: stopTimeoutMs });
        const deadline = Date.now() + 5_000;
        while (inFlight.size > 0 && Date.now() < deadline) await Promise.allSettled([...inFlight]);
      })();
      return stopping;
    },
  };
}
