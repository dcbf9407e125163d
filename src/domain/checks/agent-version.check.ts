// §3.3 — the SSM Agent is too old for the document, or older than the latest release.

import type { Catalog } from '../../i18n/index.ts';
import { compareAgentVersions } from '../agent-version.ts';
import type { InvestigationFacts, NodeFacts } from '../facts.ts';
import type { Check, Evidence } from '../finding.ts';
import { agentLogPaths, cli, consoleLinks } from '../references.ts';
import {
  associationLinks,
  commonPlatform,
  finding,
  groupSampleIds,
  groupsWithStatus,
  lineMatching,
  MAX_PER_RESOURCE_EVIDENCE,
  nodeCli,
  nodeLinks,
  unique,
  uniqueEvidence,
} from './kit.ts';

/** Agent messages that say the document needs a newer agent (runpluginutil.go, docparser.go). */
const UNSUPPORTED_BY_AGENT =
  /not supported by this version of ssm agent|Unrecognized precondition|Document with schema version \S+ is not supported/i;

const updateAgentSteps = (f: InvestigationFacts, ids: string[], t: Catalog): string[] =>
  t.findings.agent.updateSteps(
    `aws ssm send-command --document-name AWS-UpdateSSMAgent --targets Key=InstanceIds,Values=${ids.slice(0, MAX_PER_RESOURCE_EVIDENCE).join(',') || '<instance-id>'} --region ${f.scope.region}`,
  );

const versionEvidence = (n: NodeFacts): Evidence[] =>
  n.agentVersion ? [{ field: `DescribeInstanceInformation(${n.instanceId}).AgentVersion`, value: n.agentVersion }] : [];

export const unsupportedFeature: Check = {
  id: 'agent.unsupported-feature',
  step: 'output',
  applies: (f) => f.nodes !== undefined || f.outputs !== undefined,
  run: (f, t) => {
    const say = t.findings.agent.unsupportedFeature;
    const evidence: Evidence[] = [];
    const ids: string[] = [];
    for (const n of f.nodes ?? []) {
      const summary = n.associationStatus?.executionSummary;
      const line =
        lineMatching(summary?.raw, UNSUPPORTED_BY_AGENT) ??
        summary?.failures.map((x) => lineMatching(x.reason, UNSUPPORTED_BY_AGENT)).find((x) => x !== undefined);
      if (!line) continue;
      ids.push(n.instanceId);
      evidence.push({ field: `DescribeInstanceAssociationsStatus(${n.instanceId}).ExecutionSummary`, value: line });
      evidence.push(...versionEvidence(n));
    }
    for (const o of f.outputs ?? []) {
      const c = o.command;
      const line = lineMatching(c?.stderr, UNSUPPORTED_BY_AGENT) ?? lineMatching(c?.stdout, UNSUPPORTED_BY_AGENT);
      if (!c || !line) continue;
      ids.push(o.resourceId);
      evidence.push({
        field: `GetCommandInvocation(${c.commandId}, ${c.instanceId}).StandardErrorContent`,
        value: line,
      });
    }
    if (evidence.length === 0) return [];
    const resources = unique(ids);
    const nodes = (f.nodes ?? []).filter((n) => resources.includes(n.instanceId));
    const commandOutputs = (f.outputs ?? []).flatMap((o) => (o.command ? [o.command] : []));
    return [
      finding({
        id: 'agent.unsupported-feature',
        severity: 'error',
        title: say.title(t.words.idList(resources), resources.length),
        summary: say.summary,
        evidence: uniqueEvidence(evidence).slice(0, 2 * MAX_PER_RESOURCE_EVIDENCE),
        remediation: [...updateAgentSteps(f, resources, t), say.pinVersion],
        links: [
          ...nodeLinks(f, nodes, t),
          ...commandOutputs
            .slice(0, MAX_PER_RESOURCE_EVIDENCE)
            .map((c) => consoleLinks.commandOutput(f.scope, c.commandId, c.instanceId, t.lang)),
        ],
        cli: [
          ...nodeCli(f, nodes),
          ...commandOutputs
            .slice(0, MAX_PER_RESOURCE_EVIDENCE)
            .map((c) => cli.commandInvocation(f.scope, c.commandId, c.instanceId)),
        ],
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources,
        step: 'output',
      }),
    ];
  },
};

export const unsupportedAgent: Check = {
  id: 'agent.unsupported-agent',
  step: 'nodes',
  applies: (f) => f.association !== undefined || f.latestTargets !== undefined || f.nodes !== undefined,
  run: (f, t) => {
    const say = t.findings.agent.unsupportedAgent;
    const STATUS = 'UnsupportedAgent';
    const evidence: Evidence[] = [];
    if (f.association?.detailedStatus === STATUS) {
      evidence.push({ field: 'DescribeAssociation.Overview.DetailedStatus', value: STATUS });
    }
    const groups = groupsWithStatus(f, STATUS);
    for (const { executionId, group } of groups.slice(0, MAX_PER_RESOURCE_EVIDENCE)) {
      evidence.push({
        field: `DescribeAssociationExecutionTargets(ExecutionId=${executionId}).DetailedStatus`,
        value: t.findings.kit.statusWithTargets(STATUS, group.count),
      });
    }
    const nodes = (f.nodes ?? []).filter(
      (n) => n.associationStatus?.detailedStatus === STATUS || n.targetDetailedStatus === STATUS,
    );
    for (const n of nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE)) {
      if (n.associationStatus?.detailedStatus === STATUS) {
        evidence.push({ field: `DescribeInstanceAssociationsStatus(${n.instanceId}).DetailedStatus`, value: STATUS });
      }
      evidence.push(...versionEvidence(n));
    }
    if (evidence.length === 0) return [];
    const resources = unique([...nodes.map((n) => n.instanceId), ...groupSampleIds(groups)]);
    return [
      finding({
        id: 'agent.unsupported-agent',
        severity: 'error',
        title: say.title,
        summary: say.summary,
        evidence,
        remediation: [...updateAgentSteps(f, resources, t), say.minimums],
        links: [...nodeLinks(f, nodes, t), ...associationLinks(f, t)],
        cli: nodeCli(f, nodes),
        ...(resources.length ? { resources } : {}),
        step: 'nodes',
      }),
    ];
  },
};

export const outdatedAgent: Check = {
  id: 'agent.outdated',
  step: 'agent-version',
  applies: (f) => f.nodes !== undefined && f.agentRelease?.latestVersion !== undefined,
  run: (f, t) => {
    const say = t.findings.agent.outdated;
    const latest = f.agentRelease?.latestVersion;
    if (!latest) return [];
    const nodes = (f.nodes ?? []).filter(
      (n) => n.agentVersion && (compareAgentVersions(n.agentVersion, latest) ?? 0) < 0,
    );
    if (nodes.length === 0) return [];
    return [
      finding({
        id: 'agent.outdated',
        severity: 'warning',
        title: say.title(nodes.length, `${nodes[0]?.instanceId}`, latest),
        summary: say.summary(f.scope.region, latest),
        evidence: nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).flatMap((n) => [
          {
            field: `DescribeInstanceInformation(${n.instanceId}).AgentVersion`,
            value: say.versionValue(`${n.agentVersion}`, f.scope.region, latest),
          },
          ...(n.isLatestVersion === false && n.platformType === 'Linux'
            ? [{ field: `DescribeInstanceInformation(${n.instanceId}).IsLatestVersion`, value: 'false' }]
            : []),
        ]),
        remediation: [
          ...updateAgentSteps(
            f,
            nodes.map((n) => n.instanceId),
            t,
          ),
          say.rollout,
        ],
        links: nodeLinks(f, nodes, t),
        cli: nodeCli(f, nodes),
        resources: nodes.map((n) => n.instanceId),
        step: 'agent-version',
      }),
    ];
  },
};

export const notLatestAgent: Check = {
  id: 'agent.not-latest',
  step: 'agent-version',
  applies: (f) => f.nodes !== undefined,
  run: (f, t) => {
    const say = t.findings.agent.notLatest;
    const latest = f.agentRelease?.latestVersion;
    // With a known latest version, agent.outdated speaks for the node; IsLatestVersion is meaningful on Linux only.
    const nodes = (f.nodes ?? []).filter(
      (n) =>
        n.isLatestVersion === false &&
        n.platformType === 'Linux' &&
        (latest === undefined ||
          n.agentVersion === undefined ||
          compareAgentVersions(n.agentVersion, latest) === undefined),
    );
    if (nodes.length === 0) return [];
    return [
      finding({
        id: 'agent.not-latest',
        severity: 'warning',
        title: say.title(nodes.length, `${nodes[0]?.instanceId}`),
        summary: say.summary,
        evidence: nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => ({
          field: `DescribeInstanceInformation(${n.instanceId}).IsLatestVersion`,
          value: `false${n.agentVersion ? ` (AgentVersion ${n.agentVersion})` : ''}`,
        })),
        remediation: updateAgentSteps(
          f,
          nodes.map((n) => n.instanceId),
          t,
        ),
        links: nodeLinks(f, nodes, t),
        cli: nodeCli(f, nodes),
        resources: nodes.map((n) => n.instanceId),
        step: 'agent-version',
      }),
    ];
  },
};

export const agentVersionChecks: Check[] = [unsupportedFeature, unsupportedAgent, outdatedAgent, notLatestAgent];
