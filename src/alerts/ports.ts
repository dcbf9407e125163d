// What alerting needs from the outside world, in domain words: subscriptions, alert episodes and their
// association state, poll bookkeeping (src/store implements these), and the Slack messages (src/slack).
import type { Lang } from '../i18n/index.ts';

/** Where a subscription looks; absent fields match anything the channel may use. */
export interface SubscriptionFilter {
  /** The resolved account id (never a name). */
  accountId?: string;
  region?: string;
  associationId?: string;
  documentName?: string;
  /** A glob over the association name: `*` any run, `?` one character. */
  namePattern?: string;
}

/** A channel's wish to be alerted. */
export interface SubscriptionRecord extends SubscriptionFilter {
  id: string;
  teamId: string;
  channelId: string;
  /** The canonical form of the filter: one subscription per channel and filter. */
  filterKey: string;
  createdBy: string;
  createdAt: Date;
}

export type NewSubscription = Omit<SubscriptionRecord, 'id' | 'createdAt'>;

/** Persistence of subscriptions. */
export interface SubscriptionStore {
  /** Inserts unless the channel already has a subscription with this filterKey; answers the row either way. */
  add(input: NewSubscription): Promise<{ subscription: SubscriptionRecord; created: boolean }>;
  /** Oldest first. */
  listForChannel(teamId: string, channelId: string): Promise<SubscriptionRecord[]>;
  /** Subscriptions whose account and region are this one or unset. */
  listFor(where: { accountId: string; region: string }): Promise<SubscriptionRecord[]>;
  listAll(): Promise<SubscriptionRecord[]>;
  /** Deletes these ids of this channel; answers the rows deleted. */
  remove(teamId: string, channelId: string, ids: string[]): Promise<SubscriptionRecord[]>;
}

/** One association in one account and region. */
export interface AssociationRef {
  accountId: string;
  region: string;
  associationId: string;
}

/** One Slack channel. */
export interface ChannelRef {
  teamId: string;
  channelId: string;
}

export type AlertTrigger = 'Failed' | 'Pending';

/** What alerting last knew of an association. */
export interface AssociationAlertState {
  /** The last status seen (free text, as AWS spells it). */
  status: string;
  /** When that status was first seen. */
  statusSince: Date;
  /** The newest signal applied; older ones are stale. */
  lastObservedAt: Date;
  /** Incidents so far; the open one (if any) has this number. */
  incident: number;
  open: boolean;
  triggerStatus?: AlertTrigger;
  openedAt?: Date;
  associationName?: string;
  documentName?: string;
}

/** What an alert shows of the association at the last signal. */
export interface AlertSnapshot {
  lastSeenStatus: string;
  detailedStatus?: string;
  statusCounts: Record<string, number>;
  associationName?: string;
  documentName?: string;
}

export interface NewAlertEpisode extends AssociationRef, ChannelRef, AlertSnapshot {
  subscriptionId: string;
  incident: number;
  dedupeKey: string;
  triggerStatus: AlertTrigger;
  source: 'poll' | 'push';
  openedAt: Date;
  digestId?: string;
}

/** An alert episode as stored. */
export interface AlertEpisodeRecord extends AssociationRef, ChannelRef, AlertSnapshot {
  id: string;
  incident: number;
  status: 'open' | 'recovered';
  triggerStatus: AlertTrigger;
  source: 'poll' | 'push';
  openedAt: Date;
  closedAt?: Date;
  digestId?: string;
  rootTs?: string;
  threadTs?: string;
  postedAt?: Date;
  recoveryPostedAt?: Date;
  renderedStatus?: string;
  investigationId?: string;
  postAttempts: number;
  changeSeq: number;
  syncedSeq: number;
}

export interface AlertDigestRecord extends ChannelRef {
  id: string;
  openedAt: Date;
  rootTs?: string;
  postedAt?: Date;
  postAttempts: number;
  changeSeq: number;
  syncedSeq: number;
}

/** Episodes (or digests) whose Slack messages must change. */
export interface Touched {
  episodeIds: string[];
  digestIds: string[];
}

/** The operations one signal needs, inside one database transaction. */
export interface EpisodeTransaction {
  /** Serializes transactions on `key` until this one ends (an advisory lock). */
  lock(key: string): Promise<void>;
  /** True the first time a delivery id is seen. */
  claimDelivery(deliveryId: string): Promise<boolean>;
  getState(ref: AssociationRef): Promise<AssociationAlertState | undefined>;
  putState(ref: AssociationRef, state: AssociationAlertState): Promise<void>;
  /** Of these dedupe keys, the ones that already have an episode. */
  existingEpisodeKeys(keys: string[]): Promise<Set<string>>;
  /** Of these channels, the ones (as `team/channel`) where the association is muted at `now`. */
  mutedChannels(associationId: string, channels: ChannelRef[], now: Date): Promise<Set<string>>;
  /** Alerts posted on their own (not in a digest) in the channel since `since`. */
  countIndividualSince(channel: ChannelRef, since: Date): Promise<number>;
  /** The newest digest of the channel opened since `since`. */
  latestDigestSince(channel: ChannelRef, since: Date): Promise<string | undefined>;
  createDigest(channel: ChannelRef, openedAt: Date): Promise<string>;
  /** Marks the digest as having changes to show. */
  touchDigest(digestId: string): Promise<void>;
  /** Undefined when an episode with the same dedupe key exists. */
  createEpisode(input: NewAlertEpisode): Promise<string | undefined>;
  /** Closes the open episodes of this incident; answers what changed. */
  closeEpisodes(ref: AssociationRef, incident: number, closedAt: Date, snapshot: AlertSnapshot): Promise<Touched>;
  /**
   * Records the latest snapshot on the open episodes of this incident; when `show`, marks them as having a
   * change to show (their message is updated in place). Answers the ones marked.
   */
  updateOpenEpisodes(ref: AssociationRef, incident: number, snapshot: AlertSnapshot, show: boolean): Promise<Touched>;
}

/** A row taken under a posting lease that ends at `heldUntil` (the database's clock). */
export interface Leased<T> {
  record: T;
  heldUntil: Date;
}

/** Alert episodes and digests, and the bookkeeping of their Slack messages. */
export interface EpisodeStore {
  transaction<T>(fn: (tx: EpisodeTransaction) => Promise<T>): Promise<T>;
  get(id: string): Promise<AlertEpisodeRecord | undefined>;
  /**
   * Takes the posting lease on an episode for `leaseMs` of the database's clock (one process at a time); undefined
   * when someone else holds it. `heldUntil`, the end the database set, fences the holder's renewals.
   */
  claim(id: string, leaseMs: number): Promise<Leased<AlertEpisodeRecord> | undefined>;
  /** Extends the lease this process holds until `heldUntil`; the new end, or undefined when it lapsed to another. */
  renewClaim(id: string, heldUntil: Date, leaseMs: number): Promise<Date | undefined>;
  release(id: string): Promise<void>;
  recordPosted(
    id: string,
    posted: { rootTs?: string; threadTs?: string; renderedStatus: string; at: Date },
  ): Promise<void>;
  recordRendered(id: string, renderedStatus: string): Promise<void>;
  recordRecoveryPosted(id: string, at: Date): Promise<void>;
  setInvestigation(id: string, investigationId: string): Promise<void>;
  /** The Slack messages reflect change `seq`; answers the row as it is now. */
  markSynced(id: string, seq: number): Promise<AlertEpisodeRecord | undefined>;
  recordFailure(id: string, failure: { error: string; nextPostAt: Date }): Promise<void>;

  getDigest(id: string): Promise<AlertDigestRecord | undefined>;
  claimDigest(id: string, leaseMs: number): Promise<Leased<AlertDigestRecord> | undefined>;
  renewDigestClaim(id: string, heldUntil: Date, leaseMs: number): Promise<Date | undefined>;
  releaseDigest(id: string): Promise<void>;
  /** Oldest first. */
  digestMembers(id: string): Promise<AlertEpisodeRecord[]>;
  recordDigestPosted(id: string, rootTs: string, at: Date): Promise<void>;
  markDigestSynced(id: string, seq: number): Promise<AlertDigestRecord | undefined>;
  recordDigestFailure(id: string, failure: { error: string; nextPostAt: Date }): Promise<void>;

  /** Episodes (outside digests) and digests with changes not yet in Slack, due now, opened after `notBefore`. */
  pendingSlackWork(now: Date, notBefore: Date, limit: number): Promise<Touched>;
  mute(input: ChannelRef & { associationId: string; until: Date; by: string }): Promise<void>;
  /** Forgets delivery ids received before `before`. */
  pruneDeliveries(before: Date): Promise<number>;
}

/** Poll bookkeeping: one claim per account × region × cycle, and the association states to compare with. */
export interface PollStore {
  /** True when this process may poll (a new claim, or a stale unfinished one taken over). */
  claim(run: { accountId: string; region: string; cycleStart: Date; staleBefore: Date }): Promise<boolean>;
  finish(run: { accountId: string; region: string; cycleStart: Date }, outcome: Record<string, unknown>): Promise<void>;
  states(accountId: string, region: string, associationIds: string[]): Promise<Map<string, AssociationAlertState>>;
  /** Records that these associations were seen, unchanged, at `observedAt`. */
  touch(accountId: string, region: string, associationIds: string[], observedAt: Date): Promise<void>;
  prune(before: Date): Promise<number>;
}

/** An alert as the Slack views show it. */
export interface AlertView {
  episodeId: string;
  teamId: string;
  channelId: string;
  associationId: string;
  associationName?: string;
  documentName?: string;
  accountId: string;
  accountName: string;
  region: string;
  status: 'open' | 'recovered';
  triggerStatus: AlertTrigger;
  lastSeenStatus: string;
  detailedStatus?: string;
  statusCounts: Record<string, number>;
  openedAt: Date;
  closedAt?: Date;
  /** True when an investigation was (or is being) started in the alert's thread. */
  investigating: boolean;
  /** For Pending alerts: the threshold that was passed. */
  pendingAlertMinutes?: number;
  /** The language of the channel it is posted in. */
  lang: Lang;
  rootTs?: string;
  threadTs?: string;
}

/** A digest as the Slack views show it. */
export interface DigestView {
  digestId: string;
  channelId: string;
  openedAt: Date;
  rootTs?: string;
  /** Every member, oldest first. */
  items: AlertView[];
  /** Members that get a reply of their own in the digest's thread (the rest are only listed). */
  threadedItems: number;
  /** The language of the channel it is posted in. */
  lang: Lang;
}

/** Posts and updates alert messages (Slack). Throws AppError with Slack's code on failure. */
export interface AlertMessenger {
  /** A root message in the channel; answers its ts. */
  postAlert(alert: AlertView): Promise<string>;
  updateAlert(alert: AlertView & { rootTs: string }): Promise<void>;
  /** "Recovered at …" in the alert's thread. */
  postRecoveryReply(alert: AlertView & { threadTs: string }): Promise<void>;
  postDigest(digest: DigestView): Promise<string>;
  updateDigest(digest: DigestView & { rootTs: string }): Promise<void>;
  /** One association's reply in the digest's thread; answers its ts. */
  postDigestItem(digestTs: string, alert: AlertView): Promise<string>;
  updateDigestItem(alert: AlertView & { rootTs: string }): Promise<void>;
}
