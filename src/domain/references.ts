// Where to look next: console deep links (their labels in `lang`), AWS CLI commands and agent log paths, shared by
// every check.
import { DEFAULT_LANG, type Lang, texts } from '../i18n/index.ts';
import type { Scope } from './facts.ts';
import type { Link, LogPaths } from './finding.ts';

const label = (lang: Lang) => texts(lang).findings.links;

const consoleBase = (region: string) => `https://${region}.console.aws.amazon.com`;

/** Console deep links. */
export const consoleLinks = {
  associationHistory: (scope: Scope, associationId: string, lang: Lang = DEFAULT_LANG): Link => ({
    label: label(lang).associationHistory,
    url: `${consoleBase(scope.region)}/systems-manager/state-manager/${associationId}/execution-history?region=${scope.region}`,
  }),
  association: (scope: Scope, associationId: string, lang: Lang = DEFAULT_LANG): Link => ({
    label: label(lang).association,
    url: `${consoleBase(scope.region)}/systems-manager/state-manager/${associationId}/description?region=${scope.region}`,
  }),
  node: (scope: Scope, instanceId: string, lang: Lang = DEFAULT_LANG): Link => ({
    label: label(lang).node(instanceId),
    url: `${consoleBase(scope.region)}/systems-manager/fleet-manager/managed-nodes/${instanceId}/general?region=${scope.region}`,
  }),
  ec2Instance: (scope: Scope, instanceId: string, lang: Lang = DEFAULT_LANG): Link => ({
    label: label(lang).ec2Instance(instanceId),
    url: `${consoleBase(scope.region)}/ec2/home?region=${scope.region}#InstanceDetails:instanceId=${instanceId}`,
  }),
  commandOutput: (scope: Scope, commandId: string, instanceId: string, lang: Lang = DEFAULT_LANG): Link => ({
    label: label(lang).commandOutput(instanceId),
    url: `${consoleBase(scope.region)}/systems-manager/run-command/${commandId}/${instanceId}?region=${scope.region}`,
  }),
  automationExecution: (scope: Scope, executionId: string, lang: Lang = DEFAULT_LANG): Link => ({
    label: label(lang).automationExecution(executionId),
    url: `${consoleBase(scope.region)}/systems-manager/automation/execution/${executionId}?region=${scope.region}`,
  }),
  document: (scope: Scope, documentName: string, lang: Lang = DEFAULT_LANG): Link => ({
    label: label(lang).document(documentName),
    url: `${consoleBase(scope.region)}/systems-manager/documents/${encodeURIComponent(documentName)}/description?region=${scope.region}`,
  }),
  defaultHostManagement: (scope: Scope, lang: Lang = DEFAULT_LANG): Link => ({
    label: label(lang).defaultHostManagement,
    url: `${consoleBase(scope.region)}/systems-manager/fleet-manager/dhmc?region=${scope.region}`,
  }),
};

/** AWS CLI commands that show the same facts. */
export const cli = {
  describeAssociation: (scope: Scope, associationId: string) =>
    `aws ssm describe-association --association-id ${associationId} --region ${scope.region}`,
  executions: (scope: Scope, associationId: string) =>
    `aws ssm describe-association-executions --association-id ${associationId} --region ${scope.region}`,
  executionTargets: (scope: Scope, associationId: string, executionId: string) =>
    `aws ssm describe-association-execution-targets --association-id ${associationId} --execution-id ${executionId} --region ${scope.region}`,
  instanceInformation: (scope: Scope, instanceId: string) =>
    `aws ssm describe-instance-information --filters Key=InstanceIds,Values=${instanceId} --region ${scope.region}`,
  instanceAssociations: (scope: Scope, instanceId: string) =>
    `aws ssm describe-instance-associations-status --instance-id ${instanceId} --region ${scope.region}`,
  commandInvocation: (scope: Scope, commandId: string, instanceId: string) =>
    `aws ssm get-command-invocation --command-id ${commandId} --instance-id ${instanceId} --region ${scope.region}`,
  automationExecution: (scope: Scope, executionId: string) =>
    `aws ssm get-automation-execution --automation-execution-id ${executionId} --region ${scope.region}`,
  describeDocument: (scope: Scope, name: string, version?: string) =>
    `aws ssm describe-document --name ${name}${version ? ` --document-version ${version}` : ''} --region ${scope.region}`,
  ec2Instance: (scope: Scope, instanceId: string) =>
    `aws ec2 describe-instances --instance-ids ${instanceId} --region ${scope.region}`,
  dhmcSetting: (scope: Scope) =>
    `aws ssm get-service-setting --setting-id /ssm/managed-instance/default-ec2-instance-management-role --region ${scope.region}`,
  startOnce: (scope: Scope, associationId: string) =>
    `aws ssm start-associations-once --association-ids ${associationId} --region ${scope.region}`,
};

const LINUX_LOGS: LogPaths = {
  platform: 'Linux/macOS',
  paths: ['/var/log/amazon/ssm/amazon-ssm-agent.log', '/var/log/amazon/ssm/errors.log'],
};
const WINDOWS_LOGS: LogPaths = {
  platform: 'Windows',
  paths: ['%PROGRAMDATA%\\Amazon\\SSM\\Logs\\amazon-ssm-agent.log', '%PROGRAMDATA%\\Amazon\\SSM\\Logs\\errors.log'],
};

/** SSM Agent log paths for a node's platform; both platforms when it is unknown. */
export function agentLogPaths(platformType?: string): LogPaths[] {
  if (platformType === 'Windows') return [WINDOWS_LOGS];
  if (platformType === 'Linux' || platformType === 'MacOS') return [LINUX_LOGS];
  return [LINUX_LOGS, WINDOWS_LOGS];
}
