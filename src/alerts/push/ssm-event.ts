// Pure parsing of the EventBridge events SSM emits for State Manager associations (ssm-knowledge §6.1)
// into AssociationSignals. Tolerant: `association-status-aggregated-count` is a JSON *string* (parsed;
// unreadable → no counts), and fields the signal does not carry (`targets`, also a JSON string, and
// `document-version`, which may be the Java literal "Optional.empty") are never read.
import { clipText } from '../../domain/text.ts';
import type { AssociationSignal } from '../signal.ts';

export const ASSOCIATION_STATE_CHANGE = 'EC2 State Manager Association State Change';
export const INSTANCE_ASSOCIATION_STATE_CHANGE = 'EC2 State Manager Instance Association State Change';

/** What one event turns into: a signal, a deliberate no-op (authentic but not for us), or a malformed event. */
export type EventOutcome =
  | { kind: 'signal'; signal: AssociationSignal }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string };

export interface ParseEventOptions {
  /** When the event carries no usable `time`. */
  now?: () => Date;
}

const MAX_DETAIL_CHARS = 500;

/** One EventBridge event (already JSON-parsed) → outcome. Never throws. */
export function parseSsmEvent(value: unknown, options: ParseEventOptions = {}): EventOutcome {
  if (!isRecord(value)) return { kind: 'invalid', reason: 'the event is not a JSON object' };
  const detailType = value['detail-type'];
  if (typeof detailType !== 'string') return { kind: 'invalid', reason: 'the event has no detail-type' };
  if (value.source !== 'aws.ssm') return { kind: 'ignored', reason: `source ${describe(value.source)} is not aws.ssm` };
  if (detailType !== ASSOCIATION_STATE_CHANGE && detailType !== INSTANCE_ASSOCIATION_STATE_CHANGE) {
    return { kind: 'ignored', reason: `detail-type "${clip(detailType, 100)}" is not an association state change` };
  }

  const detail = value.detail;
  if (!isRecord(detail)) return { kind: 'invalid', reason: 'the event has no detail object' };
  const accountId = text(value.account);
  const region = text(value.region);
  const associationId = text(detail['association-id']);
  const status = text(detail.status);
  const missing = [
    accountId ? undefined : 'account',
    region ? undefined : 'region',
    associationId ? undefined : 'detail.association-id',
    status ? undefined : 'detail.status',
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0) return { kind: 'invalid', reason: `the event lacks ${missing.join(', ')}` };
  if (!/^\d{12}$/.test(accountId as string)) return { kind: 'invalid', reason: 'account is not a 12-digit id' };
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region as string)) return { kind: 'invalid', reason: 'region is malformed' };

  const signal: AssociationSignal = {
    source: 'push',
    accountId: accountId as string,
    region: region as string,
    associationId: associationId as string,
    status: status as string,
    observedAt: eventTime(value.time) ?? options.now?.() ?? new Date(),
  };
  const documentName = text(detail['document-name']);
  if (documentName) signal.documentName = documentName;
  const associationName = text(detail['association-name']);
  if (associationName) signal.associationName = associationName;
  const eventId = text(value.id);
  if (eventId) signal.deliveryId = eventId;

  if (detailType === ASSOCIATION_STATE_CHANGE) {
    const detailedStatus = text(detail['detailed-status']);
    if (detailedStatus) signal.detailedStatus = clip(detailedStatus, MAX_DETAIL_CHARS);
    const counts = statusCounts(detail['association-status-aggregated-count']);
    if (counts) signal.statusCounts = counts;
    return { kind: 'signal', signal };
  }

  // An instance event fires on every agent status update (Pending → InProgress → final). Only a failure says
  // something about the association (it is Failed while any target is); a success on one node does not mean
  // the association recovered, so everything else is left to the association-level events and the poller.
  if (status !== 'Failed') {
    return { kind: 'ignored', reason: `instance association status ${clip(status as string, 40)} is not Failed` };
  }
  const instanceId = text(detail['instance-id']);
  const errorCode = text(detail['error-code']) ?? text(detail['detailed-status']);
  const summary = text(detail['execution-summary']);
  const parts = [instanceId ? `instance ${instanceId}` : 'an instance', errorCode, summary].filter(Boolean);
  signal.detailedStatus = clip(parts.join(': '), MAX_DETAIL_CHARS);
  return { kind: 'signal', signal };
}

/** `association-status-aggregated-count`: a JSON string such as "{\"Success\":1,\"Failed\":2}" (or, tolerated, an object). */
export function statusCounts(value: unknown): Record<string, number> | undefined {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(parsed)) return undefined;
  const counts: Record<string, number> = {};
  for (const [key, count] of Object.entries(parsed)) {
    const n = typeof count === 'string' ? Number(count) : count;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && key.length <= 64) counts[key] = n;
  }
  return Object.keys(counts).length > 0 ? counts : undefined;
}

function eventTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${clip(value, 60)}"` : typeof value;
}

const clip = clipText;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
