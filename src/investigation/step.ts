// What a step is: a key (its title comes from the catalog, in the investigation's language), and a function that gathers one slice of facts through the ports.
import type { FactGap, InvestigationFacts, Scope, StepKey } from '../domain/facts.ts';
import { type Catalog, type Lang, texts } from '../i18n/index.ts';
import type { SsmReader, StepFact, StepStatus } from './ports.ts';

/** Bounds that keep a large association from turning into thousands of calls or messages. */
export interface InvestigationLimits {
  /** Executions read from the history (newest first). */
  executions: number;
  /**
   * Sample targets kept per Status / DetailedStatus group, spread over the whole group (a reservoir): the pool the
   * output samples are drawn from.
   */
  samplesPerGroup: number;
  /** Sample targets per group shown and inspected as nodes. */
  shownPerGroup: number;
  /** Nodes inspected in detail (DescribeInstanceAssociationsStatus is one call per node). */
  nodes: number;
  /**
   * Output samples fetched in all: one per failing group, and the rest shared by the groups large enough to hide
   * several errors, in proportion to their size.
   */
  outputs: number;
  /** A group this large or larger gets more than one output sample. */
  groupSizeForMoreSamples: number;
  /** Concurrent AWS calls within a step. */
  concurrency: number;
}

export const DEFAULT_LIMITS: InvestigationLimits = {
  executions: 10,
  samplesPerGroup: 25,
  shownPerGroup: 3,
  nodes: 10,
  outputs: 25,
  groupSizeForMoreSamples: 10,
  concurrency: 6,
};

/**
 * What a step may use. Steps run as soon as the data they depend on is in — not one after another — so
 * independent AWS calls overlap and an investigation costs about its chain of dependent calls. A step reads
 * what another step gathered through `patchOf`, never through shared mutable state.
 */
export interface StepContext {
  associationId: string;
  scope: Scope;
  /** The time the facts are judged against. */
  now: Date;
  reader: SsmReader;
  limits: InvestigationLimits;
  /** The investigation's language: what the step's facts and gaps say is stored in it. */
  lang: Lang;
  /** Started at the beginning of the investigation: it depends on nothing. */
  agentRelease: Promise<{ latestVersion?: string; unavailableReason?: string }>;
  /** The account's role, for messages about missing permissions. */
  roleArn?: string;
  /** The facts another step gathered, once it is done (for a resumed run: what was stored). */
  patchOf(step: StepKey): Promise<Partial<InvestigationFacts>>;
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
  run: (context: StepContext) => Promise<StepOutcome>;
}

/** A step that had nothing to do, and why (`reason` in the investigation's language). */
export const skipped = (t: Catalog, reason: string): StepOutcome => ({
  status: 'skipped',
  facts: [{ label: t.thread.facts.skipped, value: reason }],
  patch: {},
});

/** The title of a step (or of the closing diagnosis) in `lang`. */
export const stepTitle = (key: StepKey | 'diagnosis', lang: Lang): string => texts(lang).thread.stepTitles[key];
