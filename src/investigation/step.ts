// What a step is: a key, a title, and a function that gathers one slice of facts through the ports.
import type { FactGap, InvestigationFacts, StepKey } from '../domain/facts.ts';
import type { SsmReader, StepFact, StepStatus } from './ports.ts';

/** Bounds that keep a large association from turning into thousands of calls or messages. */
export interface InvestigationLimits {
  /** Executions read from the history (newest first). */
  executions: number;
  /** Sample targets kept per Status / DetailedStatus group. */
  samplesPerGroup: number;
  /** Nodes inspected in detail (DescribeInstanceAssociationsStatus is one call per node). */
  nodes: number;
  /** Output samples fetched (one per distinct failure signature). */
  outputs: number;
  /** Concurrent AWS calls within a step. */
  concurrency: number;
}

export const DEFAULT_LIMITS: InvestigationLimits = {
  executions: 10,
  samplesPerGroup: 3,
  nodes: 10,
  outputs: 5,
  concurrency: 6,
};

export interface StepContext {
  associationId: string;
  reader: SsmReader;
  /** The facts gathered so far (read-only for the step; it returns a patch). */
  facts: InvestigationFacts;
  limits: InvestigationLimits;
  /** Started at the beginning of the investigation: it depends on nothing. */
  agentRelease: Promise<{ latestVersion?: string; unavailableReason?: string }>;
  /** The account's role, for messages about missing permissions. */
  roleArn?: string;
}

/** What a step returns; the runner adds findings, timing and persistence. */
export interface StepOutcome {
  /** Set only when the step decides by itself (skipped, or error); otherwise derived from findings. */
  status?: StepStatus;
  facts: StepFact[];
  patch: Partial<InvestigationFacts>;
  gaps?: FactGap[];
  /** The investigation cannot go on (e.g. the association does not exist). */
  stop?: boolean;
}

export interface StepDefinition {
  key: StepKey;
  title: string;
  run: (context: StepContext) => Promise<StepOutcome>;
}

export const skipped = (reason: string): StepOutcome => ({
  status: 'skipped',
  facts: [{ label: 'Skipped', value: reason }],
  patch: {},
});
