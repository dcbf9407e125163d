import { compareAgentVersions } from '../../domain/agent-version.ts';
import type { AgentReleaseFacts, FactGap } from '../../domain/facts.ts';
import type { StepFact } from '../ports.ts';
import type { StepDefinition } from '../step.ts';

/** f. SSM Agent version — each inspected node's agent against the latest published for the region. */
export const agentVersionStep: StepDefinition = {
  key: 'agent-version',
  title: 'SSM Agent version',
  async run({ scope, agentRelease, patchOf }) {
    const [release, { nodes }] = await Promise.all([agentRelease, patchOf('nodes')]);
    const agentReleaseFacts: AgentReleaseFacts = { region: scope.region, ...release };
    const lines: StepFact[] = [
      {
        label: `Latest in ${scope.region}`,
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
    for (const node of (nodes ?? []).filter((n) => n.agentVersion)) {
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
    if (!(nodes ?? []).some((n) => n.agentVersion)) lines.push({ label: 'Nodes', value: 'no managed node inspected' });
    return { facts: lines, patch: { agentRelease: agentReleaseFacts }, gaps };
  },
};
