// §3.7 Run Command execution timeouts: the document started but ran past its timeout and the agent stopped it.
import type { InvestigationFacts } from '../facts.ts';
import type { Check, Evidence } from '../finding.ts';
import {
  associationCli,
  associationLinks,
  logPathsWithOrchestration,
  parameterValue,
  plural,
  sampleIds,
  uniqueEvidence,
  uniqueLines,
  uniqueLinks,
} from './kit.ts';
import { failureCases, isTimeout, startOnce } from './run-command-cases.ts';

function timeoutParameter(facts: InvestigationFacts): Evidence | undefined {
  const params = facts.association?.parameters ?? {};
  for (const name of ['executionTimeout', 'timeoutSeconds']) {
    const value = parameterValue(params, name);
    if (value) return { field: `DescribeAssociation.Parameters.${name}`, value };
  }
  return undefined;
}

/** Execution timed out: the script ran longer than its timeout and the agent killed it. */
export const executionTimedOut: Check = {
  id: 'command.execution-timed-out',
  step: 'output',
  applies: (f) => f.outputs !== undefined || f.nodes !== undefined || f.latestTargets !== undefined,
  run: (f) => {
    const cases = failureCases(f).filter(isTimeout);
    const first = cases[0];
    if (!first) return [];
    const total = cases.reduce((n, c) => n + c.targetCount, 0);
    const param = timeoutParameter(f);
    const elapsed = cases.find((c) => c.elapsedSeconds !== undefined)?.elapsedSeconds;
    const evidence: Evidence[] = [...cases.flatMap((c) => c.evidence)];
    if (param) evidence.push(param);
    if (elapsed !== undefined)
      evidence.push({ field: 'GetCommandInvocation.ExecutionElapsedTime', value: `${elapsed} s` });
    const killed = cases.some((c) => c.exitCode === 137);
    return [
      {
        id: 'command.execution-timed-out',
        severity: 'error',
        title: `Execution timed out on ${plural(total, 'target')}`,
        summary: `The document started but ran past its execution timeout${param ? ` (${param.value} s)` : ''}, so the agent stopped it (exit 137 on Linux/macOS, -1 on Windows). It counts as a failure toward MaxErrors.${killed ? ' Exit 137 can also mean the kernel OOM killer ended the script.' : ''}`,
        evidence: uniqueEvidence(evidence),
        remediation: [
          'Find what hangs: a prompt waiting for input (apt/yum without -y), a lock, or a network call without a timeout; read the last output lines.',
          'If the work is legitimately long, raise the timeout: the executionTimeout parameter of AWS-RunShellScript / AWS-RunPowerShellScript (default 3600 s), or timeoutSeconds on the plugin in a custom document.',
          ...(killed ? ['Check `dmesg`/`journalctl -k` on the node for "Out of memory: Killed process".'] : []),
          startOnce(f),
        ],
        links: uniqueLinks([...cases.flatMap((c) => c.links), ...associationLinks(f)]),
        cli: uniqueLines([...cases.flatMap((c) => c.cli), ...associationCli(f)]),
        logPaths: logPathsWithOrchestration(first.platformType, first.resourceIds[0], first.runId),
        resources: sampleIds(cases.flatMap((c) => c.resourceIds)),
        step: first.step,

        cause: 'timeout',
      },
    ];
  },
};

/** §3.7 execution timeouts. */
export const runCommandTimeoutChecks: Check[] = [executionTimedOut];
