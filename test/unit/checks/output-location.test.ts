import { describe, expect, it } from 'vitest';
import { outputLocationChecks } from '../../../src/domain/checks/output-location.check.ts';
import type { InvestigationFacts } from '../../../src/domain/facts.ts';
import { describeCheckTable, findingsOf, summary } from '../../support/checks.ts';
import { association, factsWith, instanceAssociation, node, output } from '../../support/facts.ts';

const S3 = { bucketName: 'ops-ssm-output', keyPrefix: 'assoc/', region: 'us-east-1' };
const URL = 'https://s3.us-east-1.amazonaws.com/ops-ssm-output/assoc/i-0123456789abcdef0/…';

const withS3 = (overrides: Partial<InvestigationFacts> = {}, s3: typeof S3 | Partial<typeof S3> = S3) =>
  factsWith({
    association: association({ outputS3: s3 }),
    nodes: [node({ associationStatus: instanceAssociation({ outputUrl: URL }) })],
    ...overrides,
  });

const cases: { name: string; facts: InvestigationFacts; ids: string[] }[] = [
  { name: 'healthy association without S3 output', facts: factsWith(), ids: [] },
  {
    name: 'S3 output configured, output arriving → standing warning',
    facts: withS3(),
    ids: ['output.s3-upload-unverified'],
  },
  {
    name: 'S3 output configured in another Region → still a warning',
    facts: withS3({}, { ...S3, region: 'eu-west-1' }),
    ids: ['output.s3-upload-unverified'],
  },
  {
    name: 'completed node run without an output URL',
    facts: withS3({
      nodes: [node({ associationStatus: instanceAssociation({ status: 'Success', outputUrl: undefined }) })],
    }),
    ids: ['output.s3-output-missing'],
  },
  {
    name: 'a pending node run has no output URL yet → warning only',
    facts: withS3({
      nodes: [node({ associationStatus: instanceAssociation({ status: 'Pending', outputUrl: undefined }) })],
    }),
    ids: ['output.s3-upload-unverified'],
  },
  {
    name: 'completed invocation without output URLs',
    facts: withS3({
      outputs: [output({ command: { ...output().command!, stdoutUrl: '', stderrUrl: '' } })],
    }),
    ids: ['output.s3-output-missing'],
  },
  {
    name: 'NoSuchBucket in the output',
    facts: withS3({
      outputs: [
        output({
          command: {
            ...output().command!,
            stdoutUrl: URL,
            stderr:
              'Failed uploading /var/lib/amazon/ssm/x/stdout to s3://ops-ssm-output/assoc/stdout err:NoSuchBucket: The specified bucket does not exist',
          },
        }),
      ],
    }),
    ids: ['output.s3-upload-failed'],
  },
  {
    name: 'S3 AccessDenied in the ExecutionSummary',
    facts: withS3({
      nodes: [
        node({
          associationStatus: instanceAssociation({
            outputUrl: URL,
            executionSummary: {
              ...summary({ plugins: 1, success: 1 }),
              raw: '1 out of 1 plugin processed, 1 success, 0 failed, 0 timedout, 0 skipped. Failed to upload the output to s3: AccessDenied: Access Denied',
            },
          }),
        }),
      ],
    }),
    ids: ['output.s3-upload-failed'],
  },
  {
    name: 'AccessDenied unrelated to S3 is not an upload failure',
    facts: withS3({
      outputs: [
        output({
          command: {
            ...output().command!,
            stdoutUrl: URL,
            stderr: 'AccessDenied: not allowed to call ec2:StopInstances',
          },
        }),
      ],
    }),
    ids: ['output.s3-upload-unverified'],
  },
];

describeCheckTable('output location', outputLocationChecks, cases);

describe('output location evidence', () => {
  it('is only a caution (info) when the bucket is in the same Region and nothing failed', () => {
    const [f] = findingsOf(outputLocationChecks, withS3({}, { ...S3, region: 'us-east-1' }));
    expect(f?.id).toBe('output.s3-upload-unverified');
    expect(f?.severity).toBe('info');
  });

  it('names the bucket, prefix and the Region mismatch', () => {
    const [f] = findingsOf(outputLocationChecks, withS3({}, { ...S3, region: 'eu-west-1' }));
    expect(f?.severity).toBe('warning');
    expect(f?.evidence).toEqual([
      { field: 'DescribeAssociation.OutputLocation.S3Location.OutputS3BucketName', value: 'ops-ssm-output' },
      { field: 'DescribeAssociation.OutputLocation.S3Location.OutputS3KeyPrefix', value: 'assoc/' },
      {
        field: 'DescribeAssociation.OutputLocation.S3Location.OutputS3Region',
        value: 'eu-west-1 (the association runs in us-east-1)',
      },
    ]);
    expect(f?.logPaths?.length).toBeGreaterThan(0);
    expect(f?.remediation.join(' ')).toContain('s3:PutObject');
    expect(f?.remediation.join(' ')).toContain('kms:GenerateDataKey');
  });

  it('an upload failure is an error that quotes the S3 error line', () => {
    const [f] = findingsOf(
      outputLocationChecks,
      withS3({
        outputs: [
          output({
            command: {
              ...output().command!,
              stdoutUrl: URL,
              stderr: 'err:NoSuchBucket: The specified bucket does not exist',
            },
          }),
        ],
      }),
    );
    expect(f?.severity).toBe('error');
    expect(f?.evidence[0]).toEqual({
      field: 'GetCommandInvocation.StandardErrorContent',
      value: 'err:NoSuchBucket: The specified bucket does not exist',
    });
    expect(f?.step).toBe('output');
  });
});
