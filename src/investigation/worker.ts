// The durable investigation worker. A listener hands over a request (parse, authorize, enqueue, answer); the
// request is stored, leased to this process and started in-process at once, so the first AWS call follows the
// ack within milliseconds. The lease is renewed while the work runs; when a process dies (or loses its
// database), its leases lapse and any process — this one after a restart, or another replica — takes the work
// over on its next sweep (every 2 s) and resumes it: locate, then the runner, which skips the stored steps.
import { createHash, randomUUID } from 'node:crypto';
import { isAppError } from '../domain/app-error.ts';
import { runInBackground } from '../foreground.ts';
import { DEFAULT_LANG, type Lang, texts } from '../i18n/index.ts';
import { findAccountByNameOrId } from './authorize.ts';
import type { LocateFailure, Location, Locator } from './locate.ts';
import type { AccountRef, AuditLog, InvestigationRecord, InvestigationStore, NewInvestigation } from './ports.ts';
import type { Runner, RunnerLogger } from './runner.ts';
import type { InvestigationRequestRecord, InvestigationRequestStore, NewInvestigationRequest } from './work-ports.ts';

/** Slack errors that retrying cannot fix: the bot is not in the channel, or cannot see it. */
export const UNPOSTABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/** Why an investigation ended without a verdict: Slack refused every post (`code`), or it failed too often. */
export type Unfinished = { kind: 'unpostable'; code: string } | { kind: 'given-up'; message: string };

/** The summary stored for an investigation that ended without a verdict (history shows it), in its language. */
export function unfinishedSummary(ending: Unfinished, lang: Lang): string {
  const say = texts(lang).work.endings;
  return ending.kind === 'unpostable' ? say.unpostable(ending.code) : say.couldNotFinish(ending.message);
}

/** What the requester is told, ephemerally (through the command's response_url), as the request goes on. */
export interface RequesterReplies {
  /** Found after a search of several places: the ack said "looking…", this says where. */
  located(responseUrl: string, request: InvestigationRequestRecord, location: Location): Promise<void>;
  ambiguous(responseUrl: string, request: InvestigationRequestRecord, locations: Location[]): Promise<void>;
  /** Not in any place that answered; `failures` are the places that could not be searched (never "missing"). */
  notFound(
    responseUrl: string,
    request: InvestigationRequestRecord,
    absent: { account: AccountRef; region: string }[],
    failures: LocateFailure[],
  ): Promise<void>;
  problem(responseUrl: string, message: string): Promise<void>;
  unpostable(responseUrl: string, request: InvestigationRequestRecord, reason: string): Promise<void>;
  /** The request failed `attempts` times and was given up (`reason`: the last error, as it was). */
  gaveUp(responseUrl: string, request: InvestigationRequestRecord, attempts: number, reason: string): Promise<void>;
}

export interface WorkerDeps {
  requests: InvestigationRequestStore;
  store: InvestigationStore;
  locator: Locator;
  runner: Runner;
  audit: AuditLog;
  accounts: readonly AccountRef[];
  replies: RequesterReplies;
  logger: RunnerLogger;
  /** This process's lease owner id (default: random). */
  owner?: string;
  /** Lease length; renewed every third of it (default 6 s). */
  leaseMs?: number;
  /** How often lapsed or delayed work is looked for (default 2 s). */
  sweepMs?: number;
  /** Requests run at once by this process (default 4); more wait in the table. */
  concurrency?: number;
  /** Tries before a request is given up, said out loud (default 5). */
  maxAttempts?: number;
}

/** A deterministic request id from an intent key: the same intent (a retried command) is the same row. */
export function intentId(intentKey: string): string {
  const hex = createHash('sha256').update(intentKey).digest('hex');
  // RFC 9562 version 8 (custom), variant 10.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface SubmitInput extends Omit<NewInvestigationRequest, 'id'> {
  /** Same key → same request: a retry of it is a no-op. Default: a fresh id. */
  intentKey?: string;
}

export function createInvestigationWorker(deps: WorkerDeps) {
  const owner = deps.owner ?? `worker-${randomUUID()}`;
  const leaseMs = deps.leaseMs ?? 6_000;
  const sweepMs = deps.sweepMs ?? 2_000;
  const concurrency = deps.concurrency ?? 4;
  const maxAttempts = deps.maxAttempts ?? 5;
  const { requests, logger } = deps;
  const running = new Map<string, Promise<void>>();
  let sweeper: NodeJS.Timeout | undefined;
  let stopping = false;
  let sweeping: Promise<void> | undefined;

  const hasRoom = () => !stopping && running.size < concurrency;

  /** Stores a request and, when there is room, starts it now. Returns its id and whether it already existed. */
  async function submit(input: SubmitInput): Promise<{ id: string; duplicate: boolean }> {
    const { intentKey, ...fields } = input;
    const id = intentKey ? intentId(intentKey) : randomUUID();
    const request: NewInvestigationRequest = { ...fields, id };
    const leased = hasRoom();
    const stored = await requests.create(request, leased ? { owner, leaseMs } : undefined);
    if (stored === 'duplicate') return { id, duplicate: true };
    if (leased) launch({ ...request, status: 'pending', attempts: 0, createdAt: new Date() });
    else void sweep();
    return { id, duplicate: false };
  }

  /** A request whose account and region are known (Re-run, alerts): its investigation row exists on return. */
  async function startLocated(
    input: NewInvestigation,
    options: { intentKey?: string; responseUrl?: string } = {},
  ): Promise<InvestigationRecord> {
    const { id, duplicate } = await submitLocated(input, options);
    const investigation = await ensureInvestigation(id, input);
    if (!duplicate) await auditStarted(id, input);
    return investigation;
  }

  async function submitLocated(input: NewInvestigation, options: { intentKey?: string; responseUrl?: string }) {
    return submit({
      teamId: input.teamId,
      channelId: input.channelId,
      userId: input.userId,
      associationId: input.associationId,
      account: input.accountId,
      region: input.region,
      located: true,
      trigger: input.trigger,
      ...(input.threadTs ? { threadTs: input.threadTs } : {}),
      ...(input.lang ? { lang: input.lang } : {}),
      ...(options.responseUrl ? { responseUrl: options.responseUrl } : {}),
      ...(options.intentKey ? { intentKey: options.intentKey } : {}),
    });
  }

  async function ensureInvestigation(id: string, input: NewInvestigation): Promise<InvestigationRecord> {
    const existing = await deps.store.get(id);
    if (existing) return existing;
    try {
      return await deps.store.create({ ...input, id });
    } catch (error) {
      const raced = (error as { code?: unknown }).code === 'P2002' ? await deps.store.get(id) : undefined;
      if (raced) return raced;
      throw error;
    }
  }

  const auditStarted = (id: string, input: NewInvestigation) =>
    deps.audit.record({
      kind: 'investigation.started',
      teamId: input.teamId,
      channelId: input.channelId,
      userId: input.userId,
      accountId: input.accountId,
      subject: input.associationId,
      detail: { investigationId: id, region: input.region, trigger: input.trigger },
    });

  function launch(request: InvestigationRequestRecord): void {
    if (running.has(request.id)) return;
    // Background work: it lets Slack's requests be answered first (foreground.ts).
    const work = runInBackground(() => execute(request)).finally(() => {
      running.delete(request.id);
      if (!stopping) void sweep();
    });
    running.set(request.id, work);
  }

  async function execute(request: InvestigationRequestRecord): Promise<void> {
    // A lease found taken (it lapsed while the database was away, and another process claimed the request) stops
    // this run before its next write or post: the new owner resumes it, and two runs never post side by side.
    const lease = new AbortController();
    const heartbeat = setInterval(() => {
      requests.renew(request.id, owner, leaseMs).then(
        (held) => {
          if (!held && !lease.signal.aborted) lease.abort(new Error(`the lease on request ${request.id} was lost`));
        },
        (error: unknown) => logger.warn({ err: error, requestId: request.id }, 'lease renewal failed'),
      );
    }, leaseMs / 3);
    try {
      const investigationId = await investigationFor(request);
      if (investigationId !== undefined) await deps.runner.run(investigationId, { signal: lease.signal });
      await requests.finish(request.id, owner, 'done');
    } catch (error) {
      if (lease.signal.aborted) {
        logger.warn({ requestId: request.id }, 'lease was lost while working; stopped, the new owner resumes it');
        return;
      }
      await settleFailure(request, error).catch((settleError: unknown) =>
        // Most likely the database is gone: the lease lapses and a sweep takes the request again.
        logger.warn({ err: settleError, requestId: request.id }, 'could not record the failure; the lease will lapse'),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** The investigation to run for a request, locating the association first when needed; undefined when done. */
  async function investigationFor(request: InvestigationRequestRecord): Promise<string | undefined> {
    if (request.investigationId) return request.investigationId;
    const who = { teamId: request.teamId, channelId: request.channelId, userId: request.userId };
    if (request.located) {
      const account = request.account ? findAccountByNameOrId(deps.accounts, request.account) : undefined;
      if (!account || !request.region) throw new Error(`Request ${request.id} has no usable location`);
      await ensureInvestigation(request.id, locatedInput(request, account, request.region));
      await requests.setInvestigation(request.id, owner, request.id);
      return request.id;
    }
    const result = await deps.locator.locate({
      associationId: request.associationId,
      channelId: request.channelId,
      userId: request.userId,
      lang: request.lang ?? DEFAULT_LANG,
      ...(request.account ? { account: request.account } : {}),
      ...(request.region ? { region: request.region } : {}),
    });
    const url = request.responseUrl;
    if (result.kind === 'found') {
      const { account, region } = result.location;
      const input = locatedInput(request, account, region);
      await ensureInvestigation(request.id, input);
      await requests.setInvestigation(request.id, owner, request.id);
      await auditStarted(request.id, input);
      if (url && !(request.account && request.region)) await deps.replies.located(url, request, result.location);
      return request.id;
    }
    if (result.kind === 'ambiguous') {
      if (url) await deps.replies.ambiguous(url, request, result.locations);
    } else if (result.kind === 'not-found') {
      if (url) await deps.replies.notFound(url, request, result.absent, result.failures);
      if (result.problems.length > 0) {
        logger.warn({ requestId: request.id, problems: result.problems }, 'association search had problems');
      }
    } else {
      if (url) await deps.replies.problem(url, result.reason);
    }
    logger.info(
      { requestId: request.id, ...who, outcome: result.kind },
      'investigation request answered without a run',
    );
    return undefined;
  }

  function locatedInput(request: InvestigationRequestRecord, account: AccountRef, region: string): NewInvestigation {
    return {
      associationId: request.associationId,
      accountId: account.id,
      accountName: account.name,
      region,
      trigger: request.trigger,
      teamId: request.teamId,
      channelId: request.channelId,
      userId: request.userId,
      ...(request.threadTs ? { threadTs: request.threadTs } : {}),
      ...(request.lang ? { lang: request.lang } : {}),
    };
  }

  async function settleFailure(request: InvestigationRequestRecord, error: unknown): Promise<void> {
    const code = isAppError(error) ? error.upstreamCode : undefined;
    const investigationId = request.investigationId ?? (await requests.get(request.id))?.investigationId;
    if (code && UNPOSTABLE.has(code)) {
      if (investigationId) {
        await deps.store.finish(investigationId, {
          status: 'failed',
          verdictSummary: unfinishedSummary({ kind: 'unpostable', code }, request.lang ?? DEFAULT_LANG),
        });
      }
      await requests.finish(request.id, owner, 'failed', code);
      logger.warn({ requestId: request.id, reason: code }, 'cannot post in channel');
      if (request.responseUrl) await deps.replies.unpostable(request.responseUrl, request, code);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const attempts = request.attempts + 1;
    if (attempts >= maxAttempts) {
      if (investigationId) {
        await deps.store
          .finish(investigationId, {
            status: 'failed',
            verdictSummary: unfinishedSummary({ kind: 'given-up', message }, request.lang ?? DEFAULT_LANG),
          })
          .catch(() => {});
      }
      await requests.finish(request.id, owner, 'failed', message);
      logger.error({ err: error, requestId: request.id, attempts }, 'investigation request given up');
      if (request.responseUrl) {
        await deps.replies.gaveUp(request.responseUrl, request, attempts, message);
      }
      return;
    }
    const delayMs = Math.min(60_000, 1_000 * 2 ** (attempts - 1));
    logger.warn(
      { err: error, requestId: request.id, attempts, retryInMs: delayMs },
      'investigation request failed; will retry',
    );
    await requests.retryLater(request.id, owner, delayMs, message);
  }

  /** Takes lapsed or due requests, as many as there is room for. Never throws. */
  async function sweepOnce(): Promise<void> {
    const room = concurrency - running.size;
    if (stopping || room <= 0) return;
    try {
      const due = await requests.claimDue(owner, leaseMs, room);
      for (const request of due) {
        if (request.attempts > 0 || request.investigationId) {
          logger.info({ requestId: request.id, attempts: request.attempts }, 'resuming investigation request');
        }
        launch(request);
      }
    } catch (error) {
      logger.warn({ err: error }, 'work sweep failed');
    }
  }

  /** One sweep at a time; a sweep asked for while one runs runs again right after it (a slot may have freed). */
  let again = false;
  function sweep(): Promise<void> {
    if (sweeping) {
      again = true;
      return sweeping;
    }
    const run = (async () => {
      do {
        again = false;
        await sweepOnce();
      } while (again && !stopping);
    })();
    sweeping = run;
    void run.finally(() => {
      if (sweeping === run) sweeping = undefined;
    });
    return run;
  }

  return {
    owner,
    submit,
    startLocated,
    /** Starts sweeping: lapsed work from a crashed process is resumed within a sweep of its lease lapsing. */
    startSweeping: () => {
      void sweep();
      sweeper = setInterval(() => void sweep(), sweepMs);
      sweeper.unref();
    },
    /** Stops taking work, waits (bounded) for the running requests, and gives back the leases of the rest. */
    async stop(timeoutMs = 30_000): Promise<void> {
      stopping = true;
      if (sweeper) clearInterval(sweeper);
      await sweeping;
      const all = Promise.allSettled([...running.values()]);
      await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      await Promise.allSettled([...running.keys()].map((id) => requests.release(id, owner)));
    },
    /** Requests running in this process now. */
    runningCount: () => running.size,
  };
}
export type InvestigationWorker = ReturnType<typeof createInvestigationWorker>;
