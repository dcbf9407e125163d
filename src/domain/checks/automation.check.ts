// §3.10 Automation associations: the assume role, PassRole, rate-control target parameter, the account's
// automation concurrency limit, and the failed or timed-out steps of the automation execution.
import { CAUSE_FAMILY_TEXT } from '../cause-families.ts';
import { decisiveMessageLine } from '../decisive-line.ts';
import type { AutomationExecutionFacts, InvestigationFacts, OutputSampleFacts } from '../facts.ts';
import type { Check, Evidence, Finding, Link, Severity } from '../finding.ts';
import { cli, consoleLinks } from '../references.ts';
import {
  associationCli,
  associationLinks,
  cap,
  groupEvidence,
  groupsWith,
  isAutomationAssociation,
  isOneOf,
  parameterValue,
  plural,
  sameToken,
  sampleIds,
  uniqueLines,
  uniqueLinks,
} from './kit.ts';

const ROLE_PARAMETER = 'AutomationAssumeRole';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const LIMIT = 'AutomationExecutionLimitExceeded';
const INVALID_ARN_MESSAGE = /format of the supplied assume role ARN/i;

/** A message read from an automation execution, with the API field it came from. */
interface AutomationMessage {
  field: string;
  text: string;
  sample: OutputSampleFacts;
  execution: AutomationExecutionFacts;
}

function automationSamples(
  f: InvestigationFacts,
): { sample: OutputSampleFacts; execution: AutomationExecutionFacts }[] {
  return (f.outputs ?? []).flatMap((sample) => (sample.automation ? [{ sample, execution: sample.automation }] : []));
}

function messages(f: InvestigationFacts): AutomationMessage[] {
  return automationSamples(f).flatMap(({ sample, execution }) => {
    const out: AutomationMessage[] = [];
    if (execution.failureMessage) {
      out.push({ field: 'GetAutomationExecution.FailureMessage', text: execution.failureMessage, sample, execution });
    }
    for (const step of execution.failedSteps) {
      if (step.failureMessage) {
        out.push({
          field: `StepExecutions[${step.stepName}].FailureMessage`,
          text: step.failureMessage,
          sample,
          execution,
        });
      }
    }
    return out;
  });
}

function roleValue(f: InvestigationFacts): string | undefined {
  const value = parameterValue(f.association?.parameters ?? {}, ROLE_PARAMETER)?.trim();
  return value ? value : undefined;
}

function roleEvidence(f: InvestigationFacts): Evidence[] {
  const out: Evidence[] = [
    { field: `DescribeAssociation.Parameters.${ROLE_PARAMETER}`, value: roleValue(f) ?? '(not set)' },
  ];
  if (f.association?.dispatchAssumeRole) {
    out.push({ field: 'DescribeAssociation.AssociationDispatchAssumeRole', value: f.association.dispatchAssumeRole });
  }
  return out;
}

function executionRefs(
  f: InvestigationFacts,
  executions: AutomationExecutionFacts[],
): { links: Link[]; cli: string[] } {
  return {
    links: uniqueLinks([
      ...executions.map((e) => consoleLinks.automationExecution(f.scope, e.executionId)),
      ...associationLinks(f),
    ]),
    cli: uniqueLines([...executions.map((e) => cli.automationExecution(f.scope, e.executionId)), ...associationCli(f)]),
  };
}

const ROLE_TRUST =
  'The role must trust ssm.amazonaws.com (trust policy `"Principal": {"Service": "ssm.amazonaws.com"}`, with aws:SourceAccount / aws:SourceArn conditions matching this account if used).';

interface MessageRule {
  id: string;
  pattern: RegExp;
  title: string;
  summary: string;
  remediation: (f: InvestigationFacts) => string[];
}

/** Exact Automation service messages (UG automation-troubleshooting), most specific first. */
const MESSAGE_RULES: MessageRule[] = [
  {
    id: 'automation.assume-role-not-assumable',
    pattern: /assume role is unable to be assumed/i,
    title: 'The AutomationAssumeRole cannot be assumed',
    summary:
      'Automation could not assume the role given in AutomationAssumeRole: the role does not exist, or its trust policy does not allow ssm.amazonaws.com.',
    remediation: (f) => [
      `Check the role exists: \`aws iam get-role --role-name <name from ${ROLE_PARAMETER}>\`.`,
      ROLE_TRUST,
      ...(f.association?.targetLocationCount
        ? ['For TargetLocations, the role must exist in every target account and Region.']
        : []),
    ],
  },
  {
    id: 'automation.passrole-denied',
    pattern: /iam:PassRole/i,
    title: 'Not allowed to pass the AutomationAssumeRole (iam:PassRole)',
    summary:
      'The identity that starts the automation for the association is not allowed iam:PassRole on the AutomationAssumeRole.',
    remediation: () => [
      "Allow iam:PassRole on the role ARN (condition iam:PassedToService = ssm.amazonaws.com) for the identity named in the message — the association's AssociationDispatchAssumeRole, or whoever created/updated the association.",
      'Then update the association (or re-run it) so the automation starts again.',
    ],
  },
  {
    id: 'automation.start-denied',
    pattern: /ssm:StartAutomationExecution/i,
    title: 'Not allowed to start the automation (ssm:StartAutomationExecution)',
    summary:
      'The identity that starts the automation for the association is denied ssm:StartAutomationExecution on the runbook.',
    remediation: () => [
      'Allow ssm:StartAutomationExecution on the runbook ARN (arn:aws:ssm:<region>:<account>:automation-definition/<runbook>:$DEFAULT) for the identity named in the message.',
      'Check SCPs and permission boundaries that may deny it.',
    ],
  },
];

function messageFindings(f: InvestigationFacts): Finding[] {
  const all = messages(f);
  const findings: Finding[] = [];
  for (const rule of MESSAGE_RULES) {
    const hits = all.filter((m) => rule.pattern.test(m.text));
    if (hits.length === 0) continue;
    const executions = [...new Set(hits.map((h) => h.execution))];
    findings.push({
      id: rule.id,
      severity: 'error',
      title: rule.title,
      summary: rule.summary,
      evidence: [...hits.slice(0, 2).map((h) => ({ field: h.field, value: cap(h.text) })), ...roleEvidence(f)],
      remediation: rule.remediation(f),
      ...executionRefs(f, executions),
      resources: sampleIds(hits.map((h) => h.sample.resourceId)),
      step: 'output',
    });
  }
  return findings;
}

/** Permission/ARN messages of the Automation service, quoted from the execution. */
export const automationRoleMessages: Check = {
  id: 'automation.role-messages',
  step: 'output',
  applies: (f) => (f.outputs ?? []).some((o) => o.automation !== undefined),
  run: (f) => messageFindings(f),
};

/** No AutomationAssumeRole and no AssociationDispatchAssumeRole: the runbook runs without a role of its own. */
export const automationAssumeRoleMissing: Check = {
  id: 'automation.assume-role-missing',
  step: 'association',
  applies: (f) => f.association !== undefined && isAutomationAssociation(f),
  run: (f) => {
    const a = f.association;
    if (!a || roleValue(f) || a.dispatchAssumeRole) return [];
    const d = f.document;
    const documentDefinesRole = !d?.found || d.parameters.some((p) => p.name === ROLE_PARAMETER);
    if (!documentDefinesRole) return [];
    const failing =
      sameToken(a.status, 'Failed') ||
      automationSamples(f).some(({ execution }) => isOneOf(execution.status, ['Failed', 'TimedOut']));
    const severity: Severity = failing ? 'error' : 'warning';
    return [
      {
        id: 'automation.assume-role-missing',
        severity,
        title: 'Automation association has no AutomationAssumeRole',
        summary:
          "The runbook runs without a role of its own: no AutomationAssumeRole parameter and no AssociationDispatchAssumeRole. Its steps then run with State Manager's service-linked role, which lacks most permissions runbook steps need (and support for it is being phased out).",
        evidence: [
          { field: `DescribeAssociation.Parameters.${ROLE_PARAMETER}`, value: '(not set)' },
          { field: 'DescribeAssociation.AssociationDispatchAssumeRole', value: '(not set)' },
          ...(d?.found ? [{ field: `DescribeDocument.Parameters[${ROLE_PARAMETER}]`, value: 'defined' }] : []),
        ],
        remediation: [
          "Create an automation service role with the permissions the runbook's steps need (e.g. the AmazonSSMAutomationRole managed policy plus the step actions).",
          ROLE_TRUST,
          `Pass it to the association: \`aws ssm update-association --association-id ${a.associationId} --parameters ${ROLE_PARAMETER}=<role arn>,…\`; the caller needs iam:PassRole on it.`,
        ],
        links: associationLinks(f),
        cli: associationCli(f),
        step: 'association',
      },
    ];
  },
};

/** The AutomationAssumeRole is not a role ARN: seen in the value itself, or in the service's message. */
export const automationRoleArnInvalid: Check = {
  id: 'automation.invalid-role-arn',
  step: 'association',
  applies: (f) => f.association !== undefined && isAutomationAssociation(f),
  run: (f) => {
    const role = roleValue(f);
    const malformed = role !== undefined && !role.includes('{{') && !ROLE_ARN.test(role);
    const said = messages(f).filter((m) => INVALID_ARN_MESSAGE.test(m.text));
    if (!malformed && said.length === 0) return [];
    const executions = [...new Set(said.map((m) => m.execution))];
    const refs = executionRefs(f, executions);
    return [
      {
        id: 'automation.invalid-role-arn',
        severity: 'error',
        title: 'The AutomationAssumeRole is not a valid role ARN',
        summary: malformed
          ? `AutomationAssumeRole is "${cap(role ?? '', 120)}"; it must be a full IAM role ARN (arn:aws:iam::<account>:role/<name>), or Automation rejects it.`
          : 'Automation rejected the AutomationAssumeRole as malformed: it must be a full IAM role ARN (arn:aws:iam::<account>:role/<name>).',
        evidence: [...said.slice(0, 2).map((m) => ({ field: m.field, value: cap(m.text) })), ...roleEvidence(f)],
        remediation: [
          `Set the full role ARN: \`aws ssm update-association --association-id ${f.association?.associationId ?? '<id>'} --parameters ${ROLE_PARAMETER}=arn:aws:iam::<account>:role/<name>,…\` (pass every other parameter too).`,
        ],
        ...refs,
        resources: sampleIds(said.map((m) => m.sample.resourceId)),
        step: said.length > 0 ? 'output' : 'association',
      },
    ];
  },
};

/** Targets or rate controls on an Automation association without AutomationTargetParameterName. */
export const automationTargetParameterMissing: Check = {
  id: 'automation.target-parameter-missing',
  step: 'association',
  applies: (f) => f.association !== undefined && isAutomationAssociation(f),
  run: (f) => {
    const a = f.association;
    if (!a || a.automationTargetParameterName) return [];
    const rateControlled = a.targets.length > 0 || a.maxConcurrency !== undefined || a.maxErrors !== undefined;
    if (!rateControlled) return [];
    const evidence: Evidence[] = [{ field: 'DescribeAssociation.AutomationTargetParameterName', value: '(not set)' }];
    if (a.targets.length > 0) {
      evidence.push({
        field: 'DescribeAssociation.Targets',
        value: a.targets.map((t) => `${t.key}=${t.values.join(',')}`).join('; '),
      });
    }
    if (a.maxConcurrency) evidence.push({ field: 'DescribeAssociation.MaxConcurrency', value: a.maxConcurrency });
    if (a.maxErrors) evidence.push({ field: 'DescribeAssociation.MaxErrors', value: a.maxErrors });
    return [
      {
        id: 'automation.target-parameter-missing',
        severity: 'error',
        title: 'Automation association uses targets without AutomationTargetParameterName',
        summary:
          'An association that runs an Automation runbook over targets with rate controls must name the runbook parameter each target is passed to (AutomationTargetParameterName, e.g. InstanceId); without it the targets are not fed to the runbook (e.g. `Parameter "InstanceIds" requires a value`).',
        evidence,
        remediation: [
          `Set it: \`aws ssm update-association --association-id ${a.associationId} --automation-target-parameter-name InstanceId\` (use the runbook's own target parameter name).`,
        ],
        links: associationLinks(f),
        cli: associationCli(f),
        step: 'association',
      },
    ];
  },
};

/** The account's concurrent automation limit was hit (AutomationExecutionLimitExceeded). */
export const automationLimitExceeded: Check = {
  id: 'automation.execution-limit-exceeded',
  step: 'executions',
  applies: (f) => f.association !== undefined,
  run: (f) => {
    const evidence: Evidence[] = [];
    if (sameToken(f.association?.detailedStatus, LIMIT)) {
      evidence.push({ field: 'DescribeAssociation.Overview.DetailedStatus', value: LIMIT });
    }
    const executions = (f.executions ?? []).filter(
      (e) => sameToken(e.detailedStatus, LIMIT) || sameToken(e.status, LIMIT),
    );
    const newest = executions[0];
    if (newest) {
      evidence.push({
        field: 'DescribeAssociationExecutions.DetailedStatus',
        value: `${LIMIT} (${plural(executions.length, 'recent execution')}, newest ${newest.executionId})`,
      });
    }
    evidence.push(...groupsWith(f, [LIMIT]).map((g) => groupEvidence(g)));
    for (const { execution } of automationSamples(f)) {
      if (
        sameToken(execution.status, LIMIT) ||
        /AutomationExecutionLimitExceeded/i.test(execution.failureMessage ?? '')
      ) {
        evidence.push({ field: 'GetAutomationExecution.AutomationExecutionStatus', value: execution.status ?? LIMIT });
        break;
      }
    }
    if (evidence.length === 0) return [];
    return [
      {
        id: 'automation.execution-limit-exceeded',
        severity: 'error',
        title: 'Automation concurrency limit reached',
        summary:
          "The account already runs (or queues) as many automations as the Region allows, so this association's automation was not started (about 100 running and 1,000 queued per account and Region; older quotas were 25/75).",
        evidence,
        remediation: [
          `List what is running or waiting: \`aws ssm describe-automation-executions --filters Key=ExecutionStatus,Values=InProgress,Pending --region ${f.scope.region}\`; stop stuck ones (\`aws ssm stop-automation-execution\`).`,
          'Run this association less often, or lower its MaxConcurrency, and spread other automation schedules.',
          'If the load is legitimate, request a higher quota in Service Quotas (Systems Manager → concurrently executing automations).',
        ],
        links: associationLinks(f),
        cli: associationCli(f),
        step: 'executions',
      },
    ];
  },
};

function stepRemediation(failureType: string | undefined): string[] {
  switch (failureType) {
    case 'Permission':
      return [
        'Grant the action named in the message to the AutomationAssumeRole (or the identity the runbook runs as).',
      ];
    case 'Throttling':
      return ["The step was throttled by an AWS API: lower the association's MaxConcurrency or spread its schedule."];
    case 'Verification':
      return [
        'The step ran but the resource did not reach the expected state: check the resource (e.g. the instance) named in the step inputs.',
      ];
    case 'Internal':
      return [
        'An internal Automation error: re-run the association; if it persists, open an AWS Support case with the execution id.',
      ];
    default:
      return ['Fix the input or resource the failed step acted on (see the message), then re-run the association.'];
  }
}

/** A failed or timed-out automation step, quoted with FailureMessage and FailureDetails. */
export const automationStepFailed: Check = {
  id: 'automation.step-failed',
  step: 'output',
  applies: (f) => (f.outputs ?? []).some((o) => o.automation !== undefined),
  run: (f) => {
    const explained = new Set(
      messages(f)
        .filter((m) => INVALID_ARN_MESSAGE.test(m.text) || MESSAGE_RULES.some((r) => r.pattern.test(m.text)))
        .map((m) => m.execution.executionId),
    );
    const findings: Finding[] = [];
    for (const { sample, execution } of automationSamples(f)) {
      if (explained.has(execution.executionId)) continue;
      if (sameToken(execution.status, LIMIT)) continue;
      const refs = executionRefs(f, [execution]);
      const step = execution.failedSteps[0];
      const timedOut =
        isOneOf(step?.status, ['TimedOut']) ||
        /Step timed out/i.test(step?.failureMessage ?? '') ||
        (step === undefined && sameToken(execution.status, 'TimedOut'));
      if (step) {
        const evidence: Evidence[] = [];
        const decisive = decisiveMessageLine(step.failureMessage);
        if (decisive) evidence.push({ field: `StepExecutions[${step.stepName}].FailureMessage`, value: decisive.line });
        if (step.status) evidence.push({ field: `StepExecutions[${step.stepName}].StepStatus`, value: step.status });
        if (step.action) evidence.push({ field: `StepExecutions[${step.stepName}].Action`, value: step.action });
        if (step.failureMessage) {
          evidence.push({ field: `StepExecutions[${step.stepName}].FailureMessage`, value: cap(step.failureMessage) });
        }
        if (step.failureType) {
          evidence.push({
            field: `StepExecutions[${step.stepName}].FailureDetails.FailureType`,
            value: step.failureType,
          });
        }
        if (step.failureStage) {
          evidence.push({
            field: `StepExecutions[${step.stepName}].FailureDetails.FailureStage`,
            value: step.failureStage,
          });
        }
        if (step.failureDetails) {
          evidence.push({
            field: `StepExecutions[${step.stepName}].FailureDetails.Details`,
            value: cap(step.failureDetails, 200),
          });
        }
        if (evidence.length === 0)
          evidence.push({
            field: 'GetAutomationExecution.AutomationExecutionStatus',
            value: execution.status ?? 'Failed',
          });
        findings.push({
          id: timedOut ? 'automation.step-timed-out' : 'automation.step-failed',
          severity: 'error',
          title: timedOut
            ? `Automation step ${step.stepName} timed out`
            : `Automation step ${step.stepName} failed${step.failureType ? ` (${step.failureType})` : ''}${decisive ? `: ${cap(decisive.line, 160)}` : ''}`,
          summary: timedOut
            ? `Step ${step.stepName}${step.action ? ` (${step.action})` : ''} of ${execution.documentName ?? 'the runbook'} ran past its timeoutSeconds, so the automation failed.`
            : `Step ${step.stepName}${step.action ? ` (${step.action})` : ''} of ${execution.documentName ?? 'the runbook'} failed${step.failureStage ? ` during ${step.failureStage}` : ''}; ${plural(sample.targetCount, 'target')} share this failure.`,
          evidence,
          remediation: timedOut
            ? [
                'Find what the step waited for (e.g. an instance that never reached the expected state, an aws:runCommand on an unmanaged node — it stays Pending).',
                "If the work is legitimately slow, raise the step's timeoutSeconds in the runbook.",
              ]
            : [...(decisive ? CAUSE_FAMILY_TEXT[decisive.family].fixes : []), ...stepRemediation(step.failureType)],
          ...refs,
          resources: sampleIds([sample.resourceId]),
          step: 'output',
          ...(timedOut ? { cause: 'timeout' as const } : decisive ? { cause: decisive.family } : {}),
        });
        continue;
      }
      if (!isOneOf(execution.status, ['Failed', 'TimedOut', 'Cancelled']) && !execution.failureMessage) continue;
      const decisive = decisiveMessageLine(execution.failureMessage);
      findings.push({
        id: timedOut ? 'automation.step-timed-out' : 'automation.execution-failed',
        severity: 'error',
        title: timedOut
          ? 'Automation timed out'
          : `Automation ${execution.status ?? 'failed'}${decisive ? `: ${cap(decisive.line, 160)}` : ''}`,
        summary: `The automation execution of ${execution.documentName ?? 'the runbook'} ended ${execution.status ?? 'Failed'}${execution.failureMessage ? '' : ' without a failure message'}.`,
        evidence: [
          { field: 'GetAutomationExecution.AutomationExecutionStatus', value: execution.status ?? 'Failed' },
          ...(execution.failureMessage
            ? [{ field: 'GetAutomationExecution.FailureMessage', value: cap(execution.failureMessage) }]
            : []),
        ],
        remediation: [
          'Open the execution (link) and read the step list: the first non-Success step is where it stopped.',
          `List its steps: \`aws ssm describe-automation-step-executions --automation-execution-id ${execution.executionId} --region ${f.scope.region}\`.`,
        ],
        ...refs,
        resources: sampleIds([sample.resourceId]),
        step: 'output',
        ...(timedOut ? { cause: 'timeout' as const } : decisive ? { cause: decisive.family } : {}),
      });
    }
    return findings;
  },
};

/** TargetLocations: each target account needs the execution role (info). */
export const automationCrossAccount: Check = {
  id: 'automation.cross-account-execution-role',
  step: 'association',
  applies: (f) => (f.association?.targetLocationCount ?? 0) > 0 && isAutomationAssociation(f),
  run: (f) => {
    const a = f.association;
    if (!a || a.targetLocationCount === 0) return [];
    return [
      {
        id: 'automation.cross-account-execution-role',
        severity: 'info',
        title: 'Multi-account/Region association: each target account needs the execution role',
        summary: `The association runs in ${plural(a.targetLocationCount, 'target location')}. Unless another ExecutionRoleName is set, every target account must have the role AWS-SystemsManager-AutomationExecutionRole, trusted by the administrator account's AWS-SystemsManager-AutomationAdministrationRole.`,
        evidence: [
          { field: 'DescribeAssociation.TargetLocations', value: plural(a.targetLocationCount, 'location') },
          ...roleEvidence(f),
        ],
        remediation: [
          'Deploy AWS-SystemsManager-AutomationExecutionRole to every target account (AWS provides a CloudFormation template / StackSet for it).',
          "Check failures per account and Region in the automation execution's child executions.",
        ],
        links: associationLinks(f),
        cli: associationCli(f),
        step: 'association',
      },
    ];
  },
};

/** §3.10 Automation association checks. */
export const automationChecks: Check[] = [
  automationAssumeRoleMissing,
  automationRoleArnInvalid,
  automationTargetParameterMissing,
  automationLimitExceeded,
  automationRoleMessages,
  automationStepFailed,
  automationCrossAccount,
];
