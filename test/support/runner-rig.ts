// The investigation runner wired as src/main.ts wires it, minus Slack: a real AwsGateway (usually against the
// fake AWS, see aws-harness.ts), the agent release source against the fake's VERSION files, any store, and a
// ProgressSink that records what it is told and can play "Slack is down".
//
//   const sink = recordingSink({ failFromStep: 3 });
//   const runner = createTestRunner({ store, gateway: aws.gateway, account: aws.account, fake: aws.fake, sink });
//   await expect(runner.run(id)).rejects.toThrow(SLACK_DOWN);
import { createAgentReleaseSource } from '../../src/aws/agent-release.ts';
import type { InvestigationFacts } from '../../src/domain/facts.ts';
import type { Diagnosis } from '../../src/domain/finding.ts';
import { createMemoryInvestigationStore } from '../../src/investigation/memory-store.ts';
import type {
  AccountRef,
  AwsGateway,
  InvestigationRecord,
  InvestigationStore,
  NewInvestigation,
  ProgressSink,
  StepResult,
} from '../../src/investigation/ports.ts';
import { createRunner, type Runner, type RunnerLogger } from '../../src/investigation/runner.ts';
import { type AwsHarness, startAwsHarness, TEST_USER } from './aws-harness.ts';
import type { FakeAws } from './fake-aws/index.ts';
import type { NamedScenario } from './scenarios/named/common.ts';

export const SLACK_DOWN = 'Slack is down (test sink)';

/** Message ts, unique across sinks (as Slack's are across processes). */
let messages = 0;
const ts = () => `1767225600.${String(++messages).padStart(6, '0')}`;

export type SinkEvent =
  | { kind: 'started'; investigationId: string }
  | { kind: 'step'; investigationId: string; ordinal: number; key: string; status: string }
  | { kind: 'step-failed'; investigationId: string; ordinal: number }
  | { kind: 'finished'; investigationId: string; outcome: Diagnosis['outcome']; summary: string };

export interface RecordingSink extends ProgressSink {
  readonly events: SinkEvent[];
  /** Ordinals of the steps posted, in order. */
  posted(): number[];
  /** How many verdicts were posted. */
  verdicts(): number;
}

/**
 * A sink that posts nothing anywhere but answers like the Slack one (a root ts, a ts per message).
 * `failFromStep: n` → stepFinished throws for step n and every later one, as a Slack outage would.
 */
export function recordingSink(options: { failFromStep?: number } = {}): RecordingSink {
  const events: SinkEvent[] = [];
  return {
    events,
    posted: () => events.flatMap((e) => (e.kind === 'step' ? [e.ordinal] : [])),
    verdicts: () => events.filter((e) => e.kind === 'finished').length,
    async started(investigation) {
      events.push({ kind: 'started', investigationId: investigation.id });
      const rootTs = ts();
      return { rootTs, threadTs: rootTs };
    },
    async stepFinished(investigation, step: StepResult) {
      if (options.failFromStep !== undefined && step.ordinal >= options.failFromStep) {
        events.push({ kind: 'step-failed', investigationId: investigation.id, ordinal: step.ordinal });
        throw new Error(SLACK_DOWN);
      }
      events.push({
        kind: 'step',
        investigationId: investigation.id,
        ordinal: step.ordinal,
        key: step.key,
        status: step.status,
      });
      return { messageTs: ts() };
    },
    async finished(investigation, diagnosis) {
      events.push({
        kind: 'finished',
        investigationId: investigation.id,
        outcome: diagnosis.outcome,
        summary: diagnosis.summary,
      });
      return { messageTs: ts() };
    },
  };
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  object: object;
  message: string;
}

/** A RunnerLogger that keeps its entries (an unexpected step failure is logged at error). */
export function memoryLogger(): RunnerLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    info: (object, message) => void entries.push({ level: 'info', object, message }),
    warn: (object, message) => void entries.push({ level: 'warn', object, message }),
    error: (object, message) => void entries.push({ level: 'error', object, message }),
  };
}

export interface TestRunnerDeps {
  store: InvestigationStore;
  gateway: AwsGateway;
  account: AccountRef;
  /** Serves the latest agent version. */
  fake: FakeAws;
  sink: ProgressSink;
  logger?: RunnerLogger;
}

export function createTestRunner(deps: TestRunnerDeps): Runner {
  return createRunner({
    store: deps.store,
    gateway: deps.gateway,
    agentReleases: createAgentReleaseSource({ urlTemplate: deps.fake.agentReleaseUrlTemplate }),
    findAccount: (id) => (id === deps.account.id ? deps.account : undefined),
    sink: deps.sink,
    logger: deps.logger ?? memoryLogger(),
  });
}

/** A command-triggered investigation of `associationId` in the account and region given. */
export function newInvestigation(associationId: string, account: AccountRef, region: string): NewInvestigation {
  return {
    associationId,
    accountId: account.id,
    accountName: account.name,
    region,
    trigger: 'command',
    teamId: 'T01ABCDEF23',
    channelId: 'C02GHIJKL45',
    userId: TEST_USER,
  };
}

/**
 * A stored investigation whose flow has reached the targets step (4), with `patch` as that step's facts: what
 * Show output reads when a button of the thread is clicked.
 */
export async function investigationAtTargets(
  store: InvestigationStore,
  investigation: NewInvestigation,
  patch: Partial<InvestigationFacts>,
): Promise<InvestigationRecord> {
  const record = await store.create(investigation);
  await store.appendStep(record.id, {
    key: 'targets',
    ordinal: 4,
    title: 'Execution targets',
    status: 'failed',
    facts: [],
    findings: [],
    gaps: [],
    durationMs: 1,
    patch,
  });
  return record;
}

export interface RunnerRig {
  store: InvestigationStore;
  runner: Runner;
  sink: RecordingSink;
  logger: ReturnType<typeof memoryLogger>;
  /** Stores a new command-triggered investigation of the rig's association, not yet run. */
  create(): Promise<InvestigationRecord>;
}

/**
 * The runner for `associationId` in the harness's account and region: a store (in memory unless one is given),
 * a recording sink, and the harness's gateway unless another is given.
 *
 *   const rig = runnerRig(aws, scenario.associationId);
 *   const diagnosis = await rig.runner.run((await rig.create()).id);
 */
export function runnerRig(
  aws: AwsHarness,
  associationId: string,
  options: { store?: InvestigationStore; gateway?: AwsGateway; sink?: RecordingSink } = {},
): RunnerRig {
  const store = options.store ?? createMemoryInvestigationStore();
  const sink = options.sink ?? recordingSink();
  const logger = memoryLogger();
  const gateway = options.gateway ?? aws.gateway;
  const runner = createTestRunner({ store, gateway, account: aws.account, fake: aws.fake, sink, logger });
  return {
    store,
    runner,
    sink,
    logger,
    create: () => store.create(newInvestigation(associationId, aws.account, aws.region)),
  };
}

/**
 * The fake AWS serving a named scenario as of the wall clock (its relative times, such as `4 min ago`, from now
 * rather than from the builder's fixed SCENARIO_NOW), with the real gateway pointed at it.
 */
export function startScenarioNow(scenario: NamedScenario): Promise<AwsHarness> {
  return startAwsHarness({
    scenario: scenario.build({ now: new Date() }),
    account: scenario.account,
    region: scenario.region,
  });
}
