// LARGE: 10,000 targets in one execution, 2,000 of them failed in three distinct ways. Every failing node gets
// node / command data (samples are drawn from the whole group); the targets themselves are generated, never
// written out.
import { generatedInstanceId, type ScenarioBuilder, uuidFrom } from '../builder.ts';
import { named } from './common.ts';

/** Target groups in list order (generated ids are `generatedInstanceId(index)`). */
export const LARGE_GROUPS = [
  { count: 8_000, status: 'Success', detailedStatus: 'Success' },
  { count: 1_200, status: 'Failed', detailedStatus: 'Failed' },
  { count: 500, status: 'Failed', detailedStatus: 'ExecutionTimedOut' },
  { count: 300, status: 'Failed', detailedStatus: 'DeliveryTimedOut' },
] as const;

export const LARGE_TOTAL = 10_000;
export const LARGE_FAILED = 2_000;
export const LARGE_EXECUTION_ID = '3e5a7c9e-1f2b-4a4c-b6d8-0d2f4b6d8f45';
export const LARGE_COMMAND_ID = uuidFrom(`command:${LARGE_EXECUTION_ID}`);
/** Samples per group a drill-down test takes. */
export const LARGE_SAMPLED_PER_GROUP = 5;

/** The index of the first target of group `g`. */
export const largeGroupStart = (g: number) => LARGE_GROUPS.slice(0, g).reduce((n, x) => n + x.count, 0);

/** The fleet-wide baseline the large scenarios run: a shell script on every node, 20 % at a time, never stopped. */
export function fleetBaseline(b: ScenarioBuilder, associationId: string): ScenarioBuilder {
  return b.shellScriptAssociation({
    associationId,
    associationName: 'FleetBaseline',
    targets: [{ Key: 'InstanceIds', Values: ['*'] }],
    schedule: 'rate(1 day)',
    parameters: { commands: ['/opt/acme/bin/baseline.sh'] },
    maxConcurrency: '20%',
    maxErrors: '100%',
  });
}

/** One generated node and its failed baseline run: a one-plugin AWS-RunShellScript invocation in the plugin's status. */
export function baselineRun(
  b: ScenarioBuilder,
  input: {
    commandId: string;
    instanceId: string;
    comment: string;
    requestedAt: number;
    status: 'Failed' | 'TimedOut';
    statusDetails: string;
    responseCode: number;
    startedAt?: number;
    endedAt?: number;
    stdout: string;
    stderr: string;
  },
): ScenarioBuilder {
  const { commandId, instanceId, comment, requestedAt, status, statusDetails, ...plugin } = input;
  return b.node({ instanceId }).commandInvocation({
    commandId,
    instanceId,
    documentName: 'AWS-RunShellScript',
    comment,
    requestedAt,
    status,
    statusDetails,
    plugins: [{ name: 'aws:runShellScript', status, statusDetails, ...plugin }],
  });
}

export const large = named({
  name: 'large',
  title: '10,000 targets, 2,000 failed three ways',
  catalogue: '3.7',
  signal:
    'Failed targets: 1,200 Failed (exit 1), 500 ExecutionTimedOut, 300 DeliveryTimedOut — found by paging the Failed status only',
  associationId: '6a8c0e2a-4b5d-4f7b-a9c1-1d3f5b7d9f35',
  build: (b, id) => {
    fleetBaseline(b, id)
      .execution({ executionId: LARGE_EXECUTION_ID, status: 'Failed', createdAt: '2h ago' })
      .generatedTargets(LARGE_GROUPS.map((g) => ({ ...g, commandId: LARGE_COMMAND_ID })))
      .execution({ executionId: '4f6b8d0f-2a3c-4b5d-a7e9-1e3a5c7e9a56', status: 'Success', createdAt: '26h ago' })
      .generatedTargets([{ count: LARGE_TOTAL, status: 'Success' }]);
    const created = b.t('2h ago');
    LARGE_GROUPS.forEach((group, g) => {
      if (group.status === 'Success') return;
      for (let k = 0; k < group.count; k++) {
        const instanceId = generatedInstanceId(largeGroupStart(g) + k);
        const timedOut = group.detailedStatus === 'ExecutionTimedOut';
        const undelivered = group.detailedStatus === 'DeliveryTimedOut';
        baselineRun(b, {
          commandId: LARGE_COMMAND_ID,
          instanceId,
          comment: `${id}:${LARGE_EXECUTION_ID}`,
          requestedAt: created + 1,
          status: timedOut || undelivered ? 'TimedOut' : 'Failed',
          statusDetails: group.detailedStatus,
          responseCode: timedOut ? 137 : undelivered ? -1 : 1,
          ...(undelivered ? {} : { startedAt: created + 2, endedAt: created + (timedOut ? 3602 : 9) }),
          stdout: undelivered ? '' : 'Applying baseline…\n',
          stderr:
            group.detailedStatus === 'Failed'
              ? 'baseline.sh: line 42: /usr/bin/aide: No such file or directory\nfailed to run commands: exit status 1'
              : '',
        });
      }
    });
    return b;
  },
});
