import { type Lang, texts } from '../i18n/index.ts';

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
  /** For a failed AWS call: what failed, where, so it can be said in any language (awsFailureText). */
  aws?: AwsFailure;
  /** The user message in any language (from a catalog); `userMessage` is its English. */
  say?: (lang: Lang) => string;
}

/** A failed AWS call, in the terms a person reads: which action, where, and how it failed. */
export interface AwsFailure {
  kind: 'access-denied' | 'not-found' | 'throttled' | 'timeout' | 'no-credentials' | 'network' | 'answered';
  /** `ssm:DescribeAssociation` */
  action: string;
  /** `DescribeAssociation` */
  operation: string;
  /** Absent for the app's own credentials. */
  account?: string;
  region?: string;
  /** The SDK's error name or network code, e.g. `ThrottlingException`, `ENOTFOUND`. */
  name: string;
  /** AWS's own message, verbatim. */
  message: string;
}

/** What a failed AWS call means, in `lang`; AWS's names and messages verbatim. */
export function awsFailureText(failure: AwsFailure, lang: Lang): string {
  const say = texts(lang).work.aws;
  const place = say.place(failure.account, failure.region);
  switch (failure.kind) {
    case 'access-denied':
      return say.accessDenied(failure.action, place);
    case 'not-found':
      return say.notFound(failure.operation, place, failure.message || failure.name);
    case 'throttled':
      return say.throttled(failure.action, place);
    case 'timeout':
      return say.timedOut(failure.action, place);
    case 'no-credentials':
      return say.noCredentials;
    case 'network':
      return say.unreachable(failure.action, place, failure.name);
    case 'answered':
      return say.answered(failure.action, place, failure.name);
  }
}

/** An error's message for people, in `lang` when it knows how (a catalog entry, a failed AWS call), else as written. */
export const userText = (error: AppError, lang: Lang): string =>
  error.say ? error.say(lang) : error.aws ? awsFailureText(error.aws, lang) : error.userMessage;

/** The one error type of the app. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly action: string | undefined;
  readonly requestId: string | undefined;
  readonly upstreamCode: string | undefined;
  readonly aws: AwsFailure | undefined;
  readonly say: ((lang: Lang) => string) | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage ?? options.say?.('en') ?? message;
    this.action = options.action;
    this.requestId = options.requestId;
    this.upstreamCode = options.upstreamCode;
    this.aws = options.aws;
    this.say = options.say;
  }
}

export const isAppError = (error: unknown, code?: AppErrorCode): error is AppError =>
  error instanceof AppError && (code === undefined || error.code === code);
