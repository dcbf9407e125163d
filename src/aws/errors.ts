// SDK errors → AppError, by `err.name` (the AWS error code), keeping the request id and the code.
// Called once the SDK's own retries are exhausted, so a throttle here is final.
import { SELF_ACCOUNT_ID } from '../config/index.ts';
import { AppError, type AppErrorCode, isAppError } from '../domain/app-error.ts';

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

function where(ctx: AwsCallContext): string {
  // The default account's id is a placeholder (the app's own credentials, whatever account they are): not shown.
  const account = ctx.accountId && ctx.accountId !== SELF_ACCOUNT_ID ? ctx.accountId : undefined;
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

function userMessage(code: AppErrorCode, ctx: AwsCallContext, name: string, message: string): string {
  const action = iamAction(ctx);
  switch (code) {
    case 'access-denied':
      return `ssm-why's role may not call ${action}${where(ctx)}. Add ${action} to its policy.`;
    case 'not-found':
      return `${ctx.operation}: not found${where(ctx)} (${message || name}).`;
    case 'throttled':
      return `AWS kept throttling ${action}${where(ctx)}; the retries ran out. Try again in a minute.`;
    case 'timeout':
      return `AWS did not answer ${action}${where(ctx)} in time.`;
    case 'config':
      // An SSO profile that needs a login is explained where the chain fails (credentials.ts), from the files.
      return 'ssm-why has no usable AWS credentials.';
    default:
      if (NETWORK_CODES.has(name)) return `Could not reach AWS for ${action}${where(ctx)}: network error ${name}.`;
      return `AWS answered ${action}${where(ctx)} with ${name}.`;
  }
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
  return new AppError(code, `${iamAction(ctx)}${where(ctx)} failed: ${name}: ${message}`, {
    userMessage: userMessage(code, ctx, name, message),
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
