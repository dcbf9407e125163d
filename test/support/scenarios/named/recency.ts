// The newest execution decides: a failure a newer run recovered from is history; a first run still going is
// "still running", not an unexplained Pending.
import { named } from './common.ts';

export const recoveredAfterFailure = named({
  name: 'recovered-after-failure',
  title: 'An older execution failed, the newest succeeded on all targets',
  catalogue: '3.7',
  signal:
    'DescribeAssociationExecutions: newest Success on every target, an older one Failed (psql Connection refused)',
  associationId: 'b8e0c2a4-6d8f-4b1d-9f3a-5c7e9b1d3f50',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'NightlyMigrations',
        instanceIds: ['i-0b8e0c2a46d8f4b1d'],
        schedule: 'rate(1 hour)',
        parameters: { commands: ['/opt/app/bin/migrate up'] },
        overview: { status: 'Success', detailedStatus: 'Success', counts: { Success: 1 } },
      })
      .execution({ executionId: 'b0c2e4a6-8d0f-4b2d-9f4a-6c8e0b2d4f61', status: 'Failed', createdAt: '70m ago' })
      .runCommandFailure({
        instanceId: 'i-0b8e0c2a46d8f4b1d',
        exitCode: 2,
        stderr:
          'psql: error: connection to server at "db-primary.internal" (10.0.3.41), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?',
      })
      .execution({ executionId: 'b1d3f5b7-9e1a-4c3e-8a5b-7d9f1c3e5a72', status: 'Success', createdAt: '10m ago' })
      .runCommandSuccess({ instanceId: 'i-0b8e0c2a46d8f4b1d', stdout: 'migrations up to date\n' }),
});

export const firstRunInProgress = named({
  name: 'first-run-in-progress',
  title: 'An association created minutes ago, its first run still InProgress',
  catalogue: '3.7',
  signal: 'DescribeAssociationExecutions: one execution, InProgress, 1 of 3 targets done',
  associationId: 'c9f1d3b5-7e9a-4c2e-8b4d-6f8a0c2e4b61',
  build: (b, id) =>
    b
      .shellScriptAssociation({
        associationId: id,
        associationName: 'InstallAgent',
        instanceIds: ['i-0c9f1d3b57e9a4c2e', 'i-0c9f1d3b57e9a4c2f', 'i-0c9f1d3b57e9a4c30'],
        schedule: 'rate(1 day)',
        parameters: { commands: ['/opt/acme/install.sh'] },
        overview: { status: 'Pending', detailedStatus: 'InProgress', counts: { Success: 1, InProgress: 2 } },
        createdAt: '6m ago',
      })
      .execution({
        executionId: 'c0e2a4c6-8f0b-4d3f-9c5e-7a9b1d3f5c72',
        status: 'InProgress',
        createdAt: '4m ago',
        resourceCountByStatus: '{Success=1, InProgress=2}',
      })
      .node({ instanceId: 'i-0c9f1d3b57e9a4c2f' })
      .node({ instanceId: 'i-0c9f1d3b57e9a4c30' })
      .runCommandSuccess({ instanceId: 'i-0c9f1d3b57e9a4c2e', stdout: 'installed\n' })
      .target({ resourceId: 'i-0c9f1d3b57e9a4c2f', status: 'InProgress' })
      .target({ resourceId: 'i-0c9f1d3b57e9a4c30', status: 'InProgress' })
      // While the agent runs the document, the node's row says so.
      .instanceAssociationStatus({
        instanceId: 'i-0c9f1d3b57e9a4c2f',
        status: 'Pending',
        detailedStatus: 'InProgress',
        at: '3m ago',
      })
      .instanceAssociationStatus({
        instanceId: 'i-0c9f1d3b57e9a4c30',
        status: 'Pending',
        detailedStatus: 'InProgress',
        at: '3m ago',
      }),
});
