// "Show output": find the target a button points at in a stored investigation, fetch its output through the
// account's role (per plugin for multi-step documents, the failed steps for Automation, the node's
// ExecutionSummary when the invocation has expired), redacted before anything else sees it.
import { isAppError, userText } from '../domain/app-error.ts';
import type {
  AssociationFacts,
  AutomationExecutionFacts,
  CommandInvocationFacts,
  ExecutionSummaryFacts,
  ExecutionTargetFacts,
  InvestigationFacts,
  OutputSourceFacts,
  TargetGroupFacts,
} from '../domain/facts.ts';
import type { LogPaths } from '../domain/finding.ts';
import { agentLogPaths } from '../domain/references.ts';
import { DEFAULT_LANG, type Lang, texts } from '../i18n/index.ts';
import type { Redactor } from '../redaction/redact.ts';
import type {
  AccountRef,
  AwsGateway,
  InvestigationRecord,
  InvestigationStore,
  SsmReader,
  StoredStep,
} from './ports.ts';
import { redactingReader } from './redacting-reader.ts';

/** Where a button points in a stored investigation: an output sample, or a sampled target of a target group. */
export type TargetPointer =
  | { source: 'sample'; index: number }
  | { source: 'latest' | 'failed'; group: number; sample: number };

/** Target statuses that never produce output worth a button: still running, or passed. */
const NOT_FAILED = new Set(['Success', 'Pending', 'InProgress', 'Delayed', 'Skipped']);

/** True for a target group whose targets failed or timed out. */
export const isFailedGroup = (group: Pick<TargetGroupFacts, 'status' | 'detailedStatus'>) =>
  !NOT_FAILED.has(group.status) && !NOT_FAILED.has(group.detailedStatus ?? '');

/** One target, as the stored investigation knows it. */
export interface OutputTarget {
  resourceId: string;
  status: string;
  detailedStatus?: string;
  outputSource?: OutputSourceFacts;
  /** How many targets share its status in that execution. */
  groupCount: number;
  executionId?: string;
}

/** Everything needed to fetch and describe one target's output. */
export interface OutputContext {
  investigation: InvestigationRecord;
  target: OutputTarget;
  association?: AssociationFacts;
  platformType?: string;
}

/** Where else the output may be. */
export interface OutputLocations {
  s3?: { uri: string; consoleUrl: string };
  stdoutUrl?: string;
  stderrUrl?: string;
  cloudWatchLogGroup?: string;
  consoleUrl?: string;
  cliCommand?: string;
}

export type TargetOutput =
  | {
      kind: 'command';
      context: OutputContext;
      /** Every plugin (step) of the invocation, in document order, each read in full. */
      plugins: CommandInvocationFacts[];
      /** The plugin whose output is shown: the first that did not succeed (else the last). */
      focus: number;
      locations: OutputLocations;
    }
  | { kind: 'automation'; context: OutputContext; automation: AutomationExecutionFacts; locations: OutputLocations }
  | {
      kind: 'unavailable';
      context: OutputContext;
      reason: string;
      /** The node's row for this association (DescribeInstanceAssociationsStatus), when it could be read. */
      executionSummary?: ExecutionSummaryFacts;
      outputUrl?: string;
      locations: OutputLocations;
      logPaths: LogPaths[];
      orchestrationFolders: string[];
    };

export interface ShowOutputDeps {
  store: Pick<InvestigationStore, 'get' | 'listSteps'>;
  gateway: AwsGateway;
  redactor: Redactor;
}

/** The facts stored with an investigation's steps (each step stores the slice it added). */
export function storedFacts(steps: readonly Pick<StoredStep, 'patch'>[]): Partial<InvestigationFacts> {
  const facts: Partial<InvestigationFacts> = {};
  for (const step of steps) Object.assign(facts, step.patch);
  return facts;
}

function targetAt(facts: Partial<InvestigationFacts>, pointer: TargetPointer): OutputTarget | undefined {
  if (pointer.source === 'sample') {
    const sample = facts.outputs?.[pointer.index];
    if (!sample) return undefined;
    // The stored targets hold the OutputSource even when the sample's fetch failed.
    const listed = [facts.latestTargets, facts.failedTargets]
      .flatMap((t) => (t ? t.groups.map((g) => ({ g, executionId: t.executionId })) : []))
      .flatMap(({ g, executionId }) => g.samples.map((s) => ({ s, executionId })))
      .find(({ s }) => s.resourceId === sample.resourceId && s.status === sample.targetStatus);
    const source: OutputSourceFacts | undefined = sample.command
      ? { id: sample.command.commandId, type: 'RunCommand' }
      : sample.automation
        ? { id: sample.automation.executionId, type: 'Automation' }
        : listed?.s.outputSource;
    return {
      resourceId: sample.resourceId,
      status: sample.targetStatus,
      ...(sample.targetDetailedStatus ? { detailedStatus: sample.targetDetailedStatus } : {}),
      ...(source ? { outputSource: source } : {}),
      groupCount: sample.targetCount,
      ...(listed ? { executionId: listed.executionId } : {}),
    };
  }
  const targets = pointer.source === 'latest' ? facts.latestTargets : facts.failedTargets;
  const group = targets?.groups[pointer.group];
  const sample: ExecutionTargetFacts | undefined = group?.samples[pointer.sample];
  if (!targets || !group || !sample) return undefined;
  return {
    resourceId: sample.resourceId,
    status: sample.status,
    ...(sample.detailedStatus ? { detailedStatus: sample.detailedStatus } : {}),
    ...(sample.outputSource ? { outputSource: sample.outputSource } : {}),
    groupCount: group.count,
    executionId: targets.executionId,
  };
}

/** The failed targets an investigation sampled, with their pointers (for the "more targets" list). */
export function failedTargets(facts: Partial<InvestigationFacts>): { pointer: TargetPointer; target: OutputTarget }[] {
  const found: { pointer: TargetPointer; target: OutputTarget }[] = [];
  const seen = new Set<string>();
  for (const source of ['latest', 'failed'] as const) {
    const targets = source === 'latest' ? facts.latestTargets : facts.failedTargets;
    targets?.groups.forEach((group, g) => {
      if (!isFailedGroup(group)) return;
      group.samples.forEach((_, s) => {
        const pointer: TargetPointer = { source, group: g, sample: s };
        const target = targetAt(facts, pointer);
        const key = `${target?.resourceId}|${target?.outputSource?.id}`;
        if (target && !seen.has(key)) {
          seen.add(key);
          found.push({ pointer, target });
        }
      });
    });
  }
  return found;
}

/** The agent's working folders for one run on a node (the document's scripts and its stdout/stderr files). */
export function orchestrationFolders(platformType: string | undefined, instanceId: string, runId: string): string[] {
  const linux = `/var/lib/amazon/ssm/${instanceId}/document/orchestration/${runId}/`;
  const windows = `C:\\ProgramData\\Amazon\\SSM\\InstanceData\\${instanceId}\\document\\orchestration\\${runId}\\`;
  if (platformType === 'Windows') return [windows];
  if (platformType === 'Linux' || platformType === 'MacOS') return [linux];
  return [linux, windows];
}

function locationsFor(context: OutputContext, plugin?: CommandInvocationFacts): OutputLocations {
  const { investigation, target, association } = context;
  const region = investigation.region;
  const locations: OutputLocations = {};
  const s3 = association?.outputS3;
  const source = target.outputSource;
  if (s3?.bucketName) {
    const prefix = [s3.keyPrefix, source?.type === 'RunCommand' ? source.id : undefined, target.resourceId]
      .filter(Boolean)
      .join('/');
    const bucketRegion = s3.region ?? region;
    locations.s3 = {
      uri: `s3://${s3.bucketName}/${prefix}/`,
      consoleUrl: `https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(s3.bucketName)}?region=${bucketRegion}&prefix=${encodeURIComponent(`${prefix}/`)}`,
    };
  }
  if (plugin?.stdoutUrl) locations.stdoutUrl = plugin.stdoutUrl;
  if (plugin?.stderrUrl) locations.stderrUrl = plugin.stderrUrl;
  if (plugin?.cloudWatchLogGroup) locations.cloudWatchLogGroup = plugin.cloudWatchLogGroup;
  const console = `https://${region}.console.aws.amazon.com/systems-manager`;
  if (source?.type === 'Automation') {
    locations.consoleUrl = `${console}/automation/execution/${source.id}?region=${region}`;
    locations.cliCommand = `aws ssm get-automation-execution --automation-execution-id ${source.id} --region ${region}`;
  } else if (source) {
    locations.consoleUrl = `${console}/run-command/${source.id}/${target.resourceId}?region=${region}`;
    locations.cliCommand = `aws ssm get-command-invocation --command-id ${source.id} --instance-id ${target.resourceId}${plugin?.pluginName ? ` --plugin-name ${plugin.pluginName}` : ''} --region ${region}`;
  } else {
    locations.cliCommand = `aws ssm describe-instance-associations-status --instance-id ${target.resourceId} --region ${region}`;
  }
  return locations;
}

const EXPIRED_CODES = new Set(['InvocationDoesNotExist', 'InvalidCommandId', 'AutomationExecutionNotFoundException']);

/** Why a command invocation or an automation execution could not be read, in the investigation's language. */
function reasonOf(error: unknown, what: 'command' | 'automation', lang: Lang): { reason: string; expired: boolean } {
  const say = texts(lang).thread.output.reasons;
  if (isAppError(error) && EXPIRED_CODES.has(error.upstreamCode ?? '')) {
    const code = error.upstreamCode ?? '';
    return { reason: what === 'command' ? say.commandExpired(code) : say.automationExpired(code), expired: true };
  }
  if (isAppError(error, 'access-denied')) return { reason: say.accessDenied(error.action), expired: false };
  const detail = isAppError(error) ? userText(error, lang) : undefined;
  return {
    reason: what === 'command' ? say.commandUnreadable(detail) : say.automationUnreadable(detail),
    expired: false,
  };
}

const langOf = (context: OutputContext): Lang => context.investigation.lang ?? DEFAULT_LANG;

async function unavailable(
  reader: SsmReader,
  context: OutputContext,
  reason: string,
  runId: string,
): Promise<TargetOutput> {
  const { target, investigation } = context;
  let executionSummary: ExecutionSummaryFacts | undefined;
  let outputUrl: string | undefined;
  let why = reason;
  try {
    const rows = await reader.describeInstanceAssociations(target.resourceId);
    const row = rows.find((r) => r.associationId === investigation.associationId);
    executionSummary = row?.executionSummary;
    outputUrl = row?.outputUrl;
  } catch (error) {
    why += texts(langOf(context)).thread.output.reasons.statusUnreadable(
      isAppError(error) ? userText(error, langOf(context)) : 'error',
    );
  }
  return {
    kind: 'unavailable',
    context,
    reason: why,
    ...(executionSummary ? { executionSummary } : {}),
    ...(outputUrl ? { outputUrl } : {}),
    locations: locationsFor(context),
    logPaths: agentLogPaths(context.platformType),
    orchestrationFolders: orchestrationFolders(context.platformType, target.resourceId, runId),
  };
}

/** Reads a Run Command target's output: one plugin directly, or every plugin of a multi-step document. */
async function commandOutput(reader: SsmReader, context: OutputContext, commandId: string): Promise<TargetOutput> {
  const instanceId = context.target.resourceId;
  let plugins: CommandInvocationFacts[];
  try {
    plugins = [await reader.getCommandInvocation(commandId, instanceId)];
  } catch (error) {
    if (!isAppError(error) || error.upstreamCode !== 'InvalidPluginName') {
      return unavailable(reader, context, reasonOf(error, 'command', langOf(context)).reason, commandId);
    }
    // A multi-step document: list its plugins, then read each in full (the list holds only 2,500 characters).
    try {
      const listed = await reader.listCommandPlugins(commandId, instanceId);
      plugins = await Promise.all(
        listed.map((p) =>
          p.pluginName ? reader.getCommandInvocation(commandId, instanceId, p.pluginName).catch(() => p) : p,
        ),
      );
    } catch (listError) {
      return unavailable(reader, context, reasonOf(listError, 'command', langOf(context)).reason, commandId);
    }
    if (plugins.length === 0) {
      return unavailable(reader, context, texts(langOf(context)).thread.output.reasons.noPlugins, commandId);
    }
  }
  const failed = plugins.findIndex((p) => p.status !== 'Success');
  const focus = failed === -1 ? plugins.length - 1 : failed;
  return { kind: 'command', context, plugins, focus, locations: locationsFor(context, plugins[focus]) };
}

async function automationOutput(reader: SsmReader, context: OutputContext, executionId: string): Promise<TargetOutput> {
  try {
    const automation = await reader.getAutomationExecution(executionId);
    return { kind: 'automation', context, automation, locations: locationsFor(context) };
  } catch (error) {
    return unavailable(reader, context, reasonOf(error, 'automation', langOf(context)).reason, executionId);
  }
}

export interface ShowOutputService {
  /** The target a pointer refers to, with what the stored investigation knows around it. */
  resolve(investigation: InvestigationRecord, pointer: TargetPointer): Promise<OutputContext | undefined>;
  /** The sampled failed targets of an investigation. */
  listFailed(investigation: InvestigationRecord): Promise<{ pointer: TargetPointer; target: OutputTarget }[]>;
  /** Fetches and redacts a target's output through the account's role, as `userId`. */
  fetch(context: OutputContext, account: AccountRef, requester: { userId: string }): Promise<TargetOutput>;
}

export function createShowOutputService(deps: ShowOutputDeps): ShowOutputService {
  return {
    async resolve(investigation, pointer) {
      const facts = storedFacts(await deps.store.listSteps(investigation.id));
      const target = targetAt(facts, pointer);
      if (!target) return undefined;
      const platformType = facts.nodes?.find((n) => n.instanceId === target.resourceId)?.platformType;
      return {
        investigation,
        target,
        ...(facts.association ? { association: facts.association } : {}),
        ...(platformType ? { platformType } : {}),
      };
    },

    async listFailed(investigation) {
      return failedTargets(storedFacts(await deps.store.listSteps(investigation.id)));
    },

    async fetch(context, account, requester) {
      const reader = redactingReader(
        deps.gateway.reader(account, context.investigation.region, requester),
        deps.redactor,
      );
      const source = context.target.outputSource;
      if (!source) {
        return unavailable(
          reader,
          context,
          texts(langOf(context)).thread.output.reasons.noOutputSource,
          context.investigation.associationId,
        );
      }
      if (source.type === 'Automation') return automationOutput(reader, context, source.id);
      return commandOutput(reader, context, source.id);
    },
  };
}
