// EC2 (ec2 query protocol → XML): DescribeInstances by InstanceId.N or Filter.N (instance-id,
// instance-state-name), with EC2's quirks: an unknown InstanceId.N fails the whole call, MaxResults
// cannot be combined with InstanceId.N.
import { FakeAwsError } from './errors.ts';
import type { Ec2InstanceSpec, RegionData } from './types.ts';
import { children, el } from './xml.ts';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export interface Ec2Params {
  InstanceIds: string[];
  Filters: { Name: string; Values: string[] }[];
  MaxResults?: number;
  NextToken?: string;
}

/** Decodes `InstanceId.1=…&Filter.1.Name=…&Filter.1.Value.1=…` into lists. */
export function parseEc2Params(form: Record<string, string>): Ec2Params {
  const ids: [number, string][] = [];
  const filters = new Map<number, { Name: string; Values: [number, string][] }>();
  for (const [key, value] of Object.entries(form)) {
    let m = /^InstanceId\.(\d+)$/.exec(key);
    if (m) {
      ids.push([Number(m[1]), value]);
      continue;
    }
    m = /^Filter\.(\d+)\.(Name|Value\.(\d+))$/.exec(key);
    if (m) {
      const n = Number(m[1]);
      const f = filters.get(n) ?? { Name: '', Values: [] };
      if (m[2] === 'Name') f.Name = value;
      else f.Values.push([Number(m[3]), value]);
      filters.set(n, f);
    }
  }
  const byIndex = <T>(a: [number, T][]) => a.sort(([x], [y]) => x - y).map(([, v]) => v);
  const params: Ec2Params = {
    InstanceIds: byIndex(ids),
    Filters: [...filters.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, f]) => ({ Name: f.Name, Values: byIndex(f.Values) })),
  };
  if (form.MaxResults !== undefined) params.MaxResults = Number(form.MaxResults);
  if (form.NextToken !== undefined) params.NextToken = form.NextToken;
  return params;
}

const STATE_CODES: Record<Ec2InstanceSpec['state'], number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

function instanceXml(i: Ec2InstanceSpec, region: string): string {
  const profileId = i.instanceProfileArn
    ? `AIPA${Buffer.from(i.instanceProfileArn).toString('hex').slice(0, 17).toUpperCase()}`
    : undefined;
  const tags = Object.entries(i.tags ?? {});
  return el(
    'item',
    children(
      el('instanceId', i.instanceId),
      el('imageId', 'ami-0abcdef1234567890'),
      el('instanceState', children(el('code', STATE_CODES[i.state]), el('name', i.state))),
      el('privateDnsName', `ip-10-0-0-1.${region}.compute.internal`),
      el('instanceType', i.instanceType ?? 't3.micro'),
      el('launchTime', new Date(Math.round((i.launchTime ?? 1_700_000_000) * 1000)).toISOString()),
      el('placement', children(el('availabilityZone', `${region}a`), el('tenancy', 'default'))),
      i.platform ? el('platform', i.platform) : '',
      el('privateIpAddress', i.privateIpAddress ?? '10.0.0.1'),
      i.instanceProfileArn
        ? el('iamInstanceProfile', children(el('arn', i.instanceProfileArn), el('id', profileId)))
        : '',
      el('platformDetails', i.platformDetails ?? (i.platform === 'windows' ? 'Windows' : 'Linux/UNIX')),
      el(
        'metadataOptions',
        children(
          el('state', 'applied'),
          el('httpTokens', i.httpTokens ?? 'required'),
          el('httpPutResponseHopLimit', 2),
          el('httpEndpoint', 'enabled'),
        ),
      ),
      tags.length > 0
        ? el('tagSet', children(...tags.map(([k, v]) => el('item', children(el('key', k), el('value', v))))))
        : '',
    ),
  );
}

const decodeToken = (token: string) => {
  const n = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0)
    throw new FakeAwsError('InvalidParameterValue', 'Invalid value for nextToken', 400);
  return n;
};

function describeInstances(
  params: Ec2Params,
  data: RegionData,
  region: string,
  requestId: string,
  owner: string,
): string {
  const all = data.ec2Instances ?? [];
  if (params.MaxResults !== undefined && params.InstanceIds.length > 0) {
    throw new FakeAwsError(
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
      400,
    );
  }
  if (params.MaxResults !== undefined && (params.MaxResults < 5 || params.MaxResults > 1000)) {
    throw new FakeAwsError(
      'InvalidParameterValue',
      `Value ( ${params.MaxResults} ) for parameter maxResults is invalid.`,
      400,
    );
  }
  for (const id of params.InstanceIds) {
    if (!/^i-[0-9a-f]{8,17}$/.test(id))
      throw new FakeAwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`, 400);
  }
  const missing = params.InstanceIds.filter((id) => !all.some((i) => i.instanceId === id));
  if (missing.length > 0) {
    const quoted = missing.map((id) => `'${id}'`).join(', ');
    throw new FakeAwsError(
      'InvalidInstanceID.NotFound',
      missing.length === 1 ? `The instance ID ${quoted} does not exist` : `The instance IDs ${quoted} do not exist`,
      400,
    );
  }
  let found = all.filter((i) => params.InstanceIds.length === 0 || params.InstanceIds.includes(i.instanceId));
  for (const f of params.Filters) {
    if (f.Name === 'instance-id') found = found.filter((i) => f.Values.includes(i.instanceId));
    else if (f.Name === 'instance-state-name') found = found.filter((i) => f.Values.includes(i.state));
    else if (f.Name.startsWith('tag:'))
      found = found.filter((i) => f.Values.includes(i.tags?.[f.Name.slice(4)] ?? '\u0000'));
    else throw new FakeAwsError('InvalidParameterValue', `The filter '${f.Name}' is invalid`, 400);
  }
  const offset = params.NextToken ? decodeToken(params.NextToken) : 0;
  const size = params.MaxResults ?? found.length;
  const pageItems = found.slice(offset, offset + size);
  const next = offset + size < found.length ? Buffer.from(String(offset + size)).toString('base64url') : undefined;
  const reservations = pageItems.map((i, n) =>
    el(
      'item',
      children(
        el('reservationId', `r-0${(offset + n).toString(16).padStart(16, '0')}`),
        el('ownerId', owner),
        el('groupSet', children()),
        el('instancesSet', children(instanceXml(i, region))),
      ),
    ),
  );
  return `<DescribeInstancesResponse xmlns="${EC2_NAMESPACE}">${el('requestId', requestId)}${el(
    'reservationSet',
    children(...reservations),
  )}${next ? el('nextToken', next) : ''}</DescribeInstancesResponse>`;
}

export function handleEc2(
  operation: string,
  params: Ec2Params,
  ctx: { data: RegionData; region: string; requestId: string; account: string },
): string {
  if (operation === 'DescribeInstances')
    return describeInstances(params, ctx.data, ctx.region, ctx.requestId, ctx.account);
  throw new FakeAwsError('InvalidAction', `The fake AWS does not implement ec2:${operation} yet.`, 400);
}

export function ec2ErrorXml(code: string, message: string, requestId: string): string {
  return `<Response>${el('Errors', children(el('Error', children(el('Code', code), el('Message', message)))))}${el(
    'RequestID',
    requestId,
  )}</Response>`;
}
