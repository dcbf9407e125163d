// SSM operations (awsJson1_1) over a RegionData: pure functions from a request body to a response
// body, throwing FakeAwsError for AWS errors. Shapes follow ssm.service-2.json; test/unit checks that.
import { FakeAwsError } from './errors.ts';
import { arrayView, filteredView, type ListView, page } from './paging.ts';
import type { CommandInvocationSpec, CommandPluginSpec, FakeIdentity, RegionData, TargetSource } from './types.ts';
import type {
  WireAssociationDescription,
  WireAssociationExecutionTarget,
  WireInstanceInformation,
  WireStepExecution,
} from './wire.ts';

export interface SsmContext {
  data: RegionData;
  account: string;
  region: string;
  identity: FakeIdentity;
}

type Params = Record<string, unknown>;
type Handler = (params: Params, ctx: SsmContext) => Record<string, unknown>;

/** The path form of the DHMC setting. */
export const DHMC_SETTING_ID = '/ssm/managed-instance/default-ec2-instance-management-role';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = <T = Record<string, unknown>>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** ISO-8601 as GetCommandInvocation sends it (`2020-02-19T18:18:03.419Z`); empty when unknown. */
const isoOrEmpty = (epochSeconds: number | undefined) =>
  epochSeconds === undefined ? '' : new Date(Math.round(epochSeconds * 1000)).toISOString();

/** ISO-8601 duration as GetCommandInvocation sends it (`PT0.091S`). */
const elapsed = (start: number | undefined, end: number | undefined) => {
  if (start === undefined || end === undefined) return '';
  const seconds = Math.max(0, Math.round((end - start) * 1000) / 1000);
  return `PT${seconds}S`;
};

function associationsOf(ctx: SsmContext) {
  return ctx.data.associations ?? [];
}

function findAssociation(ctx: SsmContext, associationId: string | undefined): WireAssociationDescription {
  const found = associationsOf(ctx).find((a) => a.AssociationId === associationId);
  if (!found) throw new FakeAwsError('AssociationDoesNotExist', 'The specified association does not exist.');
  return found;
}

function targetsView(source: TargetSource): ListView<WireAssociationExecutionTarget> {
  return Array.isArray(source) ? arrayView(source) : { length: source.count, get: (i) => source.at(i) };
}

const DescribeAssociation: Handler = (params, ctx) => {
  const id = str(params.AssociationId);
  if (id) return { AssociationDescription: findAssociation(ctx, id) };
  const name = str(params.Name);
  const instanceId = str(params.InstanceId);
  if (!name || !instanceId) {
    throw new FakeAwsError('ValidationException', 'Specify an AssociationId, or a Name and an InstanceId.');
  }
  const legacy = associationsOf(ctx).find((a) => a.Name === name && a.InstanceId === instanceId);
  if (!legacy) throw new FakeAwsError('AssociationDoesNotExist', 'The specified association does not exist.');
  return { AssociationDescription: legacy };
};

const LIST_ASSOCIATION_MEMBERS = [
  'Name',
  'InstanceId',
  'AssociationId',
  'AssociationVersion',
  'DocumentVersion',
  'Targets',
  'LastExecutionDate',
  'Overview',
  'ScheduleExpression',
  'AssociationName',
  'ScheduleOffset',
  'Duration',
  'TargetMaps',
] as const;

const ListAssociations: Handler = (params, ctx) => {
  const filters = arr<{ key: string; value: string }>(params.AssociationFilterList);
  const matches = (a: WireAssociationDescription) =>
    filters.every((f) => {
      switch (f.key) {
        case 'Name':
          return a.Name === f.value;
        case 'AssociationId':
          return a.AssociationId === f.value;
        case 'AssociationName':
          return a.AssociationName === f.value;
        case 'InstanceId':
          return a.InstanceId === f.value;
        case 'AssociationStatusName':
          return a.Overview?.Status === f.value;
        case 'LastExecutedBefore':
          return a.LastExecutionDate !== undefined && a.LastExecutionDate * 1000 < Date.parse(f.value);
        case 'LastExecutedAfter':
          return a.LastExecutionDate !== undefined && a.LastExecutionDate * 1000 > Date.parse(f.value);
        default:
          return true;
      }
    });
  const all = associationsOf(ctx).filter(matches);
  const { items, nextToken } = page('ListAssociations', arrayView(all), params, filters);
  const Associations = items.map((a) => {
    const row: Record<string, unknown> = {};
    for (const key of LIST_ASSOCIATION_MEMBERS) if (a[key] !== undefined) row[key] = a[key];
    return row;
  });
  return { Associations, ...(nextToken ? { NextToken: nextToken } : {}) };
};

const DescribeDocument: Handler = (params, ctx) => {
  const name = str(params.Name) ?? '';
  const versions = ctx.data.documents?.[name];
  if (!versions || versions.length === 0) {
    throw new FakeAwsError('InvalidDocument', `Document with name ${name} does not exist.`);
  }
  const first = versions[0];
  const requested = str(params.DocumentVersion);
  const versionName = str(params.VersionName);
  let wanted: string | undefined;
  if (requested === undefined || requested === '$DEFAULT') wanted = first?.DefaultVersion ?? first?.DocumentVersion;
  else if (requested === '$LATEST') wanted = first?.LatestVersion ?? versions.at(-1)?.DocumentVersion;
  else wanted = requested;
  const doc = versionName
    ? versions.find((v) => (v as { VersionName?: string }).VersionName === versionName)
    : versions.find((v) => v.DocumentVersion === wanted);
  if (!doc) {
    throw new FakeAwsError('InvalidDocumentVersion', "The document version isn't valid or doesn't exist.");
  }
  return { Document: doc };
};

const DescribeAssociationExecutions: Handler = (params, ctx) => {
  const associationId = str(params.AssociationId);
  findAssociation(ctx, associationId);
  const filters = arr<{ Key: string; Value: string; Type: string }>(params.Filters);
  const compare = (actual: number, value: string, type: string) => {
    const t = Date.parse(value) / 1000;
    if (type === 'LESS_THAN') return actual < t;
    if (type === 'GREATER_THAN') return actual > t;
    return actual === t;
  };
  const executions = [...(ctx.data.executions?.[associationId ?? ''] ?? [])]
    .filter((e) =>
      filters.every((f) => {
        if (f.Key === 'ExecutionId') return f.Type === 'EQUAL' && e.ExecutionId === f.Value;
        if (f.Key === 'Status') return f.Type === 'EQUAL' && e.Status === f.Value;
        if (f.Key === 'CreatedTime') return compare(e.CreatedTime, f.Value, f.Type);
        return true;
      }),
    )
    .sort((a, b) => b.CreatedTime - a.CreatedTime);
  const { items, nextToken } = page('DescribeAssociationExecutions', arrayView(executions), params, filters);
  return { AssociationExecutions: items, ...(nextToken ? { NextToken: nextToken } : {}) };
};

const DescribeAssociationExecutionTargets: Handler = (params, ctx) => {
  const associationId = str(params.AssociationId);
  const executionId = str(params.ExecutionId) ?? '';
  findAssociation(ctx, associationId);
  const execution = ctx.data.executions?.[associationId ?? '']?.find((e) => e.ExecutionId === executionId);
  if (!execution) {
    throw new FakeAwsError('AssociationExecutionDoesNotExist', 'The specified execution ID does not exist.');
  }
  const source = ctx.data.executionTargets?.[executionId] ?? [];
  const filters = arr<{ Key: string; Value: string }>(params.Filters);
  let view = targetsView(source);
  if (filters.length > 0) {
    const key = JSON.stringify(filters);
    view = filteredView(view, source, key, (t) =>
      filters.every((f) => {
        if (f.Key === 'Status') return t.Status === f.Value;
        if (f.Key === 'ResourceId') return t.ResourceId === f.Value;
        if (f.Key === 'ResourceType') return t.ResourceType === f.Value;
        return true;
      }),
    );
  }
  const { items, nextToken } = page('DescribeAssociationExecutionTargets', view, params, filters);
  return { AssociationExecutionTargets: items, ...(nextToken ? { NextToken: nextToken } : {}) };
};

function instanceMatches(ctx: SsmContext, node: WireInstanceInformation, key: string, values: string[]): boolean {
  const tags = ctx.data.instanceTags?.[node.InstanceId] ?? {};
  if (key.startsWith('tag:')) {
    const tag = tags[key.slice(4)];
    return tag !== undefined && values.includes(tag);
  }
  switch (key) {
    case 'InstanceIds':
      return values.includes(node.InstanceId);
    case 'PingStatus':
      return values.includes(node.PingStatus ?? '');
    case 'PlatformTypes':
    case 'PlatformType':
      return values.includes(node.PlatformType ?? '');
    case 'ResourceType':
      return values.includes(node.ResourceType ?? '');
    case 'AgentVersion':
      return values.includes(node.AgentVersion ?? '');
    case 'IamRole':
      return values.includes(node.IamRole ?? '');
    case 'AssociationStatus':
      return values.includes(node.AssociationStatus ?? '');
    case 'ActivationIds':
      return values.includes(node.ActivationId ?? '');
    case 'tag-key':
      return values.some((v) => v in tags);
    default:
      throw new FakeAwsError('InvalidFilterKey', '');
  }
}

const DescribeInstanceInformation: Handler = (params, ctx) => {
  const filters = [
    ...arr<{ Key: string; Values: string[] }>(params.Filters).map((f) => ({ key: f.Key, values: f.Values })),
    ...arr<{ key: string; valueSet: string[] }>(params.InstanceInformationFilterList).map((f) => ({
      key: f.key === 'PlatformTypes' ? 'PlatformTypes' : f.key,
      values: f.valueSet,
    })),
  ];
  for (const f of filters) {
    if (f.key === 'InstanceIds' && f.values.some((v) => !/^(i|mi)-[0-9a-zA-Z]+$/.test(v))) {
      throw new FakeAwsError(
        'InvalidInstanceInformationFilterValue',
        `Invalid instance id in filter: ${f.values.join(',')}`,
      );
    }
  }
  const nodes = (ctx.data.instances ?? []).filter((n) =>
    filters.every((f) => instanceMatches(ctx, n, f.key, f.values)),
  );
  const { items, nextToken } = page('DescribeInstanceInformation', arrayView(nodes), params, filters);
  return { InstanceInformationList: items, ...(nextToken ? { NextToken: nextToken } : {}) };
};

const DescribeInstanceAssociationsStatus: Handler = (params, ctx) => {
  const instanceId = str(params.InstanceId) ?? '';
  const rows = ctx.data.instanceAssociationStatuses?.[instanceId];
  const managed = (ctx.data.instances ?? []).some((n) => n.InstanceId === instanceId);
  if (!rows && !managed) throw new FakeAwsError('InvalidInstanceId', 'Instance Id is invalid');
  const { items, nextToken } = page('DescribeInstanceAssociationsStatus', arrayView(rows ?? []), params, instanceId);
  return { InstanceAssociationStatusInfos: items, ...(nextToken ? { NextToken: nextToken } : {}) };
};

const GetServiceSetting: Handler = (params, ctx) => {
  const raw = str(params.SettingId) ?? '';
  // Accepts the path or the full ARN (arn:aws:ssm:<region>:<account>:servicesetting/ssm/…).
  const id = raw.startsWith('arn:') ? raw.slice(raw.indexOf(':servicesetting') + ':servicesetting'.length) : raw;
  const setting = ctx.data.serviceSettings?.[id];
  if (!setting) throw new FakeAwsError('ServiceSettingNotFound', `The service setting ${id} wasn't found.`);
  return { ServiceSetting: setting };
};

function findInvocation(ctx: SsmContext, commandId: string, instanceId: string): CommandInvocationSpec {
  const spec = (ctx.data.commandInvocations ?? []).find(
    (c) => c.commandId === commandId && c.instanceId === instanceId,
  );
  if (!spec) throw new FakeAwsError('InvocationDoesNotExist', '');
  return spec;
}

const GetCommandInvocation: Handler = (params, ctx) => {
  const commandId = str(params.CommandId) ?? '';
  const instanceId = str(params.InstanceId) ?? '';
  if (!/^[0-9a-f-]{36}$/i.test(commandId)) throw new FakeAwsError('InvalidCommandId', '');
  const spec = findInvocation(ctx, commandId, instanceId);
  const pluginName = str(params.PluginName);
  let plugin: CommandPluginSpec | undefined;
  if (pluginName !== undefined) {
    plugin = spec.plugins.find((p) => p.name === pluginName);
    if (!plugin) throw new FakeAwsError('InvalidPluginName', '');
  } else if (spec.plugins.length === 1) {
    plugin = spec.plugins[0];
  } else {
    // A document with several steps needs PluginName.
    throw new FakeAwsError('InvalidPluginName', '');
  }
  const p = plugin as CommandPluginSpec;
  return {
    CommandId: spec.commandId,
    InstanceId: spec.instanceId,
    Comment: spec.comment ?? '',
    DocumentName: spec.documentName,
    DocumentVersion: spec.documentVersion ?? '',
    PluginName: p.name,
    ResponseCode: p.responseCode,
    ExecutionStartDateTime: isoOrEmpty(p.startedAt),
    ExecutionElapsedTime: elapsed(p.startedAt, p.endedAt),
    ExecutionEndDateTime: isoOrEmpty(p.endedAt),
    // GetCommandInvocation reports the plugin's outcome in CommandInvocationStatus terms.
    Status: p.status,
    StatusDetails: p.statusDetails,
    StandardOutputContent: p.stdout.slice(0, 24_000),
    StandardOutputUrl: p.stdoutUrl ?? '',
    StandardErrorContent: p.stderr.slice(0, 8_000),
    StandardErrorUrl: p.stderrUrl ?? '',
    CloudWatchOutputConfig: {
      CloudWatchLogGroupName: spec.cloudWatchLogGroup ?? '',
      CloudWatchOutputEnabled: spec.cloudWatchLogGroup !== undefined,
    },
  };
};

/** The plugin Output of ListCommandInvocations: stdout, then stderr after AWS's marker, first 2,500 chars. */
export function pluginOutput(p: CommandPluginSpec): string {
  const text = p.stderr ? `${p.stdout}\n----------ERROR-------\n${p.stderr}` : p.stdout;
  return text.slice(0, 2_500);
}

const ListCommandInvocations: Handler = (params, ctx) => {
  const commandId = str(params.CommandId);
  const instanceId = str(params.InstanceId);
  if (commandId !== undefined && !/^[0-9a-f-]{36}$/i.test(commandId)) throw new FakeAwsError('InvalidCommandId', '');
  const filters = arr<{ key: string; value: string }>(params.Filters);
  const details = params.Details === true;
  const specs = (ctx.data.commandInvocations ?? [])
    .filter(
      (c) =>
        (commandId === undefined || c.commandId === commandId) &&
        (instanceId === undefined || c.instanceId === instanceId),
    )
    .filter((c) =>
      filters.every((f) => {
        if (f.key === 'Status') return c.status === f.value;
        if (f.key === 'DocumentName') return c.documentName === f.value;
        if (f.key === 'InvokedAfter') return c.requestedAt * 1000 > Date.parse(f.value);
        if (f.key === 'InvokedBefore') return c.requestedAt * 1000 < Date.parse(f.value);
        throw new FakeAwsError('InvalidFilterKey', '');
      }),
    )
    .sort((a, b) => b.requestedAt - a.requestedAt);
  const { items, nextToken } = page('ListCommandInvocations', arrayView(specs), params, {
    commandId,
    instanceId,
    filters,
    details,
  });
  const CommandInvocations = items.map((c) => ({
    CommandId: c.commandId,
    InstanceId: c.instanceId,
    InstanceName: '',
    Comment: c.comment ?? '',
    DocumentName: c.documentName,
    DocumentVersion: c.documentVersion ?? '',
    RequestedDateTime: c.requestedAt,
    Status: c.status,
    StatusDetails: c.statusDetails,
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    CommandPlugins: details
      ? c.plugins.map((p) => ({
          Name: p.name,
          Status: p.status,
          StatusDetails: p.statusDetails,
          ResponseCode: p.responseCode,
          ...(p.startedAt !== undefined ? { ResponseStartDateTime: p.startedAt } : {}),
          ...(p.endedAt !== undefined ? { ResponseFinishDateTime: p.endedAt } : {}),
          Output: pluginOutput(p),
          StandardOutputUrl: p.stdoutUrl ?? '',
          StandardErrorUrl: p.stderrUrl ?? '',
          OutputS3Region: p.outputS3Region ?? ctx.region,
          OutputS3BucketName: p.outputS3BucketName ?? '',
          OutputS3KeyPrefix: p.outputS3KeyPrefix ?? '',
        }))
      : [],
    ServiceRole: '',
    NotificationConfig: { NotificationArn: '', NotificationEvents: [], NotificationType: '' },
    CloudWatchOutputConfig: {
      CloudWatchLogGroupName: c.cloudWatchLogGroup ?? '',
      CloudWatchOutputEnabled: c.cloudWatchLogGroup !== undefined,
    },
  }));
  return { CommandInvocations, ...(nextToken ? { NextToken: nextToken } : {}) };
};

function findAutomation(ctx: SsmContext, id: string | undefined) {
  const found = (ctx.data.automationExecutions ?? []).find((a) => a.AutomationExecutionId === id);
  if (!found) {
    throw new FakeAwsError('AutomationExecutionNotFoundException', `Automation execution ${id ?? ''} not found.`);
  }
  return found;
}

const GetAutomationExecution: Handler = (params, ctx) => ({
  AutomationExecution: findAutomation(ctx, str(params.AutomationExecutionId)),
});

const DescribeAutomationStepExecutions: Handler = (params, ctx) => {
  const execution = findAutomation(ctx, str(params.AutomationExecutionId));
  const filters = arr<{ Key: string; Values: string[] }>(params.Filters);
  const match = (s: WireStepExecution, key: string, values: string[]) => {
    switch (key) {
      case 'StepExecutionStatus':
        return values.includes(s.StepStatus ?? '');
      case 'StepExecutionId':
        return values.includes(s.StepExecutionId ?? '');
      case 'StepName':
        return values.includes(s.StepName);
      case 'Action':
        return values.includes(s.Action ?? '');
      case 'StartTimeBefore':
        return (
          s.ExecutionStartTime !== undefined &&
          values.some((v) => (s.ExecutionStartTime as number) * 1000 < Date.parse(v))
        );
      case 'StartTimeAfter':
        return (
          s.ExecutionStartTime !== undefined &&
          values.some((v) => (s.ExecutionStartTime as number) * 1000 > Date.parse(v))
        );
      default:
        return true;
    }
  };
  let steps = (execution.StepExecutions ?? []).filter((s) => filters.every((f) => match(s, f.Key, f.Values)));
  if (params.ReverseOrder === true) steps = [...steps].reverse();
  const { items, nextToken } = page('DescribeAutomationStepExecutions', arrayView(steps), params, {
    filters,
    reverse: params.ReverseOrder === true,
  });
  return { StepExecutions: items, ...(nextToken ? { NextToken: nextToken } : {}) };
};

const GetConnectionStatus: Handler = (params, ctx) => {
  const target = str(params.Target) ?? '';
  const node = (ctx.data.instances ?? []).find((n) => n.InstanceId === target);
  return { Target: target, Status: node?.PingStatus === 'Online' ? 'connected' : 'notconnected' };
};

/** StartAssociationsOnce (botocore: AssociationIds 1–10, empty output; an unknown id → InvalidAssociation). */
const StartAssociationsOnce: Handler = (params, ctx) => {
  const ids = arr<string>(params.AssociationIds);
  if (ids.length < 1 || ids.length > 10) {
    throw new FakeAwsError('ValidationException', 'AssociationIds must hold 1 to 10 association ids.');
  }
  const known = new Set(associationsOf(ctx).map((a) => a.AssociationId));
  if (ids.some((id) => !known.has(id))) {
    throw new FakeAwsError('InvalidAssociation', 'The association does not exist or is not valid.');
  }
  return {};
};

const handlers: Record<string, Handler> = {
  DescribeAssociation,
  StartAssociationsOnce,
  ListAssociations,
  DescribeDocument,
  DescribeAssociationExecutions,
  DescribeAssociationExecutionTargets,
  DescribeInstanceInformation,
  DescribeInstanceAssociationsStatus,
  GetServiceSetting,
  GetCommandInvocation,
  ListCommandInvocations,
  GetAutomationExecution,
  DescribeAutomationStepExecutions,
  GetConnectionStatus,
};

/** The SSM operations the fake implements. */
export const SSM_OPERATIONS = Object.keys(handlers);

export function handleSsm(operation: string, params: Params, ctx: SsmContext): Record<string, unknown> {
  const handler = handlers[operation];
  if (!handler) {
    throw new FakeAwsError('UnknownOperationException', `The fake AWS does not implement AmazonSSM.${operation} yet.`);
  }
  return handler(params, ctx);
}

/** `{Failed=2, Success=8}` — the ResourceCountByStatus string, keys sorted as AWS prints them. */
export function resourceCountString(counts: Record<string, number>): string {
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, n]) => `${k}=${n}`).join(', ')}}`;
}
