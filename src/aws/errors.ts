// SDK errors → AppError, by `err.name` (the AWS error code), keeping the request id and the code.
// Called once the SDK's own retries are exhausted, so a throttle here is final.
import { SELF_ACCOUNT_ID } from '../config/index.ts';
import { AppError, type AppErrorCode, type AwsFailure, awsFailureText, isAppError } from '../domain/app-error.ts';
import { DEFAULT_LANG } from '../i18n/index.ts';

export type AwsService = 'ssm' | 'sts' | 'ec2' | 's3';

/** Where a call went, for the IAM action name and the messages. */
export interface AwsCallContext {
  service: AwsService;
  /** The API operation, e.g. `DescribeInstanceInformation`. */
  operation: string;
  accountId?: string;
  region?: string;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess']);
const NOT_FOUND = new Set([
  'AssociationDoesNotExist',
  'AssociationExecutionDoesNotExist',
  'AutomationExecutionNotFoundException',
  'InvocationDoesNotExist',
  'InvalidInstanceID.NotFound',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED']);

interface SdkErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { requestId?: unknown; httpStatusCode?: unknown };
}

/** The IAM action of a call, e.g. `ssm:DescribeInstanceInformation`. */
export const iamAction = (ctx: Pick<AwsCallContext, 'service' | 'operation'>) => `${ctx.service}:${ctx.operation}`;

function classify(name: string, code: string | undefined): AppErrorCode {
  if (ACCESS_DENIED.has(name)) return 'access-denied';
  if (NOT_FOUND.has(name)) return 'not-found';
  if (THROTTLED.has(name)) return 'throttled';
  if (TIMEOUT_NAMES.has(name) || (code !== undefined && TIMEOUT_CODES.has(code))) return 'timeout';
  if (name === 'CredentialsProviderError') return 'config';
  return 'upstream';
}

/** The account to name: the default account's id is a placeholder (the app's own credentials): not shown. */
const accountOf = (ctx: AwsCallContext) =>
  ctx.accountId && ctx.accountId !== SELF_ACCOUNT_ID ? ctx.accountId : undefined;

function where(ctx: AwsCallContext): string {
  const account = accountOf(ctx);
  if (account && ctx.region) return ` in account ${account} (${ctx.region})`;
  if (account) return ` in account ${account}`;
  return ctx.region ? ` in ${ctx.region}` : '';
}

/** Socket and DNS failures: AWS was never reached, so nothing can be said about what it holds. */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

function failureOf(code: AppErrorCode, ctx: AwsCallContext, name: string, message: string): AwsFailure {
  const account = accountOf(ctx);
  const kind: AwsFailure['kind'] =
    code === 'access-denied' || code === 'not-found' || code === 'throttled' || code === 'timeout'
      ? code
      : code === 'config'
        ? 'no-credentials' // an SSO profile that needs a login is explained where the chain fails (credentials.ts)
        : NETWORK_CODES.has(name)
          ? 'network'
          : 'answered';
  return {
    kind,
    action: iamAction(ctx),
    operation: ctx.operation,
    ...(account ? { account } : {}),
    ...(ctx.region ? { region: ctx.region } : {}),
    name,
    message,
  };
}

/** Translates anything the SDK throws into an AppError; an AppError passes through unchanged. */
export function toAppError(error: unknown, ctx: AwsCallContext): AppError {
  if (isAppError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const name =
    typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof e.code === 'string' ? e.code : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = classify(name, typeof e.code === 'string' ? e.code : undefined);
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  const aws = failureOf(code, ctx, name, message);
  return new AppError(code, `${iamAction(ctx)}${where(ctx)} failed: ${name}: ${message}`, {
    userMessage: awsFailureText(aws, DEFAULT_LANG),
    aws,
    cause: error,
    upstreamCode: name,
    ...(code === 'access-denied' ? { action: iamAction(ctx) } : {}),
    ...(requestId ? { requestId } : {}),
  });
}

/** Runs one AWS call and maps its failure. */
export async function awsCall<T>(ctx: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toAppError(error, ctx);
  }
}

/** The AWS error code of an error (for adapters that treat some codes as answers). */
export function awsErrorName(error: unknown): string | undefined {
  if (isAppError(error)) return error.upstreamCode;
  const name = (error as SdkErrorLike | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}
