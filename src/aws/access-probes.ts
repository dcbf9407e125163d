// The investigator role's permissions as data: one harmless call per IAM action ssm-why's reader needs.
// `npm run doctor` runs them to prove a real setup; test/unit/iam-policy.test.ts checks that this list, the
// SDK commands the reader sends and deploy/aws/investigator-role.yaml are the same set of actions.
import {
  DescribeAssociationCommand,
  DescribeAssociationExecutionsCommand,
  DescribeAssociationExecutionTargetsCommand,
  DescribeAutomationStepExecutionsCommand,
  DescribeDocumentCommand,
  DescribeInstanceAssociationsStatusCommand,
  DescribeInstanceInformationCommand,
  GetAutomationExecutionCommand,
  GetCommandInvocationCommand,
  GetServiceSettingCommand,
  ListAssociationsCommand,
  ListCommandInvocationsCommand,
} from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { ProbeOutcome } from '../doctor/ports.ts';
import type { ClientSet } from './clients.ts';
import { awsErrorName } from './errors.ts';
import { DHMC_SETTING_ID } from './ssm-reader.ts';

/** An id that exists nowhere: the call is authorized first, then answers "does not exist". */
const NO_ID = '00000000-0000-4000-8000-000000000000';
const NO_INSTANCE = 'i-00000000000000000';

/** One IAM action and a read-only call that needs exactly it. */
export interface AccessProbe {
  action: string;
  call(clients: ClientSet): Promise<unknown>;
}

export const ACCESS_PROBES: readonly AccessProbe[] = [
  {
    action: 'ssm:DescribeAssociation',
    call: (c) => c.ssm.send(new DescribeAssociationCommand({ AssociationId: NO_ID })),
  },
  {
    action: 'ssm:DescribeAssociationExecutions',
    call: (c) => c.ssm.send(new DescribeAssociationExecutionsCommand({ AssociationId: NO_ID, MaxResults: 1 })),
  },
  {
    action: 'ssm:DescribeAssociationExecutionTargets',
    call: (c) =>
      c.ssm.send(
        new DescribeAssociationExecutionTargetsCommand({ AssociationId: NO_ID, ExecutionId: NO_ID, MaxResults: 1 }),
      ),
  },
  {
    action: 'ssm:DescribeAutomationStepExecutions',
    call: (c) =>
      c.ssm.send(new DescribeAutomationStepExecutionsCommand({ AutomationExecutionId: NO_ID, MaxResults: 1 })),
  },
  {
    action: 'ssm:DescribeDocument',
    call: (c) => c.ssm.send(new DescribeDocumentCommand({ Name: 'AWS-RunShellScript' })),
  },
  {
    action: 'ssm:DescribeInstanceAssociationsStatus',
    call: (c) => c.ssm.send(new DescribeInstanceAssociationsStatusCommand({ InstanceId: NO_INSTANCE, MaxResults: 1 })),
  },
  {
    action: 'ssm:DescribeInstanceInformation',
    call: (c) => c.ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 5 })),
  },
  {
    action: 'ssm:GetAutomationExecution',
    call: (c) => c.ssm.send(new GetAutomationExecutionCommand({ AutomationExecutionId: NO_ID })),
  },
  {
    action: 'ssm:GetCommandInvocation',
    call: (c) => c.ssm.send(new GetCommandInvocationCommand({ CommandId: NO_ID, InstanceId: NO_INSTANCE })),
  },
  {
    action: 'ssm:GetServiceSetting',
    call: (c) => c.ssm.send(new GetServiceSettingCommand({ SettingId: DHMC_SETTING_ID })),
  },
  { action: 'ssm:ListAssociations', call: (c) => c.ssm.send(new ListAssociationsCommand({ MaxResults: 1 })) },
  {
    action: 'ssm:ListCommandInvocations',
    call: (c) => c.ssm.send(new ListCommandInvocationsCommand({ MaxResults: 1 })),
  },
  {
    action: 'ec2:DescribeInstances',
    call: async (c) => {
      const [{ DescribeInstancesCommand }, ec2] = await Promise.all([import('@aws-sdk/client-ec2'), c.ec2()]);
      return ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    },
  },
];

/** `sts:GetCallerIdentity` needs no permission (AWS: it cannot even be denied), so it is no probe. */
export const ALWAYS_ALLOWED_ACTIONS: readonly string[] = ['sts:GetCallerIdentity'];

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess']);
/** The request never reached authorization: bad credentials, or a region the account cannot use. */
const UNAUTHENTICATED = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'OptInRequired',
]);

const status = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;

/**
 * What an answer says about the permission: AWS authorizes a call before it looks the resource up, so a
 * modeled 4xx answer ("does not exist", "invalid id") proves the action is allowed.
 */
export function probeOutcome(error: unknown): ProbeOutcome {
  if (error === undefined) return { kind: 'allowed' };
  const code = awsErrorName(error) ?? 'Error';
  if (DENIED.has(code)) return { kind: 'denied', code };
  if (UNAUTHENTICATED.has(code)) return { kind: 'unauthenticated', code };
  const http = status(error);
  if (http !== undefined && http >= 400 && http < 500 && !/thrott|limit/i.test(code)) return { kind: 'allowed' };
  return { kind: 'failed', code, message: error instanceof Error ? error.message : String(error) };
}

/** Runs one probe and classifies its answer. */
export async function runProbe(probe: AccessProbe, clients: ClientSet): Promise<ProbeOutcome> {
  try {
    await probe.call(clients);
    return { kind: 'allowed' };
  } catch (error) {
    return probeOutcome(error);
  }
}

/** Who the given clients act as (an AssumeRole failure surfaces here first). */
export async function callerArn(clients: ClientSet): Promise<{ arn: string } | { outcome: ProbeOutcome }> {
  try {
    const out = await clients.sts.send(new GetCallerIdentityCommand({}));
    return { arn: out.Arn ?? '' };
  } catch (error) {
    return { outcome: probeOutcome(error) };
  }
}
