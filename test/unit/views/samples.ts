// Realistic sample findings, steps and investigations for the view tests, plus hostile and huge variants.
import type { FactGap, Scope } from '../../../src/domain/facts.ts';
import type { Diagnosis, Finding } from '../../../src/domain/finding.ts';
import { agentLogPaths, cli, consoleLinks } from '../../../src/domain/references.ts';
import type { InvestigationRecord, StepResult } from '../../../src/investigation/ports.ts';

export const ASSOCIATION_ID = '8dfe3659-4309-493a-8755-0123456789ab';
export const INVESTIGATION_ID = '7f3c2a10-5b8e-4d2a-9c61-2f0e8b7a4d19';
export const SCOPE: Scope = { accountId: '111122223333', accountName: 'prod', region: 'eu-west-1' };

/** Text an attacker could get into AWS output, parameters or document names. */
export const INJECTION = '<!channel> <!here> <@U123> <https://evil.example|click me> & @everyone';
/** Raw forms that must never reach Slack unescaped. */
export const RAW_INJECTIONS = ['<!channel>', '<!here>', '<@U123>', '<https://evil.example'];

export function connectionLost(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'node.connection-lost',
    severity: 'error',
    title: 'i-0abc1234def567890 lost its connection to Systems Manager',
    summary:
      'The SSM Agent on the node has not checked in for 3 hours, so the association cannot be delivered to it. The execution target stays Pending until the agent is back.',
    evidence: [
      { field: 'DescribeInstanceInformation.PingStatus', value: 'ConnectionLost' },
      { field: 'DescribeInstanceInformation.LastPingDateTime', value: '2026-01-01T06:00:00Z (3 h ago)' },
      { field: 'DescribeAssociationExecutionTargets.DetailedStatus', value: 'Pending' },
    ],
    remediation: [
      'Check that the amazon-ssm-agent service is running on the node (`systemctl status amazon-ssm-agent`).',
      'Check HTTPS 443 egress to ssm.eu-west-1.amazonaws.com, ssmmessages.eu-west-1.amazonaws.com and ec2messages.eu-west-1.amazonaws.com (NAT or VPC endpoints).',
      'Check that the instance profile (or DHMC) grants AmazonSSMManagedInstanceCore.',
    ],
    links: [consoleLinks.node(SCOPE, 'i-0abc1234def567890'), consoleLinks.associationHistory(SCOPE, ASSOCIATION_ID)],
    cli: [
      cli.instanceInformation(SCOPE, 'i-0abc1234def567890'),
      cli.instanceAssociations(SCOPE, 'i-0abc1234def567890'),
    ],
    logPaths: agentLogPaths('Linux'),
    resources: ['i-0abc1234def567890'],
    step: 'nodes',
    ...overrides,
  };
}

export function scriptFailed(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'command.script-failed',
    severity: 'critical',
    title: 'The aws:runShellScript step exited with status 1 on 12 targets',
    summary: 'The document ran, but the script failed. stderr shows a package repository error.',
    evidence: [
      { field: 'GetCommandInvocation.Status', value: 'Failed' },
      { field: 'GetCommandInvocation.ResponseCode', value: '1' },
      {
        field: 'GetCommandInvocation.StandardErrorContent',
        value: 'E: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/jammy/InRelease  Temporary failure resolving',
      },
    ],
    remediation: ['Fix the repository access on the node.', 'Re-run the association once: see the command below.'],
    links: [consoleLinks.commandOutput(SCOPE, 'a1b2c3d4-0000-1111-2222-333344445555', 'i-0abc1234def567890')],
    cli: [
      cli.commandInvocation(SCOPE, 'a1b2c3d4-0000-1111-2222-333344445555', 'i-0abc1234def567890'),
      cli.startOnce(SCOPE, ASSOCIATION_ID),
    ],
    resources: ['i-0abc1234def567890', 'i-0def5678abc123456'],
    step: 'output',
    ...overrides,
  };
}

export function agentOutdated(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'agent.outdated',
    severity: 'warning',
    title: 'SSM Agent 3.0.1124.0 is older than the latest 3.3.1142.0',
    summary: 'Old agents miss features some documents need and bug fixes for association scheduling.',
    evidence: [
      { field: 'DescribeInstanceInformation.AgentVersion', value: '3.0.1124.0' },
      { field: 'DescribeInstanceInformation.IsLatestVersion', value: 'false' },
    ],
    remediation: ['Update the agent with AWS-UpdateSSMAgent.'],
    links: [],
    cli: [],
    logPaths: agentLogPaths('Windows'),
    step: 'agent-version',
    ...overrides,
  };
}

export function infoFinding(n: number): Finding {
  return {
    id: `info.sample-${n}`,
    severity: 'info',
    title: `Informational finding number ${n}`,
    summary: 'Something worth knowing.',
    evidence: [{ field: 'DescribeAssociation.AssociationVersion', value: String(n) }],
    remediation: [],
    links: [],
    cli: [],
    step: 'association',
  };
}

export const accessDeniedGap: FactGap = {
  step: 'nodes',
  kind: 'access-denied',
  operation: 'DescribeInstanceInformation',
  action: 'ssm:DescribeInstanceInformation',
  message:
    'User: arn:aws:sts::111122223333:assumed-role/ssm-why-readonly/U03MNOPQR67 is not authorized to perform: ssm:DescribeInstanceInformation',
};

export const throttledGap: FactGap = {
  step: 'executions',
  kind: 'throttled',
  operation: 'DescribeAssociationExecutions',
  message: 'Rate exceeded',
};

export function diagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    outcome: 'fault',
    findings: [scriptFailed(), connectionLost(), agentOutdated()],
    checked: [
      'The association exists and its document is Active',
      'The last 10 executions',
      'Targets of the newest execution',
      'Ping status and agent version of 2 sampled nodes',
    ],
    gaps: [],
    summary: 'The script failed on 12 targets; 1 node lost its connection.',
    ...overrides,
  };
}

export const healthyDiagnosis = (): Diagnosis =>
  diagnosis({ outcome: 'healthy', findings: [], summary: 'The last execution succeeded on all 40 targets.' });

export function investigation(overrides: Partial<InvestigationRecord> = {}): InvestigationRecord {
  return {
    id: INVESTIGATION_ID,
    associationId: ASSOCIATION_ID,
    accountId: SCOPE.accountId,
    accountName: SCOPE.accountName,
    region: SCOPE.region,
    trigger: 'command',
    teamId: 'T01ABCDEF23',
    channelId: 'C02GHIJKL45',
    userId: 'U03MNOPQR67',
    status: 'running',
    rootTs: '1767225600.000100',
    createdAt: new Date('2026-01-01T09:00:00Z'),
    updatedAt: new Date('2026-01-01T09:00:05Z'),
    ...overrides,
  };
}

export function step(overrides: Partial<StepResult> = {}): StepResult {
  return {
    key: 'targets',
    ordinal: 4,
    title: 'Execution targets',
    status: 'failed',
    facts: [
      { label: 'Execution', value: 'c9e4a2b1-1111-2222-3333-444455556666' },
      { label: 'Targets', value: '40 (28 Success, 12 Failed)' },
      { label: 'ResourceCountByStatus', value: '{Success=28, Failed=12}' },
    ],
    findings: [scriptFailed()],
    gaps: [],
    durationMs: 1_234,
    patch: {},
    ...overrides,
  };
}

/** ~`size` characters of text with injection attempts and backticks sprinkled through it. */
export function huge(size: number, seed = 'x'): string {
  const key = `${size}:${seed}`;
  const cached = hugeCache.get(key);
  if (cached !== undefined) return cached;
  const chunk = `${seed}${INJECTION} \`\`\` stdout line & more ${'a'.repeat(40)}\n`;
  const text = chunk.repeat(Math.ceil(size / chunk.length)).slice(0, size);
  hugeCache.set(key, text);
  return text;
}
const hugeCache = new Map<string, string>();

export function hugeFinding(n: number): Finding {
  return {
    ...connectionLost(),
    id: `huge.${n}`,
    severity: n % 3 === 0 ? 'critical' : n % 3 === 1 ? 'error' : 'warning',
    title: huge(2_000, `title ${n} `),
    summary: huge(5_000, `summary ${n} `),
    evidence: Array.from({ length: 40 }, (_, i) => ({ field: huge(500, `F${i}`), value: huge(50_000, `V${i}`) })),
    remediation: Array.from({ length: 30 }, (_, i) => huge(1_000, `fix ${i} `)),
    links: Array.from({ length: 30 }, (_, i) => ({
      label: huge(300, `L${i}`),
      url: `https://example.com/${huge(500)}`,
    })),
    cli: Array.from({ length: 20 }, () => huge(1_000, 'aws ssm ')),
    logPaths: [{ platform: 'Linux/macOS', paths: Array.from({ length: 20 }, () => huge(300, '/var/log/')) }],
    resources: Array.from({ length: 500 }, (_, i) => `i-${String(i).padStart(17, '0')}`),
  };
}

export function hugeDiagnosis(): Diagnosis {
  return {
    outcome: 'fault',
    findings: Array.from({ length: 100 }, (_, i) => hugeFinding(i)),
    checked: Array.from({ length: 200 }, (_, i) => huge(300, `checked ${i} `)),
    gaps: Array.from({ length: 100 }, (_, i) => ({ ...accessDeniedGap, message: huge(5_000, `gap ${i} `) })),
    summary: huge(10_000, 'summary '),
  };
}

export function hugeStep(): StepResult {
  return step({
    title: huge(1_000, 'title '),
    facts: Array.from({ length: 500 }, (_, i) => ({
      label: huge(200, `label ${i} `),
      value: huge(5_000, `value ${i} `),
    })),
    findings: Array.from({ length: 100 }, (_, i) => hugeFinding(i)),
    gaps: Array.from({ length: 100 }, (_, i) => ({ ...throttledGap, message: huge(2_000, `gap ${i} `) })),
    durationMs: 123_456,
  });
}
