// Runs an investigation: the steps in order, each persisted and reported as it finishes, then the verdict.
// Because every step is stored before it is posted, a run interrupted by a crash resumes at the next step.
import { diagnose, findingsAfterStep } from '../domain/diagnose.ts';
import type { FactGap, InvestigationFacts, StepKey } from '../domain/facts.ts';
import type { Diagnosis, Finding } from '../domain/finding.ts';
import { SEVERITY_RANK } from '../domain/finding.ts';
import { type Catalog, DEFAULT_LANG, texts } from '../i18n/index.ts';
import { gapFrom } from './gaps.ts';
import {
  type AccountRef,
  type AgentReleaseSource,
  type AwsGateway,
  type InvestigationRecord,
  type InvestigationStore,
  type ProgressSink,
  type StepResult,
  type StepStatus,
  type StoredStep,
  StoreUnavailable,
} from './ports.ts';
import { DEFAULT_LIMITS, type InvestigationLimits, type StepContext, type StepDefinition, stepTitle } from './step.ts';
import { accessStep } from './steps/access.step.ts';
import { agentVersionStep } from './steps/agent-version.step.ts';
import { associationStep } from './steps/association.step.ts';
import { executionsStep } from './steps/executions.step.ts';
import { nodesStep } from './steps/nodes.step.ts';
import { outputStep } from './steps/output.step.ts';
import { targetsStep } from './steps/targets.step.ts';

/** The flow of the troubleshooting article, in order. The diagnosis closes it. */
export const STEPS: readonly StepDefinition[] = [
  accessStep,
  associationStep,
  executionsStep,
  targetsStep,
  nodesStep,
  agentVersionStep,
  outputStep,
];
export const TOTAL_STEPS = STEPS.length + 1;

export interface RunnerLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface RunnerDeps {
  store: InvestigationStore;
  gateway: AwsGateway;
  agentReleases: AgentReleaseSource;
  findAccount: (accountId: string) => AccountRef | undefined;
  sink: ProgressSink;
  clock?: () => Date;
  limits?: InvestigationLimits;
  logger: RunnerLogger;
}

export interface Runner {
  /**
   * Runs (or resumes) an investigation; returns its diagnosis, or undefined when there is nothing to run. When
   * `signal` aborts (the worker lost its lease: another process runs it now), the run stops before its next write
   * or post and rejects with the signal's reason.
   */
  run(investigationId: string, options?: { signal?: AbortSignal }): Promise<Diagnosis | undefined>;
}

export function createRunner(deps: RunnerDeps): Runner {
  const clock = deps.clock ?? (() => new Date());
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const { store, sink, logger } = deps;

  async function run(investigationId: string, options: { signal?: AbortSignal } = {}): Promise<Diagnosis | undefined> {
    const still = () => options.signal?.throwIfAborted();
    const found = await store.get(investigationId);
    if (!found || found.status === 'done' || found.status === 'failed') return undefined;
    let investigation: InvestigationRecord = found;
    // Everything stored and posted for it speaks its language; a resumed run keeps the one it started in.
    const lang = investigation.lang ?? DEFAULT_LANG;
    const t = texts(lang);
    const account = deps.findAccount(investigation.accountId);
    if (!account) {
      await store.finish(investigationId, {
        status: 'failed',
        verdictSummary: t.thread.runner.accountGone(investigation.accountName),
      });
      return undefined;
    }
    await store.markRunning(investigationId);
    const stored = await store.listSteps(investigationId);
    const facts = rebuildFacts(investigation, stored, clock());

    // Every step starts now and waits only for the data it needs, so AWS calls overlap (even with the root
    // message being posted); the results are still stored and reported in the flow's order.
    const reader = deps.gateway.reader(account, investigation.region, { userId: investigation.userId });
    const agentRelease = deps.agentReleases.latestVersion(investigation.region).then(
      (latestVersion) => ({ latestVersion }),
      (error: unknown) => ({ unavailableReason: error instanceof Error ? error.message : 'unreachable' }),
    );
    const running = new Map<StepKey, Promise<StepRun>>();
    const context: StepContext = {
      associationId: investigation.associationId,
      scope: facts.scope,
      now: facts.now,
      reader,
      limits,
      lang,
      agentRelease,
      patchOf: async (key) => (await outcomeOf(key)).result.patch,
      ...(account.roleArn ? { roleArn: account.roleArn } : {}),
    };
    const outcomeOf = (key: StepKey): Promise<StepRun> => {
      let outcome = running.get(key);
      if (!outcome) {
        const storedStep = stored.find((s) => s.key === key);
        const index = STEPS.findIndex((d) => d.key === key);
        const definition = STEPS[index];
        outcome = storedStep
          ? Promise.resolve({ result: storedStep, stop: isStopping(storedStep) })
          : definition
            ? runStep(definition, index + 1, context)
            : Promise.resolve({ result: emptyResult(key), stop: false });
        running.set(key, outcome);
      }
      return outcome;
    };
    for (const definition of STEPS) void outcomeOf(definition.key);

    if (!investigation.rootTs) {
      still();
      const root = await sink.started(investigation);
      if (root) {
        await store.setRootMessage(investigationId, root);
        investigation = { ...investigation, ...root };
      }
    }
    const results: StepResult[] = [...stored];
    // Steps stored but never posted (Slack was down): post them now, in order. The verdict is posted below.
    for (const step of stored.filter((s) => !s.messageTs && s.key !== 'diagnosis')) {
      still();
      await report(investigation, step);
    }

    let stopped = stored.some(isStopping);
    for (const definition of STEPS) {
      if (stopped) break;
      if (stored.some((s) => s.key === definition.key)) continue;
      const { result, stop } = await outcomeOf(definition.key);
      Object.assign(facts, result.patch);
      facts.gaps.push(...result.gaps);
      result.findings = findingsAfterStep(definition.key, facts, lang);
      result.status = result.status === 'ok' ? statusFrom(result.findings) : result.status;
      still();
      const kept = await storeStep(investigationId, result, t);
      results.push(kept.step);
      still();
      await report(investigation, kept.step);
      if (kept.gap) facts.gaps.push(kept.gap);
      stopped = stop || kept.gap !== undefined;
    }

    const diagnosis = diagnose(facts, undefined, lang);
    still();
    const verdictStep = (await storeStep(investigationId, diagnosisStep(diagnosis, STEPS.length + 1, t), t)).step;
    // A verdict already posted by an interrupted run is not posted again.
    if (!stored.find((s) => s.key === 'diagnosis')?.messageTs) {
      still();
      const posted = await sink.finished(investigation, diagnosis, results);
      if (posted.messageTs) await store.setStepMessage(investigationId, verdictStep.ordinal, posted.messageTs);
    }
    await store
      .finish(investigationId, { status: 'done', verdictSummary: diagnosis.summary, diagnosis })
      .catch(async (error: unknown) => {
        // The verdict is posted; a diagnosis the database will not take must not leave the record "running".
        logger.error({ err: error, investigationId }, 'could not store the diagnosis');
        await store.finish(investigationId, { status: 'done', verdictSummary: diagnosis.summary });
      });
    logger.info(
      {
        investigationId,
        associationId: investigation.associationId,
        outcome: diagnosis.outcome,
        findings: diagnosis.findings.map((f) => f.id),
      },
      'investigation finished',
    );
    return diagnosis;
  }

  async function runStep(
    definition: StepDefinition,
    ordinal: number,
    context: StepContext,
  ): Promise<{ result: StepResult; stop: boolean }> {
    const started = performance.now();
    const title = stepTitle(definition.key, context.lang);
    try {
      const outcome = await definition.run(context);
      return {
        result: {
          key: definition.key,
          ordinal,
          title,
          status: outcome.status ?? 'ok',
          facts: outcome.facts,
          findings: [],
          gaps: outcome.gaps ?? [],
          durationMs: Math.round(performance.now() - started),
          patch: outcome.patch,
        },
        stop: outcome.stop ?? false,
      };
    } catch (error) {
      // A bug or an unexpected failure: the step says so and the flow goes on with what it has.
      logger.error({ err: error, step: definition.key }, 'investigation step failed unexpectedly');
      const gap: FactGap = gapFrom(definition.key, title, error, context);
      return {
        result: {
          key: definition.key,
          ordinal,
          title,
          status: 'error',
          facts: [{ label: texts(context.lang).thread.facts.problem, value: gap.message }],
          findings: [],
          gaps: [gap],
          durationMs: Math.round(performance.now() - started),
          patch: {},
        },
        stop: false,
      };
    }
  }

  /**
   * Stores a step. When the database refuses it but accepts a plain note in its place (the data was the
   * problem, and retrying the job would fail the same way), the note is stored and posted instead and the
   * flow ends there, with a gap that the verdict shows. When even the note is refused (the database is
   * away), the original error goes up and the job is retried.
   */
  async function storeStep(
    investigationId: string,
    step: StepResult,
    t: Catalog,
  ): Promise<{ step: StepResult; gap?: FactGap }> {
    try {
      await store.appendStep(investigationId, step);
      return { step };
    } catch (error) {
      // The database is away, not refusing the data: the job is retried (a note now would end the run for nothing).
      if (error instanceof StoreUnavailable) throw error;
      const message = t.thread.runner.notStored(step.ordinal, step.title, storageReason(error, t));
      const gap: FactGap = { step: step.key, kind: 'error', operation: 'store', message };
      const note: StepResult = {
        ...step,
        status: 'error',
        facts: [{ label: t.thread.facts.problem, value: message }],
        findings: [],
        gaps: [gap],
        patch: {},
      };
      try {
        await store.appendStep(investigationId, note);
      } catch {
        throw error;
      }
      logger.error({ err: error, investigationId, step: step.key }, 'investigation step could not be stored');
      return { step: note, gap };
    }
  }

  async function report(investigation: InvestigationRecord, step: StepResult): Promise<void> {
    const posted = await sink.stepFinished(investigation, step, TOTAL_STEPS);
    if (posted.messageTs) await store.setStepMessage(investigation.id, step.ordinal, posted.messageTs);
  }

  return { run };
}

/** What the database said, without the data (a Prisma/driver error carries a SQLSTATE or a Prisma code). */
function storageReason(error: unknown, t: Catalog): string {
  const say = t.thread.runner;
  const e = error as { code?: unknown; meta?: { code?: unknown; message?: unknown } };
  const code = typeof e.meta?.code === 'string' ? e.meta.code : typeof e.code === 'string' ? e.code : undefined;
  // The primary message only: what follows a colon may quote the refused value.
  const said = typeof e.meta?.message === 'string' ? e.meta.message.split(/[:"]/)[0]?.trim() : undefined;
  if (code && said) return say.refusedWith(code, said);
  return code ? say.refusedCode(code) : say.refused;
}

interface StepRun {
  result: StepResult;
  stop: boolean;
}

const emptyResult = (key: StepKey): StepResult => ({
  key,
  ordinal: 0,
  title: key,
  status: 'skipped',
  facts: [],
  findings: [],
  gaps: [],
  durationMs: 0,
  patch: {},
});

/** The facts as they stood after the stored steps (a resumed run starts from here). */
export function rebuildFacts(investigation: InvestigationRecord, steps: StoredStep[], now: Date): InvestigationFacts {
  const facts: InvestigationFacts = {
    now,
    scope: { accountId: investigation.accountId, accountName: investigation.accountName, region: investigation.region },
    gaps: [],
  };
  for (const step of [...steps].sort((a, b) => a.ordinal - b.ordinal)) {
    Object.assign(facts, step.patch);
    facts.gaps.push(...step.gaps);
  }
  return facts;
}

function statusFrom(findings: Finding[]): StepStatus {
  const worst = Math.min(...findings.map((f) => SEVERITY_RANK[f.severity]), SEVERITY_RANK.info);
  if (worst <= SEVERITY_RANK.error) return 'failed';
  if (worst === SEVERITY_RANK.warning) return 'warning';
  return 'ok';
}

/** A stored step that ended the flow (the association could not be reached). */
const isStopping = (step: StepResult) =>
  (step.key === 'access' && step.status === 'error') ||
  (step.key === 'association' &&
    (step.status === 'failed' || step.status === 'error') &&
    !('association' in step.patch));

function diagnosisStep(diagnosis: Diagnosis, ordinal: number, t: Catalog): StepResult {
  const status: StepStatus =
    diagnosis.outcome === 'fault' || diagnosis.outcome === 'incomplete'
      ? 'failed'
      : diagnosis.outcome === 'warning' || diagnosis.outcome === 'running'
        ? 'warning'
        : 'ok';
  return {
    key: 'diagnosis',
    ordinal,
    title: t.thread.stepTitles.diagnosis,
    status,
    facts: [
      { label: t.thread.runner.verdict, value: diagnosis.summary },
      ...diagnosis.findings
        .slice(0, 5)
        .map((f, i) => ({ label: t.thread.runner.rankedFinding(i + 1, f.severity), value: f.title })),
    ],
    findings: diagnosis.findings,
    gaps: diagnosis.gaps,
    durationMs: 0,
    patch: {},
  };
}
