import { compareAgentVersions } from '../../domain/agent-version.ts';
import type { AgentReleaseFacts, FactGap } from '../../domain/facts.ts';
import { texts } from '../../i18n/index.ts';
import type { StepFact } from '../ports.ts';
import type { StepDefinition } from '../step.ts';

/** f. SSM Agent version — each inspected node's agent against the latest published for the region. */
export const agentVersionStep: StepDefinition = {
  key: 'agent-version',
  async run({ scope, agentRelease, patchOf, lang }) {
    const say = texts(lang).thread.facts.agentVersion;
    const [release, { nodes }] = await Promise.all([agentRelease, patchOf('nodes')]);
    const agentReleaseFacts: AgentReleaseFacts = { region: scope.region, ...release };
    const lines: StepFact[] = [
      {
        label: say.latestIn(scope.region),
        value: release.latestVersion ?? say.couldNotCheck(release.unavailableReason),
      },
    ];
    const gaps: FactGap[] = release.latestVersion
      ? []
      : [{ step: 'agent-version', kind: 'unavailable', message: say.unknownGap(release.unavailableReason) }];
    const latest = release.latestVersion;
    for (const node of (nodes ?? []).filter((n) => n.agentVersion)) {
      const version = node.agentVersion as string;
      const comparison = latest === undefined ? undefined : compareAgentVersions(version, latest);
      const verdict =
        comparison === undefined
          ? node.isLatestVersion === false
            ? say.notLatest
            : say.latestUnknown
          : comparison >= 0
            ? say.upToDate
            : say.older;
      lines.push({ label: node.instanceId, value: say.version(version, verdict) });
    }
    if (!(nodes ?? []).some((n) => n.agentVersion)) lines.push({ label: say.nodes, value: say.noNode });
    return { facts: lines, patch: { agentRelease: agentReleaseFacts }, gaps };
  },
};
