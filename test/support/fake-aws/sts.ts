// STS (awsQuery protocol → XML): AssumeRole with trust, ExternalId, session-name and duration rules,
// and GetCallerIdentity. Issued credentials identify the assumed account on every later request.
import { createHash } from 'node:crypto';
import { FakeAwsError } from './errors.ts';
import type { FakeIdentity, IssuedCredentials, Scenario } from './types.ts';
import { children, el } from './xml.ts';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface StsContext {
  scenario: Scenario;
  identity: FakeIdentity;
  /** Set when the request was signed with credentials the fake issued. */
  session: IssuedCredentials | undefined;
  requestId: string;
  issue(input: Omit<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): IssuedCredentials;
}

export interface StsResult {
  xml: string;
  assumeRole?: { roleArn: string; roleSessionName: string; externalId?: string; durationSeconds?: number };
}

const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;

const validation = (message: string) => new FakeAwsError('ValidationError', message, 400);

const wrap = (action: string, result: string, requestId: string) =>
  `<${action}Response xmlns="${STS_NAMESPACE}">${el(`${action}Result`, children(result))}${el(
    'ResponseMetadata',
    children(el('RequestId', requestId)),
  )}</${action}Response>`;

/** `2016-03-15T00:05:07Z`, as STS writes Expiration. */
const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

export function roleIdOf(roleArn: string): string {
  return `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
}

function assumeRole(params: Record<string, string>, ctx: StsContext): StsResult {
  const roleArn = params.RoleArn ?? '';
  const sessionName = params.RoleSessionName;
  const externalId = params.ExternalId;
  const durationRaw = params.DurationSeconds;
  if (!roleArn)
    throw validation(
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  if (sessionName === undefined) {
    throw validation(
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    );
  }
  if (sessionName.length < 2 || sessionName.length > 64) {
    throw validation(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64`,
    );
  }
  if (!SESSION_NAME.test(sessionName)) {
    throw validation(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  if (
    externalId !== undefined &&
    (externalId.length < 2 || externalId.length > 1224 || !EXTERNAL_ID.test(externalId))
  ) {
    throw validation("1 validation error detected: Value at 'externalId' failed to satisfy constraint");
  }
  const durationSeconds = durationRaw === undefined ? undefined : Number(durationRaw);
  if (
    durationSeconds !== undefined &&
    (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43_200)
  ) {
    throw validation(
      `1 validation error detected: Value '${durationRaw}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }

  const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
  const role = ctx.scenario.roles[roleArn];
  const denied = () =>
    new FakeAwsError(
      'AccessDenied',
      `User: ${ctx.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  if (!match || !role) throw denied();
  if (role.trustedAccounts && !role.trustedAccounts.includes(ctx.identity.account)) throw denied();
  if (role.externalId !== undefined && role.externalId !== externalId) throw denied();

  const maxSession = role.maxSessionDurationSeconds ?? 3600;
  const requested = durationSeconds ?? 3600;
  if (ctx.session && requested > 3600) {
    throw validation(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (requested > maxSession) {
    throw validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }

  const [, account = '', roleName = ''] = match;
  const lifetime = role.credentialLifetimeSeconds ?? requested;
  const roleId = roleIdOf(roleArn);
  const issued = ctx.issue({
    expiresAt: Date.now() + lifetime * 1000,
    identity: {
      account,
      arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
    },
    roleArn,
    sessionName,
  });
  const result = [
    el('AssumedRoleUser', children(el('AssumedRoleId', issued.identity.userId), el('Arn', issued.identity.arn))),
    el(
      'Credentials',
      children(
        el('AccessKeyId', issued.accessKeyId),
        el('SecretAccessKey', issued.secretAccessKey),
        el('SessionToken', issued.sessionToken),
        el('Expiration', isoSeconds(issued.expiresAt)),
      ),
    ),
    el('PackedPolicySize', 6),
  ].join('');
  return {
    xml: wrap('AssumeRole', result, ctx.requestId),
    assumeRole: {
      roleArn,
      roleSessionName: sessionName,
      ...(externalId !== undefined ? { externalId } : {}),
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    },
  };
}

function getCallerIdentity(ctx: StsContext): StsResult {
  const result = [
    el('Arn', ctx.identity.arn),
    el('UserId', ctx.identity.userId),
    el('Account', ctx.identity.account),
  ].join('');
  return { xml: wrap('GetCallerIdentity', result, ctx.requestId) };
}

export function handleSts(operation: string, params: Record<string, string>, ctx: StsContext): StsResult {
  if (operation === 'AssumeRole') return assumeRole(params, ctx);
  if (operation === 'GetCallerIdentity') return getCallerIdentity(ctx);
  throw new FakeAwsError('InvalidAction', `The fake AWS does not implement sts:${operation} yet.`, 400);
}

/** The STS/awsQuery error document. */
export function stsErrorXml(code: string, message: string, requestId: string, status: number): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return `<ErrorResponse xmlns="${STS_NAMESPACE}">${el(
    'Error',
    children(el('Type', type), el('Code', code), el('Message', message)),
  )}${el('RequestId', requestId)}</ErrorResponse>`;
}
