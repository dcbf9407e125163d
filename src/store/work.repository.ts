// Investigation requests (leases), intent claims and the Slack post ledger (see src/investigation/work-ports.ts).
// Leases and claims compare against the database's clock, so replicas with skewed clocks agree.
import type {
  ClaimResult,
  IntentClaims,
  InvestigationRequestRecord,
  InvestigationRequestStore,
  NewInvestigationRequest,
  PostLedger,
} from '../investigation/work-ports.ts';
import { Prisma, type PrismaClient } from './generated/client.ts';
import { storedLang } from './investigation.repository.ts';
import type { SqlRunner } from './sql.ts';

const requestSelect = {
  id: true,
  teamId: true,
  channelId: true,
  userId: true,
  associationId: true,
  account: true,
  region: true,
  located: true,
  threadTs: true,
  responseUrl: true,
  trigger: true,
  lang: true,
  status: true,
  investigationId: true,
  attempts: true,
  createdAt: true,
} satisfies Prisma.InvestigationRequestSelect;

type RequestRow = Prisma.InvestigationRequestGetPayload<{ select: typeof requestSelect }>;

function toRequest(row: RequestRow): InvestigationRequestRecord {
  return {
    id: row.id,
    teamId: row.teamId,
    channelId: row.channelId,
    userId: row.userId,
    associationId: row.associationId,
    located: row.located,
    trigger: row.trigger,
    status: row.status as InvestigationRequestRecord['status'],
    attempts: row.attempts,
    createdAt: row.createdAt,
    ...(row.account === null ? {} : { account: row.account }),
    ...(row.region === null ? {} : { region: row.region }),
    ...(row.threadTs === null ? {} : { threadTs: row.threadTs }),
    ...(row.responseUrl === null ? {} : { responseUrl: row.responseUrl }),
    ...(row.investigationId === null ? {} : { investigationId: row.investigationId }),
    ...storedLang(row.lang),
  };
}

/** `now() + ms` on the database's clock, as a SQL fragment. */
const leaseEnd = (ms: number) => Prisma.sql`now() + ${ms} * interval '1 millisecond'`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type PendingRequest = [NewInvestigationRequest, { owner: string; leaseMs: number } | undefined];

const REQUEST_COLUMNS = `(id, team_id, channel_id, user_id, association_id, account, region, located, thread_ts,
  response_url, trigger, lang, lease_owner, lease_until, not_before, created_at, updated_at)`;
const PARAMS_PER_REQUEST = 14;

/**
 * One row's VALUES tuple, its parameters from $(offset + 1). Times are the database's, whatever our clock says;
 * no lease (a NULL length) makes a NULL lease end.
 */
function requestTuple(offset: number): string {
  const $ = (n: number) => `$${offset + n}`;
  return `(${$(1)}::uuid, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}, ${$(8)}, ${$(9)}, ${$(10)},
    ${$(11)}::investigation_trigger, ${$(12)}, ${$(13)},
    now() + ${$(14)}::int * interval '1 millisecond',
    now(), now(), now())`;
}

function requestParams([request, lease]: PendingRequest): unknown[] {
  return [
    request.id,
    request.teamId,
    request.channelId,
    request.userId,
    request.associationId,
    request.account ?? null,
    request.region ?? null,
    request.located,
    request.threadTs ?? null,
    request.responseUrl ?? null,
    request.trigger,
    request.lang ?? null,
    lease?.owner ?? null,
    lease ? Math.round(lease.leaseMs) : null,
  ];
}

/**
 * The ack's insert: plain SQL straight to the driver (no ORM, no transaction). Requests that arrive while one
 * insert is on its way go together in the next one — a burst of 50 commands is a handful of statements on one
 * connection, not 50 (and not 10 fresh connections). A request already stored (the same intent) is left as it is
 * and answered 'duplicate'; so is the second of two copies in one batch. A batch that fails is tried row by row,
 * so one bad row fails only its own command.
 */
function createRequestInserter(sql: SqlRunner): InvestigationRequestStore['create'] {
  type Waiting = {
    row: PendingRequest;
    settle: (outcome: 'created' | 'duplicate') => void;
    fail: (e: unknown) => void;
  };
  let queue: Waiting[] = [];
  let busy = false;

  async function insert(rows: PendingRequest[]): Promise<Set<string>> {
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO investigation_request ${REQUEST_COLUMNS}
       VALUES ${rows.map((_, i) => requestTuple(i * PARAMS_PER_REQUEST)).join(', ')}
       ON CONFLICT (id) DO NOTHING
       RETURNING id::text AS id`,
      rows.flatMap(requestParams),
    );
    return new Set(inserted.map((r) => r.id));
  }

  function answer(batch: Waiting[], created: Set<string>): void {
    for (const waiting of batch) {
      const { id } = waiting.row[0];
      waiting.settle(created.delete(id) ? 'created' : 'duplicate'); // a second copy of one id: duplicate
    }
  }

  async function drain(): Promise<void> {
    busy = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        answer(batch, await insert(batch.map((w) => w.row)));
      } catch (error) {
        if (batch.length === 1) batch[0]?.fail(error);
        else {
          for (const one of batch) {
            await insert([one.row]).then(
              (created) => answer([one], created),
              (e: unknown) => one.fail(e),
            );
          }
        }
      }
    }
    busy = false;
  }

  return (request, lease) =>
    new Promise((settle, fail) => {
      queue.push({ row: [request, lease], settle, fail });
      if (!busy) void drain();
    });
}

/** `sql` carries the ack's insert (no ORM on that path); the rest goes through Prisma. */
export function createInvestigationRequestStore(db: {
  prisma: PrismaClient;
  sql: SqlRunner;
}): InvestigationRequestStore {
  const { prisma, sql } = db;
  const fenced = (id: string, owner: string) => ({ id, leaseOwner: owner });

  return {
    create: createRequestInserter(sql),

    async get(id) {
      if (!UUID.test(id)) return undefined;
      const row = await prisma.investigationRequest.findUnique({ where: { id }, select: requestSelect });
      return row === null ? undefined : toRequest(row);
    },

    async claimDue(owner, leaseMs, limit) {
      if (limit <= 0) return [];
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        UPDATE investigation_request SET lease_owner = ${owner}, lease_until = ${leaseEnd(leaseMs)}, updated_at = now()
         WHERE id IN (SELECT id FROM investigation_request
                       WHERE status = 'pending' AND not_before <= now()
                         AND (lease_until IS NULL OR lease_until < now())
                       ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING id`;
      if (rows.length === 0) return [];
      const found = await prisma.investigationRequest.findMany({
        where: { id: { in: rows.map((r) => r.id) } },
        orderBy: { createdAt: 'asc' },
        select: requestSelect,
      });
      return found.map(toRequest);
    },

    async renew(id, owner, leaseMs) {
      if (!UUID.test(id)) return false;
      const count = await prisma.$executeRaw`
        UPDATE investigation_request SET lease_until = ${leaseEnd(leaseMs)}, updated_at = now()
         WHERE id = ${id}::uuid AND lease_owner = ${owner} AND status = 'pending'`;
      return count === 1;
    },

    async setInvestigation(id, owner, investigationId) {
      await prisma.investigationRequest.updateMany({ where: fenced(id, owner), data: { investigationId } });
    },

    async finish(id, owner, status, error) {
      await prisma.investigationRequest.updateMany({
        where: fenced(id, owner),
        data: { status, leaseOwner: null, leaseUntil: null, ...(error === undefined ? {} : { lastError: error }) },
      });
    },

    async retryLater(id, owner, delayMs, error) {
      if (!UUID.test(id)) return;
      await prisma.$executeRaw`
        UPDATE investigation_request
           SET lease_owner = NULL, lease_until = NULL, attempts = attempts + 1, last_error = ${error},
               not_before = now() + ${delayMs} * interval '1 millisecond', updated_at = now()
         WHERE id = ${id}::uuid AND lease_owner = ${owner}`;
    },

    async release(id, owner) {
      await prisma.investigationRequest.updateMany({
        where: fenced(id, owner),
        data: { leaseOwner: null, leaseUntil: null },
      });
    },
  };
}

export function createIntentClaims(prisma: PrismaClient): IntentClaims {
  return {
    async claim(key, seconds, subject): Promise<ClaimResult> {
      // One statement: insert, or take over a claim that has run out; a live claim is left alone.
      const rows = await prisma.$queryRaw<{ key: string }[]>`
        INSERT INTO intent_claim (key, claimed_until, subject)
        VALUES (${key}, now() + ${seconds} * interval '1 second', ${subject ?? null})
        ON CONFLICT (key) DO UPDATE SET claimed_until = EXCLUDED.claimed_until, subject = EXCLUDED.subject
         WHERE intent_claim.claimed_until < now()
        RETURNING key`;
      if (rows.length === 1) return { claimed: true };
      const live = await prisma.intentClaim.findUnique({ where: { key }, select: { subject: true } });
      return { claimed: false, ...(live?.subject ? { subject: live.subject } : {}) };
    },
    async release(key) {
      await prisma.intentClaim.deleteMany({ where: { key } });
    },
  };
}

export function createPostLedger(prisma: PrismaClient): PostLedger {
  return {
    async begin(key, channelId, threadTs) {
      const inserted = await prisma.slackPost.createMany({
        data: [{ key, channelId, threadTs: threadTs ?? null }],
        skipDuplicates: true,
      });
      if (inserted.count === 1) return { state: 'new' };
      const row = await prisma.slackPost.findUnique({ where: { key }, select: { ts: true, createdAt: true } });
      if (row?.ts) return { state: 'posted', ts: row.ts };
      return { state: 'unconfirmed', since: row?.createdAt ?? new Date(0) };
    },
    async confirm(key, ts) {
      await prisma.slackPost.updateMany({ where: { key }, data: { ts } });
    },
  };
}
