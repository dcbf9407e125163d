// The push-alert settings: SNS topics, the certificate host pattern, the EventBridge secret and its header.
import { describe, expect, it } from 'vitest';
import { secretMatches } from '../../../src/alerts/push/shared-secret.ts';
import { loadConfig } from '../../../src/config/config.ts';

const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 's3cr3t-signing', AWS_REGION: 'eu-west-1' };

describe('push configuration', () => {
  it('is off by default, with AWS SNS hosts and the x-ssm-why-secret header', () => {
    const result = loadConfig(base);
    expect(result.ok && result.config.push).toEqual({
      snsTopicArns: [],
      snsCertHostPattern: '^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$',
      eventBridgeSecretHeader: 'x-ssm-why-secret',
    });
    const pattern = new RegExp(result.ok ? result.config.push.snsCertHostPattern : '');
    expect(pattern.test('sns.eu-west-1.amazonaws.com')).toBe(true);
    expect(pattern.test('sns.cn-north-1.amazonaws.com.cn')).toBe(true);
    expect(pattern.test('sns.eu-west-1.amazonaws.com.evil.test')).toBe(false);
    expect(pattern.test('sns.eu-west-1.amazonaws.com:8443')).toBe(false);
  });

  it('reads topics, a secret, its header (lower-cased) and a host pattern', () => {
    const result = loadConfig({
      ...base,
      SSM_WHY_SNS_TOPIC_ARNS:
        ' arn:aws:sns:eu-west-1:111122223333:alerts , arn:aws-cn:sns:cn-north-1:111122223333:b.fifo',
      SSM_WHY_EVENTBRIDGE_SECRET: 'a-long-enough-secret',
      SSM_WHY_EVENTBRIDGE_SECRET_HEADER: 'X-Api-Key',
      SSM_WHY_SNS_CERT_HOST_PATTERN: '^127\\.0\\.0\\.1:\\d+$',
    });
    expect(result.ok && result.config.push).toEqual({
      snsTopicArns: ['arn:aws:sns:eu-west-1:111122223333:alerts', 'arn:aws-cn:sns:cn-north-1:111122223333:b.fifo'],
      snsCertHostPattern: '^127\\.0\\.0\\.1:\\d+$',
      eventBridgeSecret: 'a-long-enough-secret',
      eventBridgeSecretHeader: 'x-api-key',
    });
  });

  it('names each bad setting without printing the secret', () => {
    const secret = 'short';
    const result = loadConfig({
      ...base,
      SSM_WHY_SNS_TOPIC_ARNS: 'arn:aws:sqs:eu-west-1:111122223333:queue',
      SSM_WHY_EVENTBRIDGE_SECRET: secret,
      SSM_WHY_EVENTBRIDGE_SECRET_HEADER: 'bad header',
      SSM_WHY_SNS_CERT_HOST_PATTERN: 'sns\\.amazonaws\\.com',
    });
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : result.problems.join('\n');
    for (const name of [
      'SSM_WHY_SNS_TOPIC_ARNS',
      'SSM_WHY_EVENTBRIDGE_SECRET',
      'SSM_WHY_EVENTBRIDGE_SECRET_HEADER',
      'SSM_WHY_SNS_CERT_HOST_PATTERN',
    ]) {
      expect(text).toMatch(new RegExp(`^${name}: `, 'm'));
    }
    expect(text).not.toContain(`${secret}\n`);
  });

  it('rejects a host pattern that does not compile', () => {
    const result = loadConfig({ ...base, SSM_WHY_SNS_CERT_HOST_PATTERN: '^sns(.$' });
    expect(!result.ok && result.problems.join('\n')).toMatch(/^SSM_WHY_SNS_CERT_HOST_PATTERN: /m);
  });
});

describe('secretMatches', () => {
  it('matches only the exact secret, presented once', () => {
    expect(secretMatches('a-long-enough-secret', 'a-long-enough-secret')).toBe(true);
    expect(secretMatches('a-long-enough-secreT', 'a-long-enough-secret')).toBe(false);
    expect(secretMatches('a-long-enough-secret ', 'a-long-enough-secret')).toBe(false);
    expect(secretMatches('', 'a-long-enough-secret')).toBe(false);
    expect(secretMatches(undefined, 'a-long-enough-secret')).toBe(false);
    expect(secretMatches(['a-long-enough-secret', 'x'], 'a-long-enough-secret')).toBe(false);
    expect(secretMatches('', '')).toBe(false);
  });
});
