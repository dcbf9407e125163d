// SsmReader over the AWS SDK: paginators for every list call, SDK shapes mapped to domain facts here
// (SDK types never leave src/aws), every failure mapped to AppError with the IAM action it needed.
import type { DescribeInstancesCommandOutput, EC2Client } from '@aws-sdk/client-ec2';
import {
  type AssociationDescription,
  type AssociationExecution,
  type AssociationExecutionTarget,
  type AutomationExecution,
  DescribeAssociationCommand,
  DescribeDocumentCommand,
  DescribeInstanceInformationCommand,
  GetAutomationExecutionCommand,
  GetCommandInvocationCommand,
  GetServiceSettingCommand,
  type InstanceAssociationStatusInfo,
  type InstanceInformation,
  paginateDescribeAssociationExecutions,
  paginateDescribeAssociationExecutionTargets,
  paginateDescribeAutomationStepExecutions,
  paginateDescribeInstanceAssociationsStatus,
  paginateDescribeInstanceInformation,
  paginateListAssociations,
  paginateListCommandInvocations,
  type SSMClient,
  type StepExecution,
} from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type {
  AssociationFacts,
  AutomationExecutionFacts,
  AutomationStepFacts,
  CommandInvocationFacts,
  DefaultHostManagementFacts,
  DocumentFacts,
  Ec2InstanceFacts,
  ExecutionFacts,
  ExecutionTargetFacts,
  ExecutionTargetsFacts,
  IdentityFacts,
  InstanceAssociationStatusFacts,
  TargetGroupFacts,
} from '../domain/facts.ts';
import { parseExecutionSummary, parseResourceCountByStatus, splitPluginOutput } from '../domain/parsers.ts';
import type { AccountRef, AssociationList, ManagedNodeInfo, SsmReader } from '../investigation/ports.ts';
import { type AwsCallContext, type AwsService, awsErrorName, toAppError } from './errors.ts';

/** The setting that turns on Default Host Management Configuration. */
export const DHMC_SETTING_ID = '/ssm/managed-instance/default-ec2-instance-management-role';

/** SSM list calls allow at most 50 per page. */
const PAGE = 50;
/** DescribeInstanceInformation's InstanceIds filter: ids per call. */
const NODE_BATCH = 50;
/** ec2:DescribeInstances instance-id filter values per call. */
const EC2_BATCH = 100;
const FAILED_STEP_STATUSES = ['Failed', 'TimedOut'];

export interface SdkSsmReaderDeps {
  ssm: SSMClient;
  /** Loaded on first use (see ClientSet.ec2). */
  ec2: () => Promise<EC2Client>;
  sts: STSClient;
  account: AccountRef;
  region: string;
  /** The RoleSessionName when a role is assumed. */
  sessionName?: string;
}

const chunk = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const unique = <T>(items: T[]): T[] => [...new Set(items)];

/**
 * A seeded pseudo-random sequence in [0, 1) (mulberry32 over an FNV-1a hash of the seed): the same execution
 * always yields the same sample, so an investigation and its re-run agree.
 */
function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** GetCommandInvocation's ISO strings ('' when not started). */
const isoDate = (value: string | undefined): Date | undefined => {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

export class SdkSsmReader implements SsmReader {
  private readonly deps: SdkSsmReaderDeps;

  constructor(deps: SdkSsmReaderDeps) {
    this.deps = deps;
  }

  private ctx(service: AwsService, operation: string): AwsCallContext {
    return { service, operation, accountId: this.deps.account.id, region: this.deps.region };
  }

  /** Runs a call (or a whole pagination) and maps its failure to AppError. */
  private async call<T>(service: AwsService, operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toAppError(error, this.ctx(service, operation));
    }
  }

  async identity(): Promise<IdentityFacts> {
    const out = await this.call('sts', 'GetCallerIdentity', () => this.deps.sts.send(new GetCallerIdentityCommand({})));
    const { roleArn, externalId } = this.deps.account;
    return {
      arn: out.Arn ?? '',
      account: out.Account ?? '',
      roleArn,
      externalIdUsed: roleArn !== undefined && externalId !== undefined,
      sessionName: roleArn ? this.deps.sessionName : undefined,
    };
  }

  async describeAssociation(associationId: string): Promise<AssociationFacts> {
    const out = await this.call('ssm', 'DescribeAssociation', () =>
      this.deps.ssm.send(new DescribeAssociationCommand({ AssociationId: associationId })),
    );
    if (!out.AssociationDescription) {
      throw toAppError(
        { name: 'AssociationDoesNotExist', message: `No description for ${associationId}`, $metadata: out.$metadata },
        this.ctx('ssm', 'DescribeAssociation'),
      );
    }
    return mapAssociation(out.AssociationDescription);
  }

  async describeDocument(name: string, version?: string): Promise<DocumentFacts> {
    try {
      const out = await this.deps.ssm.send(
        new DescribeDocumentCommand({ Name: name, ...(version ? { DocumentVersion: version } : {}) }),
      );
      const d = out.Document ?? {};
      return {
        found: true,
        name: d.Name ?? name,
        version: d.DocumentVersion,
        documentType: d.DocumentType,
        schemaVersion: d.SchemaVersion,
        platformTypes: d.PlatformTypes ?? [],
        status: d.Status,
        statusInformation: d.StatusInformation,
        parameters: (d.Parameters ?? []).map((p) => ({
          name: p.Name ?? '',
          type: p.Type,
          hasDefault: p.DefaultValue !== undefined,
          defaultValue: p.DefaultValue,
        })),
        targetType: d.TargetType,
        defaultVersion: d.DefaultVersion,
        latestVersion: d.LatestVersion,
        owner: d.Owner,
      };
    } catch (error) {
      const code = awsErrorName(error);
      if (code === 'InvalidDocument' || code === 'InvalidDocumentVersion') {
        return {
          found: false,
          name,
          version,
          errorCode: code,
          message: error instanceof Error ? error.message : String(error),
        };
      }
      throw toAppError(error, this.ctx('ssm', 'DescribeDocument'));
    }
  }

  async listExecutions(associationId: string, limit: number): Promise<ExecutionFacts[]> {
    if (limit <= 0) return [];
    const rows = await this.call('ssm', 'DescribeAssociationExecutions', async () => {
      const found: AssociationExecution[] = [];
      const pages = paginateDescribeAssociationExecutions(
        { client: this.deps.ssm, pageSize: Math.min(PAGE, limit) },
        { AssociationId: associationId },
      );
      for await (const page of pages) {
        found.push(...(page.AssociationExecutions ?? []));
        if (found.length >= limit) break;
      }
      return found;
    });
    return rows
      .map(mapExecution)
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
      .slice(0, limit);
  }

  async listExecutionTargets(
    associationId: string,
    executionId: string,
    options: { statuses?: string[]; samplesPerGroup: number; maxPages?: number },
  ): Promise<ExecutionTargetsFacts> {
    const groups = new Map<string, TargetGroupFacts & { random: () => number }>();
    // Each group's sample is a reservoir (Algorithm R): every target of the group is equally likely to be in it,
    // wherever it comes in the listing — so failures that share a status but not a cause are all represented in
    // proportion, not just the first pages'.
    const add = (t: AssociationExecutionTarget) => {
      const status = t.Status ?? 'Unknown';
      const key = `${status}\u0000${t.DetailedStatus ?? ''}`;
      let group = groups.get(key);
      if (!group) {
        const random = seededRandom(`${executionId}|${key}`);
        group = { status, detailedStatus: t.DetailedStatus, count: 0, samples: [], random };
        groups.set(key, group);
      }
      group.count += 1;
      if (group.samples.length < options.samplesPerGroup) group.samples.push(mapTarget(t));
      else {
        const slot = Math.floor(group.random() * group.count);
        if (slot < options.samplesPerGroup) group.samples[slot] = mapTarget(t);
      }
    };
    const listing = async (statusFilter?: string) => {
      const pages = paginateDescribeAssociationExecutionTargets(
        { client: this.deps.ssm, pageSize: PAGE },
        {
          AssociationId: associationId,
          ExecutionId: executionId,
          ...(statusFilter !== undefined ? { Filters: [{ Key: 'Status', Value: statusFilter }] } : {}),
        },
      );
      let read = 0;
      for await (const page of pages) {
        for (const t of page.AssociationExecutionTargets ?? []) add(t);
        if (options.maxPages !== undefined && ++read >= options.maxPages) break;
      }
    };
    const statuses = options.statuses ? unique(options.statuses) : undefined;
    await this.call('ssm', 'DescribeAssociationExecutionTargets', async () => {
      if (statuses === undefined) await listing();
      // One server-side filtered listing per status, concurrently: cost scales with the failing targets only.
      else await Promise.all(statuses.map((status) => listing(status)));
    });
    const sorted = [...groups.values()]
      .map(({ random: _, ...group }): TargetGroupFacts => group)
      .sort(
        (a, b) =>
          b.count - a.count ||
          a.status.localeCompare(b.status) ||
          (a.detailedStatus ?? '').localeCompare(b.detailedStatus ?? ''),
      );
    return {
      executionId,
      total: sorted.reduce((n, g) => n + g.count, 0),
      groups: sorted,
      partial: statuses !== undefined,
    };
  }

  async describeManagedNodesByTag(
    tagKey: string,
    values: string[],
  ): Promise<{ nodes: ManagedNodeInfo[]; more: boolean }> {
    const out = await this.call('ssm', 'DescribeInstanceInformation', () =>
      this.deps.ssm.send(
        new DescribeInstanceInformationCommand({
          Filters: [{ Key: `tag:${tagKey}`, Values: values }],
          MaxResults: PAGE,
        }),
      ),
    );
    return { nodes: (out.InstanceInformationList ?? []).map(mapNode), more: Boolean(out.NextToken) };
  }

  async describeManagedNodes(instanceIds: string[]): Promise<ManagedNodeInfo[]> {
    const ids = unique(instanceIds.filter((id) => id.length > 0));
    const found: ManagedNodeInfo[] = [];
    for (const batch of chunk(ids, NODE_BATCH)) found.push(...(await this.managedNodesBatch(batch)));
    return found;
  }

  private async managedNodesBatch(ids: string[]): Promise<ManagedNodeInfo[]> {
    try {
      const rows: InstanceInformation[] = [];
      const pages = paginateDescribeInstanceInformation(
        { client: this.deps.ssm, pageSize: PAGE },
        { Filters: [{ Key: 'InstanceIds', Values: ids }] },
      );
      for await (const page of pages) rows.push(...(page.InstanceInformationList ?? []));
      return rows.map(mapNode);
    } catch (error) {
      // InvalidInstanceId rejects the whole batch when one id is bad: halve it until the bad ids
      // stand alone (they are not managed nodes), so a bad id costs O(log n) calls, not n.
      if (awsErrorName(error) === 'InvalidInstanceId') {
        if (ids.length === 1) return [];
        const half = Math.ceil(ids.length / 2);
        return [
          ...(await this.managedNodesBatch(ids.slice(0, half))),
          ...(await this.managedNodesBatch(ids.slice(half))),
        ];
      }
      throw toAppError(error, this.ctx('ssm', 'DescribeInstanceInformation'));
    }
  }

  async describeInstanceAssociations(instanceId: string): Promise<InstanceAssociationStatusFacts[]> {
    try {
      const rows: InstanceAssociationStatusInfo[] = [];
      const pages = paginateDescribeInstanceAssociationsStatus(
        { client: this.deps.ssm, pageSize: PAGE },
        { InstanceId: instanceId },
      );
      for await (const page of pages) rows.push(...(page.InstanceAssociationStatusInfos ?? []));
      return rows.map(mapInstanceAssociation);
    } catch (error) {
      // Not a (registered) managed node: it has no association rows.
      if (awsErrorName(error) === 'InvalidInstanceId') return [];
      throw toAppError(error, this.ctx('ssm', 'DescribeInstanceAssociationsStatus'));
    }
  }

  async describeEc2Instances(instanceIds: string[]): Promise<Ec2InstanceFacts[]> {
    const ids = unique(instanceIds.filter((id) => /^i-[0-9a-f]+$/.test(id)));
    if (ids.length === 0) return [];
    return this.call('ec2', 'DescribeInstances', async () => {
      const [{ paginateDescribeInstances }, client] = await Promise.all([
        import('@aws-sdk/client-ec2'),
        this.deps.ec2(),
      ]);
      const found: Ec2InstanceFacts[] = [];
      for (const batch of chunk(ids, EC2_BATCH)) {
        // The instance-id filter (not InstanceIds) so that a terminated-and-gone id does not fail the batch.
        const pages = paginateDescribeInstances(
          { client, pageSize: 1000 },
          { Filters: [{ Name: 'instance-id', Values: batch }] },
        );
        for await (const page of pages) found.push(...mapReservations(page));
      }
      return found;
    });
  }

  async defaultHostManagement(): Promise<DefaultHostManagementFacts> {
    try {
      const out = await this.deps.ssm.send(new GetServiceSettingCommand({ SettingId: DHMC_SETTING_ID }));
      const value = out.ServiceSetting?.SettingValue?.trim();
      return {
        roleName: value && value !== '$None' ? value : undefined,
        settingStatus: out.ServiceSetting?.Status,
      };
    } catch (error) {
      if (awsErrorName(error) === 'ServiceSettingNotFound') return {};
      throw toAppError(error, this.ctx('ssm', 'GetServiceSetting'));
    }
  }

  async getCommandInvocation(
    commandId: string,
    instanceId: string,
    pluginName?: string,
  ): Promise<CommandInvocationFacts> {
    const out = await this.call('ssm', 'GetCommandInvocation', () =>
      this.deps.ssm.send(
        new GetCommandInvocationCommand({
          CommandId: commandId,
          InstanceId: instanceId,
          ...(pluginName ? { PluginName: pluginName } : {}),
        }),
      ),
    );
    return {
      commandId: out.CommandId ?? commandId,
      instanceId: out.InstanceId ?? instanceId,
      documentName: out.DocumentName,
      pluginName: out.PluginName,
      status: out.Status,
      statusDetails: out.StatusDetails,
      responseCode: out.ResponseCode,
      startedAt: isoDate(out.ExecutionStartDateTime),
      endedAt: isoDate(out.ExecutionEndDateTime),
      stdout: out.StandardOutputContent ?? '',
      stderr: out.StandardErrorContent ?? '',
      stdoutUrl: out.StandardOutputUrl || undefined,
      stderrUrl: out.StandardErrorUrl || undefined,
      cloudWatchLogGroup: out.CloudWatchOutputConfig?.CloudWatchLogGroupName || undefined,
    };
  }

  async listCommandPlugins(commandId: string, instanceId: string): Promise<CommandInvocationFacts[]> {
    return this.call('ssm', 'ListCommandInvocations', async () => {
      const found: CommandInvocationFacts[] = [];
      const pages = paginateListCommandInvocations(
        { client: this.deps.ssm, pageSize: PAGE },
        { CommandId: commandId, InstanceId: instanceId, Details: true },
      );
      for await (const page of pages) {
        for (const inv of page.CommandInvocations ?? []) {
          for (const p of inv.CommandPlugins ?? []) {
            const { stdout, stderr } = splitPluginOutput(p.Output);
            found.push({
              commandId: inv.CommandId ?? commandId,
              instanceId: inv.InstanceId ?? instanceId,
              documentName: inv.DocumentName,
              pluginName: p.Name,
              status: p.Status,
              statusDetails: p.StatusDetails,
              responseCode: p.ResponseCode,
              startedAt: p.ResponseStartDateTime,
              endedAt: p.ResponseFinishDateTime,
              stdout,
              stderr,
              stdoutUrl: p.StandardOutputUrl || undefined,
              stderrUrl: p.StandardErrorUrl || undefined,
              cloudWatchLogGroup: inv.CloudWatchOutputConfig?.CloudWatchLogGroupName || undefined,
            });
          }
        }
      }
      return found;
    });
  }

  async getAutomationExecution(executionId: string): Promise<AutomationExecutionFacts> {
    const out = await this.call('ssm', 'GetAutomationExecution', () =>
      this.deps.ssm.send(new GetAutomationExecutionCommand({ AutomationExecutionId: executionId })),
    );
    const ex: AutomationExecution = out.AutomationExecution ?? {};
    let steps = (ex.StepExecutions ?? []).filter((s) => FAILED_STEP_STATUSES.includes(s.StepStatus ?? ''));
    if (ex.StepExecutionsTruncated) {
      steps = await this.call('ssm', 'DescribeAutomationStepExecutions', async () => {
        const found: StepExecution[] = [];
        const pages = paginateDescribeAutomationStepExecutions(
          { client: this.deps.ssm, pageSize: PAGE },
          {
            AutomationExecutionId: executionId,
            Filters: [{ Key: 'StepExecutionStatus', Values: FAILED_STEP_STATUSES }],
          },
        );
        for await (const page of pages) found.push(...(page.StepExecutions ?? []));
        return found;
      });
    }
    return {
      executionId: ex.AutomationExecutionId ?? executionId,
      documentName: ex.DocumentName,
      status: ex.AutomationExecutionStatus,
      failureMessage: ex.FailureMessage,
      parameters: ex.Parameters ?? {},
      failedSteps: steps.map(mapStep),
      startedAt: ex.ExecutionStartTime,
      endedAt: ex.ExecutionEndTime,
    };
  }

  async listAssociations(options: { maxPages?: number; status?: string } = {}): Promise<AssociationList> {
    return this.call('ssm', 'ListAssociations', async () => {
      const found: AssociationList = [];
      let pages = 0;
      const input = options.status
        ? { AssociationFilterList: [{ key: 'AssociationStatusName' as const, value: options.status }] }
        : {};
      for await (const page of paginateListAssociations({ client: this.deps.ssm, pageSize: PAGE }, input)) {
        pages += 1;
        for (const a of page.Associations ?? []) {
          found.push({
            associationId: a.AssociationId ?? '',
            associationName: a.AssociationName,
            documentName: a.Name,
            status: a.Overview?.Status,
            detailedStatus: a.Overview?.DetailedStatus,
            statusCounts: a.Overview?.AssociationStatusAggregatedCount ?? {},
            lastExecutionAt: a.LastExecutionDate,
          });
        }
        // Stop within the caller's call budget; the paginator would fetch the next page on the next turn.
        if (options.maxPages !== undefined && pages >= options.maxPages && page.NextToken) {
          found.truncated = true;
          break;
        }
      }
      return found;
    });
  }
}

function mapAssociation(a: AssociationDescription): AssociationFacts {
  const s3 = a.OutputLocation?.S3Location;
  return {
    associationId: a.AssociationId ?? '',
    associationName: a.AssociationName,
    associationVersion: a.AssociationVersion,
    documentName: a.Name ?? '',
    documentVersion: a.DocumentVersion,
    instanceId: a.InstanceId,
    status: a.Overview?.Status,
    detailedStatus: a.Overview?.DetailedStatus,
    statusCounts: a.Overview?.AssociationStatusAggregatedCount ?? {},
    legacyStatus: a.Status ? { name: a.Status.Name, message: a.Status.Message } : undefined,
    scheduleExpression: a.ScheduleExpression,
    applyOnlyAtCronInterval: a.ApplyOnlyAtCronInterval ?? false,
    scheduleOffset: a.ScheduleOffset,
    duration: a.Duration,
    calendarNames: a.CalendarNames ?? [],
    targets: (a.Targets ?? []).map((t) => ({ key: t.Key ?? '', values: t.Values ?? [] })),
    targetLocationCount: a.TargetLocations?.length ?? 0,
    maxConcurrency: a.MaxConcurrency,
    maxErrors: a.MaxErrors,
    outputS3: s3
      ? { region: s3.OutputS3Region, bucketName: s3.OutputS3BucketName, keyPrefix: s3.OutputS3KeyPrefix }
      : undefined,
    automationTargetParameterName: a.AutomationTargetParameterName,
    parameters: a.Parameters ?? {},
    syncCompliance: a.SyncCompliance,
    complianceSeverity: a.ComplianceSeverity,
    dispatchAssumeRole: a.AssociationDispatchAssumeRole,
    createdAt: a.Date,
    lastUpdatedAt: a.LastUpdateAssociationDate,
    lastExecutionAt: a.LastExecutionDate,
    lastSuccessfulExecutionAt: a.LastSuccessfulExecutionDate,
  };
}

function mapExecution(e: AssociationExecution): ExecutionFacts {
  return {
    executionId: e.ExecutionId ?? '',
    associationVersion: e.AssociationVersion,
    status: e.Status ?? 'Unknown',
    detailedStatus: e.DetailedStatus,
    createdAt: e.CreatedTime,
    lastExecutionAt: e.LastExecutionDate,
    resourceCounts: parseResourceCountByStatus(e.ResourceCountByStatus),
    resourceCountsRaw: e.ResourceCountByStatus,
  };
}

function mapTarget(t: AssociationExecutionTarget): ExecutionTargetFacts {
  return {
    resourceId: t.ResourceId ?? '',
    resourceType: t.ResourceType,
    status: t.Status ?? 'Unknown',
    detailedStatus: t.DetailedStatus,
    lastExecutionAt: t.LastExecutionDate,
    outputSource: t.OutputSource?.OutputSourceId
      ? { id: t.OutputSource.OutputSourceId, type: t.OutputSource.OutputSourceType ?? 'Unknown' }
      : undefined,
  };
}

function mapNode(n: InstanceInformation): ManagedNodeInfo {
  return {
    instanceId: n.InstanceId ?? '',
    managed: true,
    pingStatus: n.PingStatus,
    lastPingAt: n.LastPingDateTime,
    agentVersion: n.AgentVersion,
    isLatestVersion: n.IsLatestVersion,
    platformType: n.PlatformType,
    platformName: n.PlatformName,
    platformVersion: n.PlatformVersion,
    iamRole: n.IamRole,
    resourceType: n.ResourceType,
    computerName: n.ComputerName,
  };
}

function mapInstanceAssociation(r: InstanceAssociationStatusInfo): InstanceAssociationStatusFacts {
  return {
    associationId: r.AssociationId ?? '',
    associationName: r.AssociationName,
    documentName: r.Name,
    documentVersion: r.DocumentVersion,
    status: r.Status,
    detailedStatus: r.DetailedStatus,
    errorCode: r.ErrorCode || undefined,
    executionSummary: r.ExecutionSummary ? parseExecutionSummary(r.ExecutionSummary) : undefined,
    outputUrl: r.OutputUrl?.S3OutputUrl?.OutputUrl || undefined,
    executionAt: r.ExecutionDate,
  };
}

function mapReservations(page: DescribeInstancesCommandOutput): Ec2InstanceFacts[] {
  return (page.Reservations ?? []).flatMap((r) =>
    (r.Instances ?? []).map((i) => ({
      instanceId: i.InstanceId ?? '',
      state: i.State?.Name,
      instanceProfileArn: i.IamInstanceProfile?.Arn,
      httpTokens: i.MetadataOptions?.HttpTokens,
      platform: i.Platform ?? i.PlatformDetails,
    })),
  );
}

function mapStep(s: StepExecution): AutomationStepFacts {
  return {
    stepName: s.StepName ?? '',
    action: s.Action,
    status: s.StepStatus,
    failureMessage: s.FailureMessage,
    failureStage: s.FailureDetails?.FailureStage,
    failureType: s.FailureDetails?.FailureType,
    failureDetails: s.FailureDetails?.Details ? JSON.stringify(s.FailureDetails.Details) : undefined,
    outputs: s.Outputs,
  };
}
