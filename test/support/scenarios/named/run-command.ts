// Cause families in the Run Command outcome: script failures, timeouts, MaxErrors, stuck runs,
// duplicate inventory, silent S3 output problems, and an AccessDenied on one read.
import { GATHER_SOFTWARE_INVENTORY, RUN_POWERSHELL_SCRIPT } from '../documents.ts';
import { named, PROD } from './common.ts';

const NGINX_STDERR =
  'nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:14\nnginx: configuration file /etc/nginx/nginx.conf test failed';

export const scriptExitCode1 = named({
  name: 'script-exit-code-1',
  title: 'Script exits 1 with stderr',
  catalogue: '3.7',
  signal: 'ResponseCode 1, StandardErrorContent ends "failed to run commands: exit status 1" after the nginx error',
  associationId: 'a7d3c1e9-5b2f-4c8a-9e6d-0f1b3a5c7e92',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'ConfigureNginx',
        targets: [{ Key: 'tag:Role', Values: ['web'] }],
        schedule: 'rate(30 minutes)',
        parameters: {
          commands: ['cp /opt/acme/nginx/app.conf /etc/nginx/conf.d/app.conf', 'nginx -t', 'systemctl reload nginx'],
        },
        maxConcurrency: '50%',
        maxErrors: '100%',
      })
      .execution({ executionId: 'c2e4a6b8-0d1f-4a3c-8e5b-7d9f1b3d5f70', status: 'Failed', createdAt: '12m ago' })
      .runCommandFailure({
        instanceId: 'i-1234567890abcdef0',
        exitCode: 1,
        stdout: 'Copying configuration\n',
        stderr: NGINX_STDERR,
      })
      .runCommandFailure({
        instanceId: 'i-0123456789abcdef1',
        exitCode: 1,
        stdout: 'Copying configuration\n',
        stderr: NGINX_STDERR,
      })
      .runCommandSuccess({
        instanceId: 'i-0fedcba9876543210',
        stdout: 'Copying configuration\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
      }),
});

export const executionTimedOutLinux = named({
  name: 'execution-timed-out-linux',
  title: 'Script killed at executionTimeout (Linux, exit 137)',
  catalogue: '3.7',
  signal: 'StatusDetails ExecutionTimedOut, ResponseCode 137 (killed by the agent)',
  associationId: 'e3f5a7c9-1b2d-4e6f-8a0c-2d4f6a8c0e13',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'NightlyDbDump',
        instanceIds: ['i-0aa11bb22cc33dd44'],
        schedule: 'cron(0 1 * * ? *)',
        parameters: { commands: ['/opt/acme/bin/pg-dump-all.sh'], executionTimeout: ['3600'] },
      })
      .execution({ executionId: 'f4a6c8e0-2b3d-4f5a-9c7e-1a3c5e7a9c24', status: 'Failed', createdAt: '8h ago' })
      .runCommand({
        instanceId: 'i-0aa11bb22cc33dd44',
        exitCode: 137,
        outcome: 'ExecutionTimedOut',
        stdout: 'Dumping database orders (41 GB)…\n',
        stderr: '',
      }),
});

export const executionTimedOutWindows = named({
  name: 'execution-timed-out-windows',
  title: 'Script stopped at executionTimeout (Windows, exit -1)',
  catalogue: '3.7',
  signal: 'StatusDetails ExecutionTimedOut, ResponseCode -1 on a Windows node',
  associationId: 'b5c7d9e1-3f4a-4b6c-8d0e-2f4a6b8c0d35',
  build: (b, id) =>
    b
      .document(RUN_POWERSHELL_SCRIPT)
      .association({
        associationId: id,
        associationName: 'DefragDataVolume',
        documentName: 'AWS-RunPowerShellScript',
        instanceIds: ['i-0bb22cc33dd44ee55'],
        schedule: 'cron(0 3 ? * SUN *)',
        parameters: { commands: ['Optimize-Volume -DriveLetter D -Defrag -Verbose'], executionTimeout: ['1800'] },
      })
      .execution({ executionId: 'a6b8c0d2-4e5f-4a7b-9c1d-3e5f7a9b1c46', status: 'Failed', createdAt: '5d ago' })
      .runCommand({
        instanceId: 'i-0bb22cc33dd44ee55',
        exitCode: -1,
        outcome: 'ExecutionTimedOut',
        stdout: 'VERBOSE: Invoking defragmentation on Data (D:)...\n',
        node: { platform: 'Windows' },
      }),
});

export const maxErrorsReached = named({
  name: 'max-errors-reached',
  title: 'MaxErrors reached: remaining targets terminated or skipped',
  catalogue: '3.6',
  signal: 'MaxErrors 1; 2 targets Failed (exit 1), 3 Failed/Terminated, 1 Skipped',
  associationId: 'c8d0e2f4-6a7b-4c9d-8e1f-3a5b7c9d1e57',
  build: (b, id) => {
    b.shellScriptAssociation({
      associationId: id,
      associationName: 'UpgradeOpenSsl',
      targets: [{ Key: 'tag:Fleet', Values: ['batch'] }],
      schedule: 'rate(7 days)',
      parameters: { commands: ['dnf -y upgrade openssl'] },
      maxConcurrency: '2',
      maxErrors: '1',
    }).execution({ executionId: 'd9e1f3a5-7b8c-4d0e-9f2a-4b6c8d0e2f68', status: 'Failed', createdAt: '2h ago' });
    const stderr =
      "Error: Failed to download metadata for repo 'amazonlinux': Cannot download repomd.xml: Curl error (28): Timeout was reached";
    b.runCommandFailure({ instanceId: 'i-0c1d2e3f4a5b6c7d8', exitCode: 1, stderr });
    b.runCommandFailure({ instanceId: 'i-0d2e3f4a5b6c7d8e9', exitCode: 1, stderr });
    for (const instanceId of ['i-0e3f4a5b6c7d8e9f0', 'i-0f4a5b6c7d8e9f0a1', 'i-0a5b6c7d8e9f0a1b2']) {
      b.runCommand({ instanceId, exitCode: -1, outcome: 'Terminated' });
    }
    return b
      .target({ resourceId: 'i-0b6c7d8e9f0a1b2c3', status: 'Skipped', detailedStatus: 'Skipped' })
      .node({ instanceId: 'i-0b6c7d8e9f0a1b2c3' });
  },
});

export const stuckAtInProgress = named({
  name: 'stuck-at-in-progress',
  title: 'Association stuck InProgress for more than 2 hours',
  catalogue: '1.3',
  signal:
    'DescribeInstanceAssociationsStatus ErrorCode StuckAtInProgress, "Association stuck at InProgress for longer than 2 hours"',
  associationId: 'e0f2a4b6-8c9d-4e1f-a3b5-7c9d1e3f5a79',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'ReindexSearch',
        instanceIds: ['i-0c7d8e9f0a1b2c3d4'],
        schedule: 'rate(1 day)',
        parameters: { commands: ['/opt/acme/bin/reindex.sh --wait'] },
      })
      .execution({ executionId: 'f1a3b5c7-9d0e-4f2a-b4c6-8d0e2f4a6b80', status: 'InProgress', createdAt: '3h ago' })
      .target({
        resourceId: 'i-0c7d8e9f0a1b2c3d4',
        status: 'InProgress',
        detailedStatus: 'InProgress',
        commandId: 'ab12cd34-ef56-4a78-9b01-c23d45e67f89',
        at: '3h ago',
      })
      .node({ instanceId: 'i-0c7d8e9f0a1b2c3d4' })
      .commandInvocation({
        commandId: 'ab12cd34-ef56-4a78-9b01-c23d45e67f89',
        instanceId: 'i-0c7d8e9f0a1b2c3d4',
        documentName: 'AWS-RunShellScript',
        comment: `${id}:f1a3b5c7-9d0e-4f2a-b4c6-8d0e2f4a6b80`,
        requestedAt: b.t('3h ago'),
        status: 'InProgress',
        statusDetails: 'InProgress',
        plugins: [
          {
            name: 'aws:runShellScript',
            status: 'InProgress',
            statusDetails: 'InProgress',
            responseCode: -1,
            startedAt: b.t('3h ago'),
            stdout: 'Reindexing 14,203,112 documents…\n',
            stderr: '',
          },
        ],
      })
      .instanceAssociationStatus({
        instanceId: 'i-0c7d8e9f0a1b2c3d4',
        status: 'Failed',
        detailedStatus: 'Failed',
        errorCode: 'StuckAtInProgress',
        executionSummary: 'Association stuck at InProgress for longer than 2 hours',
        at: '50m ago',
      }),
});

const QUICK_SETUP_INVENTORY = 'c4f0d8b2-6a1e-4c3f-9d7b-2e5a8c1f4b96';

export const duplicateInventory = named({
  name: 'duplicate-inventory-associations',
  title: 'Two inventory associations on the same node',
  catalogue: '3.12',
  signal:
    '"aws:softwareInventory detected multiple inventory configurations associated with one instance"; two AWS-GatherSoftwareInventory rows on the node',
  associationId: 'e1b6a04d-3f7c-4a2e-8b5d-9c0f2a4e6b18',
  build: (b, id) => {
    const nodeId = 'i-0d8e9f0a1b2c3d4e5';
    const conflict = `aws:softwareInventory detected multiple inventory configurations associated with one instance. Each instance can be associated with just one inventory configuration. Conflicting inventory configuration IDs: ${id} and ${QUICK_SETUP_INVENTORY}`;
    return b
      .document(GATHER_SOFTWARE_INVENTORY)
      .association({
        associationId: QUICK_SETUP_INVENTORY,
        associationName: 'AWS-QuickSetup-SSM-CollectInventory-x7k2p',
        documentName: 'AWS-GatherSoftwareInventory',
        targets: [{ Key: 'InstanceIds', Values: ['*'] }],
        schedule: 'rate(30 minutes)',
      })
      .execution({ executionId: '0a2c4e6b-8d1f-4b3a-9c5e-7b9d1f3a5c70', status: 'Success', createdAt: '20m ago' })
      .runCommandSuccess({ instanceId: nodeId, plugin: 'aws:softwareInventory', stdout: '' })
      .association({
        associationId: id,
        associationName: 'Inventory-Association',
        documentName: 'AWS-GatherSoftwareInventory',
        targets: [{ Key: 'tag:Inventory', Values: ['on'] }],
        schedule: 'rate(12 hours)',
        parameters: { applications: ['Enabled'], awsComponents: ['Enabled'], files: [''] },
      })
      .execution({ executionId: '1b3d5f7a-9c0e-4a2b-8d4f-6a8c0e2b4d81', status: 'Failed', createdAt: '1h ago' })
      .runCommand({
        instanceId: nodeId,
        plugin: 'aws:softwareInventory',
        exitCode: 1,
        outcome: 'Failed',
        stderr: conflict,
        node: false,
      });
  },
});

export const s3OutputBucketMissing = named({
  name: 's3-output-bucket-missing',
  title: 'Output bucket does not exist (silent)',
  catalogue: '3.11',
  signal:
    'OutputLocation.S3Location.OutputS3BucketName = acme-ssm-output-logs (deleted); OutputUrl points into it; status Success',
  associationId: 'f2c4e6a8-0b1d-4c3e-9f5a-7b9d1e3f5a92',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'CollectDiagnostics',
        instanceIds: ['i-0e9f0a1b2c3d4e5f6'],
        schedule: 'rate(1 day)',
        parameters: { commands: ['/opt/acme/bin/collect-diagnostics.sh'] },
        outputS3: { bucketName: 'acme-ssm-output-logs', keyPrefix: 'state-manager' },
      })
      .execution({ executionId: '2c4e6a8c-0d1f-4e3a-b5c7-9d1f3a5c7e02', status: 'Success', createdAt: '4h ago' })
      .runCommandSuccess({ instanceId: 'i-0e9f0a1b2c3d4e5f6', stdout: 'Collected 14 files (2.1 MB)\n' }),
});

export const accessDeniedOnOneOperation = named({
  name: 'access-denied-describe-instance-information',
  title: 'The read-only role lacks ssm:DescribeInstanceInformation',
  catalogue: '—',
  signal:
    'AccessDeniedException on DescribeInstanceInformation (a gap, not a crash); the script failure is still found',
  associationId: '4d6f8a0c-2e3b-4d5f-a7c9-1e3a5c7e9b14',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'ConfigureNginx',
        instanceIds: ['i-0f0a1b2c3d4e5f607'],
        schedule: 'rate(30 minutes)',
        parameters: { commands: ['nginx -t'] },
      })
      .execution({ executionId: '3d5f7a9c-1e2b-4f4a-8c6e-0a2c4e6a8c13', status: 'Failed', createdAt: '18m ago' })
      .runCommandFailure({ instanceId: 'i-0f0a1b2c3d4e5f607', exitCode: 1, stderr: NGINX_STDERR })
      .fault({
        service: 'ssm',
        operation: 'DescribeInstanceInformation',
        account: PROD.id,
        code: 'AccessDeniedException',
      }),
});
