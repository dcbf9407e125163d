// The fleet view: every Failed/Pending association of some accounts × regions, grouped by failure signature.
// Per pair, the alert poller's state answers when it is fresh and saw the whole region; otherwise a bounded live
// scan lists the Failed and the Pending associations (server-side status filter, at most `pagesPerStatus`
// ListAssociations calls each). Every answer says where each pair's data came from and how old it is.
import { isAppError, userText } from '../domain/app-error.ts';
import {
  FAILING_STATUSES,
  type FailingAssociation,
  type FailureGroup,
  groupFailures,
  isFresh,
} from '../domain/fleet.ts';
import type { Lang } from '../i18n/index.ts';
import { mapBounded } from '../investigation/gaps.ts';
import type { AccountRef, AwsGateway } from '../investigation/ports.ts';
import { type FleetSnapshot, type FleetStore, type PollSummary, pairKey } from './ports.ts';

/** ListAssociations returns at most 50 associations per call. */
const PAGE_SIZE = 50;
/** Default calls per status per account × region: 20 × 50 = 1,000 Failed and 1,000 Pending associations. */
export const DEFAULT_PAGES_PER_STATUS = 20;
/** Failing associations kept per pair in the stored snapshot (counts are kept whole). */
const SNAPSHOT_ITEMS = 500;
/** A diagnosis older than this no longer names an association's cause. */
const CAUSE_MAX_AGE_MS = 7 * 24 * 3_600_000;

export interface FleetPair {
  account: AccountRef;
  region: string;
}

/** What is known of one account × region, and where it came from. */
export interface PairReport {
  account: AccountRef;
  region: string;
  source: 'poll' | 'scan' | 'none' | 'error';
  observedAt?: Date;
  truncated: boolean;
  /** ListAssociations calls this answer made (0 when stored state answered). */
  calls: number;
  failed: number;
  pending: number;
  /** Associations in the region, when a complete poll counted them. */
  total?: number;
  /** When the alert poller last finished this pair. */
  lastPollAt?: Date;
  error?: string;
  /** With source `error`: the AWS error code of the failed listing (e.g. `AccessDeniedException`). */
  errorCode?: string;
}

export interface FleetReport {
  at: Date;
  pairs: PairReport[];
  groups: FailureGroup[];
}

export interface FleetScannerDeps {
  gateway: AwsGateway;
  store: FleetStore;
  /** The alert poll interval: poll state younger than twice this is fresh. */
  pollIntervalSeconds: number;
  pagesPerStatus?: number;
  /** Pairs scanned at once. */
  concurrency?: number;
  clock?: () => Date;
}

export interface FleetScanner {
  /** Answers from fresh poll state where it can, else scans live (bounded). Errors of one pair stay in its report. */
  /** `lang`: the language of the groups' decisive errors (a group with no diagnosed cause is described). */
  scan(pairs: FleetPair[], requester: { userId: string }, lang: Lang): Promise<FleetReport>;
  /** Stored data only (no AWS call): the latest poll or scan of each pair, for App Home. */
  overview(pairs: FleetPair[], lang: Lang): Promise<FleetReport>;
}

/** A poll that listed every association of its region (no subscription filter left any out) and finished. */
const isCompletePoll = (poll: PollSummary | undefined): poll is PollSummary =>
  poll !== undefined &&
  !poll.error &&
  !poll.truncated &&
  poll.listed !== undefined &&
  poll.relevant !== undefined &&
  poll.listed === poll.relevant;

const count = (items: readonly { status: string }[], status: string) => items.filter((i) => i.status === status).length;

export function createFleetScanner(deps: FleetScannerDeps): FleetScanner {
  const clock = deps.clock ?? (() => new Date());
  const pagesPerStatus = deps.pagesPerStatus ?? DEFAULT_PAGES_PER_STATUS;
  const freshMs = 2 * deps.pollIntervalSeconds * 1_000;

  async function fromPoll(pair: FleetPair, poll: PollSummary) {
    const rows = await deps.store.polledFailing(pair.account.id, pair.region, poll.cycleStart);
    return rows.map((r): FailingAssociation => ({ ...r, accountName: pair.account.name }));
  }

  async function liveScan(pair: FleetPair, requester: { userId: string }) {
    const reader = deps.gateway.reader(pair.account, pair.region, requester);
    const items: FailingAssociation[] = [];
    let calls = 0;
    let truncated = false;
    for (const status of FAILING_STATUSES) {
      const listed = await reader.listAssociations({ status, maxPages: pagesPerStatus });
      calls += listed.truncated ? pagesPerStatus : Math.max(1, Math.ceil(listed.length / PAGE_SIZE));
      truncated ||= listed.truncated === true;
      for (const a of listed) {
        if (!a.associationId || a.status !== status) continue;
        items.push({
          accountId: pair.account.id,
          accountName: pair.account.name,
          region: pair.region,
          associationId: a.associationId.toLowerCase(),
          status,
          ...(a.associationName ? { associationName: a.associationName } : {}),
          ...(a.documentName ? { documentName: a.documentName } : {}),
          ...(a.detailedStatus ? { detailedStatus: a.detailedStatus } : {}),
          ...(a.lastExecutionAt ? { since: a.lastExecutionAt } : {}),
        });
      }
    }
    return { items, calls, truncated };
  }

  async function withCauses(items: FailingAssociation[], now: Date): Promise<FailingAssociation[]> {
    const ids = [...new Set(items.map((i) => i.associationId))];
    if (ids.length === 0) return items;
    const causes = await deps.store.latestCauses(ids, new Date(now.getTime() - CAUSE_MAX_AGE_MS));
    return items.map((i) => {
      const cause = causes.get(i.associationId);
      return cause ? { ...i, cause } : i;
    });
  }

  function snapshotOf(report: PairReport, items: FailingAssociation[]): FleetSnapshot {
    return {
      accountId: report.account.id,
      region: report.region,
      source: report.source === 'poll' ? 'poll' : 'scan',
      observedAt: report.observedAt ?? clock(),
      failed: report.failed,
      pending: report.pending,
      truncated: report.truncated,
      items: items.slice(0, SNAPSHOT_ITEMS),
      ...(report.total !== undefined ? { total: report.total } : {}),
    };
  }

  return {
    async scan(pairs, requester, lang) {
      const now = clock();
      const polls = await deps.store.latestPolls(pairs.map((p) => ({ accountId: p.account.id, region: p.region })));
      const found: FailingAssociation[] = [];
      const reports = await mapBounded(pairs, deps.concurrency ?? 4, async (pair): Promise<PairReport> => {
        const poll = polls.get(pairKey(pair.account.id, pair.region));
        const base = { account: pair.account, region: pair.region, ...(poll ? { lastPollAt: poll.finishedAt } : {}) };
        try {
          if (isCompletePoll(poll) && isFresh(poll.finishedAt, now, freshMs)) {
            const items = await fromPoll(pair, poll);
            found.push(...items);
            const report: PairReport = {
              ...base,
              source: 'poll',
              observedAt: poll.finishedAt,
              truncated: false,
              calls: 0,
              failed: count(items, 'Failed'),
              pending: count(items, 'Pending'),
              ...(poll.listed !== undefined ? { total: poll.listed } : {}),
            };
            await deps.store.saveSnapshot(snapshotOf(report, items));
            return report;
          }
          const scanned = await liveScan(pair, requester);
          found.push(...scanned.items);
          const report: PairReport = {
            ...base,
            source: 'scan',
            observedAt: clock(),
            truncated: scanned.truncated,
            calls: scanned.calls,
            failed: count(scanned.items, 'Failed'),
            pending: count(scanned.items, 'Pending'),
          };
          await deps.store.saveSnapshot(snapshotOf(report, scanned.items));
          return report;
        } catch (error) {
          // What failed, in the reader's language with AWS's words verbatim; an unexpected error is told by the view.
          const reason = isAppError(error) ? userText(error, lang) : undefined;
          const errorCode = isAppError(error) ? (error.upstreamCode ?? error.code) : 'Error';
          const report: PairReport = {
            ...base,
            source: 'error',
            observedAt: clock(),
            truncated: false,
            calls: 0,
            failed: 0,
            pending: 0,
            ...(reason !== undefined ? { error: reason } : {}),
            errorCode,
          };
          // Stored, so App Home says this pair could not be read (and when) instead of "no data yet".
          await deps.store.saveSnapshot({ ...snapshotOf(report, []), error: errorCode });
          return report;
        }
      });
      return { at: now, pairs: reports, groups: groupFailures(await withCauses(found, now), lang) };
    },

    async overview(pairs, lang) {
      const now = clock();
      const keys = pairs.map((p) => ({ accountId: p.account.id, region: p.region }));
      const [polls, snapshots] = await Promise.all([deps.store.latestPolls(keys), deps.store.snapshots(keys)]);
      const found: FailingAssociation[] = [];
      const reports = await mapBounded(pairs, deps.concurrency ?? 4, async (pair): Promise<PairReport> => {
        const key = pairKey(pair.account.id, pair.region);
        const poll = polls.get(key);
        const snapshot = snapshots.get(key);
        const base = { account: pair.account, region: pair.region, ...(poll ? { lastPollAt: poll.finishedAt } : {}) };
        const total = isCompletePoll(poll) ? poll.listed : undefined;
        // A complete poll newer than the last snapshot is the better answer; it costs one read, no AWS call.
        if (isCompletePoll(poll) && (!snapshot || snapshot.observedAt < poll.finishedAt)) {
          const items = await fromPoll(pair, poll);
          found.push(...items);
          return {
            ...base,
            source: 'poll',
            observedAt: poll.finishedAt,
            truncated: false,
            calls: 0,
            failed: count(items, 'Failed'),
            pending: count(items, 'Pending'),
            ...(total !== undefined ? { total } : {}),
          };
        }
        const empty = { ...base, truncated: false, calls: 0, failed: 0, pending: 0 };
        // The newest word on the pair is a failed listing (a scan's, else the poller's): could not read, since when.
        if (snapshot?.error !== undefined && !(poll?.errorCode && poll.finishedAt > snapshot.observedAt)) {
          return { ...empty, source: 'error', observedAt: snapshot.observedAt, errorCode: snapshot.error };
        }
        if (poll?.errorCode && (!snapshot || snapshot.observedAt < poll.finishedAt)) {
          return { ...empty, source: 'error', observedAt: poll.finishedAt, errorCode: poll.errorCode };
        }
        if (!snapshot) return { ...empty, source: 'none' };
        found.push(...snapshot.items.map((i) => ({ ...i, accountName: pair.account.name })));
        const knownTotal = snapshot.total ?? total;
        return {
          ...base,
          source: snapshot.source,
          observedAt: snapshot.observedAt,
          truncated: snapshot.truncated,
          calls: 0,
          failed: snapshot.failed,
          pending: snapshot.pending,
          ...(knownTotal !== undefined ? { total: knownTotal } : {}),
        };
      });
      return { at: now, pairs: reports, groups: groupFailures(await withCauses(found, now), lang) };
    },
  };
}
