import type { Catalog } from '../i18n/index.ts';
import type { CauseFamily } from './decisive-line.ts';
import type { InvestigationFacts, StepKey } from './facts.ts';

/** How bad a finding is; the verdict ranks by this first. */
export type Severity = 'critical' | 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, error: 1, warning: 2, info: 3 };

/** One API field and the value that shows the problem, e.g. `DescribeInstanceInformation.PingStatus = ConnectionLost`. */
export interface Evidence {
  field: string;
  value: string;
}

export interface Link {
  label: string;
  url: string;
}

/** Where the SSM Agent logs are on a node of a platform. */
export interface LogPaths {
  platform: 'Linux/macOS' | 'Windows';
  paths: string[];
}

/** A cause found in the facts, with its evidence and its fix. */
export interface Finding {
  /** Stable id of the cause, e.g. `node.connection-lost`. */
  id: string;
  severity: Severity;
  title: string;
  /** One or two sentences in plain words. */
  summary: string;
  /** Never empty: no finding without evidence. */
  evidence: Evidence[];
  remediation: string[];
  links: Link[];
  /** AWS CLI commands to see it yourself. */
  cli: string[];
  /** Present when the agent logs are the next place to look. */
  logPaths?: LogPaths[];
  /** Resource ids the finding is about (bounded sample). */
  resources?: string[];
  /** How many targets it accounts for (all of them, not the sample); ranks equally likely causes. */
  affectedTargets?: number;
  /** The step whose facts revealed it. */
  step: StepKey;
  /** What kind of cause the failure's decisive line names, when the finding quotes one. */
  cause?: CauseFamily;
}

/** A pure rule: reads facts, returns findings (their text in the catalog's language). Never calls AWS. */
export interface Check {
  id: string;
  /** The step after which the check can run (its facts are gathered by then). */
  step: StepKey;
  applies: (facts: InvestigationFacts) => boolean;
  run: (facts: InvestigationFacts, t: Catalog) => Finding[];
}

/** The verdict of an investigation. */
export interface Diagnosis {
  /**
   * fault: at least one error or critical finding; warning: only warnings; healthy: nothing found; running: the
   * newest execution is still in progress and nothing is wrong so far; incomplete: the essential facts (the
   * association, its executions) could not be read, so nothing can be concluded.
   */
  outcome: 'fault' | 'warning' | 'healthy' | 'running' | 'incomplete';
  /** Ranked, most likely root cause first. */
  findings: Finding[];
  /** What was checked, in plain words (shown for the healthy case too). */
  checked: string[];
  /** What could not be checked. */
  gaps: InvestigationFacts['gaps'];
  /** One line for the root message and the database. */
  summary: string;
  /**
   * The verdict's cause family, for feedback and stats: the top finding's cause (network, permission, …) when it
   * quotes a failure line, else its id's family (`node`, `document`, …); `healthy` when nothing was found.
   */
  causeFamily?: string;
  /** With outcome `running`: the execution in progress, which "Tell me when it finishes" follows. */
  runningExecutionId?: string;
}
