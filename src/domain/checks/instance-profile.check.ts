// §3.2 — the node has no credentials to talk to Systems Manager: no instance profile and no working DHMC.

import type { Catalog } from '../../i18n/index.ts';
import { DHMC_MIN_AGENT_VERSION, isOlderAgent } from '../agent-version.ts';
import type { InvestigationFacts, NodeFacts } from '../facts.ts';
import type { Check, Evidence, Finding, Severity } from '../finding.ts';
import { agentLogPaths, cli, consoleLinks } from '../references.ts';
import { commonPlatform, finding, isOffline, isStopped, isTerminated, MAX_PER_RESOURCE_EVIDENCE } from './kit.ts';

const DHMC_SETTING = 'GetServiceSetting(/ssm/managed-instance/default-ec2-instance-management-role).SettingValue';

/** Offline EC2 nodes that are running and have no instance profile. */
const withoutProfile = (f: InvestigationFacts): NodeFacts[] =>
  (f.nodes ?? []).filter(
    (n) => n.ec2 !== undefined && !n.ec2.instanceProfileArn && isOffline(n) && !isStopped(n) && !isTerminated(n),
  );

const noProfileEvidence = (n: NodeFacts, t: Catalog): Evidence => ({
  field: `ec2:DescribeInstances(${n.instanceId}).IamInstanceProfile`,
  value: t.findings.instanceProfile.none,
});

const managedStateEvidence = (n: NodeFacts, t: Catalog): Evidence =>
  n.managed
    ? { field: `DescribeInstanceInformation(${n.instanceId}).PingStatus`, value: `${n.pingStatus}` }
    : {
        field: `DescribeInstanceInformation(InstanceIds=${n.instanceId})`,
        value: t.findings.instanceProfile.notManaged,
      };

const dhmcEvidence = (f: InvestigationFacts, t: Catalog): Evidence => ({
  field: DHMC_SETTING,
  value: f.dhmc?.roleName ? f.dhmc.roleName : t.findings.instanceProfile.dhmcNotConfigured(f.dhmc?.settingStatus),
});

const attachProfileStep = (n: NodeFacts, t: Catalog) =>
  t.findings.instanceProfile.attachProfile(
    `aws ec2 associate-iam-instance-profile --instance-id ${n.instanceId} --iam-instance-profile Name=<profile>`,
  );

function profileFinding(
  f: InvestigationFacts,
  t: Catalog,
  nodes: NodeFacts[],
  parts: {
    id: string;
    severity: Severity;
    title: string;
    summary: string;
    evidence: (n: NodeFacts) => Evidence[];
    remediation: string[];
  },
): Finding {
  const shown = nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE);
  return finding({
    id: parts.id,
    severity: parts.severity,
    title: parts.title,
    summary: parts.summary,
    evidence: [...shown.flatMap(parts.evidence), dhmcEvidence(f, t)],
    remediation: [...parts.remediation, t.findings.instanceProfile.credentialLogLines],
    links: [
      ...shown.map((n) => consoleLinks.ec2Instance(f.scope, n.instanceId, t.lang)),
      consoleLinks.defaultHostManagement(f.scope, t.lang),
    ],
    cli: [...shown.map((n) => cli.ec2Instance(f.scope, n.instanceId)), cli.dhmcSetting(f.scope)],
    logPaths: agentLogPaths(commonPlatform(nodes)),
    resources: nodes.map((n) => n.instanceId),
    step: 'nodes',
  });
}

/** How many instances, and the first one's id, for a title. */
const subject = (nodes: NodeFacts[]): [count: number, first: string] => [nodes.length, `${nodes[0]?.instanceId}`];

export const profileMissing: Check = {
  id: 'instance-profile.missing',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f, t) => {
    const say = t.findings.instanceProfile.missing;
    if (f.dhmc?.roleName) return [];
    const nodes = withoutProfile(f);
    if (nodes.length === 0) return [];
    const dhmcKnown = f.dhmc !== undefined;
    return [
      profileFinding(f, t, nodes, {
        id: 'instance-profile.missing',
        severity: dhmcKnown ? 'critical' : 'error',
        title: say.title(...subject(nodes), dhmcKnown),
        summary: dhmcKnown ? say.summaryDhmcOff : say.summary,
        evidence: (n) => [noProfileEvidence(n, t), managedStateEvidence(n, t)],
        remediation: [...nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => attachProfileStep(n, t)), say.turnOnDhmc],
      }),
    ];
  },
};

export const dhmcWithImdsV1: Check = {
  id: 'instance-profile.dhmc-imdsv1',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined && f.dhmc?.roleName !== undefined,
  run: (f, t) => {
    const say = t.findings.instanceProfile.imdsv1;
    const nodes = withoutProfile(f).filter((n) => n.ec2?.httpTokens !== undefined && n.ec2.httpTokens !== 'required');
    if (nodes.length === 0) return [];
    return [
      profileFinding(f, t, nodes, {
        id: 'instance-profile.dhmc-imdsv1',
        severity: 'critical',
        title: say.title(...subject(nodes)),
        summary: say.summary,
        evidence: (n) => [
          noProfileEvidence(n, t),
          { field: `ec2:DescribeInstances(${n.instanceId}).MetadataOptions.HttpTokens`, value: `${n.ec2?.httpTokens}` },
          managedStateEvidence(n, t),
        ],
        remediation: [
          ...nodes
            .slice(0, MAX_PER_RESOURCE_EVIDENCE)
            .map((n) =>
              say.requireImdsv2(
                `aws ec2 modify-instance-metadata-options --instance-id ${n.instanceId} --http-tokens required --http-endpoint enabled --region ${f.scope.region}`,
              ),
            ),
          say.attachInstead,
        ],
      }),
    ];
  },
};

export const dhmcAgentTooOld: Check = {
  id: 'instance-profile.dhmc-agent-too-old',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined && f.dhmc?.roleName !== undefined,
  run: (f, t) => {
    const say = t.findings.instanceProfile.agentTooOld;
    const nodes = withoutProfile(f).filter((n) => isOlderAgent(n.agentVersion, DHMC_MIN_AGENT_VERSION) === true);
    if (nodes.length === 0) return [];
    return [
      profileFinding(f, t, nodes, {
        id: 'instance-profile.dhmc-agent-too-old',
        severity: 'critical',
        title: say.title(...subject(nodes)),
        summary: say.summary(DHMC_MIN_AGENT_VERSION),
        evidence: (n) => [
          noProfileEvidence(n, t),
          {
            field: `DescribeInstanceInformation(${n.instanceId}).AgentVersion`,
            value: say.versionValue(`${n.agentVersion}`, DHMC_MIN_AGENT_VERSION),
          },
        ],
        remediation: [say.update(DHMC_MIN_AGENT_VERSION), t.findings.instanceProfile.attach],
      }),
    ];
  },
};

export const dhmcUnverified: Check = {
  id: 'instance-profile.dhmc-unverified',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined && f.dhmc?.roleName !== undefined,
  run: (f, t) => {
    const say = t.findings.instanceProfile.unverified;
    const nodes = withoutProfile(f).filter(
      (n) => n.ec2?.httpTokens === 'required' && isOlderAgent(n.agentVersion, DHMC_MIN_AGENT_VERSION) !== true,
    );
    if (nodes.length === 0) return [];
    return [
      profileFinding(f, t, nodes, {
        id: 'instance-profile.dhmc-unverified',
        severity: 'warning',
        title: say.title(...subject(nodes)),
        summary: say.summary,
        evidence: (n) => [
          noProfileEvidence(n, t),
          { field: `ec2:DescribeInstances(${n.instanceId}).MetadataOptions.HttpTokens`, value: 'required' },
          managedStateEvidence(n, t),
        ],
        remediation: [
          say.agentVersion(DHMC_MIN_AGENT_VERSION),
          say.checkRole(`${f.dhmc?.roleName}`),
          t.findings.instanceProfile.attach,
        ],
      }),
    ];
  },
};

export const emptyIamRole: Check = {
  id: 'instance-profile.empty-iam-role',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f, t) => {
    const say = t.findings.instanceProfile.emptyRole;
    // For EC2 nodes an empty IamRole is normal when an instance profile is attached; it only matters when
    // nothing else gives the node credentials (or for hybrid nodes, whose role comes from the activation).
    const nodes = (f.nodes ?? []).filter(
      (n) =>
        n.managed &&
        !n.iamRole?.trim() &&
        (n.resourceType === 'ManagedInstance' ||
          (n.ec2 !== undefined && !n.ec2.instanceProfileArn && !f.dhmc?.roleName)),
    );
    if (nodes.length === 0) return [];
    return [
      profileFinding(f, t, nodes, {
        id: 'instance-profile.empty-iam-role',
        severity: 'warning',
        title: say.title(...subject(nodes)),
        summary: say.summary,
        evidence: (n) => [
          { field: `DescribeInstanceInformation(${n.instanceId}).IamRole`, value: say.empty },
          ...(n.ec2 ? [noProfileEvidence(n, t)] : []),
          ...(n.resourceType
            ? [{ field: `DescribeInstanceInformation(${n.instanceId}).ResourceType`, value: n.resourceType }]
            : []),
        ],
        remediation: [...say.remediation],
      }),
    ];
  },
};

export const instanceProfileChecks: Check[] = [
  profileMissing,
  dhmcWithImdsV1,
  dhmcAgentTooOld,
  dhmcUnverified,
  emptyIamRole,
];
