// What every named scenario shares: the investigated account (reached through a read-only role with
// an ExternalId), its region, the published agent version, and the NamedScenario shape.
import type { AccountRef } from '../../../../src/investigation/ports.ts';
import type { Scenario } from '../../fake-aws/types.ts';
import { type ScenarioBuilder, scenario } from '../builder.ts';

/** The account named scenarios investigate. */
export const PROD = {
  name: 'prod',
  id: '123456789012',
  roleArn: 'arn:aws:iam::123456789012:role/SsmWhyReadOnly',
  externalId: 'ssmwhy-5c1e7a2f9b',
  region: 'eu-west-1',
} as const;

/** The AccountRef to hand the AWS gateway for PROD. */
export const PROD_ACCOUNT: AccountRef = {
  name: PROD.name,
  id: PROD.id,
  roleArn: PROD.roleArn,
  externalId: PROD.externalId,
  regions: [PROD.region, 'us-east-1'],
};

/** The SSM Agent version the fake publishes in every region. */
export const LATEST_AGENT_VERSION = '3.3.1957.0';

/** A scenario fixture for one cause family. */
export interface NamedScenario {
  /** Stable kebab-case id, e.g. `connection-lost`. */
  name: string;
  title: string;
  /** The section of ssm-knowledge.md §3 it illustrates. */
  catalogue: string;
  /** The signal a correct diagnosis must point at, in words. */
  signal: string;
  associationId: string;
  accountId: string;
  region: string;
  account: AccountRef;
  build(options?: { now?: Date }): Scenario;
}

/** PROD, selected, with the role registered and the agent version published. */
export function prod(options: { now?: Date } = {}): ScenarioBuilder {
  return scenario(options)
    .agentVersion(LATEST_AGENT_VERSION)
    .account(PROD.id, { roleArn: PROD.roleArn, externalId: PROD.externalId })
    .region(PROD.region);
}

export function named(
  spec: Omit<NamedScenario, 'accountId' | 'region' | 'account' | 'build'> & {
    /** Adds the scenario's data to PROD; `id` is the association id. */
    build: (b: ScenarioBuilder, id: string) => ScenarioBuilder;
  },
): NamedScenario {
  return {
    ...spec,
    accountId: PROD.id,
    region: PROD.region,
    account: PROD_ACCOUNT,
    build: (options = {}) => spec.build(prod(options), spec.associationId).build(),
  };
}
