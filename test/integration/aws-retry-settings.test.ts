// Issue 16.2: AWS_MAX_ATTEMPTS and AWS_RETRY_MODE are honoured by the real SDK clients, SSM_WHY_AWS_MAX_ATTEMPTS
// winning when set. The environment goes through loadConfig into the gateway as main.ts wires it; the fake AWS
// throttles every call, and the attempts the SDK makes (and the retry mode it announces) are counted on the wire.
import { afterEach, describe, expect, it } from 'vitest';
import { createAwsGateway } from '../../src/aws/gateway.ts';
import { loadConfig } from '../../src/config/config.ts';
import { AppError } from '../../src/domain/app-error.ts';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.ts';
import { healthy, TEST_CREDENTIALS } from '../support/scenarios/index.ts';

const BASE_ENV = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 's3cr3t-signing', AWS_REGION: 'eu-west-1' };

/**
 * The retry strategy the SDK ran, from its User-Agent's feature list (`m/N,E`): the SDK sets `E` for its standard
 * strategy and `F` for the adaptive one (@aws-sdk/core, checkFeatures).
 */
function retryModeOf(userAgent: string | undefined): string | undefined {
  const features = /(?:^| )m\/([A-Za-z0-9,]+)/.exec(userAgent ?? '')?.[1]?.split(',') ?? [];
  if (features.includes('F')) return 'adaptive';
  if (features.includes('E')) return 'standard';
  return undefined;
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Calls `operation` once with the settings `env` gives, every answer throttled; returns what the fake saw. */
async function throttledAttempts(env: Record<string, string>, operation: 'DescribeAssociation' | 'AssumeRole') {
  const loaded = loadConfig({ ...BASE_ENV, ...env });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const scenario = healthy.build();
  scenario.faults.push({ operation, code: 'ThrottlingException' });
  fake = await startFakeAws(scenario);
  const gateway = createAwsGateway({
    endpoints: { ssm: fake.url, sts: fake.url, ec2: fake.url },
    timeouts: { connectionMs: 1000, requestMs: 3000 },
    maxAttempts: loaded.config.aws.maxAttempts,
    retryMode: loaded.config.aws.retryMode,
    defaultCredentials: TEST_CREDENTIALS,
  });
  // With a role, AssumeRole (STS) comes first; without one, the read goes straight to SSM.
  const account = operation === 'AssumeRole' ? healthy.account : { ...healthy.account, roleArn: undefined };
  try {
    await gateway.reader(account, healthy.region, { userId: 'U0123ABCD' }).describeAssociation(healthy.associationId);
    throw new Error('the call succeeded although every answer was throttled');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('throttled');
  } finally {
    gateway.close();
  }
  const calls = fake.callsTo(operation);
  return {
    attempts: calls.length,
    headers: calls.map((c) => c.sdkRequest),
    modes: [...new Set(calls.map((c) => retryModeOf(c.userAgent)))],
  };
}

describe('retry settings reach the SDK clients (every answer throttled)', () => {
  it('default: 4 attempts in standard mode', async () => {
    const seen = await throttledAttempts({}, 'DescribeAssociation');
    expect(seen.attempts).toBe(4);
    expect(seen.headers).toEqual([1, 2, 3, 4].map((n) => expect.stringMatching(new RegExp(`^attempt=${n}; max=4$`))));
    expect(seen.modes).toEqual(['standard']);
  });

  it('AWS_MAX_ATTEMPTS=2 makes 2 attempts', async () => {
    expect((await throttledAttempts({ AWS_MAX_ATTEMPTS: '2' }, 'DescribeAssociation')).attempts).toBe(2);
  });

  it('SSM_WHY_AWS_MAX_ATTEMPTS wins over AWS_MAX_ATTEMPTS', async () => {
    const seen = await throttledAttempts(
      { AWS_MAX_ATTEMPTS: '5', SSM_WHY_AWS_MAX_ATTEMPTS: '3' },
      'DescribeAssociation',
    );
    expect(seen.attempts).toBe(3);
  });

  it('AWS_RETRY_MODE=adaptive: the SDK runs its adaptive strategy (announced on every attempt)', async () => {
    const seen = await throttledAttempts({ AWS_RETRY_MODE: 'adaptive', AWS_MAX_ATTEMPTS: '3' }, 'DescribeAssociation');
    expect(seen.attempts).toBe(3);
    expect(seen.modes).toEqual(['adaptive']);
  });

  it('AWS_RETRY_MODE=legacy (a v2 SDK mode) runs as standard in the v3 SDK', async () => {
    const seen = await throttledAttempts({ AWS_RETRY_MODE: 'legacy', AWS_MAX_ATTEMPTS: '2' }, 'DescribeAssociation');
    expect(seen.attempts).toBe(2);
    expect(seen.modes).toEqual(['standard']);
  });

  it('the STS client behind AssumeRole follows them too', async () => {
    const seen = await throttledAttempts({ AWS_MAX_ATTEMPTS: '2', AWS_RETRY_MODE: 'adaptive' }, 'AssumeRole');
    expect(seen.attempts).toBe(2);
    expect(seen.modes).toEqual(['adaptive']);
  });
});
