// Issue 16.2: AWS conventions a newcomer expects — the profile's region, AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, no
// unused AWS_ENDPOINT_URL_IAM, a network failure called one, no internal `self` placeholder, and the SSO fix.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../src/aws/errors.ts';
import { loadConfig } from '../../src/config/config.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'ssm-why-aws-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 's3cr3t-signing' };
const configFile = path.join(dir, 'config');
writeFileSync(
  configFile,
  ['[default]', 'region = us-west-2', '', '[profile ops]', 'output = json', 'region=ap-southeast-2 # Sydney', ''].join(
    '\n',
  ),
);

describe('AWS configuration conventions', () => {
  it('takes the region from the selected profile when AWS_REGION is not set (the environment still wins)', () => {
    const ops = loadConfig({ ...slack, AWS_PROFILE: 'ops', AWS_CONFIG_FILE: configFile });
    expect(ops.ok && ops.config.accounts[0]?.regions).toEqual(['ap-southeast-2']);
    const byDefault = loadConfig({ ...slack, AWS_CONFIG_FILE: configFile });
    expect(byDefault.ok && byDefault.config.accounts[0]?.regions).toEqual(['us-west-2']);
    const home = path.join(dir, 'home');
    const fromHome = loadConfig({ ...slack, HOME: home });
    expect(fromHome.ok).toBe(false);
    const env = loadConfig({ ...slack, AWS_PROFILE: 'ops', AWS_CONFIG_FILE: configFile, AWS_REGION: 'eu-west-1' });
    expect(env.ok && env.config.accounts[0]?.regions).toEqual(['eu-west-1']);
    const none = loadConfig({ ...slack, AWS_PROFILE: 'missing', AWS_CONFIG_FILE: configFile });
    expect(!none.ok && none.problems.join('\n')).toMatch(/^AWS_REGION: .*profile missing names no region/m);
  });

  it('honours AWS_MAX_ATTEMPTS and AWS_RETRY_MODE; SSM_WHY_AWS_MAX_ATTEMPTS wins when set', () => {
    const region = { ...slack, AWS_REGION: 'eu-west-1' };
    const defaults = loadConfig(region);
    expect(defaults.ok && [defaults.config.aws.maxAttempts, defaults.config.aws.retryMode]).toEqual([4, 'standard']);
    const sdk = loadConfig({ ...region, AWS_MAX_ATTEMPTS: '7', AWS_RETRY_MODE: 'adaptive' });
    expect(sdk.ok && [sdk.config.aws.maxAttempts, sdk.config.aws.retryMode]).toEqual([7, 'adaptive']);
    const ours = loadConfig({ ...region, AWS_MAX_ATTEMPTS: '7', SSM_WHY_AWS_MAX_ATTEMPTS: '2' });
    expect(ours.ok && ours.config.aws.maxAttempts).toBe(2);
    const bad = loadConfig({ ...region, AWS_RETRY_MODE: 'eager', AWS_MAX_ATTEMPTS: '0' });
    expect(!bad.ok && bad.problems.map((p) => p.split(':')[0]).sort()).toEqual(['AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE']);
  });

  it('has no AWS_ENDPOINT_URL_IAM (nothing calls IAM)', () => {
    const result = loadConfig({ ...slack, AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:1' });
    expect(result.ok && result.config.aws.endpoints).toEqual({});
  });
});

describe('AWS errors in words a person can act on', () => {
  const self = { service: 'ssm' as const, operation: 'DescribeAssociation', accountId: 'self', region: 'eu-west-1' };

  it('calls a DNS or socket failure a network error, without the internal `self` account placeholder', () => {
    const error = toAppError(
      Object.assign(new Error('getaddrinfo ENOTFOUND ssm.eu-west-1.amazonaws.com'), {
        name: 'Error',
        code: 'ENOTFOUND',
      }),
      self,
    );
    expect(error.userMessage).toBe(
      'Could not reach AWS for ssm:DescribeAssociation in eu-west-1: network error ENOTFOUND.',
    );
    expect(error.userMessage).not.toMatch(/\bself\b/);
  });

  it('never reads an SSO fix into the SDK wording: a provider error is "no usable AWS credentials"', () => {
    const error = toAppError(
      Object.assign(new Error('The SSO session token associated with profile=ops was not found or is invalid.'), {
        name: 'CredentialsProviderError',
      }),
      self,
    );
    expect(error.userMessage).toBe('ssm-why has no usable AWS credentials.');
  });
});
