// The queue handler: runs an investigation, and turns "the bot cannot post here" into a message to the user
// instead of endless retries.
import { isAppError } from '../domain/app-error.ts';
import type { InvestigationStore } from './ports.ts';
import type { Runner, RunnerLogger } from './runner.ts';
import type { InvestigationJobData } from './start.ts';

/** Slack errors that retrying cannot fix: the bot is not in the channel, or cannot see it. */
export const UNPOSTABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export interface JobDeps {
  runner: Runner;
  store: InvestigationStore;
  /** Tells the requester (through the command's response_url) how to let the bot post. */
  notifyUnpostable: (input: { responseUrl: string; channelId: string; reason: string }) => Promise<void>;
  logger: RunnerLogger;
}

export function investigationJobHandler(deps: JobDeps) {
  return async (data: InvestigationJobData): Promise<void> => {
    try {
      await deps.runner.run(data.investigationId);
    } catch (error) {
      if (!isAppError(error) || !UNPOSTABLE.has(error.upstreamCode ?? '')) throw error;
      const investigation = await deps.store.get(data.investigationId);
      await deps.store.finish(data.investigationId, {
        status: 'failed',
        verdictSummary: `Cannot post in the channel (${error.upstreamCode})`,
      });
      deps.logger.warn({ investigationId: data.investigationId, reason: error.upstreamCode }, 'cannot post in channel');
      if (data.responseUrl && investigation) {
        await deps.notifyUnpostable({
          responseUrl: data.responseUrl,
          channelId: investigation.channelId,
          reason: error.upstreamCode ?? '',
        });
      }
    }
  };
}
