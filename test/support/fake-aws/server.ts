// One node:http server that speaks enough AWS for ssm-why: SSM (awsJson1_1), STS (awsQuery), EC2
// (ec2 query) and the SSM Agent release file. The real SDK talks to it; every request is recorded.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Ec2Params, ec2ErrorXml, handleEc2, parseEc2Params } from './ec2.ts';
import { FakeAwsError } from './errors.ts';
import { errorMessageMember, isFault, validateInput } from './model-shapes.ts';
import { handleSsm } from './ssm.ts';
import { handleSts, stsErrorXml } from './sts.ts';
import type {
  FakeIdentity,
  FakeService,
  Fault,
  IssuedCredentials,
  RecordedCall,
  RegionData,
  Scenario,
} from './types.ts';
import { el, xmlDocument } from './xml.ts';

export interface FakeAws {
  /** Base URL, e.g. `http://127.0.0.1:40123` — the endpoint for SSM, STS and EC2 alike. */
  readonly url: string;
  /** Every request, in order. Clear it with `calls.length = 0`. */
  readonly calls: RecordedCall[];
  /** Read on every request: mutate it (or replace it) between calls. */
  scenario: Scenario;
  /** `{url}/amazon-ssm-{region}/latest/VERSION`, for the agent release source. */
  readonly agentReleaseUrlTemplate: string;
  /** Epoch ms when the fake started: a call's `at` is relative to it. */
  readonly startedAt: number;
  /** Calls to one operation (of one service, if given). */
  callsTo(operation: string, service?: FakeService): RecordedCall[];
  /** The role and session name behind credentials the fake issued (AssumeRole), for "who made this call". */
  sessionOf(accessKeyId: string | undefined): { roleArn?: string; sessionName?: string } | undefined;
  /** Session credentials for an account, as if a role there had been assumed (no AssumeRole call). */
  credentialsFor(account: string): { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  close(): Promise<void>;
}

const AUTH = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;
const VERSION_PATH = /^\/amazon-ssm-([a-z0-9-]+)\/latest\/VERSION$/;

interface Signer {
  accessKeyId: string;
  region: string;
  service: string;
}

function parseAuthorization(header: string | undefined): Signer | undefined {
  const m = header ? AUTH.exec(header) : null;
  if (!m) return undefined;
  return { accessKeyId: m[1] ?? '', region: m[2] ?? '', service: m[3] ?? '' };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function defaultStatus(service: FakeService, code: string): number {
  if (service === 'ssm') return isFault(code) || code === 'InternalServerError' ? 500 : 400;
  if (service === 'sts') return code === 'AccessDenied' || code === 'InvalidClientTokenId' ? 403 : 400;
  if (service === 'ec2') {
    if (code === 'UnauthorizedOperation') return 403;
    if (code === 'AuthFailure') return 401;
    if (code === 'RequestLimitExceeded' || code === 'Unavailable') return 503;
    if (code === 'InternalError') return 500;
    return 400;
  }
  if (code === 'NoSuchKey' || code === 'NoSuchBucket') return 404;
  if (code === 'AccessDenied') return 403;
  if (code === 'SlowDown') return 503;
  return 400;
}

function defaultMessage(fault: Fault, service: FakeService, operation: string, identity: FakeIdentity, region: string) {
  const code = fault.code ?? '';
  const action = `${service}:${operation}`;
  if (code === 'AccessDeniedException' || code === 'AccessDenied' || code === 'UnauthorizedOperation') {
    const resource = service === 'ssm' ? ` on resource: arn:aws:ssm:${region}:${identity.account}:*` : '';
    return `User: ${identity.arn} is not authorized to perform: ${action}${resource} because no identity-based policy allows the ${action} action`;
  }
  if (code === 'ThrottlingException' || code === 'Throttling') return 'Rate exceeded';
  if (code === 'RequestLimitExceeded') return 'Request limit exceeded.';
  return `${code} (injected by the fake)`;
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeAws(initial: Scenario): Promise<FakeAws> {
  const started = Date.now();
  const calls: RecordedCall[] = [];
  const issued = new Map<string, IssuedCredentials>();
  const faultUses = new Map<Fault, number>();
  let issuedCount = 0;

  const issue: (
    input: Omit<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>,
  ) => IssuedCredentials = (input) => {
    issuedCount += 1;
    // ASIA + 4 counter chars + the 12-digit account: 20 characters, like a real temporary key id.
    const accessKeyId = `ASIA${issuedCount.toString(36).toUpperCase().padStart(4, '0')}${input.identity.account}`;
    const creds: IssuedCredentials = {
      ...input,
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(48).toString('base64')}`,
    };
    issued.set(accessKeyId, creds);
    return creds;
  };

  const fake: FakeAws = {
    url: '',
    calls,
    scenario: initial,
    agentReleaseUrlTemplate: '',
    startedAt: started,
    callsTo: (operation, service) =>
      calls.filter((c) => c.operation === operation && (service === undefined || c.service === service)),
    sessionOf: (accessKeyId) => {
      const session = accessKeyId ? issued.get(accessKeyId) : undefined;
      return session ? { roleArn: session.roleArn, sessionName: session.sessionName } : undefined;
    },
    credentialsFor: (account) => {
      const creds = issue({
        expiresAt: Date.now() + 12 * 3600_000,
        identity: {
          account,
          arn: `arn:aws:sts::${account}:assumed-role/FakeTestRole/fake-test`,
          userId: 'AROAFAKETESTROLE0000:fake-test',
        },
      });
      return {
        accessKeyId: creds.accessKeyId,
        secretAccessKey: creds.secretAccessKey,
        sessionToken: creds.sessionToken,
      };
    },
    close: async () => {},
  };

  const regionData = (account: string, region: string): RegionData =>
    fake.scenario.accounts[account]?.regions[region] ?? {};

  const takeFault = (
    service: FakeService,
    operation: string,
    account: string | undefined,
    region: string | undefined,
    params: Record<string, unknown>,
  ): Fault | undefined => {
    for (const fault of fake.scenario.faults) {
      if (fault.service !== undefined && fault.service !== service) continue;
      if (fault.operation !== '*' && fault.operation !== operation) continue;
      if (fault.account !== undefined && fault.account !== account) continue;
      if (fault.region !== undefined && fault.region !== region) continue;
      if (fault.match && !fault.match(params)) continue;
      const used = faultUses.get(fault) ?? 0;
      if (fault.times !== undefined && used >= fault.times) continue;
      faultUses.set(fault, used + 1);
      return fault;
    }
    return undefined;
  };

  const send = (res: ServerResponse, status: number, contentType: string, body: string, requestId: string) => {
    if (res.destroyed || res.writableEnded) return; // the client gave up (timeout test)
    res.writeHead(status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': requestId,
    });
    res.end(body);
  };

  type Resolved = { identity: FakeIdentity; session?: IssuedCredentials } | { error: 'invalid' | 'expired' };

  const resolveIdentity = (accessKeyId: string, sessionToken: string | undefined): Resolved => {
    const session = issued.get(accessKeyId);
    if (session) {
      if (session.sessionToken !== sessionToken) return { error: 'invalid' };
      if (Date.now() >= session.expiresAt) return { error: 'expired' };
      return { identity: session.identity, session };
    }
    if (accessKeyId.startsWith('ASIA')) return { error: 'invalid' };
    return { identity: fake.scenario.staticIdentities?.[accessKeyId] ?? fake.scenario.caller };
  };

  const authErrors: Record<'ssm' | 'sts' | 'ec2', Record<'invalid' | 'expired', [string, string]>> = {
    ssm: {
      invalid: ['UnrecognizedClientException', 'The security token included in the request is invalid.'],
      expired: ['ExpiredTokenException', 'The security token included in the request is expired'],
    },
    sts: {
      invalid: ['InvalidClientTokenId', 'The security token included in the request is invalid.'],
      expired: ['ExpiredToken', 'The security token included in the request is expired'],
    },
    ec2: {
      invalid: ['AuthFailure', 'AWS was not able to validate the provided access credentials'],
      expired: ['RequestExpired', 'Request has expired.'],
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const sdk = {
      ...(typeof req.headers['amz-sdk-request'] === 'string' ? { sdkRequest: req.headers['amz-sdk-request'] } : {}),
      ...(typeof req.headers['user-agent'] === 'string' ? { userAgent: req.headers['user-agent'] } : {}),
    };
    const record = (call: Omit<RecordedCall, 'requestId' | 'at'>) => {
      calls.push({ ...call, ...sdk, requestId, at: Date.now() - started });
    };

    // The SSM Agent release file (public S3 object, unsigned GET).
    const version = req.method === 'GET' ? VERSION_PATH.exec(url.pathname) : null;
    if (version) {
      const region = version[1] ?? '';
      const params = { bucket: `amazon-ssm-${region}`, key: 'latest/VERSION' };
      const fault = takeFault('s3', 'GetObject', undefined, region, params);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.code) {
        const status = fault.status ?? defaultStatus('s3', fault.code);
        record({ service: 's3', operation: 'GetObject', params, region, status, errorCode: fault.code });
        const xml = xmlDocument(
          `<Error>${el('Code', fault.code)}${el('Message', fault.message ?? fault.code)}</Error>`,
        );
        send(res, status, 'application/xml', xml, requestId);
        return;
      }
      const text = fake.scenario.agentVersions[region] ?? fake.scenario.agentVersions['*'];
      if (text === undefined) {
        record({ service: 's3', operation: 'GetObject', params, region, status: 404, errorCode: 'NoSuchKey' });
        const xml = xmlDocument(
          `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>${el('Key', 'latest/VERSION')}</Error>`,
        );
        send(res, 404, 'application/xml', xml, requestId);
        return;
      }
      record({ service: 's3', operation: 'GetObject', params, region, status: 200 });
      send(res, 200, 'text/plain', text, requestId);
      return;
    }

    const signer = parseAuthorization(req.headers.authorization);
    const target = req.headers['x-amz-target'];
    const form = target ? undefined : Object.fromEntries(new URLSearchParams(body));
    let service: 'ssm' | 'sts' | 'ec2';
    let operation: string;
    if (typeof target === 'string' && target.startsWith('AmazonSSM.')) {
      service = 'ssm';
      operation = target.slice('AmazonSSM.'.length);
    } else if (form?.Action) {
      service = form.Version === '2016-11-15' || signer?.service === 'ec2' ? 'ec2' : 'sts';
      operation = form.Action;
    } else {
      send(res, 400, 'text/plain', `The fake AWS cannot route ${req.method} ${url.pathname}`, requestId);
      return;
    }

    const ssmParams: Record<string, unknown> =
      service === 'ssm' ? (JSON.parse(body || '{}') as Record<string, unknown>) : {};
    const ec2Params: Ec2Params | undefined = service === 'ec2' && form ? parseEc2Params(form) : undefined;
    const params: Record<string, unknown> =
      service === 'ssm' ? ssmParams : service === 'ec2' ? { ...ec2Params } : { ...(form ?? {}) };
    const region = signer?.region ?? '';

    const fail = (error: FakeAwsError, extra: Partial<RecordedCall> & { account?: string; accessKeyId?: string }) => {
      const status = error.status ?? defaultStatus(service, error.code);
      record({ service, operation, params, region, ...extra, status, errorCode: error.code });
      if (service === 'ssm') {
        const member = errorMessageMember(error.code);
        const json = JSON.stringify({ __type: error.code, ...(member ? { [member]: error.message } : {}) });
        send(res, status, 'application/x-amz-json-1.1', json, requestId);
      } else if (service === 'sts') {
        send(res, status, 'text/xml', stsErrorXml(error.code, error.message, requestId, status), requestId);
      } else {
        send(
          res,
          status,
          'text/xml;charset=UTF-8',
          xmlDocument(ec2ErrorXml(error.code, error.message, requestId)),
          requestId,
        );
      }
    };

    if (!signer) {
      fail(
        new FakeAwsError(
          service === 'ssm' ? 'MissingAuthenticationTokenException' : 'MissingAuthenticationToken',
          'Missing Authentication Token',
          403,
        ),
        {},
      );
      return;
    }
    const token = req.headers['x-amz-security-token'];
    const resolved = resolveIdentity(signer.accessKeyId, typeof token === 'string' ? token : undefined);
    if ('error' in resolved) {
      const [code, message] = authErrors[service][resolved.error];
      fail(new FakeAwsError(code, message, service === 'sts' && resolved.error === 'invalid' ? 403 : undefined), {
        accessKeyId: signer.accessKeyId,
      });
      return;
    }
    const { identity, session } = resolved;
    const who = { accessKeyId: signer.accessKeyId, account: identity.account };

    const fault = takeFault(service, operation, identity.account, region, params);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.code) {
      const message = fault.message ?? defaultMessage(fault, service, operation, identity, region);
      fail(new FakeAwsError(fault.code, message, fault.status), who);
      return;
    }

    try {
      if (service === 'ssm') {
        const issues = validateInput(operation, ssmParams);
        if (issues.length > 0) {
          throw new FakeAwsError('ValidationException', `1 validation error detected: ${issues[0]}`);
        }
        const response = handleSsm(operation, ssmParams, {
          data: regionData(identity.account, region),
          account: identity.account,
          region,
          identity,
        });
        record({ service, operation, params, region, ...who, status: 200, response });
        send(res, 200, 'application/x-amz-json-1.1', JSON.stringify(response), requestId);
      } else if (service === 'sts') {
        const result = handleSts(operation, form ?? {}, {
          scenario: fake.scenario,
          identity,
          session,
          requestId,
          issue,
        });
        record({ service, operation, params, region, ...who, ...(result.assumeRole ?? {}), status: 200 });
        send(res, 200, 'text/xml', xmlDocument(result.xml), requestId);
      } else {
        const xml = handleEc2(operation, ec2Params as Ec2Params, {
          data: regionData(identity.account, region),
          region,
          requestId,
          account: identity.account,
        });
        record({ service, operation, params, region, ...who, status: 200 });
        send(res, 200, 'text/xml;charset=UTF-8', xmlDocument(xml), requestId);
      }
    } catch (error) {
      if (!(error instanceof FakeAwsError)) throw error;
      const extra: Partial<RecordedCall> = { ...who };
      if (operation === 'AssumeRole') {
        extra.roleArn = String(form?.RoleArn ?? '');
        if (form?.RoleSessionName !== undefined) extra.roleSessionName = form.RoleSessionName;
        if (form?.ExternalId !== undefined) extra.externalId = form.ExternalId;
      }
      fail(error, extra);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the fake: make it loud in the test output and a 500 on the wire.
      console.error('fake-aws internal error', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  Object.assign(fake, {
    url,
    agentReleaseUrlTemplate: `${url}/amazon-ssm-{region}/latest/VERSION`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
  return fake;
}
