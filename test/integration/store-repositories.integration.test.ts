import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/domain/app-error.ts';
import type { Diagnosis } from '../../src/domain/finding.ts';
import type {
  AssociationLocationStore,
  AuditLog,
  InvestigationStore,
  NewInvestigation,
  StepResult,
} from '../../src/investigation/ports.ts';
import { createAssociationLocationStore } from '../../src/store/association-location.repository.ts';
import { createAuditLog } from '../../src/store/audit-log.repository.ts';
import { createChannelLanguageStore } from '../../src/store/channel-language.repository.ts';
import type { Database } from '../../src/store/database.ts';
import { createInvestigationStore } from '../../src/store/investigation.repository.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

function newInvestigation(overrides: Partial<NewInvestigation> = {}): NewInvestigation {
  return {
    associationId: unique('assoc'),
    accountId: '111122223333',
    accountName: 'prod',
    region: 'eu-west-1',
    trigger: 'command',
    teamId: unique('T'),
    channelId: 'C0123',
    userId: 'U0123',
    ...overrides,
  };
}

const lastPing = new Date('2026-01-02T03:04:05.678Z');

function step(ordinal: number, overrides: Partial<StepResult> = {}): StepResult {
  return {
    key: 'nodes',
    ordinal,
    title: `Step ${ordinal}`,
    status: 'warning',
    facts: [{ label: 'Ping status', value: 'ConnectionLost' }],
    findings: [],
    gaps: [{ step: 'nodes', kind: 'access-denied', action: 'ec2:DescribeInstances', message: 'denied' }],
    durationMs: 12.6,
    patch: {
      nodes: [
        {
          instanceId: 'i-0abc',
          managed: true,
          pingStatus: 'ConnectionLost',
          lastPingAt: lastPing,
          associationStatus: {
            associationId: 'a',
            executionAt: new Date('2026-01-01T00:00:00.000Z'),
            // Not a date key: an ISO-looking string here stays a string.
            outputUrl: '2026-01-01T00:00:00.000Z',
          },
        },
      ],
      executions: [
        { executionId: 'e-1', status: 'Failed', createdAt: new Date('2025-12-31T23:59:59.000Z'), resourceCounts: {} },
      ],
    },
    ...overrides,
  };
}

describe.each(databaseBackends())('repositories on $name', (backend) => {
  let testDb: TestDatabase;
  let db: Database;
  let store: InvestigationStore;
  let locations: AssociationLocationStore;
  let audit: AuditLog;

  beforeAll(async () => {
    testDb = await backend.create();
    db = await testDb.open();
    store = createInvestigationStore(db.prisma);
    locations = createAssociationLocationStore(db.prisma);
    audit = createAuditLog(db.prisma);
  });
  afterAll(() => testDb?.dispose());

  it('answers ping', async () => {
    expect(await db.ping()).toBe(true);
    expect(db.kind).toBe(backend.name);
  });

  describe('investigations', () => {
    it('creates a queued investigation and reads it back', async () => {
      const input = newInvestigation({ threadTs: '1700000000.000100' });
      const created = await store.create(input);
      expect(created).toMatchObject({ ...input, status: 'queued' });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(created.rootTs).toBeUndefined();
      expect(created.finishedAt).toBeUndefined();
      expect(await store.get(created.id)).toEqual(created);
    });

    it('keeps the language of its thread; none reads back as none (English)', async () => {
      const japanese = await store.create(newInvestigation({ lang: 'ja' }));
      expect(japanese.lang).toBe('ja');
      expect((await store.get(japanese.id))?.lang).toBe('ja');
      const plain = await store.get((await store.create(newInvestigation())).id);
      expect(plain && 'lang' in plain).toBe(false);
    });

    it('answers undefined for an unknown or malformed id', async () => {
      expect(await store.get(randomUUID())).toBeUndefined();
      expect(await store.get('not-a-uuid')).toBeUndefined();
      expect(await store.listSteps('not-a-uuid')).toEqual([]);
    });

    it('moves through running, root message and finish', async () => {
      const { id } = await store.create(newInvestigation());
      await store.markRunning(id);
      expect((await store.get(id))?.status).toBe('running');

      await store.setRootMessage(id, { rootTs: '1.1', threadTs: '1.1' });
      const diagnosis: Diagnosis = { outcome: 'healthy', findings: [], checked: ['agent'], gaps: [], summary: 'ok' };
      await store.finish(id, { status: 'done', verdictSummary: 'Nothing wrong', diagnosis });

      const done = await store.get(id);
      expect(done).toMatchObject({ status: 'done', rootTs: '1.1', threadTs: '1.1', verdictSummary: 'Nothing wrong' });
      expect(done?.finishedAt).toBeInstanceOf(Date);
      expect(done!.updatedAt.getTime()).toBeGreaterThanOrEqual(done!.createdAt.getTime());
      const row = await db.prisma.investigation.findUnique({ where: { id }, select: { diagnosis: true } });
      expect(row?.diagnosis).toEqual(diagnosis);
    });

    it('refuses to update an investigation that does not exist', async () => {
      for (const id of [randomUUID(), 'garbage']) {
        const error = await store.markRunning(id).catch((e: unknown) => e);
        expect(isAppError(error, 'not-found')).toBe(true);
      }
      for (const id of [randomUUID(), 'garbage']) {
        const error = await store.appendStep(id, step(0)).catch((e: unknown) => e);
        expect(isAppError(error, 'not-found')).toBe(true);
      }
    });

    it('stores each step once per ordinal, in order, with the Dates of its patch revived', async () => {
      const { id } = await store.create(newInvestigation());
      await store.appendStep(id, step(1));
      await store.appendStep(id, step(0, { key: 'access', title: 'Access', status: 'ok' }));
      // A resumed run appends the same ordinal again, even concurrently: the first one stays.
      await Promise.all([
        store.appendStep(id, step(1, { title: 'again' })),
        store.appendStep(id, step(1, { title: 'and again' })),
      ]);

      const steps = await store.listSteps(id);
      expect(steps.map((s) => [s.ordinal, s.key, s.title])).toEqual([
        [0, 'access', 'Access'],
        [1, 'nodes', 'Step 1'],
      ]);
      const stored = steps[1]!;
      const expected = step(1);
      expect(stored).toMatchObject({
        status: 'warning',
        facts: expected.facts,
        gaps: expected.gaps,
        findings: [],
        durationMs: 13,
      });
      expect(stored.messageTs).toBeUndefined();
      const node = stored.patch.nodes![0]!;
      expect(node.lastPingAt).toBeInstanceOf(Date);
      expect(node.lastPingAt).toEqual(lastPing);
      expect(node.associationStatus?.executionAt).toEqual(new Date('2026-01-01T00:00:00.000Z'));
      expect(node.associationStatus?.outputUrl).toBe('2026-01-01T00:00:00.000Z');
      expect(stored.patch.executions![0]!.createdAt).toEqual(new Date('2025-12-31T23:59:59.000Z'));
      expect(stored.patch).toEqual(expected.patch);
    });

    it('records the Slack message of a step', async () => {
      const { id } = await store.create(newInvestigation());
      await store.appendStep(id, step(0));
      await store.setStepMessage(id, 0, '1700000000.000200');
      expect((await store.listSteps(id))[0]?.messageTs).toBe('1700000000.000200');
      const error = await store.setStepMessage(id, 7, 'x').catch((e: unknown) => e);
      expect(isAppError(error, 'not-found')).toBe(true);
    });

    it('finds recent investigations newest first, by team, channel and association', async () => {
      const teamId = unique('T');
      const associationId = unique('assoc');
      const made = [];
      for (const [channelId, assoc] of [
        ['C1', associationId],
        ['C2', associationId],
        ['C1', unique('assoc')],
        ['C1', associationId],
      ] as const) {
        made.push(await store.create(newInvestigation({ teamId, channelId, associationId: assoc })));
        await new Promise((resolve) => setTimeout(resolve, 5)); // distinct created_at (ms precision)
      }
      await store.create(newInvestigation({ channelId: 'C1', associationId })); // another team

      const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
      expect(ids(await store.findRecent({ teamId, limit: 10 }))).toEqual(ids([...made].reverse()));
      expect(ids(await store.findRecent({ teamId, channelId: 'C1', limit: 2 }))).toEqual([made[3]!.id, made[2]!.id]);
      expect(ids(await store.findRecent({ teamId, associationId, limit: 10 }))).toEqual([
        made[3]!.id,
        made[1]!.id,
        made[0]!.id,
      ]);
      expect(ids(await store.findRecent({ teamId, channelId: 'C2', associationId, limit: 10 }))).toEqual([made[1]!.id]);
    });

    it('deletes the steps with their investigation', async () => {
      const { id } = await store.create(newInvestigation());
      await store.appendStep(id, step(0));
      await db.prisma.investigation.delete({ where: { id } });
      expect(await db.prisma.investigationStep.count({ where: { investigationId: id } })).toBe(0);
    });
  });

  describe('channel languages', () => {
    it("sets, replaces and (auto) removes a channel's language, per team and channel", async () => {
      const languages = createChannelLanguageStore(db.prisma);
      const teamId = unique('T');
      expect(await languages.get(teamId, 'C1')).toBeUndefined();
      await languages.set({ teamId, channelId: 'C1', lang: 'ja', setBy: 'U1' });
      expect(await languages.get(teamId, 'C1')).toMatchObject({ teamId, channelId: 'C1', lang: 'ja', setBy: 'U1' });
      expect(await languages.get(teamId, 'C2')).toBeUndefined();
      expect(await languages.get(unique('T'), 'C1')).toBeUndefined();
      await languages.set({ teamId, channelId: 'C1', lang: 'en', setBy: 'U2' });
      expect(await languages.get(teamId, 'C1')).toMatchObject({ lang: 'en', setBy: 'U2' });
      // By channel alone (alerts know no team).
      const channelId = unique('C');
      expect(await languages.forChannel(channelId)).toBeUndefined();
      await languages.set({ teamId, channelId, lang: 'ja', setBy: 'U4' });
      expect(await languages.forChannel(channelId)).toMatchObject({ teamId, channelId, lang: 'ja' });
      await languages.set({ teamId, channelId: 'C1', lang: 'auto', setBy: 'U3' });
      expect(await languages.get(teamId, 'C1')).toBeUndefined();
      await languages.set({ teamId, channelId: 'C1', lang: 'auto', setBy: 'U3' });
      expect(await languages.get(teamId, 'C1')).toBeUndefined();
    });

    it('reads a language this version does not speak as no setting', async () => {
      const languages = createChannelLanguageStore(db.prisma);
      const teamId = unique('T');
      await db.prisma.channelLanguage.create({ data: { teamId, channelId: 'C1', lang: 'xx', setBy: 'U1' } });
      expect(await languages.get(teamId, 'C1')).toBeUndefined();
    });
  });

  describe('association locations', () => {
    it('remembers the last place an association was found', async () => {
      const associationId = unique('assoc');
      expect(await locations.find(associationId)).toBeUndefined();
      await locations.remember(associationId, { accountId: '111122223333', region: 'eu-west-1' });
      expect(await locations.find(associationId)).toEqual({ accountId: '111122223333', region: 'eu-west-1' });
      await locations.remember(associationId, { accountId: '444455556666', region: 'us-east-1' });
      expect(await locations.find(associationId)).toEqual({ accountId: '444455556666', region: 'us-east-1' });
    });
  });

  describe('audit log', () => {
    it('records events with their details', async () => {
      const teamId = unique('T');
      await audit.record({
        kind: 'investigation.refused',
        teamId,
        userId: 'U1',
        subject: 'assoc-1',
        detail: { why: 'x' },
      });
      await audit.record({ kind: 'subscription.created', teamId });
      const rows = await db.prisma.auditEvent.findMany({
        where: { teamId },
        orderBy: { createdAt: 'asc' },
        select: { kind: true, userId: true, subject: true, detail: true, channelId: true },
      });
      expect(rows).toEqual([
        { kind: 'investigation.refused', userId: 'U1', subject: 'assoc-1', detail: { why: 'x' }, channelId: null },
        { kind: 'subscription.created', userId: null, subject: null, detail: {}, channelId: null },
      ]);
    });
  });

  describe('tables for the alerting issue', () => {
    it('merges duplicate subscriptions by filter key and keeps alert episodes unique by dedupe key', async () => {
      const teamId = unique('T');
      const subscription = {
        teamId,
        channelId: 'C1',
        accountId: '111122223333',
        filterKey: 'account=111122223333',
        createdBy: 'U1',
      };
      const { id } = await db.prisma.subscription.create({ data: subscription, select: { id: true } });
      await expect(db.prisma.subscription.create({ data: subscription })).rejects.toMatchObject({ code: 'P2002' });

      const episode = {
        subscriptionId: id,
        teamId,
        channelId: 'C1',
        associationId: 'assoc-1',
        accountId: '111122223333',
        region: 'eu-west-1',
        triggerStatus: 'Failed' as const,
        source: 'poll' as const,
        dedupeKey: unique('episode'),
        lastSeenStatus: 'Failed',
      };
      const created = await db.prisma.alertEpisode.create({
        data: episode,
        select: { status: true, postAttempts: true },
      });
      expect(created).toEqual({ status: 'open', postAttempts: 0 });
      await expect(db.prisma.alertEpisode.create({ data: episode })).rejects.toMatchObject({ code: 'P2002' });
    });
  });
});
