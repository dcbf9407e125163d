// Issue 16.2: an SSO profile without a usable cached token says "run `aws sso login --profile X`". The real SDK's
// default chain runs against a temporary shared config file and an SSO token cache folder (HOME); the situation is
// recognised from those files and the provider's error, not from the SDK's wording. No call reaches AWS.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAwsGateway } from '../../src/aws/gateway.ts';
import { ssoLoginNeeded } from '../../src/aws/sso-profile.ts';
import { AppError, userText } from '../../src/domain/app-error.ts';
import type { AccountRef } from '../../src/investigation/ports.ts';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.ts';
import { healthy } from '../support/scenarios/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'ssm-why-sso-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CORP_START_URL = 'https://corp.awsapps.com/start';
const LEGACY_START_URL = 'https://legacy.awsapps.com/start';
const CONFIG = [
  '[profile ops]',
  'sso_session = corp',
  'sso_account_id = 111122223333',
  'sso_role_name = ReadOnly',
  'region = eu-west-1',
  '',
  '[sso-session corp]',
  `sso_start_url = ${CORP_START_URL}`,
  'sso_region = eu-west-1',
  'sso_registration_scopes = sso:account:access',
  '',
  '[default]',
  `sso_start_url = ${LEGACY_START_URL}`,
  'sso_region = us-east-1',
  'sso_account_id = 111122223333',
  'sso_role_name = ReadOnly',
  'region = eu-west-1',
  '',
  '[profile plain]',
  'region = eu-west-1',
  '',
].join('\n');

const ACCOUNT: AccountRef = { name: 'self', id: 'self', regions: ['eu-west-1'] };

let fake: FakeAws | undefined;
let home: string;
let n = 0;

/** A fresh HOME with an empty SSO token cache, and the shared config above. */
beforeEach(() => {
  n += 1;
  home = path.join(dir, `home-${n}`);
  mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const config = path.join(dir, `config-${n}`);
  writeFileSync(config, CONFIG);
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', config);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(dir, `credentials-${n}`)); // absent
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  for (const name of [
    'AWS_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ]) {
    vi.stubEnv(name, undefined);
  }
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
  fake = undefined;
});

const cacheFile = (key: string) =>
  path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);

/** The failure of one read with the app's own credentials (the SDK's default chain), through the real gateway. */
async function readFailure(): Promise<AppError> {
  fake = await startFakeAws(healthy.build());
  const gateway = createAwsGateway({
    endpoints: { ssm: fake.url, sts: fake.url, ec2: fake.url },
    timeouts: { connectionMs: 1000, requestMs: 3000 },
    maxAttempts: 2,
  });
  try {
    await gateway.reader(ACCOUNT, 'eu-west-1', { userId: 'U0123ABCD' }).describeAssociation(healthy.associationId);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  } finally {
    gateway.close();
  }
  throw new Error('the read succeeded without credentials');
}

describe('an SSO profile without a usable cached token', () => {
  it('sso-session profile, empty token cache: run `aws sso login --profile ops`, and nothing reaches AWS', async () => {
    vi.stubEnv('AWS_PROFILE', 'ops');
    const error = await readFailure();
    expect(error.code).toBe('config');
    expect(error.userMessage).toBe(
      'The AWS SSO session of profile ops has no cached token: run `aws sso login --profile ops`.',
    );
    expect(userText(error, 'ja')).toBe(
      'プロファイル ops の AWS SSO セッションにキャッシュされたトークンがありません。`aws sso login --profile ops` を実行してください。',
    );
    expect(fake?.calls).toHaveLength(0);
  });

  it('legacy start-URL default profile with an expired token: run `aws sso login --profile default`', async () => {
    writeFileSync(
      cacheFile(LEGACY_START_URL),
      JSON.stringify({ accessToken: 'expired-token', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1' }),
    );
    const error = await readFailure();
    expect(error.userMessage).toBe(
      'The AWS SSO session of profile default has an expired cached token: run `aws sso login --profile default`.',
    );
    expect(fake?.calls).toHaveLength(0);
  });

  it('a profile that is not SSO and has no credentials: the generic answer, no SSO advice', async () => {
    vi.stubEnv('AWS_PROFILE', 'plain');
    const error = await readFailure();
    expect(error.code).toBe('config');
    expect(error.userMessage).toBe('ssm-why has no usable AWS credentials.');
  });

  it('is read from the files: a valid cached token means no login is needed', () => {
    const env = { AWS_PROFILE: 'ops', AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, HOME: home };
    expect(ssoLoginNeeded(env)).toEqual({ profile: 'ops', reason: 'no-cached-token' });
    writeFileSync(cacheFile('corp'), JSON.stringify({ accessToken: 'x', expiresAt: '2099-01-01T00:00:00Z' }));
    expect(ssoLoginNeeded(env)).toBeUndefined();
    expect(ssoLoginNeeded(env, new Date('2099-01-02T00:00:00Z'))).toEqual({ profile: 'ops', reason: 'expired-token' });
    expect(ssoLoginNeeded({ ...env, AWS_PROFILE: 'plain' })).toBeUndefined();
    expect(ssoLoginNeeded({ ...env, AWS_PROFILE: 'missing' })).toBeUndefined();
  });
});
