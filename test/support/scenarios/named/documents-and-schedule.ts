// Cause families about what the association asks for: targets, schedule, document, parameters,
// platform — and the association that is not there at all.

import { executionSummary } from '../builder.ts';
import { CONFIGURE_AWS_PACKAGE } from '../documents.ts';
import { named } from './common.ts';

/** AWS cron day-of-week names, indexed like Date.getUTCDay(). */
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export const noTargetsMatched = named({
  name: 'no-targets-matched',
  title: 'Tag target matches no managed node',
  catalogue: '3.4',
  signal:
    'Targets tag:Environment=Production; executions with no targets, ResourceCountByStatus {}, AssociationStatusAggregatedCount {} (nodes are tagged "production")',
  associationId: '5e7a9c1e-3f4b-4a6c-8e0a-2c4e6a8c0e25',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'PatchCanary',
        targets: [{ Key: 'tag:Environment', Values: ['Production'] }],
        schedule: 'rate(1 hour)',
        parameters: { commands: ['/opt/acme/bin/canary.sh'] },
        overview: { status: 'Success', detailedStatus: 'Success', counts: {} },
      })
      .execution({ executionId: '6f8b0d2f-4a5c-4b7d-9f1b-3d5f7b9d1f36', status: 'Success', createdAt: '35m ago' })
      .execution({ executionId: '7a9c1e3a-5b6d-4c8e-a0c2-4e6a8c0e2a47', status: 'Success', createdAt: '95m ago' })
      .node({ instanceId: 'i-0a1b2c3d4e5f60718', tags: { Environment: 'production' } })
      .node({ instanceId: 'i-0b2c3d4e5f6071829', tags: { Environment: 'production' } }),
});

export const neverRanNoTargetMatch = named({
  name: 'never-ran-no-target-match',
  title: 'Never ran: the tag selector matches no managed node',
  catalogue: '3.4',
  signal:
    'No executions; Targets tag:Environment=Production; DescribeInstanceInformation with that tag filter returns [] (the nodes are tagged "production")',
  associationId: '3c5e7a9c-1d2f-4e4a-8c6e-0a2c4e6a8c13',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'NightlyBackup',
        targets: [{ Key: 'tag:Environment', Values: ['Production'] }],
        schedule: 'cron(0 3 * * ? *)',
        parameters: { commands: ['/opt/acme/bin/backup.sh'] },
        overview: { status: 'Pending', detailedStatus: 'Creating', counts: {} },
        createdAt: '2h ago',
      })
      .node({ instanceId: 'i-0d4e5f60718293a4b', tags: { Environment: 'production' } }),
});

export const applyOnlyAtCronNeverRan = named({
  name: 'apply-only-at-cron-never-ran',
  title: 'ApplyOnlyAtCronInterval: not run yet',
  catalogue: '3.5',
  signal:
    'ApplyOnlyAtCronInterval = true, weekly cron on the day three days after today, created 2 days ago, no executions; Overview Pending',
  associationId: '8b0d2f4b-6c7e-4d9f-b1d3-5f7b9d1f3b58',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'WeeklyCleanup',
        instanceIds: ['i-0c3d4e5f607182930'],
        // The weekly window is on the day three days after the builder's "now": none has passed since the
        // association was created two days ago, whatever day the scenario is built on.
        schedule: `cron(0 2 ? * ${WEEKDAYS[(b.now.getUTCDay() + 3) % 7]} *)`,
        applyOnlyAtCronInterval: true,
        parameters: { commands: ['/opt/acme/bin/cleanup.sh'] },
        createdAt: '2d ago',
      })
      .node({ instanceId: 'i-0c3d4e5f607182930' }),
});

export const invalidSchedule = named({
  name: 'invalid-schedule',
  title: 'Schedule too frequent / unparsable on the node',
  catalogue: '3.5',
  signal: 'ScheduleExpression rate(15 minutes) (< 30 minutes); node ErrorCode InvalidExpression; no run since creation',
  associationId: '9c1e3a5c-7d8f-4e0a-b2c4-6a8c0e2a4c69',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'FlushQueue',
        instanceIds: ['i-0d4e5f60718293a4b'],
        schedule: 'rate(15 minutes)',
        parameters: { commands: ['/opt/acme/bin/flush-queue.sh'] },
        createdAt: '6h ago',
      })
      .execution({ executionId: '0d2f4b6d-8e9a-4f1b-a3d5-7b9d1f3b5d70', status: 'Success', createdAt: '6h ago' })
      .runCommandSuccess({ instanceId: 'i-0d4e5f60718293a4b', instanceStatus: false })
      .instanceAssociationStatus({
        instanceId: 'i-0d4e5f60718293a4b',
        status: 'Failed',
        detailedStatus: 'Failed',
        errorCode: 'InvalidExpression',
        executionSummary: `Encountered error while parsing expression for association ${id}`,
        at: '5h ago',
      }),
});

export const documentDeleted = named({
  name: 'document-deleted',
  title: 'Shared document no longer exists / no longer shared',
  catalogue: '3.8',
  signal:
    'DescribeDocument → InvalidDocument for arn:aws:ssm:eu-west-1:444455556666:document/Acme-HardenLinux; node ErrorCode ListAssocError',
  associationId: 'a1c3e5a7-9b0d-4f2b-8c4e-6a8c0e2a4c81',
  build: (b, id) => {
    const doc = 'arn:aws:ssm:eu-west-1:444455556666:document/Acme-HardenLinux';
    return b
      .association({
        associationId: id,
        associationName: 'HardenLinux',
        documentName: doc,
        instanceIds: ['i-0e5f60718293a4b5c'],
        schedule: 'rate(1 day)',
      })
      .execution({ executionId: '1e3a5c7e-9f0b-4a2c-b4d6-8c0e2a4c6e91', status: 'Failed', createdAt: '3h ago' })
      .associationErrorOnNode({
        instanceId: 'i-0e5f60718293a4b5c',
        errorCode: 'ListAssocError',
        executionSummary: `Encountered error while loading association ${id} contents, InvalidDocument: Document with name ${doc} does not exist.`,
      });
  },
});

export const pinnedVersionMissing = named({
  name: 'pinned-version-missing',
  title: 'Pinned document version does not exist',
  catalogue: '3.8',
  signal: 'Association DocumentVersion 4; Acme-RotateLogs has versions 1–3 → InvalidDocumentVersion',
  associationId: 'b2d4f6b8-0c1e-4a3c-9d5f-7b9d1f3b5d02',
  build: (b, id) =>
    b
      .document({
        name: 'Acme-RotateLogs',
        type: 'Command',
        schemaVersion: '2.2',
        platformTypes: ['Linux'],
        versions: 3,
        defaultVersion: 2,
        parameters: [{ name: 'retentionDays', type: 'String', defaultValue: '14' }],
      })
      .association({
        associationId: id,
        associationName: 'RotateLogs',
        documentName: 'Acme-RotateLogs',
        documentVersion: '4',
        instanceIds: ['i-0f60718293a4b5c6d'],
        schedule: 'rate(1 day)',
        parameters: { retentionDays: ['30'] },
      })
      .execution({ executionId: '2f4b6d8f-0a1c-4b3d-a5e7-9d1f3b5d7f12', status: 'Failed', createdAt: '10h ago' })
      .associationErrorOnNode({
        instanceId: 'i-0f60718293a4b5c6d',
        documentVersion: '4',
        errorCode: 'ListAssocError',
        executionSummary: `Encountered error while loading association ${id} contents, InvalidDocumentVersion: The document version is not valid or does not exist.`,
      }),
});

export const invalidPlatform = named({
  name: 'invalid-platform',
  title: 'Linux document on a Windows node (InvalidPlatform)',
  catalogue: '3.7',
  signal:
    'Target DetailedStatus InvalidPlatform; DescribeDocument PlatformTypes [Linux, MacOS] vs PlatformType Windows',
  associationId: 'c3e5a7c9-1d2f-4b4d-8e6a-8c0e2a4c6e13',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'TuneKernel',
        targets: [{ Key: 'tag:Fleet', Values: ['api'] }],
        schedule: 'rate(1 day)',
        parameters: { commands: ['sysctl -w net.core.somaxconn=4096'] },
      })
      .execution({ executionId: '3a5c7e9a-1b2d-4c4e-b6f8-0e2a4c6e8a23', status: 'Failed', createdAt: '50m ago' })
      .runCommand({
        instanceId: 'i-0a718293a4b5c6d7e',
        exitCode: -1,
        outcome: 'InvalidPlatform',
        node: { platform: 'Windows', tags: { Fleet: 'api' } },
      }),
});

export const allStepsSkipped = named({
  name: 'all-steps-skipped',
  title: 'Success that did nothing: every step skipped',
  catalogue: '3.8',
  signal:
    'Status Success but ExecutionSummary "1 out of 1 plugin processed, 0 success, 0 failed, 0 timedout, 1 skipped."',
  associationId: 'd4f6b8d0-2e3a-4c5e-9f7b-9d1f3b5d7f24',
  build: (b, id) =>
    b
      .document({
        name: 'Acme-InstallCloudWatchAgent',
        type: 'Command',
        schemaVersion: '2.2',
        platformTypes: ['Linux'],
        description: 'Installs and configures the CloudWatch agent (Linux steps only).',
        parameters: [{ name: 'configParameter', type: 'String', defaultValue: 'AmazonCloudWatch-linux' }],
      })
      .association({
        associationId: id,
        associationName: 'InstallCloudWatchAgent',
        documentName: 'Acme-InstallCloudWatchAgent',
        targets: [{ Key: 'tag:Monitoring', Values: ['cloudwatch'] }],
        schedule: 'rate(1 day)',
      })
      .execution({ executionId: '4b6d8f0b-2c3e-4d5f-a7b9-1f3b5d7f9b34', status: 'Success', createdAt: '2h ago' })
      .runCommand({
        instanceId: 'i-0b8293a4b5c6d7e8f',
        plugin: 'installAgent',
        exitCode: 0,
        outcome: 'Skipped',
        stdout:
          'Step execution skipped due to unsatisfied preconditions: \'"StringEquals": [platformType, Linux]\'. Step name: installAgent',
        node: { platform: 'Windows', tags: { Monitoring: 'cloudwatch' } },
      }),
});

export const missingRequiredParameter = named({
  name: 'missing-required-parameter',
  title: 'A required document parameter has no value',
  catalogue: '3.9',
  signal: 'DescribeDocument parameter "name" has no DefaultValue; the association parameters lack it',
  associationId: 'e5a7c9e1-3f4b-4d6f-a8c0-0e2a4c6e8a35',
  build: (b, id) =>
    b
      .document(CONFIGURE_AWS_PACKAGE)
      .association({
        associationId: id,
        associationName: 'InstallAgentPackage',
        documentName: 'AWS-ConfigureAWSPackage',
        instanceIds: ['i-0c93a4b5c6d7e8f90'],
        schedule: 'rate(1 day)',
        parameters: { action: ['Install'], version: ['latest'] },
      })
      .execution({ executionId: '5c7e9a1c-3d4f-4e6a-b8c0-2a4c6e8a0c45', status: 'Failed', createdAt: '90m ago' })
      .associationErrorOnNode({
        instanceId: 'i-0c93a4b5c6d7e8f90',
        errorCode: 'InvalidAssoc',
        executionSummary: `Encountered error while parsing association ${id}, parameter name is required but no value was provided`,
      }),
});

export const invalidAssocParameter = named({
  name: 'invalid-assoc-parameter',
  title: 'Parameter reference does not resolve (InvalidAssoc)',
  catalogue: '3.8',
  signal: 'ErrorCode InvalidAssoc, "Input contains invalid parameters [{{ssm:/acme/nginx/config-version}}]"',
  associationId: 'f6b8d0f2-4a5c-4e7a-b9d1-1f3b5d7f9b46',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'DeployNginxConfig',
        instanceIds: ['i-0d0a4b5c6d7e8f901'],
        schedule: 'rate(30 minutes)',
        parameters: { commands: ['/opt/acme/bin/deploy-nginx.sh {{ssm:/acme/nginx/config-version}}'] },
      })
      .execution({ executionId: '6d8f0b2d-4e5a-4f7b-9c1d-3b5d7f9b1d56', status: 'Failed', createdAt: '22m ago' })
      .associationErrorOnNode({
        instanceId: 'i-0d0a4b5c6d7e8f901',
        errorCode: 'InvalidAssoc',
        executionSummary: `Encountered error while parsing association ${id}, Input contains invalid parameters [{{ssm:/acme/nginx/config-version}}]`,
      }),
});

export const associationNotFound = named({
  name: 'association-not-found',
  title: 'Association not in this account/region',
  catalogue: '2',
  signal: 'DescribeAssociation → AssociationDoesNotExist in eu-west-1 (it lives in us-east-1)',
  associationId: '0a2c4e6a-8b9d-4f1b-a3c5-5d7f9b1d3f67',
  build: (b, id) =>
    b
      .region('us-east-1')
      .shellScriptAssociation({
        associationId: id,
        instanceIds: ['i-0e1b5c6d7e8f90a12'],
        schedule: 'rate(1 day)',
        parameters: { commands: ['true'] },
      })
      .execution({ executionId: '7e9a1c3e-5f6b-4a8c-b0d2-4c6e8a0c2e78', status: 'Success', createdAt: '1h ago' })
      .runCommandSuccess({ instanceId: 'i-0e1b5c6d7e8f90a12' }),
});

/** An ExecutionSummary with a failure tail, for parser tests. */
export const SAMPLE_FAILED_SUMMARY = executionSummary({
  plugins: 2,
  success: 1,
  failed: 1,
  failures: [
    {
      plugin: 'aws:runShellScript',
      reason: 'nginx: [emerg] unknown directive "proxy_passs"\nfailed to run commands: exit status 1',
    },
  ],
});
