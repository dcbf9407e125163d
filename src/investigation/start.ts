// Starting an investigation whose account and region are known (Re-run, Investigate again, alerts): a durable
// request handed to the worker (src/investigation/worker.ts), which starts it at once.
import type { InvestigationRecord, NewInvestigation } from './ports.ts';

export interface StartOptions {
  /** Same key → the same request and investigation: a retry or a re-delivery starts nothing new. */
  intentKey?: string;
  /** The slash command's response_url, to tell the requester what went wrong. */
  responseUrl?: string;
}

export type StartInvestigation = (input: NewInvestigation, options?: StartOptions) => Promise<InvestigationRecord>;
