// Talks to the fake without the SDK (for tests of the fake itself): an unsigned request with a
// SigV4-shaped Authorization header, which is all the fake reads.
import type { FakeAws } from './server.ts';

export interface RawCredentials {
  accessKeyId: string;
  sessionToken?: string;
}

const authorization = (creds: RawCredentials, region: string, service: string) =>
  `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/20250314/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`;

/** One SSM call: `{ status, body }` with the JSON body parsed. */
export async function rawSsm(
  fake: FakeAws,
  operation: string,
  params: Record<string, unknown>,
  creds: RawCredentials,
  region: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${fake.url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AmazonSSM.${operation}`,
      authorization: authorization(creds, region, 'ssm'),
      ...(creds.sessionToken ? { 'x-amz-security-token': creds.sessionToken } : {}),
    },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** One query-protocol call (STS or EC2): `{ status, text }` with the XML as text. */
export async function rawQuery(
  fake: FakeAws,
  service: 'sts' | 'ec2',
  form: Record<string, string>,
  creds: RawCredentials,
  region: string,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${fake.url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: authorization(creds, region, service),
      ...(creds.sessionToken ? { 'x-amz-security-token': creds.sessionToken } : {}),
    },
    body: new URLSearchParams({ Version: service === 'sts' ? '2011-06-15' : '2016-11-15', ...form }).toString(),
  });
  return { status: res.status, text: await res.text() };
}
