// The AwsGateway: hands out SsmReaders per (account, region, Slack user), reusing one credential
// session per (role, user) and one client set per (account, region, session).
import { AppError } from '../domain/app-error.ts';
import type { AccountRef, AwsGateway, Requester, SsmReader, SsmRemediator } from '../investigation/ports.ts';
import { ClientPool, requestHandlerOptions } from './clients.ts';
import {
  type AwsCredentials,
  baseCredentials,
  type CredentialProvider,
  memoizeCredentials,
  RoleCredentials,
} from './credentials.ts';
import { SdkSsmReader } from './ssm-reader.ts';
import { SdkSsmRemediator } from './ssm-remediator.ts';

export interface AwsGatewayOptions {
  /** Explicit endpoints (tests, VPC endpoints); otherwise AWS_ENDPOINT_URL_<SERVICE> or the AWS default. */
  endpoints?: { ssm?: string; sts?: string; ec2?: string };
  timeouts?: { connectionMs?: number; requestMs?: number };
  /** Attempts per call including the first; default 4. */
  maxAttempts?: number;
  /** The SDK's retry mode (AWS_RETRY_MODE); default standard. */
  retryMode?: 'standard' | 'adaptive' | 'legacy';
  /** The app's own credentials; default the SDK's default chain. */
  defaultCredentials?: AwsCredentials | CredentialProvider;
  /** AssumeRole DurationSeconds, clamped to 900–3600; default 900. */
  assumeRoleDurationSeconds?: number;
  /** Upper bound on cached client sets (each holds a socket pool). Default 256. */
  maxClientSets?: number;
}

/** An AwsGateway that owns sockets: close it on shutdown. */
export interface ClosableAwsGateway extends AwsGateway {
  remediator(account: AccountRef, region: string, requester: Pick<Requester, 'userId'>): SsmRemediator;
  close(): void;
}

export function createAwsGateway(options: AwsGatewayOptions = {}): ClosableAwsGateway {
  const timeouts = {
    connectionMs: options.timeouts?.connectionMs ?? 3000,
    requestMs: options.timeouts?.requestMs ?? 10_000,
  };
  const maxAttempts = options.maxAttempts ?? 4;
  const endpoints = options.endpoints ?? {};
  const retryMode = options.retryMode ?? 'standard';
  const pool = new ClientPool({ endpoints, timeouts, maxAttempts, retryMode }, options.maxClientSets);
  const base = memoizeCredentials(baseCredentials(options.defaultCredentials), 300_000);
  const roles = new RoleCredentials({
    base,
    sts: {
      ...(endpoints.sts ? { endpoint: endpoints.sts } : {}),
      maxAttempts,
      retryMode,
      requestHandler: requestHandlerOptions(timeouts),
    },
    durationSeconds: options.assumeRoleDurationSeconds,
  });

  return {
    reader(account: AccountRef, region: string, requester: Pick<Requester, 'userId'>): SsmReader {
      const session = account.roleArn
        ? roles.session({ ...account, roleArn: account.roleArn }, requester.userId)
        : { provider: base, sessionName: undefined, key: 'default' };
      const clients = pool.get(`${account.id}|${region}|${session.key}`, region, session.provider);
      return new SdkSsmReader({ ...clients, account, region, sessionName: session.sessionName });
    },
    remediator(account: AccountRef, region: string, requester: Pick<Requester, 'userId'>): SsmRemediator {
      const roleArn = account.remediatorRoleArn;
      if (!roleArn) throw new AppError('config', `account ${account.id} has no remediator role`);
      const session = roles.session({ ...account, roleArn }, requester.userId);
      const clients = pool.get(`${account.id}|${region}|${session.key}`, region, session.provider);
      return new SdkSsmRemediator({ ssm: clients.ssm, account: { ...account, roleArn }, region });
    },
    close(): void {
      pool.destroy();
    },
  };
}
