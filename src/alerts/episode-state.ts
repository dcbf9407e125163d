// The alert episode rules, as pure functions: how a signal moves an association's state (open on a
// transition into Failed or on Pending for too long, close on Success), where a new alert goes (a message
// of its own or the channel's digest), the keys that make one episode out of many signals, and backoff.
import type { AlertTrigger, AssociationAlertState, AssociationRef, ChannelRef } from './ports.ts';
import type { AssociationSignal } from './signal.ts';

export type StatusClass = 'failed' | 'pending' | 'success' | 'other';

/** Overview.Status / the event's status, case-insensitively. */
export function classifyStatus(status: string): StatusClass {
  switch (status.trim().toLowerCase()) {
    case 'failed':
      return 'failed';
    case 'pending':
      return 'pending';
    case 'success':
      return 'success';
    default:
      return 'other';
  }
}

export interface TransitionOptions {
  /** Pending for at least this long opens an episode. */
  pendingAlertMs: number;
}

export type Change =
  /** Older than what is already known: ignored. */
  | 'stale'
  /** Nothing to alert (the state may still record the status). */
  | 'none'
  /** A new incident: alert. */
  | 'open'
  /** Back to Success: recover the incident's alerts. */
  | 'close'
  /** Still open, another status or new counts. */
  | 'update';

export interface Transition {
  state: AssociationAlertState;
  change: Change;
  /** True when the status differs from the one known before (an open alert then shows the new one). */
  statusChanged: boolean;
}

/**
 * Applies one signal to what is known of the association.
 *
 * - Failed, from anything but an open incident (including nothing known yet) → open, trigger Failed.
 * - Pending, continuously for at least `pendingAlertMs` (as far as the signals tell) → open, trigger Pending.
 * - Success while open → close. Success while closed → nothing.
 * - Anything while open (Failed ↔ Pending, other statuses) → update: one alert per incident, never a repeat.
 * - A signal observed before the newest one applied is stale (a late push after a newer poll, a redelivery).
 */
export function applySignal(
  previous: AssociationAlertState | undefined,
  signal: Pick<AssociationSignal, 'status' | 'observedAt' | 'associationName' | 'documentName'>,
  options: TransitionOptions,
): Transition {
  if (previous && signal.observedAt.getTime() < previous.lastObservedAt.getTime()) {
    return { state: previous, change: 'stale', statusChanged: false };
  }
  const status = signal.status.trim();
  const kind = classifyStatus(status);
  const statusChanged = previous !== undefined && classifyStatus(previous.status) !== kind;
  const sameStatus = previous !== undefined && classifyStatus(previous.status) === kind;
  const statusSince = sameStatus ? previous.statusSince : signal.observedAt;
  const base: AssociationAlertState = {
    status,
    statusSince,
    lastObservedAt: signal.observedAt,
    incident: previous?.incident ?? 0,
    open: previous?.open ?? false,
    ...(previous?.triggerStatus ? { triggerStatus: previous.triggerStatus } : {}),
    ...(previous?.openedAt ? { openedAt: previous.openedAt } : {}),
    ...names(previous, signal),
  };

  if (base.open) {
    if (kind === 'success') {
      const { triggerStatus: _t, openedAt: _o, ...closed } = base;
      return { state: { ...closed, open: false }, change: 'close', statusChanged: true };
    }
    return { state: base, change: 'update', statusChanged };
  }

  const trigger = opens(kind, statusSince, signal.observedAt, options);
  if (trigger) {
    return {
      state: { ...base, open: true, incident: base.incident + 1, triggerStatus: trigger, openedAt: signal.observedAt },
      change: 'open',
      statusChanged,
    };
  }
  return { state: base, change: 'none', statusChanged };
}

function opens(kind: StatusClass, since: Date, observedAt: Date, options: TransitionOptions): AlertTrigger | undefined {
  if (kind === 'failed') return 'Failed';
  if (kind === 'pending' && observedAt.getTime() - since.getTime() >= options.pendingAlertMs) return 'Pending';
  return undefined;
}

function names(
  previous: AssociationAlertState | undefined,
  signal: Pick<AssociationSignal, 'associationName' | 'documentName'>,
): Pick<AssociationAlertState, 'associationName' | 'documentName'> {
  const associationName = signal.associationName ?? previous?.associationName;
  const documentName = signal.documentName ?? previous?.documentName;
  return {
    ...(associationName ? { associationName } : {}),
    ...(documentName ? { documentName } : {}),
  };
}

/**
 * Whether a polled association needs its signal applied, or can only be marked as seen: a known Success
 * that stays Success with no incident open changes nothing.
 */
export function needsSignal(state: AssociationAlertState | undefined, status: string | undefined): boolean {
  if (status === undefined) return false;
  if (!state) return true;
  if (state.open) return true;
  return !(classifyStatus(status) === 'success' && classifyStatus(state.status) === 'success');
}

export type Placement = 'individual' | 'join-digest' | 'new-digest';

/**
 * Where a new alert goes. Within the window, the first `threshold` alerts of a channel get messages of
 * their own; after that they go into one digest per window, so a storm costs a bounded number of messages.
 */
export function placeAlert(input: {
  individualInWindow: number;
  digestInWindow?: string;
  threshold: number;
}): Placement {
  if (input.digestInWindow) return 'join-digest';
  return input.individualInWindow >= input.threshold ? 'new-digest' : 'individual';
}

/** The episode of one incident of one association in one channel: pushed and polled signals meet here. */
export function episodeKey(ref: AssociationRef, incident: number, channel: ChannelRef): string {
  return `${ref.accountId}/${ref.region}/${ref.associationId.toLowerCase()}#${incident}@${channel.teamId}/${channel.channelId}`;
}

/** The lock that serializes signals about one association. */
export const associationLockKey = (ref: AssociationRef) =>
  `alert-association:${ref.accountId}/${ref.region}/${ref.associationId.toLowerCase()}`;

/** The lock that serializes placement of new alerts in one channel. */
export const channelLockKey = (channel: ChannelRef) => `alert-channel:${channel.teamId}/${channel.channelId}`;

/** Delay before the next try of a Slack post that failed `attempts` times: 5 s, 10 s, 20 s … up to 10 min. */
export function postRetryDelayMs(attempts: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(5_000 * 2 ** exponent, 600_000);
}

/** The start of the poll cycle that contains `now`. */
export function cycleStartOf(now: Date, intervalSeconds: number): Date {
  const ms = intervalSeconds * 1_000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}
