// The numbers /metrics reads from the shared database at scrape time: the job queue, alert episodes, poll cycles.
import type { SqlRunner } from './sql.ts';

export interface OperationalStats {
  queueDepth: number;
  oldestQueuedSeconds: number;
  alertEpisodes: { open: number; recovered: number };
  lastPollCycleSeconds?: number;
}

export async function readOperationalStats(sql: SqlRunner): Promise<OperationalStats> {
  const [queue] = await sql.query<{ depth: number; oldest: number | null }>(
    `SELECT count(*)::int AS depth, extract(epoch FROM now() - min(created_on))::float8 AS oldest
       FROM pgboss.job WHERE state IN ('created', 'retry')`,
  );
  const episodes = await sql.query<{ status: string; n: number }>(
    `SELECT status::text AS status, count(*)::int AS n FROM alert_episode GROUP BY status`,
  );
  const [poll] = await sql.query<{ seconds: number | null }>(
    `SELECT max(extract(epoch FROM finished_at - claimed_at))::float8 AS seconds
       FROM alert_poll_run WHERE finished_at > now() - interval '1 hour'`,
  );
  const count = (status: string) => Number(episodes.find((e) => e.status === status)?.n ?? 0);
  return {
    queueDepth: Number(queue?.depth ?? 0),
    oldestQueuedSeconds: Math.max(0, Number(queue?.oldest ?? 0)),
    alertEpisodes: { open: count('open'), recovered: count('recovered') },
    ...(poll?.seconds === null || poll?.seconds === undefined ? {} : { lastPollCycleSeconds: Number(poll.seconds) }),
  };
}
