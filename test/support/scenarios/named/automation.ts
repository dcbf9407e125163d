// Cause families of Automation-runbook associations (AWS-StartEC2Instance).
import type { ScenarioBuilder } from '../builder.ts';
import { START_EC2_INSTANCE } from '../documents.ts';
import { named, PROD } from './common.ts';

const RUNBOOK_ROLE = `arn:aws:iam::${PROD.id}:role/RunbookAssumeRole`;
const NODE = 'i-0cb99161f6a1b2c3d';

interface AutomationCase {
  id: string;
  executionId: string;
  automationExecutionId: string;
  parameters: Record<string, string[]>;
  targetParameterName?: string;
  dispatchAssumeRole?: string;
  detailedStatus?: string;
  failureMessage?: string;
  steps?: Parameters<ScenarioBuilder['automationExecution']>[0]['steps'];
  /** No automation execution was started (e.g. the concurrency limit). */
  noAutomation?: boolean;
}

function automationAssociation(b: ScenarioBuilder, c: AutomationCase): ScenarioBuilder {
  b.document(START_EC2_INSTANCE)
    .association({
      associationId: c.id,
      associationName: 'StartDevInstances',
      documentName: 'AWS-StartEC2Instance',
      targets: [{ Key: 'tag:ENV', Values: ['DEV'] }],
      schedule: 'cron(0 7 ? * MON-FRI *)',
      parameters: c.parameters,
      maxConcurrency: '10',
      maxErrors: '10%',
      ...(c.targetParameterName ? { automationTargetParameterName: c.targetParameterName } : {}),
      ...(c.dispatchAssumeRole ? { dispatchAssumeRole: c.dispatchAssumeRole } : {}),
    })
    .execution({
      executionId: c.executionId,
      status: 'Failed',
      detailedStatus: c.detailedStatus ?? 'Failed',
      createdAt: '150m ago',
    })
    .target({
      resourceId: NODE,
      resourceType: 'ManagedInstance',
      status: 'Failed',
      detailedStatus: c.detailedStatus ?? 'Failed',
      ...(c.noAutomation ? {} : { automationExecutionId: c.automationExecutionId }),
    })
    .node({ instanceId: NODE, tags: { ENV: 'DEV' } })
    .ec2Instance({ instanceId: NODE, state: 'stopped', tags: { ENV: 'DEV' } });
  if (!c.noAutomation) {
    b.automationExecution({
      executionId: c.automationExecutionId,
      documentName: 'AWS-StartEC2Instance',
      status: 'Failed',
      parameters: c.parameters,
      ...(c.failureMessage ? { failureMessage: c.failureMessage } : {}),
      ...(c.targetParameterName ? { targetParameterName: c.targetParameterName } : {}),
      steps: c.steps ?? [],
    });
  }
  return b;
}

export const automationMissingAssumeRole = named({
  name: 'automation-missing-assume-role',
  title: 'Automation runs without AutomationAssumeRole',
  catalogue: '3.10',
  signal:
    'Parameters lack AutomationAssumeRole; step startInstances fails with UnauthorizedOperation (FailureType Permission)',
  associationId: '1b3d5f7b-9c0e-4a2c-b4d6-6e8a0c2e4a89',
  build: (b, id) =>
    automationAssociation(b, {
      id,
      executionId: '8f0b2d4f-6a7c-4b9d-a1c3-5e7a9c1e3a90',
      automationExecutionId: '73c8eef8-f4ee-4a05-820c-e354f1a2b3c4',
      parameters: { InstanceId: ['{{ TARGET }}'] },
      targetParameterName: 'InstanceId',
      failureMessage:
        'Step fails when it is Execute/Cancelling action. An error occurred (UnauthorizedOperation) when calling the StartInstances operation: You are not authorized to perform this operation. Please refer to Automation Service Troubleshooting Guide for more diagnosis details.',
      steps: [
        {
          name: 'startInstances',
          action: 'aws:changeInstanceState',
          status: 'Failed',
          inputs: { DesiredState: '"running"', InstanceIds: `["${NODE}"]` },
          failureMessage:
            'Step fails when it is Execute/Cancelling action. An error occurred (UnauthorizedOperation) when calling the StartInstances operation: You are not authorized to perform this operation.',
          failureDetails: {
            FailureStage: 'Invocation',
            FailureType: 'Permission',
            Details: {
              ExceptionMessage: ['You are not authorized to perform this operation.'],
              ErrorCode: ['UnauthorizedOperation'],
            },
          },
        },
      ],
    }),
});

export const automationRoleNotAssumable = named({
  name: 'automation-role-not-assumable',
  title: 'AutomationAssumeRole cannot be assumed',
  catalogue: '3.10',
  signal:
    'FailureMessage "The defined assume role is unable to be assumed." (InvalidAutomationExecutionParametersException)',
  associationId: '2c4e6a8c-0d1f-4b3d-a5c7-7f9b1d3f5b91',
  build: (b, id) =>
    automationAssociation(b, {
      id,
      executionId: '9a1c3e5a-7b8d-4c0e-b2d4-6f8b0d2f4b01',
      automationExecutionId: '84d9fff9-05ff-4b16-931d-f465a2b3c4d5',
      parameters: { InstanceId: ['{{ TARGET }}'], AutomationAssumeRole: [RUNBOOK_ROLE] },
      targetParameterName: 'InstanceId',
      failureMessage:
        'The defined assume role is unable to be assumed. (Service: AmazonSSM; Status Code: 400; Error Code: InvalidAutomationExecutionParametersException; Request ID: 5a8b3c1d-2e4f-4a6b-8c0d-1e2f3a4b5c6d; Proxy: null)',
    }),
});

export const automationPassRoleDenied = named({
  name: 'automation-passrole-denied',
  title: 'iam:PassRole denied for the automation role',
  catalogue: '3.10',
  signal: 'FailureMessage "… isn\'t authorized to perform: iam:PassRole on resource: …RunbookAssumeRole"',
  associationId: '3d5f7b9d-1e2a-4c4e-b6d8-8a0c2e4a6c02',
  build: (b, id) =>
    automationAssociation(b, {
      id,
      executionId: '0b2d4f6b-8c9e-4d1f-a3e5-7a9c1e3a5c12',
      automationExecutionId: '95ea000a-1600-4c27-a42e-a576b3c4d5e6',
      parameters: { InstanceId: ['{{ TARGET }}'], AutomationAssumeRole: [RUNBOOK_ROLE] },
      targetParameterName: 'InstanceId',
      dispatchAssumeRole: `arn:aws:iam::${PROD.id}:role/StateManagerDispatch`,
      failureMessage: `User: arn:aws:sts::${PROD.id}:assumed-role/StateManagerDispatch/StateManagerService isn't authorized to perform: iam:PassRole on resource: ${RUNBOOK_ROLE} (Service: AmazonSSM; Status Code: 400; Error Code: AccessDeniedException; Request ID: 6b9c4d2e-3f5a-4b7c-9d1e-2f3a4b5c6d7e; Proxy: null)`,
    }),
});

export const automationTargetParameterMissing = named({
  name: 'automation-target-parameter-name-missing',
  title: 'AutomationTargetParameterName missing with rate controls',
  catalogue: '3.10',
  signal:
    'No AutomationTargetParameterName although MaxConcurrency/MaxErrors and tag targets are set; Parameter "InstanceId" requires a value.',
  associationId: '4e6a8c0e-2f3b-4d5f-a7c9-9b1d3f5b7d13',
  build: (b, id) =>
    automationAssociation(b, {
      id,
      executionId: '1c3e5a7c-9d0f-4e2a-b4c6-8b0d2f4b6d23',
      automationExecutionId: 'a6fb111b-2711-4d38-b53f-b687c4d5e6f7',
      parameters: { AutomationAssumeRole: [RUNBOOK_ROLE] },
      failureMessage: 'Parameter "InstanceId" requires a value.',
    }),
});

export const automationExecutionLimitExceeded = named({
  name: 'automation-execution-limit-exceeded',
  title: 'Too many concurrent automations',
  catalogue: '3.10',
  signal: 'Execution and target DetailedStatus AutomationExecutionLimitExceeded; no automation started',
  associationId: '5f7b9d1f-3a4c-4e6a-b8d0-0c2e4a6c8e24',
  build: (b, id) =>
    automationAssociation(b, {
      id,
      executionId: '2d4f6b8d-0e1a-4f3b-a5d7-9c1e3a5c7e34',
      automationExecutionId: 'unused',
      parameters: { InstanceId: ['{{ TARGET }}'], AutomationAssumeRole: [RUNBOOK_ROLE] },
      targetParameterName: 'InstanceId',
      detailedStatus: 'AutomationExecutionLimitExceeded',
      noAutomation: true,
    }),
});
