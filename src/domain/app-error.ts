/** What went wrong, in the app's own words. Edges translate foreign errors into these codes. */
export type AppErrorCode =
  | 'access-denied' // AWS AccessDenied*: the role lacks an IAM action
  | 'not-found' // the resource does not exist (or is not visible) in that account/region
  | 'throttled' // retries exhausted on a rate limit
  | 'timeout' // an outbound call took too long
  | 'invalid-input' // the user's input is malformed
  | 'unauthorized' // the caller may not use that account from that channel
  | 'config' // configuration is invalid
  | 'upstream' // any other failure from AWS or Slack
  | 'internal';

export interface AppErrorOptions {
  /** A message safe to show to a Slack user (no secrets, no stack). */
  userMessage?: string;
  cause?: unknown;
  /** For access-denied: the IAM action that was refused, e.g. `ssm:DescribeAssociation`. */
  action?: string;
  /** AWS or Slack request id, for support tickets. */
  requestId?: string;
  /** The foreign error name, e.g. `AssociationDoesNotExist`. */
  upstreamCode?: string;
}

/** The one error type of the app. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly action: string | undefined;
  readonly requestId: string | undefined;
  readonly upstreamCode: string | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage ?? message;
    this.action = options.action;
    this.requestId = options.requestId;
    this.upstreamCode = options.upstreamCode;
  }
}

export const isAppError = (error: unknown, code?: AppErrorCode): error is AppError =>
  error instanceof AppError && (code === undefined || error.code === code);
