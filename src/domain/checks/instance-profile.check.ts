// §3.2 — the node has no credentials to talk to Systems Manager: no instance profile and no working DHMC.
import { DHMC_MIN_AGENT_VERSION, isOlderAgent } from '../agent-version.ts';
import type { InvestigationFacts, NodeFacts } from '../facts.ts';
import type { Check, Evidence, Finding, Severity } from '../finding.ts';
import { agentLogPaths, cli, consoleLinks } from '../references.ts';
import { commonPlatform, finding, isOffline, isStopped, isTerminated, MAX_PER_RESOURCE_EVIDENCE } from './kit.ts';

const DHMC_SETTING = 'GetServiceSetting(/ssm/managed-instance/default-ec2-instance-management-role).SettingValue';

const CREDENTIAL_LOG_LINES =
  'In the agent log, look for `failed to retrieve instance profile role credentials` or `no valid credentials could be retrieved for ec2 identity`; after AccessDenied the agent can back off for many hours — restart it once credentials are fixed.';

/** Offline EC2 nodes that are running and have no instance profile. */
const withoutProfile = (f: InvestigationFacts): NodeFacts[] =>
  (f.nodes ?? []).filter(
    (n) => n.ec2 !== undefined && !n.ec2.instanceProfileArn && isOffline(n) && !isStopped(n) && !isTerminated(n),
  );

const noProfileEvidence = (n: NodeFacts): Evidence => ({
  field: `ec2:DescribeInstances(${n.instanceId}).IamInstanceProfile`,
  value: '(none)',
});

const managedStateEvidence = (n: NodeFacts): Evidence =>
  n.managed
    ? { field: `DescribeInstanceInformation(${n.instanceId}).PingStatus`, value: `${n.pingStatus}` }
    : { field: `DescribeInstanceInformation(InstanceIds=${n.instanceId})`, value: '[] — not a managed node' };

const dhmcEvidence = (f: InvestigationFacts): Evidence => ({
  field: DHMC_SETTING,
  value: f.dhmc?.roleName
    ? f.dhmc.roleName
    : `(not configured${f.dhmc?.settingStatus ? `; Status ${f.dhmc.settingStatus}` : ''})`,
});

const attachProfileStep = (n: NodeFacts) =>
  `Attach an instance profile whose role has AmazonSSMManagedInstanceCore: \`aws ec2 associate-iam-instance-profile --instance-id ${n.instanceId} --iam-instance-profile Name=<profile>\`.`;

function profileFinding(
  f: InvestigationFacts,
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
    evidence: [...shown.flatMap(parts.evidence), dhmcEvidence(f)],
    remediation: [...parts.remediation, CREDENTIAL_LOG_LINES],
    links: [
      ...shown.map((n) => consoleLinks.ec2Instance(f.scope, n.instanceId)),
      consoleLinks.defaultHostManagement(f.scope),
    ],
    cli: [...shown.map((n) => cli.ec2Instance(f.scope, n.instanceId)), cli.dhmcSetting(f.scope)],
    logPaths: agentLogPaths(commonPlatform(nodes)),
    resources: nodes.map((n) => n.instanceId),
    step: 'nodes',
  });
}

const subject = (nodes: NodeFacts[]) =>
  nodes.length === 1 ? `Instance ${nodes[0]?.instanceId} has` : `${nodes.length} instances have`;

export const profileMissing: Check = {
  id: 'instance-profile.missing',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f) => {
    if (f.dhmc?.roleName) return [];
    const nodes = withoutProfile(f);
    if (nodes.length === 0) return [];
    const dhmcKnown = f.dhmc !== undefined;
    return [
      profileFinding(f, nodes, {
        id: 'instance-profile.missing',
        severity: dhmcKnown ? 'critical' : 'error',
        title: `${subject(nodes)} no IAM instance profile${dhmcKnown ? ' and Default Host Management is off' : ''}`,
        summary: dhmcKnown
          ? 'Without an instance profile and without Default Host Management Configuration the SSM Agent has no credentials, so the node never registers and nothing is delivered to it.'
          : 'Without an instance profile the SSM Agent has no credentials unless Default Host Management Configuration is on (it could not be checked), so the node cannot register.',
        evidence: (n) => [noProfileEvidence(n), managedStateEvidence(n)],
        remediation: [
          ...nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map(attachProfileStep),
          'Or turn on Default Host Management Configuration for the account and Region (Fleet Manager → Account management); it needs IMDSv2 and agent ≥ 3.2.582.0.',
        ],
      }),
    ];
  },
};

export const dhmcWithImdsV1: Check = {
  id: 'instance-profile.dhmc-imdsv1',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined && f.dhmc?.roleName !== undefined,
  run: (f) => {
    const nodes = withoutProfile(f).filter((n) => n.ec2?.httpTokens !== undefined && n.ec2.httpTokens !== 'required');
    if (nodes.length === 0) return [];
    return [
      profileFinding(f, nodes, {
        id: 'instance-profile.dhmc-imdsv1',
        severity: 'critical',
        title: `${subject(nodes)} no instance profile and allow IMDSv1, so Default Host Management cannot work`,
        summary:
          'The node relies on Default Host Management Configuration for credentials, but DHMC only works with IMDSv2 (HttpTokens = required). The agent gets no credentials and the node stays unmanaged.',
        evidence: (n) => [
          noProfileEvidence(n),
          { field: `ec2:DescribeInstances(${n.instanceId}).MetadataOptions.HttpTokens`, value: `${n.ec2?.httpTokens}` },
          managedStateEvidence(n),
        ],
        remediation: [
          ...nodes
            .slice(0, MAX_PER_RESOURCE_EVIDENCE)
            .map(
              (n) =>
                `Require IMDSv2: \`aws ec2 modify-instance-metadata-options --instance-id ${n.instanceId} --http-tokens required --http-endpoint enabled --region ${f.scope.region}\`.`,
            ),
          'Or attach an instance profile with AmazonSSMManagedInstanceCore instead of relying on DHMC.',
        ],
      }),
    ];
  },
};

export const dhmcAgentTooOld: Check = {
  id: 'instance-profile.dhmc-agent-too-old',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined && f.dhmc?.roleName !== undefined,
  run: (f) => {
    const nodes = withoutProfile(f).filter((n) => isOlderAgent(n.agentVersion, DHMC_MIN_AGENT_VERSION) === true);
    if (nodes.length === 0) return [];
    return [
      profileFinding(f, nodes, {
        id: 'instance-profile.dhmc-agent-too-old',
        severity: 'critical',
        title: `${subject(nodes)} no instance profile and an agent too old for Default Host Management`,
        summary: `The node relies on Default Host Management Configuration for credentials, which needs SSM Agent ${DHMC_MIN_AGENT_VERSION} or later.`,
        evidence: (n) => [
          noProfileEvidence(n),
          {
            field: `DescribeInstanceInformation(${n.instanceId}).AgentVersion`,
            value: `${n.agentVersion} (DHMC needs ≥ ${DHMC_MIN_AGENT_VERSION})`,
          },
        ],
        remediation: [
          `Update the SSM Agent on the node to ${DHMC_MIN_AGENT_VERSION} or later (reinstall it: without credentials AWS-UpdateSSMAgent cannot reach it).`,
          'Or attach an instance profile with AmazonSSMManagedInstanceCore.',
        ],
      }),
    ];
  },
};

export const dhmcUnverified: Check = {
  id: 'instance-profile.dhmc-unverified',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined && f.dhmc?.roleName !== undefined,
  run: (f) => {
    const nodes = withoutProfile(f).filter(
      (n) => n.ec2?.httpTokens === 'required' && isOlderAgent(n.agentVersion, DHMC_MIN_AGENT_VERSION) !== true,
    );
    if (nodes.length === 0) return [];
    return [
      profileFinding(f, nodes, {
        id: 'instance-profile.dhmc-unverified',
        severity: 'warning',
        title: `${subject(nodes)} no instance profile; Default Host Management should cover it but has not`,
        summary:
          'The node has IMDSv2 and DHMC is configured, yet it is not online: check the agent version (DHMC needs 3.2.582.0 or later) and the DHMC role.',
        evidence: (n) => [
          noProfileEvidence(n),
          { field: `ec2:DescribeInstances(${n.instanceId}).MetadataOptions.HttpTokens`, value: 'required' },
          managedStateEvidence(n),
        ],
        remediation: [
          `Make sure the agent on the node is ${DHMC_MIN_AGENT_VERSION} or later.`,
          `Check that the DHMC role ${f.dhmc?.roleName} exists, trusts ssm.amazonaws.com and has AmazonSSMManagedEC2InstanceDefaultPolicy.`,
          'Or attach an instance profile with AmazonSSMManagedInstanceCore.',
        ],
      }),
    ];
  },
};

export const emptyIamRole: Check = {
  id: 'instance-profile.empty-iam-role',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f) => {
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
      profileFinding(f, nodes, {
        id: 'instance-profile.empty-iam-role',
        severity: 'warning',
        title: `${subject(nodes)} no IAM role Systems Manager can see`,
        summary:
          'The managed node reports an empty IamRole and no instance profile or DHMC role backs it: once its cached credentials expire it will drop to ConnectionLost, and it may already lack permissions such as ssm:GetDocument or ssm:UpdateInstanceAssociationStatus.',
        evidence: (n) => [
          { field: `DescribeInstanceInformation(${n.instanceId}).IamRole`, value: '(empty)' },
          ...(n.ec2 ? [noProfileEvidence(n)] : []),
          ...(n.resourceType
            ? [{ field: `DescribeInstanceInformation(${n.instanceId}).ResourceType`, value: n.resourceType }]
            : []),
        ],
        remediation: [
          'EC2: attach an instance profile with AmazonSSMManagedInstanceCore, or turn on Default Host Management Configuration.',
          'Hybrid nodes: re-register with an activation whose IAM service role has AmazonSSMManagedInstanceCore.',
        ],
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
