// The durable work tables on a real database: request leases (claim, renew, fence, lapse), intent claims
// (dedupe windows shared by replicas) and the Slack post ledger.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NewInvestigationRequest } from '../../src/investigation/work-ports.ts';
import { intentId } from '../../src/investigation/worker.ts';
import type { Database } from '../../src/store/database.ts';
import {
  createIntentClaims,
  createInvestigationRequestStore,
  createPostLedger,
} from '../../src/store/work.repository.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const request = (overrides: Partial<NewInvestigationRequest> = {}): NewInvestigationRequest => ({
  id: randomUUID(),
  teamId: 'T1',
  channelId: 'C1',
  userId: 'U1',
  associationId: '8dfe3659-4309-493a-8755-0123456789ab',
  located: false,
  trigger: 'command',
  ...overrides,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(databaseBackends())('work store on $name', (backend) => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await backend.create();
    db = await testDb.open();
  });
  afterAll(() => testDb?.dispose());

  it('the same intent key gives the same request id; a second create of it is a duplicate and changes nothing', async () => {
    const requests = createInvestigationRequestStore(db);
    const id = intentId(`command:T1:${randomUUID()}`);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await requests.create(request({ id }))).toBe('created');
    expect(await requests.create(request({ id, associationId: 'assoc-other' }))).toBe('duplicate');
    expect((await requests.get(id))?.associationId).toBe(request({ id }).associationId);
  });

  it('a burst of creates goes in a few statements: each answered for itself, duplicates too, a bad row alone fails', async () => {
    const requests = createInvestigationRequestStore(db);
    const stored = request();
    await requests.create(stored);
    const fresh = Array.from({ length: 30 }, () => request());
    const twice = request();
    const bad = request({ trigger: 'not-a-trigger' as NewInvestigationRequest['trigger'] });
    const outcomes = await Promise.allSettled([
      ...fresh.map((r) => requests.create(r, { owner: 'w1', leaseMs: 6_000 })),
      requests.create(twice),
      requests.create(twice),
      requests.create(stored),
      requests.create(bad),
    ]);
    const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'failed'));
    expect(values.slice(0, 30)).toEqual(Array(30).fill('created'));
    expect(values.slice(30)).toEqual(['created', 'duplicate', 'duplicate', 'failed']);
    for (const r of fresh.slice(0, 3)) {
      expect(await requests.get(r.id)).toMatchObject({ id: r.id, associationId: r.associationId });
    }
    expect(await requests.get(bad.id)).toBeUndefined();
    // The lease came with the insert: another owner cannot claim the fresh ones.
    const claimed = await requests.claimDue('w2', 6_000, 100);
    expect(claimed.map((c) => c.id)).not.toContain(fresh[0]?.id);
  });

  it('keeps the language a request will speak in its thread; none stays none (English)', async () => {
    const requests = createInvestigationRequestStore(db);
    const japanese = request({ lang: 'ja' });
    const plain = request();
    await requests.create(japanese);
    await requests.create(plain);
    expect((await requests.get(japanese.id))?.lang).toBe('ja');
    const stored = await requests.get(plain.id);
    expect(stored).toBeDefined();
    expect(stored && 'lang' in stored).toBe(false);
  });

  it('leases: a leased request is not claimed by others until its lease lapses; fenced writes need the lease', async () => {
    const requests = createInvestigationRequestStore(db);
    const r = request();
    await requests.create(r, { owner: 'A', leaseMs: 300 });
    expect((await requests.claimDue('B', 5_000, 10)).map((x) => x.id)).not.toContain(r.id);
    await sleep(400);
    const claimed = await requests.claimDue('B', 5_000, 10);
    expect(claimed.map((x) => x.id)).toContain(r.id);
    // A is fenced out: its renewal fails and its finish changes nothing.
    expect(await requests.renew(r.id, 'A', 5_000)).toBe(false);
    await requests.finish(r.id, 'A', 'done');
    expect((await requests.get(r.id))?.status).toBe('pending');
    expect(await requests.renew(r.id, 'B', 5_000)).toBe(true);
    await requests.finish(r.id, 'B', 'done');
    expect((await requests.get(r.id))?.status).toBe('done');
    expect((await requests.claimDue('C', 5_000, 10)).map((x) => x.id)).not.toContain(r.id);
  });

  it('retryLater counts the attempt and hides the request until its time; release hands it over at once', async () => {
    const requests = createInvestigationRequestStore(db);
    const r = request();
    await requests.create(r, { owner: 'A', leaseMs: 60_000 });
    await requests.retryLater(r.id, 'A', 300, 'boom');
    expect((await requests.claimDue('B', 5_000, 10)).map((x) => x.id)).not.toContain(r.id);
    await sleep(400);
    const [again] = (await requests.claimDue('B', 60_000, 10)).filter((x) => x.id === r.id);
    expect(again?.attempts).toBe(1);
    await requests.release(r.id, 'B');
    expect((await requests.claimDue('C', 5_000, 10)).map((x) => x.id)).toContain(r.id);
  });

  it('leases and claims run on the database clock: a replica whose clock is an hour off changes nothing', async () => {
    const requests = createInvestigationRequestStore(db);
    const claims = createIntentClaims(db.prisma);
    const fast = request();
    const slow = request();
    const retried = request();
    const key = `show:${randomUUID()}`;
    // Only Date is faked (this process's clock); timers and the server's clock run on. PGlite's clock is this
    // process's (a skew there moves the database too), so on PGlite the same steps run unskewed.
    const skewMs = backend.name === 'postgres' ? 3_600_000 : 0;
    const shift = (ms: number) => {
      if (ms) vi.setSystemTime(Date.now() + ms);
    };
    if (skewMs) vi.useFakeTimers({ toFake: ['Date'] });
    try {
      shift(skewMs); // an hour fast: an app-clock lease would last an hour
      await requests.create(fast, { owner: 'A', leaseMs: 2_000 });
      expect(await claims.claim(key, 2, 'A')).toEqual({ claimed: true });
      shift(-2 * skewMs); // an hour slow: an app-clock lease would be over at once
      await requests.create(slow, { owner: 'A', leaseMs: 2_000 });
      expect(await requests.renew(slow.id, 'A', 60_000)).toBe(true);
      await requests.create(retried, { owner: 'A', leaseMs: 60_000 });
      await requests.retryLater(retried.id, 'A', 60_000, 'later'); // an app-clock delay would be over at once
      const early = (await requests.claimDue('B', 5_000, 50)).map((r) => r.id);
      expect(early).not.toContain(fast.id);
      expect(early).not.toContain(slow.id);
      expect(early).not.toContain(retried.id);
      expect(await claims.claim(key, 2, 'B')).toMatchObject({ claimed: false, subject: 'A' });
      await sleep(2_300);
      const later = (await requests.claimDue('B', 5_000, 50)).map((r) => r.id);
      expect(later).toContain(fast.id);
      expect(later).not.toContain(slow.id);
      expect(later).not.toContain(retried.id);
      expect(await claims.claim(key, 2, 'B')).toEqual({ claimed: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it('two claimers at once never get the same request', async () => {
    const requests = createInvestigationRequestStore(db);
    const ids = Array.from({ length: 6 }, () => request());
    for (const r of ids) await requests.create(r);
    const [a, b] = await Promise.all([requests.claimDue('A', 5_000, 4), requests.claimDue('B', 5_000, 4)]);
    const mine = new Set(ids.map((r) => r.id));
    const fromA = (a ?? []).filter((r) => mine.has(r.id)).map((r) => r.id);
    const fromB = (b ?? []).filter((r) => mine.has(r.id)).map((r) => r.id);
    expect(fromA.filter((id) => fromB.includes(id))).toEqual([]);
  });

  it('intent claims: one holder per window, across "replicas"; released or lapsed claims can be taken again', async () => {
    const claims = createIntentClaims(db.prisma);
    const other = createIntentClaims(db.prisma);
    const key = `rerun:${randomUUID()}`;
    const results = await Promise.all([claims.claim(key, 1, 'x'), other.claim(key, 1, 'y')]);
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    expect(await claims.claim(key, 1)).toMatchObject({ claimed: false });
    await sleep(1_100);
    expect(await other.claim(key, 60)).toEqual({ claimed: true });
    await other.release(key);
    expect(await claims.claim(key, 60)).toEqual({ claimed: true });
  });

  it('post ledger: new → unconfirmed until confirmed → posted with its ts', async () => {
    const ledger = createPostLedger(db.prisma);
    const key = `inv:${randomUUID()}:step:3`;
    expect(await ledger.begin(key, 'C1', '1.1')).toEqual({ state: 'new' });
    expect(await ledger.begin(key, 'C1', '1.1')).toMatchObject({ state: 'unconfirmed' });
    await ledger.confirm(key, '1767225600.000100');
    expect(await ledger.begin(key, 'C1', '1.1')).toEqual({ state: 'posted', ts: '1767225600.000100' });
  });
});
