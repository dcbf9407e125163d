// SDK clients, one per (account, region, credential session), with explicit timeouts and retries.
// Endpoints: an explicit override wins; otherwise the SDK resolves AWS_ENDPOINT_URL_<SERVICE> itself
// when a client is constructed, then the regional AWS endpoint.
import type { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { backgroundTurn } from '../foreground.ts';
import type { CredentialProvider } from './credentials.ts';
import { awsErrorName } from './errors.ts';

/** Told about every API call once the SDK is done with it (retries included): for metrics. */
export type AwsCallListener = (call: { service: string; operation: string; errorCode?: string }) => void;

export interface ClientSettings {
  endpoints: { ssm?: string; sts?: string; ec2?: string };
  onCall?: AwsCallListener;
  /** TCP connect and whole-request limits, per attempt. */
  timeouts: { connectionMs: number; requestMs: number };
  /** Attempts per call, including the first (standard retry mode: jittered exponential backoff). */
  maxAttempts: number;
  /** AWS_RETRY_MODE; default standard. */
  retryMode?: 'standard' | 'adaptive' | 'legacy';
}

export interface ClientSet {
  ssm: SSMClient;
  /**
   * Created (and the EC2 SDK loaded: about 40 MB of code and models) on first use only: most investigations never
   * call EC2, and a process that never does should not carry it.
   */
  ec2: () => Promise<EC2Client>;
  sts: STSClient;
}

/**
 * Per-attempt limits for the SDK's node HTTP handler. Without `throwOnRequestTimeout` the handler
 * only logs a warning when `requestTimeout` passes and keeps waiting.
 */
export function requestHandlerOptions(timeouts: ClientSettings['timeouts']) {
  return {
    connectionTimeout: timeouts.connectionMs,
    requestTimeout: timeouts.requestMs,
    throwOnRequestTimeout: true,
  };
}

/** The options every client gets. */
export function clientConfig(
  settings: ClientSettings,
  service: keyof ClientSettings['endpoints'],
  region: string,
  credentials: CredentialProvider,
) {
  const endpoint = settings.endpoints[service];
  return {
    region,
    credentials,
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode ?? 'standard',
    requestHandler: requestHandlerOptions(settings.timeouts),
    ...(endpoint ? { endpoint } : {}),
  };
}

/** Caches client sets by key; the least recently used set beyond `max` is destroyed. */
export class ClientPool {
  private readonly sets = new Map<string, ClientSet>();
  /** The EC2 clients created so far, to destroy with their set. */
  private readonly ec2Clients = new WeakMap<ClientSet, EC2Client>();
  private readonly settings: ClientSettings;
  private readonly max: number;

  constructor(settings: ClientSettings, max = 256) {
    this.settings = settings;
    this.max = max;
  }

  get size(): number {
    return this.sets.size;
  }

  /** The clients for `key` = (account, region, session); created on first use. */
  get(key: string, region: string, credentials: CredentialProvider): ClientSet {
    const existing = this.sets.get(key);
    if (existing) {
      this.sets.delete(key);
      this.sets.set(key, existing);
      return existing;
    }
    const s = this.settings;
    let ec2: Promise<EC2Client> | undefined;
    const set: ClientSet = {
      ssm: acksFirst(new SSMClient(clientConfig(s, 'ssm', region, credentials))),
      ec2: () => {
        ec2 ??= import('@aws-sdk/client-ec2').then(({ EC2Client }) => {
          const client = acksFirst(new EC2Client(clientConfig(s, 'ec2', region, credentials)));
          if (s.onCall) listen(client, 'ec2', s.onCall);
          this.ec2Clients.set(set, client);
          return client;
        });
        return ec2;
      },
      sts: acksFirst(new STSClient(clientConfig(s, 'sts', region, credentials))),
    };
    if (s.onCall) {
      listen(set.ssm, 'ssm', s.onCall);
      listen(set.sts, 'sts', s.onCall);
    }
    this.sets.set(key, set);
    while (this.sets.size > this.max) {
      const oldest = this.sets.keys().next().value;
      if (oldest === undefined) break;
      this.destroySet(this.sets.get(oldest));
      this.sets.delete(oldest);
    }
    return set;
  }

  private destroySet(set: ClientSet | undefined): void {
    if (!set) return;
    set.ssm.destroy();
    this.ec2Clients.get(set)?.destroy();
    set.sts.destroy();
  }

  /** Destroys every client (closes their sockets). */
  destroy(): void {
    for (const set of this.sets.values()) this.destroySet(set);
    this.sets.clear();
  }
}

type AnyClient = SSMClient | EC2Client | STSClient;

/** Background work (an investigation) makes its calls once Slack's requests in flight are answered (foreground.ts). */
function acksFirst<C extends AnyClient>(client: C): C {
  (client.middlewareStack as SSMClient['middlewareStack']).add(
    (next) => async (args) => {
      const turn = backgroundTurn();
      if (turn) await turn;
      return next(args);
    },
    { step: 'initialize', name: 'ssmWhyAcksFirst', priority: 'high' },
  );
  return client;
}

/** A middleware around the whole call (the initialize step wraps the retries): one report per call. */
function listen(client: AnyClient, service: string, onCall: AwsCallListener): void {
  (client.middlewareStack as SSMClient['middlewareStack']).add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      try {
        const result = await next(args);
        onCall({ service, operation });
        return result;
      } catch (error) {
        onCall({ service, operation, errorCode: awsErrorName(error) ?? 'Error' });
        throw error;
      }
    },
    { step: 'initialize', name: 'ssmWhyCallListener' },
  );
}
