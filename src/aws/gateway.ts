// The AwsGateway: hands out SsmReaders per (account, region, Slack user), reusing one credential
// session per (role, user) and one client set per (account, region, session).
import type { AccessReport, ProbeOutcome } from '../doctor/ports.ts';
import { AppError } from '../domain/app-error.ts';
import type { AccountRef, AwsGateway, Requester, SsmReader, SsmRemediator } from '../investigation/ports.ts';
import { ACCESS_PROBES, callerArn, runProbe } from './access-probes.ts';
import { type AwsCallListener, ClientPool, type ClientSet, requestHandlerOptions } from './clients.ts';
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
  /** Told about every API call (metrics). */
  onCall?: AwsCallListener;
}

/** The user id the setup checks run as: the role session is `ssm-why-doctor` in CloudTrail. */
export const DOCTOR_USER_ID = 'doctor';

/** An AwsGateway that owns sockets: close it on shutdown. */
export interface ClosableAwsGateway extends AwsGateway {
  remediator(account: AccountRef, region: string, requester: Pick<Requester, 'userId'>): SsmRemediator;
  close(): void;
  /** The app's own principal (what the investigator roles must trust). */
  ownIdentity(region: string): Promise<{ arn: string } | { outcome: ProbeOutcome }>;
  /** Assumes the account's role like an investigation does and runs one harmless call per read action. */
  checkAccess(account: AccountRef, region: string): Promise<AccessReport>;
}

export function createAwsGateway(options: AwsGatewayOptions = {}): ClosableAwsGateway {
  const timeouts = {
    connectionMs: options.timeouts?.connectionMs ?? 3000,
    requestMs: options.timeouts?.requestMs ?? 10_000,
  };
  const maxAttempts = options.maxAttempts ?? 4;
  const endpoints = options.endpoints ?? {};
  const retryMode = options.retryMode ?? 'standard';
  const pool = new ClientPool(
    { endpoints, timeouts, maxAttempts, retryMode, ...(options.onCall ? { onCall: options.onCall } : {}) },
    options.maxClientSets,
  );
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

  const clientsFor = (account: AccountRef, region: string, userId: string) => {
    const session = account.roleArn
      ? roles.session({ ...account, roleArn: account.roleArn }, userId)
      : { provider: base, sessionName: undefined, key: 'default' };
    const clients: ClientSet = pool.get(`${account.id}|${region}|${session.key}`, region, session.provider);
    return { clients, sessionName: session.sessionName };
  };

  return {
    reader(account: AccountRef, region: string, requester: Pick<Requester, 'userId'>): SsmReader {
      const { clients, sessionName } = clientsFor(account, region, requester.userId);
      return new SdkSsmReader({ ...clients, account, region, sessionName });
    },
    ownIdentity(region: string) {
      return callerArn(pool.get(`self|${region}`, region, base));
    },
    async checkAccess(account: AccountRef, region: string): Promise<AccessReport> {
      const { clients } = clientsFor(account, region, DOCTOR_USER_ID);
      const identity = await callerArn(clients);
      if (!('arn' in identity)) return { identity, actions: [] };
      const actions = await Promise.all(
        ACCESS_PROBES.map(async (probe) => ({ action: probe.action, outcome: await runProbe(probe, clients) })),
      );
      return { identity, actions };
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
