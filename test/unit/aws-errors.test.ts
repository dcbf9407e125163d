import { describe, expect, it } from 'vitest';
import { awsCall, toAppError } from '../../src/aws/errors.ts';
import { AppError, userText } from '../../src/domain/app-error.ts';
import { expectJapaneseText } from '../support/japanese-text.ts';

/** An error shaped like the SDK's ServiceException (name = AWS code, $metadata.requestId). */
const sdkError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { requestId: 'req-123', httpStatusCode: 400 },
    ...extra,
  });

const ctx = {
  service: 'ssm' as const,
  operation: 'DescribeInstanceInformation',
  accountId: '123456789012',
  region: 'eu-west-1',
};

describe('toAppError', () => {
  it.each([
    ['AccessDeniedException', 'access-denied'],
    ['AccessDenied', 'access-denied'],
    ['UnauthorizedOperation', 'access-denied'],
    ['UnauthorizedAccess', 'access-denied'],
    ['AssociationDoesNotExist', 'not-found'],
    ['AutomationExecutionNotFoundException', 'not-found'],
    ['InvocationDoesNotExist', 'not-found'],
    ['ThrottlingException', 'throttled'],
    ['Throttling', 'throttled'],
    ['TooManyRequestsException', 'throttled'],
    ['RequestLimitExceeded', 'throttled'],
    ['TimeoutError', 'timeout'],
    ['CredentialsProviderError', 'config'],
    ['InternalServerError', 'upstream'],
    ['SomethingAwsInventsTomorrow', 'upstream'],
  ])('%s → %s', (name, code) => {
    const error = toAppError(sdkError(name), ctx);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(code);
    expect(error.upstreamCode).toBe(name);
    expect(error.requestId).toBe('req-123');
    expect(error.message).toContain(
      `ssm:DescribeInstanceInformation in account 123456789012 (eu-west-1) failed: ${name}`,
    );
  });

  it('names the refused IAM action on access-denied only', () => {
    expect(toAppError(sdkError('AccessDeniedException'), ctx)).toMatchObject({
      action: 'ssm:DescribeInstanceInformation',
      userMessage: expect.stringContaining('may not call ssm:DescribeInstanceInformation in account 123456789012'),
    });
    expect(
      toAppError(sdkError('UnauthorizedOperation'), { service: 'ec2', operation: 'DescribeInstances' }).action,
    ).toBe('ec2:DescribeInstances');
    expect(toAppError(sdkError('ThrottlingException'), ctx).action).toBeUndefined();
  });

  it('treats socket timeouts by code as timeouts', () => {
    const error = Object.assign(new Error('socket hang'), { code: 'ETIMEDOUT' });
    expect(toAppError(error, ctx).code).toBe('timeout');
  });

  it('passes an AppError through unchanged and keeps the cause otherwise', () => {
    const original = new AppError('access-denied', 'x', { action: 'sts:AssumeRole' });
    expect(toAppError(original, ctx)).toBe(original);
    const cause = sdkError('InternalServerError');
    expect(toAppError(cause, ctx).cause).toBe(cause);
    expect(toAppError('a string', ctx)).toMatchObject({ code: 'upstream', upstreamCode: 'Error' });
  });

  it('awsCall maps a rejection', async () => {
    await expect(awsCall(ctx, () => Promise.reject(sdkError('AssociationDoesNotExist')))).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(awsCall(ctx, () => Promise.resolve(42))).resolves.toBe(42);
  });
});

describe('a failed AWS call in the reader’s language', () => {
  const failures = [
    ['AccessDeniedException', 'Not authorized'],
    ['AssociationDoesNotExist', 'Association abc was not found'],
    ['ThrottlingException', 'Rate exceeded'],
    ['TimeoutError', 'Connection timed out after 3000 ms'],
    ['CredentialsProviderError', 'Could not load credentials from any providers'],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND ssm.eu-west-1.amazonaws.com'],
    ['InternalServerError', 'We encountered an internal error'],
  ] as const;

  it.each(failures)(
    '%s: the English message is unchanged, the Japanese one keeps AWS’s values verbatim',
    (name, message) => {
      const error = toAppError(Object.assign(new Error(message), { name, $metadata: {} }), ctx);
      expect(userText(error, 'en')).toBe(error.userMessage);
      const japanese = userText(error, 'ja');
      const kind = error.aws?.kind;
      const named =
        kind === 'not-found' ? ['DescribeInstanceInformation', message] : ['ssm:DescribeInstanceInformation'];
      const quoted = kind === 'no-credentials' ? [] : [...named, '123456789012', 'eu-west-1'];
      expectJapaneseText(japanese, quoted);
      if (kind === 'answered' || kind === 'network') expect(japanese).toContain(name);
    },
  );

  it('an error without the parts of an AWS call is said as it was written', () => {
    expect(userText(new AppError('config', 'internal', { userMessage: 'as written' }), 'ja')).toBe('as written');
  });
});
