// §3.10 Automation associations: the assume role, PassRole, rate-control target parameter, the account's
// automation concurrency limit, and the failed or timed-out steps of the automation execution.
import type { Catalog, FindingsCatalog } from '../../i18n/index.ts';
import { causeFamilyText } from '../cause-families.ts';
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

function roleEvidence(f: InvestigationFacts, t: Catalog): Evidence[] {
  const out: Evidence[] = [
    { field: `DescribeAssociation.Parameters.${ROLE_PARAMETER}`, value: roleValue(f) ?? t.findings.automation.notSet },
  ];
  if (f.association?.dispatchAssumeRole) {
    out.push({ field: 'DescribeAssociation.AssociationDispatchAssumeRole', value: f.association.dispatchAssumeRole });
  }
  return out;
}

function executionRefs(
  f: InvestigationFacts,
  executions: AutomationExecutionFacts[],
  t: Catalog,
): { links: Link[]; cli: string[] } {
  return {
    links: uniqueLinks([
      ...executions.map((e) => consoleLinks.automationExecution(f.scope, e.executionId, t.lang)),
      ...associationLinks(f, t),
    ]),
    cli: uniqueLines([...executions.map((e) => cli.automationExecution(f.scope, e.executionId)), ...associationCli(f)]),
  };
}

interface MessageRule {
  id: string;
  pattern: RegExp;
  /** Its title, summary and fixes in the catalog. */
  text: keyof FindingsCatalog['automation']['messages'];
}

/** Exact Automation service messages (UG automation-troubleshooting), most specific first. */
const MESSAGE_RULES: MessageRule[] = [
  { id: 'automation.assume-role-not-assumable', pattern: /assume role is unable to be assumed/i, text: 'notAssumable' },
  { id: 'automation.passrole-denied', pattern: /iam:PassRole/i, text: 'passRoleDenied' },
  { id: 'automation.start-denied', pattern: /ssm:StartAutomationExecution/i, text: 'startDenied' },
];

function messageFindings(f: InvestigationFacts, t: Catalog): Finding[] {
  const say = t.findings.automation.messages;
  const all = messages(f);
  const findings: Finding[] = [];
  for (const rule of MESSAGE_RULES) {
    const hits = all.filter((m) => rule.pattern.test(m.text));
    if (hits.length === 0) continue;
    const executions = [...new Set(hits.map((h) => h.execution))];
    const text = say[rule.text];
    findings.push({
      id: rule.id,
      severity: 'error',
      title: text.title,
      summary: text.summary,
      evidence: [...hits.slice(0, 2).map((h) => ({ field: h.field, value: cap(h.text) })), ...roleEvidence(f, t)],
      remediation: [
        ...text.remediation,
        ...(rule.text === 'notAssumable' && f.association?.targetLocationCount
          ? [t.findings.automation.targetLocations]
          : []),
      ],
      ...executionRefs(f, executions, t),
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
  run: (f, t) => messageFindings(f, t),
};

/** No AutomationAssumeRole and no AssociationDispatchAssumeRole: the runbook runs without a role of its own. */
export const automationAssumeRoleMissing: Check = {
  id: 'automation.assume-role-missing',
  step: 'association',
  applies: (f) => f.association !== undefined && isAutomationAssociation(f),
  run: (f, t) => {
    const say = t.findings.automation.roleMissing;
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
        title: say.title,
        summary: say.summary,
        evidence: [
          { field: `DescribeAssociation.Parameters.${ROLE_PARAMETER}`, value: t.findings.automation.notSet },
          { field: 'DescribeAssociation.AssociationDispatchAssumeRole', value: t.findings.automation.notSet },
          ...(d?.found ? [{ field: `DescribeDocument.Parameters[${ROLE_PARAMETER}]`, value: say.defined }] : []),
        ],
        remediation: [
          say.createRole,
          t.findings.automation.roleTrust,
          say.pass(
            `aws ssm update-association --association-id ${a.associationId} --parameters ${ROLE_PARAMETER}=<role arn>,…`,
          ),
        ],
        links: associationLinks(f, t),
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
  run: (f, t) => {
    const say = t.findings.automation.invalidArn;
    const role = roleValue(f);
    const malformed = role !== undefined && !role.includes('{{') && !ROLE_ARN.test(role);
    const said = messages(f).filter((m) => INVALID_ARN_MESSAGE.test(m.text));
    if (!malformed && said.length === 0) return [];
    const executions = [...new Set(said.map((m) => m.execution))];
    const refs = executionRefs(f, executions, t);
    return [
      {
        id: 'automation.invalid-role-arn',
        severity: 'error',
        title: say.title,
        summary: malformed ? say.malformed(cap(role ?? '', 120)) : say.rejected,
        evidence: [...said.slice(0, 2).map((m) => ({ field: m.field, value: cap(m.text) })), ...roleEvidence(f, t)],
        remediation: [
          say.fix(
            `aws ssm update-association --association-id ${f.association?.associationId ?? '<id>'} --parameters ${ROLE_PARAMETER}=arn:aws:iam::<account>:role/<name>,…`,
          ),
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
  run: (f, t) => {
    const say = t.findings.automation.targetParameter;
    const a = f.association;
    if (!a || a.automationTargetParameterName) return [];
    const rateControlled = a.targets.length > 0 || a.maxConcurrency !== undefined || a.maxErrors !== undefined;
    if (!rateControlled) return [];
    const evidence: Evidence[] = [
      { field: 'DescribeAssociation.AutomationTargetParameterName', value: t.findings.automation.notSet },
    ];
    if (a.targets.length > 0) {
      evidence.push({
        field: 'DescribeAssociation.Targets',
        value: a.targets.map((x) => `${x.key}=${x.values.join(',')}`).join('; '),
      });
    }
    if (a.maxConcurrency) evidence.push({ field: 'DescribeAssociation.MaxConcurrency', value: a.maxConcurrency });
    if (a.maxErrors) evidence.push({ field: 'DescribeAssociation.MaxErrors', value: a.maxErrors });
    return [
      {
        id: 'automation.target-parameter-missing',
        severity: 'error',
        title: say.title,
        summary: say.summary,
        evidence,
        remediation: [
          say.fix(
            `aws ssm update-association --association-id ${a.associationId} --automation-target-parameter-name InstanceId`,
          ),
        ],
        links: associationLinks(f, t),
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
  run: (f, t) => {
    const say = t.findings.automation.limit;
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
        value: say.value(LIMIT, executions.length, newest.executionId),
      });
    }
    evidence.push(...groupsWith(f, [LIMIT]).map((g) => groupEvidence(g, t)));
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
        title: say.title,
        summary: say.summary,
        evidence,
        remediation: [
          say.list(
            `aws ssm describe-automation-executions --filters Key=ExecutionStatus,Values=InProgress,Pending --region ${f.scope.region}`,
          ),
          ...say.remediation,
        ],
        links: associationLinks(f, t),
        cli: associationCli(f),
        step: 'executions',
      },
    ];
  },
};

function stepRemediation(failureType: string | undefined, t: Catalog): string[] {
  const say = t.findings.automation.stepFix;
  switch (failureType) {
    case 'Permission':
      return [say.permission];
    case 'Throttling':
      return [say.throttling];
    case 'Verification':
      return [say.verification];
    case 'Internal':
      return [say.internal];
    default:
      return [say.other];
  }
}

/** A failed or timed-out automation step, quoted with FailureMessage and FailureDetails. */
export const automationStepFailed: Check = {
  id: 'automation.step-failed',
  step: 'output',
  applies: (f) => (f.outputs ?? []).some((o) => o.automation !== undefined),
  run: (f, t) => {
    const say = t.findings.automation.step;
    const explained = new Set(
      messages(f)
        .filter((m) => INVALID_ARN_MESSAGE.test(m.text) || MESSAGE_RULES.some((r) => r.pattern.test(m.text)))
        .map((m) => m.execution.executionId),
    );
    const findings: Finding[] = [];
    for (const { sample, execution } of automationSamples(f)) {
      if (explained.has(execution.executionId)) continue;
      if (sameToken(execution.status, LIMIT)) continue;
      const refs = executionRefs(f, [execution], t);
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
            ? say.timedOutTitle(step.stepName)
            : say.failedTitle(step.stepName, step.failureType, decisive ? cap(decisive.line, 160) : undefined),
          summary: timedOut
            ? say.timedOutSummary(step.stepName, step.action, execution.documentName)
            : say.failedSummary(
                step.stepName,
                step.action,
                execution.documentName,
                step.failureStage,
                sample.targetCount,
              ),
          evidence,
          remediation: timedOut
            ? [...say.timedOutRemediation]
            : [...(decisive ? causeFamilyText(decisive.family, t).fixes : []), ...stepRemediation(step.failureType, t)],
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
          ? say.executionTimedOutTitle
          : say.executionTitle(execution.status, decisive ? cap(decisive.line, 160) : undefined),
        summary: say.executionSummary(execution.documentName, execution.status ?? 'Failed', !!execution.failureMessage),
        evidence: [
          { field: 'GetAutomationExecution.AutomationExecutionStatus', value: execution.status ?? 'Failed' },
          ...(execution.failureMessage
            ? [{ field: 'GetAutomationExecution.FailureMessage', value: cap(execution.failureMessage) }]
            : []),
        ],
        remediation: [
          say.openExecution,
          say.listSteps(
            `aws ssm describe-automation-step-executions --automation-execution-id ${execution.executionId} --region ${f.scope.region}`,
          ),
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
  run: (f, t) => {
    const say = t.findings.automation.crossAccount;
    const a = f.association;
    if (!a || a.targetLocationCount === 0) return [];
    return [
      {
        id: 'automation.cross-account-execution-role',
        severity: 'info',
        title: say.title,
        summary: say.summary(a.targetLocationCount),
        evidence: [
          { field: 'DescribeAssociation.TargetLocations', value: t.words.count.location(a.targetLocationCount) },
          ...roleEvidence(f, t),
        ],
        remediation: [...say.remediation],
        links: associationLinks(f, t),
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
