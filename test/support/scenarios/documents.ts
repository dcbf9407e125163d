// Real AWS-owned documents, as DescribeDocument describes them (parameters trimmed to what matters).
import type { DocumentInput } from './builder.ts';

export const RUN_SHELL_SCRIPT: DocumentInput = {
  name: 'AWS-RunShellScript',
  type: 'Command',
  schemaVersion: '1.2',
  platformTypes: ['Linux', 'MacOS'],
  owner: 'Amazon',
  description: 'Run a shell script or specify the commands to run.',
  format: 'JSON',
  parameters: [
    { name: 'commands', type: 'StringList', description: '(Required) Specify a shell script or a command to run.' },
    {
      name: 'workingDirectory',
      type: 'String',
      description: '(Optional) The path to the working directory on your instance.',
      defaultValue: '',
    },
    {
      name: 'executionTimeout',
      type: 'String',
      description:
        '(Optional) The time in seconds for a command to complete before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).',
      defaultValue: '3600',
    },
  ],
};

export const RUN_POWERSHELL_SCRIPT: DocumentInput = {
  name: 'AWS-RunPowerShellScript',
  type: 'Command',
  schemaVersion: '1.2',
  platformTypes: ['Windows'],
  owner: 'Amazon',
  description: 'Run a PowerShell script or specify the paths to scripts to run.',
  format: 'JSON',
  parameters: [
    {
      name: 'commands',
      type: 'StringList',
      description: '(Required) Specify the commands to run or the paths to an existing script on the instance.',
    },
    {
      name: 'workingDirectory',
      type: 'String',
      description: '(Optional) The path to the working directory on your instance.',
      defaultValue: '',
    },
    {
      name: 'executionTimeout',
      type: 'String',
      description:
        '(Optional) The time in seconds for a command to be completed before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).',
      defaultValue: '3600',
    },
  ],
};

export const GATHER_SOFTWARE_INVENTORY: DocumentInput = {
  name: 'AWS-GatherSoftwareInventory',
  type: 'Policy',
  schemaVersion: '2.0',
  platformTypes: ['Windows', 'Linux', 'MacOS'],
  owner: 'Amazon',
  description: 'Software Inventory Policy Document.',
  format: 'JSON',
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
};

export const UPDATE_SSM_AGENT: DocumentInput = {
  name: 'AWS-UpdateSSMAgent',
  type: 'Command',
  schemaVersion: '1.2',
  platformTypes: ['Windows', 'Linux', 'MacOS'],
  owner: 'Amazon',
  description: 'Update the Amazon SSM Agent to the specified version.',
  format: 'JSON',
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
};

export const CONFIGURE_AWS_PACKAGE: DocumentInput = {
  name: 'AWS-ConfigureAWSPackage',
  type: 'Command',
  schemaVersion: '2.2',
  platformTypes: ['Windows', 'Linux', 'MacOS'],
  owner: 'Amazon',
  description: 'Install or uninstall a Distributor package.',
  format: 'JSON',
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
};

export const START_EC2_INSTANCE: DocumentInput = {
  name: 'AWS-StartEC2Instance',
  type: 'Automation',
  schemaVersion: '0.3',
  platformTypes: ['Windows', 'Linux', 'MacOS'],
  owner: 'Amazon',
  description: 'Start EC2 instances',
  format: 'JSON',
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
};

export const RUN_PATCH_BASELINE: DocumentInput = {
  name: 'AWS-RunPatchBaseline',
  type: 'Command',
  schemaVersion: '2.2',
  platformTypes: ['Windows', 'Linux', 'MacOS'],
  owner: 'Amazon',
  description: 'Scans for or installs patches from a patch baseline to a Linux or Windows operating system.',
  format: 'JSON',
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
};
