// Alert episodes against a real database (PGlite always, PostgreSQL when TEST_DATABASE_URL is set): one
// episode per incident and channel however the signals arrive (push + poll, redeliveries, two processes at
// once), recovery, Pending for too long, mutes, the digest, and the poll claim.
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEpisodeSink } from '../../src/alerts/episodes.ts';
import { createAlertScheduler } from '../../src/alerts/poller.ts';
import type { AlertMessenger, SubscriptionRecord } from '../../src/alerts/ports.ts';
import { createAlertPoster } from '../../src/alerts/poster.ts';
import type { AssociationSignal } from '../../src/alerts/signal.ts';
import type { AccountRef, JobOptions, JobQueue, NewInvestigation } from '../../src/investigation/ports.ts';
import { createEpisodeStore } from '../../src/store/alert-episode.repository.ts';
import { createPollStore } from '../../src/store/alert-poll.repository.ts';
import { type Database, openPostgresDatabase } from '../../src/store/database.ts';
import { createInvestigationStore } from '../../src/store/investigation.repository.ts';
import { createSubscriptionStore } from '../../src/store/subscription.repository.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const PROD: AccountRef = { name: 'prod', id: '111122223333', regions: ['eu-west-1', 'us-east-1'] };
const TEAM = 'T01ABCDEF23';
const CHANNEL = 'C0ALERTS01';
const OTHER = 'C0ALERTS02';
const T0 = new Date('2026-03-01T10:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** A JobQueue that records what was sent (the port, faked). */
function recordingQueue(): JobQueue & { sent: { name: string; data: object; options?: JobOptions }[] } {
  const sent: { name: string; data: object; options?: JobOptions }[] = [];
  return {
    sent,
    async send(name, data, options) {
      sent.push({ name, data, ...(options ? { options } : {}) });
      return `job-${sent.length}`;
    },
    async work() {},
    async stop() {},
  };
}

let associationCounter = 0;
const newAssociationId = () => `0000aaaa-0000-4000-8000-${String(++associationCounter).padStart(12, '0')}`;

function signal(associationId: string, status: string, observedAt: Date, extra: Partial<AssociationSignal> = {}) {
  return {
    source: 'poll' as const,
    accountId: PROD.id,
    region: 'eu-west-1',
    associationId,
    associationName: 'ConfigureNginx',
    documentName: 'AWS-RunShellScript',
    status,
    statusCounts: status === 'Failed' ? { Failed: 2, Success: 1 } : { Success: 3 },
    observedAt,
    ...extra,
  };
}

describe.each(databaseBackends())('alert episodes on $name', (backend) => {
  let testDb: TestDatabase;
  let db: Database;
  let now = T0;
  const clock = () => now;

  function sinkOn(database: Database, options: { threshold?: number } = {}) {
    const queue = recordingQueue();
    const sink = createEpisodeSink({
      episodes: createEpisodeStore(database.prisma),
      subscriptions: createSubscriptionStore(database.prisma),
      accounts: [PROD],
      queue,
      pendingAlertMinutes: 60,
      digest: { windowSeconds: 600, threshold: options.threshold ?? 100 },
      clock,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    return { sink, queue };
  }

  async function subscribe(channelId: string, filter: Partial<SubscriptionRecord> = {}) {
    const store = createSubscriptionStore(db.prisma);
    const key = Object.entries(filter)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(';');
    return store.add({ teamId: TEAM, channelId, filterKey: key || '*', createdBy: 'U1', ...filter });
  }

  const episodesOf = (associationId: string) =>
    db.prisma.alertEpisode.findMany({ where: { associationId }, orderBy: { openedAt: 'asc' } });

  beforeAll(async () => {
    testDb = await backend.create();
    db = await testDb.open();
  });
  afterAll(() => testDb?.dispose());
  beforeEach(async () => {
    now = T0;
    await db.prisma.subscription.deleteMany({});
    await db.prisma.alertMute.deleteMany({});
  });

  it('opens one episode when a pushed and a polled signal report the same change, in either order', async () => {
    await subscribe(CHANNEL);
    const { sink, queue } = sinkOn(db);
    const pollFirst = newAssociationId();
    await sink.apply(signal(pollFirst, 'Failed', minutes(0)));
    now = minutes(1);
    const late = await sink.apply(
      signal(pollFirst, 'Failed', minutes(-1), { source: 'push', deliveryId: `evt-${pollFirst}` }),
    );
    expect(late.kind).toBe('stale');
    await sink.apply(signal(pollFirst, 'Failed', minutes(1), { source: 'push', deliveryId: `evt2-${pollFirst}` }));
    expect(await episodesOf(pollFirst)).toHaveLength(1);

    const pushFirst = newAssociationId();
    await sink.apply(signal(pushFirst, 'Failed', minutes(0), { source: 'push', deliveryId: `evt-${pushFirst}` }));
    await sink.apply(signal(pushFirst, 'Failed', minutes(1)));
    const [episode, ...more] = await episodesOf(pushFirst);
    expect(more).toHaveLength(0);
    expect(episode).toMatchObject({ source: 'push', triggerStatus: 'Failed', status: 'open', incident: 1 });
    expect(episode?.dedupeKey).toBe(`${PROD.id}/eu-west-1/${pushFirst}#1@${TEAM}/${CHANNEL}`);
    // One post job per new episode; none for the signals that changed nothing.
    expect(queue.sent.filter((j) => j.name === 'alert-post')).toHaveLength(2);
  });

  it('ignores a redelivered event, even after the association recovered', async () => {
    await subscribe(CHANNEL);
    const { sink } = sinkOn(db);
    const id = newAssociationId();
    const event = signal(id, 'Failed', minutes(0), { source: 'push', deliveryId: `evt-${id}` });
    expect((await sink.apply(event)).change).toBe('open');
    now = minutes(5);
    expect((await sink.apply(signal(id, 'Success', minutes(5)))).change).toBe('close');
    now = minutes(6);
    expect((await sink.apply({ ...event, observedAt: minutes(6) })).kind).toBe('duplicate-delivery');
    const episodes = await episodesOf(id);
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ status: 'recovered', lastSeenStatus: 'Success' });
    expect(episodes[0]?.closedAt?.toISOString()).toBe(minutes(5).toISOString());
  });

  it('makes one episode when two processes accept the same change at the same moment', async () => {
    await subscribe(CHANNEL);
    await subscribe(OTHER);
    // On PostgreSQL the second "process" has a pool of its own; PGlite has one connection per process.
    const second =
      backend.name === 'postgres'
        ? await openPostgresDatabase(new pg.Pool({ connectionString: testDb.target as string, max: 4 }))
        : db;
    try {
      const a = sinkOn(db);
      const b = sinkOn(second);
      const id = newAssociationId();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 === 0 ? a.sink : b.sink).apply(
            signal(id, 'Failed', minutes(0), i % 4 < 2 ? {} : { source: 'push', deliveryId: `evt-${id}-${i}` }),
          ),
        ),
      );
      expect(results.filter((r) => r.change === 'open')).toHaveLength(1);
      const episodes = await episodesOf(id);
      expect(episodes.map((e) => e.channelId).sort()).toEqual([CHANNEL, OTHER]);
      const posts = [...a.queue.sent, ...b.queue.sent].filter((j) => j.name === 'alert-post');
      expect(posts).toHaveLength(2);
    } finally {
      if (second !== db) await second.close();
    }
  });

  it('keeps one alert while failed, updates it on a status change, and opens a new one after recovery', async () => {
    await subscribe(CHANNEL);
    const { sink, queue } = sinkOn(db);
    const id = newAssociationId();
    await sink.apply(signal(id, 'Failed', minutes(0)));
    for (let m = 5; m <= 20; m += 5) {
      now = minutes(m);
      expect((await sink.apply(signal(id, 'Failed', minutes(m)))).touched.episodeIds).toEqual([]);
    }
    now = minutes(25);
    const toPending = await sink.apply(signal(id, 'Pending', minutes(25)));
    expect(toPending.change).toBe('update');
    expect(toPending.touched.episodeIds).toHaveLength(1);
    now = minutes(30);
    await sink.apply(signal(id, 'Success', minutes(30)));
    now = minutes(40);
    await sink.apply(signal(id, 'Failed', minutes(40)));
    const episodes = await episodesOf(id);
    expect(episodes.map((e) => [e.incident, e.status])).toEqual([
      [1, 'recovered'],
      [2, 'open'],
    ]);
    expect(episodes[0]?.changeSeq).toBe(3); // opened, status changed, recovered
    expect(queue.sent.filter((j) => j.name === 'alert-post')).toHaveLength(4);
  });

  it('alerts on Pending only once it has lasted SSM_WHY_PENDING_ALERT_MINUTES', async () => {
    await subscribe(CHANNEL);
    const { sink } = sinkOn(db);
    const id = newAssociationId();
    for (const m of [0, 30, 59]) {
      now = minutes(m);
      expect((await sink.apply(signal(id, 'Pending', minutes(m)))).change).toBe('none');
    }
    now = minutes(60);
    expect((await sink.apply(signal(id, 'Pending', minutes(60)))).change).toBe('open');
    expect((await episodesOf(id))[0]).toMatchObject({ triggerStatus: 'Pending', lastSeenStatus: 'Pending' });
  });

  it('alerts only channels whose filter matches, and not a channel that muted the association', async () => {
    await subscribe(CHANNEL, { documentName: 'AWS-ApplyAnsiblePlaybooks' });
    await subscribe(OTHER, { namePattern: 'Configure*' });
    const { sink } = sinkOn(db);
    const id = newAssociationId();
    await createEpisodeStore(db.prisma).mute({
      teamId: TEAM,
      channelId: OTHER,
      associationId: id,
      until: minutes(30),
      by: 'U1',
    });
    await sink.apply(signal(id, 'Failed', minutes(0)));
    expect(await episodesOf(id)).toHaveLength(0);
    // The mute ends while it is still failed: the next signal alerts the channel.
    now = minutes(31);
    expect((await sink.apply(signal(id, 'Failed', minutes(31)))).touched.episodeIds).toHaveLength(1);
    expect((await episodesOf(id)).map((e) => e.channelId)).toEqual([OTHER]);
  });

  it('groups a storm into one digest per channel and window', async () => {
    await subscribe(CHANNEL);
    const { sink, queue } = sinkOn(db, { threshold: 2 });
    const ids = Array.from({ length: 6 }, newAssociationId);
    now = minutes(200);
    for (const id of ids) await sink.apply(signal(id, 'Failed', minutes(200)));
    const episodes = await db.prisma.alertEpisode.findMany({ where: { associationId: { in: ids } } });
    const individual = episodes.filter((e) => e.digestId === null);
    const digested = episodes.filter((e) => e.digestId !== null);
    expect(individual).toHaveLength(2);
    expect(digested).toHaveLength(4);
    expect(new Set(digested.map((e) => e.digestId)).size).toBe(1);
    const digestJobs = queue.sent.filter((j) => j.name === 'alert-digest');
    expect(new Set(digestJobs.map((j) => (j.data as { digestId: string }).digestId)).size).toBe(1);

    // What the sweep finds until the Slack side has caught up.
    const store = createEpisodeStore(db.prisma);
    const pending = await store.pendingSlackWork(minutes(201), minutes(0), 100);
    expect(pending.episodeIds).toEqual(expect.arrayContaining(individual.map((e) => e.id)));
    expect(pending.digestIds).toContain(digested[0]?.digestId);
    for (const e of individual) await store.markSynced(e.id, e.changeSeq);
    const after = await store.pendingSlackWork(minutes(201), minutes(0), 100);
    expect(after.episodeIds.filter((id) => individual.some((e) => e.id === id))).toEqual([]);
  });

  it('the posting lease is short and renewed while a post runs, fenced by the value last set', async () => {
    await subscribe(CHANNEL);
    const { sink } = sinkOn(db);
    const episodes = createEpisodeStore(db.prisma);
    now = minutes(600);
    const [episodeId] = (await sink.apply(signal(newAssociationId(), 'Failed', minutes(600)))).touched.episodeIds;
    if (!episodeId) throw new Error('no episode');

    // The lease runs on the database's clock (whatever this process's says) and is fenced by the end the
    // database set: only the holder of the value last set extends it; nobody else takes it while it runs.
    const before = Date.now();
    const claimed = await episodes.claim(episodeId, 60_000);
    expect(claimed?.record.id).toBe(episodeId);
    const held = claimed?.heldUntil ?? new Date(0);
    expect(held.getTime()).toBeGreaterThanOrEqual(before + 59_000);
    expect(await episodes.claim(episodeId, 60_000)).toBeUndefined();
    expect(await episodes.renewClaim(episodeId, new Date(held.getTime() + 1), 60_000)).toBeUndefined();
    const renewed = await episodes.renewClaim(episodeId, held, 120_000);
    expect(renewed?.getTime()).toBeGreaterThan(held.getTime());
    expect(await episodes.renewClaim(episodeId, held, 60_000)).toBeUndefined();
    await episodes.release(episodeId);
    // A lease that ran out is anyone's.
    expect(await episodes.claim(episodeId, 1)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await episodes.claim(episodeId, 60_000)).toBeDefined();
    await episodes.release(episodeId);

    // A post that outlasts the lease several times over keeps it (real clock): a second poster stays out.
    const posts: string[] = [];
    const messenger: AlertMessenger = {
      async postAlert() {
        posts.push('post');
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        return '200.000001';
      },
      updateAlert: async () => {},
      postRecoveryReply: async () => {},
      postDigest: async () => 'd',
      updateDigest: async () => {},
      postDigestItem: async () => 'i',
      updateDigestItem: async () => {},
    };
    const poster = () =>
      createAlertPoster({
        episodes,
        messenger,
        start: (input) => createInvestigationStore(db.prisma).create(input),
        accounts: [PROD],
        queue: recordingQueue(),
        pendingAlertMinutes: 60,
        channelLang: async () => 'en',
        leaseMs: 300,
        logger: { info: () => {}, warn: () => {}, error: () => {} },
      });
    const first = poster().postEpisode({ episodeId });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await poster().postEpisode({ episodeId }); // the lease (300 ms) was renewed: nothing to do
    await first;
    expect(posts).toEqual(['post']);
    expect(await db.prisma.alertEpisode.findUniqueOrThrow({ where: { id: episodeId } })).toMatchObject({
      rootTs: '200.000001',
      postLeaseUntil: null,
    });
  });

  it('posts an alert once, records a failed post and retries it from the database, then recovers it in place', async () => {
    await subscribe(CHANNEL);
    const { sink } = sinkOn(db);
    const episodes = createEpisodeStore(db.prisma);
    const calls: string[] = [];
    let failures = 1;
    const langs = new Set<string>();
    const messenger: AlertMessenger = {
      async postAlert(alert) {
        calls.push(`postAlert ${alert.status}`);
        langs.add(alert.lang);
        if (failures-- > 0) throw new Error('slack is down');
        await new Promise((resolve) => setTimeout(resolve, 50)); // long enough for a second poster to collide
        return '100.000001';
      },
      updateAlert: async (alert) => void calls.push(`updateAlert ${alert.status} ${alert.rootTs}`),
      postRecoveryReply: async (alert) => void calls.push(`postRecoveryReply ${alert.threadTs}`),
      postDigest: async () => 'd',
      updateDigest: async () => {},
      postDigestItem: async () => 'i',
      updateDigestItem: async () => {},
    };
    const started: NewInvestigation[] = [];
    const queue = recordingQueue();
    const poster = createAlertPoster({
      episodes,
      messenger,
      start: async (input) => {
        started.push(input);
        const record = await createInvestigationStore(db.prisma).create(input);
        return record;
      },
      accounts: [PROD],
      queue,
      pendingAlertMinutes: 60,
      // The channel's language: its alert and the investigation in the alert's thread speak it.
      channelLang: async (channelId) => (channelId === CHANNEL ? 'ja' : 'en'),
      clock,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    const scheduler = createAlertScheduler({
      queue,
      subscriptions: createSubscriptionStore(db.prisma),
      episodes,
      polls: createPollStore(db.prisma),
      accounts: [PROD],
      intervalSeconds: 60,
      pageBudgetPerAccount: 10,
      clock,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });

    now = minutes(400);
    const id = newAssociationId();
    const [episodeId] = (await sink.apply(signal(id, 'Failed', minutes(400)))).touched.episodeIds;
    if (!episodeId) throw new Error('no episode');

    // Slack down: the job fails, and the row says when to try again.
    await expect(poster.postEpisode({ episodeId })).rejects.toThrow('slack is down');
    const failed = await db.prisma.alertEpisode.findUniqueOrThrow({ where: { id: episodeId } });
    expect(failed).toMatchObject({ postAttempts: 1, postedAt: null, lastPostError: expect.stringContaining('down') });
    expect(failed.nextPostAt?.getTime()).toBe(minutes(400).getTime() + 5_000);
    expect((await episodes.pendingSlackWork(minutes(400), minutes(0), 100)).episodeIds).not.toContain(episodeId);

    // Later the scheduler's sweep finds it in the database and queues it again.
    now = new Date(minutes(400).getTime() + 6_000);
    queue.sent.length = 0;
    await scheduler.sweep(now);
    // (Earlier tests left unposted episodes too; they are swept as well.)
    expect(queue.sent.filter((job) => (job.data as { episodeId?: string }).episodeId === episodeId)).toEqual([
      expect.objectContaining({
        name: 'alert-post',
        options: expect.objectContaining({ singletonKey: `episode:${episodeId}` }),
      }),
    ]);
    // Two processes run it at once: the lease lets one post.
    await Promise.all([poster.postEpisode({ episodeId }), poster.postEpisode({ episodeId })]);
    expect(calls.filter((c) => c.startsWith('postAlert'))).toHaveLength(2); // the failure, then one post
    expect(started).toEqual([
      expect.objectContaining({ associationId: id, trigger: 'alert', threadTs: '100.000001', lang: 'ja' }),
    ]);
    expect([...langs]).toEqual(['ja']);
    const posted = await db.prisma.alertEpisode.findUniqueOrThrow({ where: { id: episodeId } });
    expect(posted).toMatchObject({ rootTs: '100.000001', postAttempts: 0, postLeaseUntil: null });
    expect(posted.investigationId).toBeTruthy();
    expect((await episodes.pendingSlackWork(now, minutes(0), 100)).episodeIds).not.toContain(episodeId);

    // Recovery: the root message is updated in place and the thread is told.
    now = minutes(410);
    const [again] = (await sink.apply(signal(id, 'Success', minutes(410)))).touched.episodeIds;
    expect(again).toBe(episodeId);
    await poster.postEpisode({ episodeId });
    expect(calls.slice(-2)).toEqual(['updateAlert recovered 100.000001', 'postRecoveryReply 100.000001']);
    await poster.postEpisode({ episodeId }); // nothing left to do: no repeat
    expect(calls.filter((c) => c.startsWith('postRecoveryReply'))).toHaveLength(1);
  });

  it('lets exactly one poller claim an account × region per cycle, and takes over a dead one', async () => {
    const polls = createPollStore(db.prisma);
    const run = { accountId: PROD.id, region: 'eu-west-1', cycleStart: minutes(300) };
    const claims = await Promise.all([
      polls.claim({ ...run, staleBefore: minutes(0) }),
      polls.claim({ ...run, staleBefore: minutes(0) }),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Unfinished and older than staleBefore: its poller died; another may take it.
    expect(await polls.claim({ ...run, staleBefore: new Date(Date.now() + 60_000) })).toBe(true);
    await polls.finish(run, { listed: 1 });
    expect(await polls.claim({ ...run, staleBefore: new Date(Date.now() + 60_000) })).toBe(false);
  });
});
