// The fleet view's rules (pure): which associations count as failing, their failure signature (cause family +
// decisive error), and the groups `/ssm-why failing` and App Home show, largest first.
import { DEFAULT_LANG, type Lang, texts } from '../i18n/index.ts';

/** A Failed or Pending association seen somewhere in the fleet. */
export interface FailingAssociation {
  accountId: string;
  accountName: string;
  region: string;
  associationId: string;
  associationName?: string;
  documentName?: string;
  /** Overview.Status: Failed or Pending. */
  status: string;
  /** Overview.DetailedStatus, when AWS gave one. */
  detailedStatus?: string;
  /** Since when it has been in this status (the poller's statusSince), else when it last ran (LastExecutionDate). */
  since?: Date;
  /** The top finding of the association's latest finished investigation, when there is one. */
  cause?: { id: string; title: string };
}

/** One failure signature and the associations that share it. */
export interface FailureGroup {
  signature: string;
  /** e.g. `node`, `run-command`; `status` when the association was never investigated. */
  family: string;
  /** The decisive error in words: the top finding's title, or the status fields AWS returned. */
  decisiveError: string;
  status: string;
  count: number;
  /** `name / region` places, in first-seen order. */
  places: { accountId: string; accountName: string; region: string }[];
  oldestSince?: Date;
  /** The association an Investigate button starts on: the one failing longest. */
  example: FailingAssociation;
}

export const FAILING_STATUSES = ['Failed', 'Pending'] as const;

export const isFailingStatus = (status: string | undefined): boolean =>
  status !== undefined && (FAILING_STATUSES as readonly string[]).includes(status);

/** The cause family of a finding id: the part before the first dot (`node.connection-lost` → `node`). */
export const causeFamily = (findingId: string): string => findingId.split('.')[0] || findingId;

/** Cause family and decisive error of one association: from its diagnosis when known, else from its status fields. */
export function failureSignature(
  item: FailingAssociation,
  lang: Lang = DEFAULT_LANG,
): Pick<FailureGroup, 'signature' | 'family' | 'decisiveError'> {
  if (item.cause) {
    return {
      signature: `${item.status}|${item.cause.id}`,
      family: causeFamily(item.cause.id),
      decisiveError: item.cause.title,
    };
  }
  const detailed = item.detailedStatus && item.detailedStatus !== item.status ? item.detailedStatus : undefined;
  return {
    signature: `${item.status}|status:${detailed ?? ''}`,
    family: 'status',
    decisiveError: texts(lang).findings.fleet.notInvestigated(item.status, detailed),
  };
}

const time = (d: Date | undefined) => (d ? d.getTime() : Number.POSITIVE_INFINITY);

/** Groups by signature: largest group first, then the one failing longest; the example is the oldest member. */
export function groupFailures(items: readonly FailingAssociation[], lang: Lang = DEFAULT_LANG): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const item of items) {
    const sig = failureSignature(item, lang);
    let group = groups.get(sig.signature);
    if (!group) {
      group = { ...sig, status: item.status, count: 0, places: [], example: item };
      groups.set(sig.signature, group);
    }
    group.count += 1;
    if (!group.places.some((p) => p.accountId === item.accountId && p.region === item.region)) {
      group.places.push({ accountId: item.accountId, accountName: item.accountName, region: item.region });
    }
    if (time(item.since) < time(group.oldestSince)) group.oldestSince = item.since;
    if (time(item.since) < time(group.example.since)) group.example = item;
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || time(a.oldestSince) - time(b.oldestSince) || a.signature.localeCompare(b.signature),
  );
}

/** How the state of one account × region was obtained, and how old it is. */
export interface PairFreshness {
  source: 'poll' | 'scan' | 'none' | 'error';
  observedAt?: Date;
  /** The listing stopped at the call budget: associations beyond it are not counted. */
  truncated?: boolean;
}

/** True when data observed at `observedAt` is young enough to answer from, without a live scan. */
export const isFresh = (observedAt: Date | undefined, now: Date, maxAgeMs: number): boolean =>
  observedAt !== undefined && now.getTime() - observedAt.getTime() <= maxAgeMs;
