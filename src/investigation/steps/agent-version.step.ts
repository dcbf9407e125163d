import { compareAgentVersions } from '../../domain/agent-version.ts';
import type { AgentReleaseFacts, FactGap } from '../../domain/facts.ts';
import type { StepFact } from '../ports.ts';
import type { StepDefinition } from '../step.ts';

/** f. SSM Agent version — each inspected node's agent against the latest published for the region. */
export const agentVersionStep: StepDefinition = {
  key: 'agent-version',
  title: 'SSM Agent version',
  async run({ facts, agentRelease }) {
    const release = await agentRelease;
    const agentReleaseFacts: AgentReleaseFacts = { region: facts.scope.region, ...release };
    const lines: StepFact[] = [
      {
        label: `Latest in ${facts.scope.region}`,
        value: release.latestVersion ?? `could not check (${release.unavailableReason ?? 'unknown reason'})`,
      },
    ];
    const gaps: FactGap[] = release.latestVersion
      ? []
      : [
          {
            step: 'agent-version',
            kind: 'unavailable',
            message: `Latest SSM Agent version unknown: ${release.unavailableReason ?? 'unreachable'}`,
          },
        ];
    const latest = release.latestVersion;
    for (const node of (facts.nodes ?? []).filter((n) => n.agentVersion)) {
      const version = node.agentVersion as string;
      const comparison = latest === undefined ? undefined : compareAgentVersions(version, latest);
      const verdict =
        comparison === undefined
          ? node.isLatestVersion === false
            ? 'not the latest (IsLatestVersion = false)'
            : 'latest unknown'
          : comparison >= 0
            ? 'up to date'
            : 'older than the latest';
      lines.push({ label: node.instanceId, value: `${version} — ${verdict}` });
    }
    if (!(facts.nodes ?? []).some((n) => n.agentVersion))
      lines.push({ label: 'Nodes', value: 'no managed node inspected' });
    return { facts: lines, patch: { agentRelease: agentReleaseFacts }, gaps };
  },
};
