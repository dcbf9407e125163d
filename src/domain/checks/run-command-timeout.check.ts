// §3.7 Run Command execution timeouts: the document started but ran past its timeout and the agent stopped it.
import type { InvestigationFacts } from '../facts.ts';
import type { Check, Evidence } from '../finding.ts';
import {
  associationCli,
  associationLinks,
  logPathsWithOrchestration,
  parameterValue,
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
  run: (f, t) => {
    const say = t.findings.runCommand.executionTimedOut;
    const cases = failureCases(f, t).filter(isTimeout);
    const first = cases[0];
    if (!first) return [];
    const total = cases.reduce((n, c) => n + c.targetCount, 0);
    const param = timeoutParameter(f);
    const elapsed = cases.find((c) => c.elapsedSeconds !== undefined)?.elapsedSeconds;
    const evidence: Evidence[] = [...cases.flatMap((c) => c.evidence)];
    if (param) evidence.push(param);
    if (elapsed !== undefined)
      evidence.push({ field: 'GetCommandInvocation.ExecutionElapsedTime', value: t.words.count.second(elapsed) });
    const killed = cases.some((c) => c.exitCode === 137);
    return [
      {
        id: 'command.execution-timed-out',
        severity: 'error',
        title: say.title(total),
        summary: say.summary(param?.value, killed),
        evidence: uniqueEvidence(evidence),
        remediation: [...say.remediation, ...(killed ? [say.oomCheck] : []), startOnce(f, t)],
        links: uniqueLinks([...cases.flatMap((c) => c.links), ...associationLinks(f, t)]),
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
