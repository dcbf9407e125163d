// A fake AWS plus the real gateway pointed at it: the usual start of an AWS-facing test.
//
//   const aws = await startAwsHarness(scriptExitCode1);
//   const reader = aws.reader();            // PROD, eu-west-1, Slack user U0123ABCD
//   …
//   await aws.close();
import { type AwsGatewayOptions, type ClosableAwsGateway, createAwsGateway } from '../../src/aws/gateway.ts';
import type { AccountRef, SsmReader } from '../../src/investigation/ports.ts';
import { type FakeAws, startFakeAws } from './fake-aws/index.ts';
import type { Scenario } from './fake-aws/types.ts';
import { TEST_CREDENTIALS } from './scenarios/builder.ts';
import type { NamedScenario } from './scenarios/named/common.ts';

export const TEST_USER = 'U0123ABCD';

export interface AwsHarness {
  fake: FakeAws;
  gateway: ClosableAwsGateway;
  /** The named scenario's account (or the one given). */
  account: AccountRef;
  region: string;
  reader(options?: { userId?: string; region?: string; account?: AccountRef }): SsmReader;
  close(): Promise<void>;
}

/** Fast-failing defaults for tests: short timeouts, few attempts. */
export const TEST_GATEWAY_OPTIONS: Omit<AwsGatewayOptions, 'endpoints'> = {
  timeouts: { connectionMs: 1000, requestMs: 3000 },
  maxAttempts: 3,
  defaultCredentials: TEST_CREDENTIALS,
};

export async function startAwsHarness(
  source: NamedScenario | { scenario: Scenario; account: AccountRef; region: string },
  gatewayOptions: Partial<AwsGatewayOptions> = {},
): Promise<AwsHarness> {
  const scenario = 'build' in source ? source.build() : source.scenario;
  const fake = await startFakeAws(scenario);
  const gateway = createAwsGateway({
    ...TEST_GATEWAY_OPTIONS,
    endpoints: { ssm: fake.url, sts: fake.url, ec2: fake.url },
    ...gatewayOptions,
  });
  const account = source.account;
  const region = source.region;
  return {
    fake,
    gateway,
    account,
    region,
    reader: (options = {}) =>
      gateway.reader(options.account ?? account, options.region ?? region, { userId: options.userId ?? TEST_USER }),
    close: async () => {
      gateway.close();
      await fake.close();
    },
  };
}
