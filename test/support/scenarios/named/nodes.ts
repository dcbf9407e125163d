// Cause families about the nodes: healthy baseline, not managed, ConnectionLost, agent too old,
// instance profile missing with DHMC off, delivery problems.
import { GATHER_SOFTWARE_INVENTORY } from '../documents.ts';
import { LATEST_AGENT_VERSION, named } from './common.ts';

const SCHEDULE = 'rate(30 minutes)';

export const healthy = named({
  name: 'healthy',
  title: 'Healthy inventory association',
  catalogue: '—',
  signal: 'Overview.Status = Success, every target Success, every node Online on the latest agent',
  associationId: '8dfe3659-4309-493a-8755-0123456789ab',
  build: (b, id) =>
    b
      .document(GATHER_SOFTWARE_INVENTORY)
      .dhmc()
      .association({
        associationId: id,
        associationName: 'Inventory-Association',
        documentName: 'AWS-GatherSoftwareInventory',
        targets: [{ Key: 'InstanceIds', Values: ['*'] }],
        schedule: 'rate(24 hours)',
        parameters: { applications: ['Enabled'], awsComponents: ['Enabled'], files: [''] },
      })
      .execution({ executionId: '474925ef-1249-45a2-b93d-0123456789ab', status: 'Success', createdAt: '3h ago' })
      .runCommandSuccess({ instanceId: 'i-1234567890abcdef0', plugin: 'aws:softwareInventory', stdout: '' })
      .runCommandSuccess({
        instanceId: 'i-0471e04240a1b2c3d',
        plugin: 'aws:softwareInventory',
        stdout: '',
        node: { platform: 'Windows', iamRole: 'SSMInstanceProfile' },
      })
      .execution({ executionId: '7abb6378-a4a5-4f10-8312-0123456789ab', status: 'Success', createdAt: '27h ago' })
      .runCommandSuccess({
        instanceId: 'i-1234567890abcdef0',
        plugin: 'aws:softwareInventory',
        stdout: '',
        node: false,
      })
      .runCommandSuccess({
        instanceId: 'i-0471e04240a1b2c3d',
        plugin: 'aws:softwareInventory',
        stdout: '',
        node: false,
      }),
});

export const nodeNotManaged = named({
  name: 'node-not-managed',
  title: 'Target is not a managed node',
  catalogue: '3.1',
  signal: 'DescribeInstanceInformation returns nothing for i-0b22a22eec53b9321; the target stays Pending',
  associationId: 'b48291dd-ba76-43e0-b9df-13e11ddaac26',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'ConfigureNginx',
        instanceIds: ['i-0b22a22eec53b9321'],
        schedule: SCHEDULE,
        parameters: { commands: ['/opt/acme/bin/configure-nginx.sh'] },
        createdAt: '2d ago',
      })
      .execution({ executionId: '6960febb-2907-4b59-8e1a-d6ce8f1c2a11', status: 'Pending', createdAt: '2d ago' })
      .target({ resourceId: 'i-0b22a22eec53b9321', status: 'Pending', detailedStatus: 'Pending' })
      .ec2Instance({
        instanceId: 'i-0b22a22eec53b9321',
        state: 'running',
        instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile',
        httpTokens: 'required',
      }),
});

export const connectionLost = named({
  name: 'connection-lost',
  title: 'Node lost its connection to Systems Manager',
  catalogue: '3.1',
  signal: 'DescribeInstanceInformation.PingStatus = ConnectionLost, LastPingDateTime 3 h ago; target Pending',
  associationId: 'fa262de1-6d6c-4b3d-9c1b-2f0e6a7d5c31',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'RotateAppLogs',
        targets: [{ Key: 'tag:Role', Values: ['web'] }],
        schedule: SCHEDULE,
        parameters: { commands: ['logrotate -f /etc/logrotate.d/app'] },
      })
      .execution({ executionId: '2f6c8b1e-4d0a-4c5e-9b7f-31a2c4d5e6f7', status: 'Pending', createdAt: '25m ago' })
      .runCommandSuccess({ instanceId: 'i-0c3a6f2e8b9d10e4f', node: { tags: { Role: 'web' } } })
      .target({ resourceId: 'i-0f9e8d7c6b5a41234', status: 'Pending', detailedStatus: 'Pending' })
      .node({
        instanceId: 'i-0f9e8d7c6b5a41234',
        pingStatus: 'ConnectionLost',
        lastPingAt: '3h ago',
        agentVersion: '3.2.582.0',
        isLatestVersion: false,
        tags: { Role: 'web' },
      })
      .ec2Instance({
        instanceId: 'i-0f9e8d7c6b5a41234',
        state: 'running',
        instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile',
      }),
});

export const agentTooOld = named({
  name: 'agent-too-old',
  title: 'SSM Agent too old for the document',
  catalogue: '3.3',
  signal:
    'stderr "Plugin with name aws:downloadContent is not supported by this version of ssm agent"; AgentVersion 2.3.842.0, IsLatestVersion false',
  associationId: 'd8617c07-2079-4c18-9847-1234567890ab',
  build: (b, id) =>
    b
      .document({
        name: 'Acme-DeployAppConfig',
        type: 'Command',
        schemaVersion: '2.2',
        platformTypes: ['Linux'],
        description: 'Downloads the app configuration from S3 and reloads the service.',
        parameters: [{ name: 'sourceInfo', type: 'String', description: '(Required) S3 location of the config.' }],
        versions: 3,
      })
      .association({
        associationId: id,
        associationName: 'DeployAppConfig',
        documentName: 'Acme-DeployAppConfig',
        instanceIds: ['i-02573cafcf1a2b3c4'],
        schedule: 'rate(1 hour)',
        parameters: { sourceInfo: ['{"path":"https://s3.eu-west-1.amazonaws.com/acme-config/app.json"}'] },
      })
      .execution({ executionId: '9a1c3e5f-7b2d-4f6a-8c0e-1d3f5a7b9c2e', status: 'Failed', createdAt: '40m ago' })
      .runCommandFailure({
        instanceId: 'i-02573cafcf1a2b3c4',
        plugin: 'downloadConfig',
        exitCode: 1,
        stderr:
          'Plugin with name aws:downloadContent is not supported by this version of ssm agent, please update to latest version. Step name: downloadConfig',
        node: { agentVersion: '2.3.842.0', isLatestVersion: false, platformName: 'Ubuntu', platformVersion: '18.04' },
      }),
});

export const instanceProfileMissing = named({
  name: 'instance-profile-missing-dhmc-off',
  title: 'No instance profile and Default Host Management off',
  catalogue: '3.2',
  signal:
    'Not in DescribeInstanceInformation; ec2 IamInstanceProfile absent; GetServiceSetting(DHMC) → ServiceSettingNotFound',
  associationId: '3c9e1f4a-2b7d-4e8f-a6c1-5d2b8e9f0a13',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'HardenSshd',
        instanceIds: ['i-0d4e5f6a7b8c9d0e1'],
        schedule: 'rate(1 day)',
        parameters: { commands: ['/opt/acme/bin/harden-sshd.sh'] },
        createdAt: '6h ago',
      })
      .execution({ executionId: '5e7f9a1b-3c5d-4e6f-8a9b-0c1d2e3f4a5b', status: 'Pending', createdAt: '6h ago' })
      .target({ resourceId: 'i-0d4e5f6a7b8c9d0e1', status: 'Pending', detailedStatus: 'Pending' })
      .ec2Instance({ instanceId: 'i-0d4e5f6a7b8c9d0e1', state: 'running', httpTokens: 'optional' }),
});

export const deliveryTimedOut = named({
  name: 'delivery-timed-out',
  title: 'Command never delivered (DeliveryTimedOut)',
  catalogue: '3.7',
  signal:
    'Target DetailedStatus = DeliveryTimedOut, GetCommandInvocation StatusDetails DeliveryTimedOut, ResponseCode -1',
  associationId: '0e2f4a6c-8b1d-4f3a-9c5e-7a9b1c3d5e7f',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'NightlyBackup',
        instanceIds: ['i-0e1d2c3b4a5f60718'],
        schedule: 'cron(0 2 * * ? *)',
        parameters: { commands: ['/opt/acme/bin/backup.sh'] },
      })
      .execution({ executionId: '1b3d5f7a-9c2e-4a6b-8d0f-2e4a6c8e0b1d', status: 'Failed', createdAt: '450m ago' })
      .runCommand({
        instanceId: 'i-0e1d2c3b4a5f60718',
        exitCode: -1,
        outcome: 'DeliveryTimedOut',
        node: { agentVersion: LATEST_AGENT_VERSION },
      }),
});

export const undeliverable = named({
  name: 'undeliverable',
  title: 'Command undeliverable (node gone)',
  catalogue: '3.7',
  signal: 'Target DetailedStatus = Undeliverable; EC2 state terminated; not in DescribeInstanceInformation',
  associationId: '7c9e1a3b-5d7f-4b2c-8e4a-6c8e0a2b4d6f',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'PruneDockerImages',
        instanceIds: ['i-0a9b8c7d6e5f40312'],
        schedule: 'rate(12 hours)',
        parameters: { commands: ['docker image prune -af'] },
      })
      .execution({ executionId: '8d0f2a4c-6e8b-4d1f-a3c5-7e9b1d3f5a7c', status: 'Failed', createdAt: '5h ago' })
      .runCommand({ instanceId: 'i-0a9b8c7d6e5f40312', exitCode: -1, outcome: 'Undeliverable', node: false })
      .ec2Instance({ instanceId: 'i-0a9b8c7d6e5f40312', state: 'terminated' }),
});
