// Records an investigation and queues it; the work runs on the Postgres-backed queue, never in a Slack handler.
import type { AuditLog, InvestigationRecord, InvestigationStore, JobQueue, NewInvestigation } from './ports.ts';

export const INVESTIGATION_JOB = 'investigation-run';

export interface InvestigationJobData {
  investigationId: string;
  /** The slash command's response_url (valid 30 min), to tell the user when the bot cannot post in the channel. */
  responseUrl?: string;
}

export interface StarterDeps {
  store: InvestigationStore;
  queue: JobQueue;
  audit: AuditLog;
}

export function createStarter(deps: StarterDeps) {
  return async function startInvestigation(
    input: NewInvestigation,
    responseUrl?: string,
  ): Promise<InvestigationRecord> {
    const investigation = await deps.store.create(input);
    const data: InvestigationJobData = { investigationId: investigation.id };
    if (responseUrl) data.responseUrl = responseUrl;
    await deps.queue.send(INVESTIGATION_JOB, data, { singletonKey: investigation.id, retryLimit: 3 });
    await deps.audit.record({
      kind: 'investigation.started',
      teamId: input.teamId,
      channelId: input.channelId,
      userId: input.userId,
      accountId: input.accountId,
      subject: input.associationId,
      detail: { investigationId: investigation.id, region: input.region, trigger: input.trigger },
    });
    return investigation;
  };
}
export type StartInvestigation = ReturnType<typeof createStarter>;
