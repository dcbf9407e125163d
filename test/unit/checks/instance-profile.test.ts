import { describe, expect, it } from 'vitest';
import { instanceProfileChecks } from '../../../src/domain/checks/instance-profile.check.ts';
import type { Ec2InstanceFacts, NodeFacts } from '../../../src/domain/facts.ts';
import { type CheckCase, describeCheckTable, findingById } from '../../support/checks.ts';
import { factsWith, INSTANCE_ID, node } from '../../support/facts.ts';

const DHMC_ON = {
  roleName: 'service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole',
  settingStatus: 'Customized',
};
const DHMC_OFF = { settingStatus: 'Default' };

/** An unmanaged EC2 instance: no instance-information row, EC2 facts as given. */
const unmanaged = (ec2: Partial<Ec2InstanceFacts> = {}, extra: Partial<NodeFacts> = {}): NodeFacts =>
  node({
    managed: false,
    pingStatus: undefined,
    agentVersion: undefined,
    isLatestVersion: undefined,
    iamRole: undefined,
    ec2: { instanceId: INSTANCE_ID, state: 'running', httpTokens: 'required', ...ec2 },
    ...extra,
  });

const cases: CheckCase[] = [
  { name: 'healthy facts', facts: factsWith(), ids: [] },
  {
    name: 'no instance profile and DHMC not configured',
    facts: factsWith({ nodes: [unmanaged()], dhmc: DHMC_OFF }),
    ids: ['instance-profile.missing'],
  },
  {
    name: 'no instance profile, DHMC unknown (not gathered)',
    facts: factsWith({ nodes: [unmanaged()], dhmc: undefined }),
    ids: ['instance-profile.missing'],
  },
  {
    name: 'profile attached but node unmanaged: not a profile finding',
    facts: factsWith({
      nodes: [unmanaged({ instanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/x' })],
      dhmc: DHMC_OFF,
    }),
    ids: [],
  },
  {
    name: 'stopped instance without profile: the node check speaks for it',
    facts: factsWith({ nodes: [unmanaged({ state: 'stopped' })], dhmc: DHMC_OFF }),
    ids: [],
  },
  {
    name: 'no profile, DHMC on, IMDSv1 allowed',
    facts: factsWith({ nodes: [unmanaged({ httpTokens: 'optional' })], dhmc: DHMC_ON }),
    ids: ['instance-profile.dhmc-imdsv1'],
  },
  {
    name: 'no profile, DHMC on, agent older than 3.2.582.0 (ConnectionLost)',
    facts: factsWith({
      nodes: [unmanaged({}, { managed: true, pingStatus: 'ConnectionLost', agentVersion: '3.1.1732.0' })],
      dhmc: DHMC_ON,
    }),
    ids: ['instance-profile.dhmc-agent-too-old'],
  },
  {
    name: 'no profile, DHMC on, IMDSv2, agent unknown',
    facts: factsWith({ nodes: [unmanaged()], dhmc: DHMC_ON }),
    ids: ['instance-profile.dhmc-unverified'],
  },
  {
    name: 'no profile, DHMC on, online node: DHMC works',
    facts: factsWith({
      nodes: [node({ ec2: { instanceId: INSTANCE_ID, state: 'running', httpTokens: 'required' } })],
      dhmc: DHMC_ON,
    }),
    ids: [],
  },
  {
    name: 'managed node with empty IamRole and nothing behind it',
    facts: factsWith({
      nodes: [node({ iamRole: '', ec2: { instanceId: INSTANCE_ID, state: 'running', httpTokens: 'required' } })],
      dhmc: DHMC_OFF,
    }),
    ids: ['instance-profile.empty-iam-role'],
  },
  {
    name: 'hybrid node with empty IamRole',
    facts: factsWith({
      nodes: [
        node({ instanceId: 'mi-0123456789abcdef0', iamRole: '', resourceType: 'ManagedInstance', ec2: undefined }),
      ],
    }),
    ids: ['instance-profile.empty-iam-role'],
  },
  {
    name: 'EC2 node with empty IamRole but an instance profile is normal',
    facts: factsWith({ nodes: [node({ iamRole: '' })] }),
    ids: [],
  },
];

describeCheckTable('instance profile checks (§3.2)', instanceProfileChecks, cases);

describe('instance profile checks (§3.2): evidence', () => {
  it('is critical when DHMC is known to be off, and names both fields', () => {
    const f = findingById(
      instanceProfileChecks,
      factsWith({ nodes: [unmanaged()], dhmc: DHMC_OFF }),
      'instance-profile.missing',
    );
    expect(f.severity).toBe('critical');
    expect(f.evidence).toContainEqual({
      field: `ec2:DescribeInstances(${INSTANCE_ID}).IamInstanceProfile`,
      value: '(none)',
    });
    expect(f.evidence).toContainEqual({
      field: 'GetServiceSetting(/ssm/managed-instance/default-ec2-instance-management-role).SettingValue',
      value: '(not configured; Status Default)',
    });
    expect(f.remediation.join('\n')).toContain(`associate-iam-instance-profile --instance-id ${INSTANCE_ID}`);
    expect(f.links.map((l) => l.label)).toContain('Default Host Management Configuration');
    expect(f.logPaths).toBeDefined();
  });

  it('is only an error when DHMC could not be checked', () => {
    const f = findingById(
      instanceProfileChecks,
      factsWith({ nodes: [unmanaged()], dhmc: undefined }),
      'instance-profile.missing',
    );
    expect(f.severity).toBe('error');
  });

  it('shows HttpTokens for the IMDSv1 case', () => {
    const f = findingById(
      instanceProfileChecks,
      factsWith({ nodes: [unmanaged({ httpTokens: 'optional' })], dhmc: DHMC_ON }),
      'instance-profile.dhmc-imdsv1',
    );
    expect(f.evidence).toContainEqual({
      field: `ec2:DescribeInstances(${INSTANCE_ID}).MetadataOptions.HttpTokens`,
      value: 'optional',
    });
    expect(f.remediation.join('\n')).toContain('--http-tokens required');
  });
});
