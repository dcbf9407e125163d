// Real AWS-owned documents, as DescribeDocument describes them (parameters trimmed to what matters).
import type { DocumentInput } from './builder.ts';

type AmazonDocumentSpec = Required<
  Pick<DocumentInput, 'name' | 'type' | 'schemaVersion' | 'platformTypes' | 'description' | 'parameters'>
>;

/** A document AWS owns and publishes in JSON, its fields in DescribeDocument's order. */
function amazonDocument(spec: AmazonDocumentSpec): DocumentInput {
  const { name, type, schemaVersion, platformTypes, description, parameters } = spec;
  return { name, type, schemaVersion, platformTypes, owner: 'Amazon', description, format: 'JSON', parameters };
}

/** The working-directory parameter both Run Command script documents take. */
const WORKING_DIRECTORY = {
  name: 'workingDirectory',
  type: 'String',
  description: '(Optional) The path to the working directory on your instance.',
  defaultValue: '',
} as const;

export const RUN_SHELL_SCRIPT = amazonDocument({
  name: 'AWS-RunShellScript',
  type: 'Command',
  schemaVersion: '1.2',
  platformTypes: ['Linux', 'MacOS'],
  description: 'Run a shell script or specify the commands to run.',
  parameters: [
    { name: 'commands', type: 'StringList', description: '(Required) Specify a shell script or a command to run.' },
    WORKING_DIRECTORY,
    {
      name: 'executionTimeout',
      type: 'String',
      description:
        '(Optional) The time in seconds for a command to complete before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).',
      defaultValue: '3600',
    },
  ],
});

export const RUN_POWERSHELL_SCRIPT = amazonDocument({
  name: 'AWS-RunPowerShellScript',
  type: 'Command',
  schemaVersion: '1.2',
  platformTypes: ['Windows'],
  description: 'Run a PowerShell script or specify the paths to scripts to run.',
  parameters: [
    {
      name: 'commands',
      type: 'StringList',
      description: '(Required) Specify the commands to run or the paths to an existing script on the instance.',
    },
    WORKING_DIRECTORY,
    {
      name: 'executionTimeout',
      type: 'String',
      description:
        '(Optional) The time in seconds for a command to be completed before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).',
      defaultValue: '3600',
    },
  ],
});

export const GATHER_SOFTWARE_INVENTORY = amazonDocument({
  name: 'AWS-GatherSoftwareInventory',
  type: 'Policy',
  schemaVersion: '2.0',
  platformTypes: ['Windows', 'Linux', 'MacOS'],
  description: 'Software Inventory Policy Document.',
  parameters: [
    {
      name: 'applications',
      type: 'String',
      description: '(Optional, Default=Enabled) Collect data for installed applications.',
      defaultValue: 'Enabled',
    },
    {
      name: 'awsComponents',
      type: 'String',
      description: '(Optional, Default=Enabled) Collect data for AWS Components like amazon-ssm-agent.',
      defaultValue: 'Enabled',
    },
    {
      name: 'files',
      type: 'String',
      description: '(Optional, Default=Disabled) Collect data for files on the system.',
      defaultValue: '',
    },
  ],
});

export const UPDATE_SSM_AGENT = amazonDocument({
  name: 'AWS-UpdateSSMAgent',
  type: 'Command',
  schemaVersion: '1.2',
  platformTypes: ['Windows', 'Linux', 'MacOS'],
  description: 'Update the Amazon SSM Agent to the specified version.',
  parameters: [
    {
      name: 'version',
      type: 'String',
      description: '(Optional) The version of the Amazon SSM Agent to install.',
      defaultValue: '',
    },
    {
      name: 'allowDowngrade',
      type: 'String',
      description: '(Optional) Allow the Amazon SSM Agent service to be downgraded.',
      defaultValue: 'false',
    },
  ],
});

export const CONFIGURE_AWS_PACKAGE = amazonDocument({
  name: 'AWS-ConfigureAWSPackage',
  type: 'Command',
  schemaVersion: '2.2',
  platformTypes: ['Windows', 'Linux', 'MacOS'],
  description: 'Install or uninstall a Distributor package.',
  parameters: [
    {
      name: 'action',
      type: 'String',
      description: '(Required) Specify whether or not to install or uninstall the package.',
    },
    {
      name: 'installationType',
      type: 'String',
      description: '(Optional) Specify the type of installation.',
      defaultValue: 'Uninstall and reinstall',
    },
    { name: 'name', type: 'String', description: '(Required) The package to install/uninstall.' },
    {
      name: 'version',
      type: 'String',
      description: '(Optional) The version of the package to install or uninstall.',
      defaultValue: '',
    },
  ],
});

export const START_EC2_INSTANCE = amazonDocument({
  name: 'AWS-StartEC2Instance',
  type: 'Automation',
  schemaVersion: '0.3',
  platformTypes: ['Windows', 'Linux', 'MacOS'],
  description: 'Start EC2 instances',
  parameters: [
    { name: 'InstanceId', type: 'StringList', description: '(Required) EC2 Instance(s) to start' },
    {
      name: 'AutomationAssumeRole',
      type: 'String',
      description:
        '(Optional) The ARN of the role that allows Automation to perform the actions on your behalf. If no role is specified, Systems Manager Automation uses your IAM permissions to run this runbook.',
      defaultValue: '',
    },
  ],
});

export const RUN_PATCH_BASELINE = amazonDocument({
  name: 'AWS-RunPatchBaseline',
  type: 'Command',
  schemaVersion: '2.2',
  platformTypes: ['Windows', 'Linux', 'MacOS'],
  description: 'Scans for or installs patches from a patch baseline to a Linux or Windows operating system.',
  parameters: [
    {
      name: 'Operation',
      type: 'String',
      description: '(Required) The update or configuration to perform on the instance.',
      defaultValue: 'Scan',
    },
    {
      name: 'RebootOption',
      type: 'String',
      description: '(Optional) Reboot behavior after a patch Install operation.',
      defaultValue: 'RebootIfNeeded',
    },
  ],
});
