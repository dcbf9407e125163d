import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../src/investigation/ports.ts';
import type { Database } from '../../src/store/database.ts';
import { startJobQueue } from '../../src/store/job-queue.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

interface Payload {
  n: number;
}

/** Resolves when `condition` holds, polling; fails the test after `timeoutMs`. */
async function eventually(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const queueOptions = { pollingIntervalSeconds: 0.5, stopTimeoutMs: 5_000 };

describe.each(databaseBackends())('job queue on $name', (backend) => {
  let testDb: TestDatabase;
  let db: Database;
  const queues: JobQueue[] = [];
  const start = async () => {
    const queue = await startJobQueue(db, queueOptions);
    queues.push(queue);
    return queue;
  };

  beforeAll(async () => {
    testDb = await backend.create();
    db = await testDb.open();
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.stop()));
  });
  afterAll(() => testDb?.dispose());

  it('works every job sent exactly once, across two processes with concurrency', async () => {
    const [a, b] = [await start(), await start()];
    const seen: number[] = [];
    const handler = async (data: Payload) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(data.n);
    };
    await a.work('exactly-once', handler, { concurrency: 2 });
    await b.work('exactly-once', handler, { concurrency: 2 });

    const ids = await Promise.all(Array.from({ length: 12 }, (_, n) => a.send('exactly-once', { n })));
    expect(new Set(ids).size).toBe(12);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);

    await eventually(() => seen.length >= 12);
    await new Promise((resolve) => setTimeout(resolve, 700)); // room for a duplicate to show up
    expect([...seen].sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, n) => n));
  });

  it('drops a send whose singleton key is already waiting', async () => {
    const queue = await start();
    const first = await queue.send('singleton', { n: 1 }, { singletonKey: 'inv-1' });
    const second = await queue.send('singleton', { n: 2 }, { singletonKey: 'inv-1' });
    const other = await queue.send('singleton', { n: 3 }, { singletonKey: 'inv-2' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(other).toEqual(expect.any(String));

    const seen: number[] = [];
    await queue.work<Payload>('singleton', async (data) => {
      seen.push(data.n);
    });
    await eventually(() => seen.length >= 2);
    expect(seen.sort()).toEqual([1, 3]);
  });

  it('tries a failed job again, up to its retry limit', async () => {
    const queue = await start();
    let attempts = 0;
    await queue.work<Payload>('flaky', async () => {
      attempts += 1;
      if (attempts < 2) throw new Error('transient');
    });
    await queue.send('flaky', { n: 1 }, { retryLimit: 1 });
    await eventually(() => attempts >= 2);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(attempts).toBe(2);
  });

  it("hands a job sent in this process to its idle worker at once, not at the worker's next poll", async () => {
    const queue = await startJobQueue(db, { ...queueOptions, pollingIntervalSeconds: 10 });
    queues.push(queue);
    const waits: number[] = [];
    let sentAt = 0;
    await queue.work<Payload>('wake', async () => {
      waits.push(Date.now() - sentAt);
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the worker's first (empty) fetch is behind it
    for (let n = 0; n < 3; n++) {
      sentAt = Date.now();
      await queue.send('wake', { n });
      await eventually(() => waits.length === n + 1);
    }
    // With a 10 s polling interval, each would wait up to 10 s for the worker's next fetch.
    expect(Math.max(...waits)).toBeLessThan(2_000);
  });

  it('does not start a job before its delay', async () => {
    const queue = await start();
    const seen: number[] = [];
    await queue.work<Payload>('later', async (data) => {
      seen.push(data.n);
    });
    const sentAt = Date.now();
    await queue.send('later', { n: 1 }, { startAfterSeconds: 2 });
    await eventually(() => seen.length === 1);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1_500);
  });

  it('stops gracefully: no new jobs, and the running handler finishes first', async () => {
    const queue = await start();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: number[] = [];
    const finished: number[] = [];
    await queue.work<Payload>('graceful', async (data) => {
      started.push(data.n);
      await gate;
      finished.push(data.n);
    });
    await queue.send('graceful', { n: 1 });
    await eventually(() => started.length === 1);

    const stopped = queue.stop();
    await queue.send('graceful', { n: 2 });
    setTimeout(release, 300);
    await stopped;
    expect(started).toEqual([1]);
    expect(finished).toEqual([1]);

    // The job stays completed: a new worker gets only the one sent while stopping.
    const next = await start();
    const later: number[] = [];
    await next.work<Payload>('graceful', async (data) => {
      later.push(data.n);
    });
    await eventually(() => later.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(later).toEqual([2]);
  });
});
