import { describe, expect, it } from 'vitest';
import { automationChecks } from '../../../src/domain/checks/automation.check.ts';
import type { AutomationExecutionFacts, InvestigationFacts } from '../../../src/domain/facts.ts';
import { describeCheckTable, findingsOf } from '../../support/checks.ts';
import { association, document, execution, factsWith, INSTANCE_ID, output, targets } from '../../support/facts.ts';

const ROLE = 'arn:aws:iam::111122223333:role/AutomationRole';

/** A healthy Automation association: AWS-StartEC2Instance with an assume role and a target parameter. */
function automationFacts(
  overrides: { association?: Parameters<typeof association>[0]; facts?: Partial<InvestigationFacts> } = {},
): InvestigationFacts {
  return factsWith({
    association: association({
      documentName: 'AWS-StartEC2Instance',
      parameters: { AutomationAssumeRole: [ROLE] },
      automationTargetParameterName: 'InstanceId',
      ...overrides.association,
    }),
    document: document({
      name: 'AWS-StartEC2Instance',
      documentType: 'Automation',
      schemaVersion: '0.3',
      platformTypes: ['Windows', 'Linux', 'MacOS'],
      parameters: [
        { name: 'InstanceId', type: 'StringList', hasDefault: false },
        { name: 'AutomationAssumeRole', type: 'String', hasDefault: true, defaultValue: '' },
      ],
    }),
    nodes: [],
    ...overrides.facts,
  });
}

/** A failed automation output sample. */
function failedAutomation(a: Partial<AutomationExecutionFacts>): Partial<InvestigationFacts> {
  return {
    association: association({
      documentName: 'AWS-StartEC2Instance',
      status: 'Failed',
      parameters: { AutomationAssumeRole: [ROLE] },
      automationTargetParameterName: 'InstanceId',
    }),
    latestTargets: targets([{ status: 'Failed', detailedStatus: 'Failed', resourceIds: [INSTANCE_ID] }]),
    outputs: [
      output({
        command: undefined,
        automation: {
          executionId: 'auto-1111-2222',
          documentName: 'AWS-StartEC2Instance',
          status: 'Failed',
          parameters: { AutomationAssumeRole: [ROLE] },
          failedSteps: [],
          ...a,
        },
      }),
    ],
  };
}

const cases: { name: string; facts: InvestigationFacts; ids: string[] }[] = [
  { name: 'healthy Command association', facts: factsWith(), ids: [] },
  { name: 'healthy Automation association', facts: automationFacts(), ids: [] },
  {
    name: 'no AutomationAssumeRole and no dispatch role',
    facts: automationFacts({ association: { parameters: {} } }),
    ids: ['automation.assume-role-missing'],
  },
  {
    name: 'empty AutomationAssumeRole',
    facts: automationFacts({ association: { parameters: { AutomationAssumeRole: [''] } } }),
    ids: ['automation.assume-role-missing'],
  },
  {
    name: 'AssociationDispatchAssumeRole replaces the assume role',
    facts: automationFacts({ association: { parameters: {}, dispatchAssumeRole: ROLE } }),
    ids: [],
  },
  {
    name: 'AutomationAssumeRole is not an ARN',
    facts: automationFacts({ association: { parameters: { AutomationAssumeRole: ['AutomationRole'] } } }),
    ids: ['automation.invalid-role-arn'],
  },
  {
    name: 'AutomationAssumeRole given as a parameter reference is not judged',
    facts: automationFacts({ association: { parameters: { AutomationAssumeRole: ['{{ssm:/automation/role}}'] } } }),
    ids: [],
  },
  {
    name: 'targets with rate controls but no AutomationTargetParameterName',
    facts: factsWith({
      ...automationFacts(),
      association: association({
        documentName: 'AWS-StartEC2Instance',
        parameters: { AutomationAssumeRole: [ROLE] },
        automationTargetParameterName: undefined,
        targets: [{ key: 'tag:Env', values: ['dev'] }],
        maxConcurrency: '10',
      }),
    }),
    ids: ['automation.target-parameter-missing'],
  },
  {
    name: 'AutomationExecutionLimitExceeded on the association and its execution',
    facts: automationFacts({
      association: { status: 'Failed', detailedStatus: 'AutomationExecutionLimitExceeded' },
      facts: {
        executions: [execution({ status: 'Failed', detailedStatus: 'AutomationExecutionLimitExceeded' })],
      },
    }),
    ids: ['automation.execution-limit-exceeded'],
  },
  {
    name: 'assume role cannot be assumed',
    facts: automationFacts({
      facts: failedAutomation({
        failureMessage:
          'The defined assume role is unable to be assumed. (Service: AmazonSSM; Status Code: 400; Error Code: InvalidAutomationExecutionParametersException)',
      }),
    }),
    ids: ['automation.assume-role-not-assumable'],
  },
  {
    name: 'iam:PassRole denied',
    facts: automationFacts({
      facts: failedAutomation({
        failureMessage: `User: arn:aws:sts::111122223333:assumed-role/x/y isn't authorized to perform: iam:PassRole on resource: ${ROLE} (Error Code: AccessDeniedException)`,
      }),
    }),
    ids: ['automation.passrole-denied'],
  },
  {
    name: 'ssm:StartAutomationExecution denied',
    facts: automationFacts({
      facts: failedAutomation({
        failureMessage:
          "User: arn:aws:sts::111122223333:assumed-role/x/y isn't authorized to perform: ssm:StartAutomationExecution on resource: arn:aws:ssm:us-east-1:111122223333:automation-definition/AWS-StartEC2Instance:$DEFAULT",
      }),
    }),
    ids: ['automation.start-denied'],
  },
  {
    name: 'service says the role ARN format is invalid',
    facts: automationFacts({
      facts: failedAutomation({ failureMessage: "The format of the supplied assume role ARN isn't valid." }),
    }),
    ids: ['automation.invalid-role-arn'],
  },
  {
    name: 'failed step with FailureDetails',
    facts: automationFacts({
      facts: failedAutomation({
        failedSteps: [
          {
            stepName: 'startInstances',
            action: 'aws:changeInstanceState',
            status: 'Failed',
            failureMessage:
              'Step fails when it is Execution. Fail to call changeInstanceState. UnauthorizedOperation: You are not authorized to perform this operation.',
            failureType: 'Permission',
            failureStage: 'Invocation',
          },
        ],
      }),
    }),
    ids: ['automation.step-failed'],
  },
  {
    name: 'timed-out step',
    facts: automationFacts({
      facts: failedAutomation({
        status: 'TimedOut',
        failedSteps: [
          {
            stepName: 'waitForInstance',
            action: 'aws:waitForAwsResourceProperty',
            status: 'TimedOut',
            failureMessage: 'Step timed out while step is verifying the instance state.',
          },
        ],
      }),
    }),
    ids: ['automation.step-timed-out'],
  },
  {
    name: 'failed execution without step details',
    facts: automationFacts({
      facts: failedAutomation({
        failureMessage: 'Internal Server Error. Please refer to Automation Service Troubleshooting Guide',
      }),
    }),
    ids: ['automation.execution-failed'],
  },
  {
    name: 'cross-account TargetLocations (info)',
    facts: automationFacts({ association: { targetLocationCount: 2 } }),
    ids: ['automation.cross-account-execution-role'],
  },
];

describeCheckTable('automation', automationChecks, cases);

describe('automation evidence', () => {
  it('a failed step quotes FailureMessage, FailureType and FailureStage', () => {
    const [f] = findingsOf(
      automationChecks,
      automationFacts({
        facts: failedAutomation({
          failedSteps: [
            {
              stepName: 'startInstances',
              action: 'aws:changeInstanceState',
              status: 'Failed',
              failureMessage: 'UnauthorizedOperation',
              failureType: 'Permission',
              failureStage: 'Invocation',
            },
          ],
        }),
      }),
    );
    expect(f?.evidence).toEqual(
      expect.arrayContaining([
        { field: 'StepExecutions[startInstances].FailureMessage', value: 'UnauthorizedOperation' },
        { field: 'StepExecutions[startInstances].FailureDetails.FailureType', value: 'Permission' },
        { field: 'StepExecutions[startInstances].FailureDetails.FailureStage', value: 'Invocation' },
      ]),
    );
    expect(f?.links.some((l) => l.url.includes('/automation/execution/auto-1111-2222'))).toBe(true);
    expect(f?.remediation.join(' ')).toContain('AutomationAssumeRole');
  });

  it('a missing assume role is an error once the association fails, a warning before', () => {
    const quiet = findingsOf(automationChecks, automationFacts({ association: { parameters: {} } }));
    const failing = findingsOf(
      automationChecks,
      automationFacts({ association: { parameters: {}, status: 'Failed' } }),
    );
    expect(quiet[0]?.severity).toBe('warning');
    expect(failing[0]?.severity).toBe('error');
  });
});
