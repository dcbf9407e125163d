// What alert detection produces, whichever way it learned of it: a poll of ListAssociations or a pushed
// EventBridge event (through SNS or an API destination). Episodes are opened and closed from these.

/** One observation of an association's status. */
export interface AssociationSignal {
  source: 'poll' | 'push';
  accountId: string;
  region: string;
  associationId: string;
  associationName?: string;
  documentName?: string;
  /** Overview.Status / the event's `status` — Failed | Pending | Success | … (free text). */
  status: string;
  detailedStatus?: string;
  /** Status → node count (Overview.AssociationStatusAggregatedCount, or the event's parsed JSON string). */
  statusCounts?: Record<string, number>;
  /** When AWS says the change happened (event `time`, or the poll time). */
  observedAt: Date;
  /** The EventBridge event id or SNS MessageId, for de-duplicating redeliveries. */
  deliveryId?: string;
}

/** Takes signals and turns them into alert episodes (open on Failed / long Pending, close on Success). */
export interface SignalSink {
  accept(signal: AssociationSignal): Promise<void>;
}
