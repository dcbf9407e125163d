// Parsing of pushed SSM association events into signals: pure, tolerant of SSM's double-encoded strings.
import { describe, expect, it } from 'vitest';
import { parseSsmEvent, statusCounts } from '../../../src/alerts/push/ssm-event.ts';
import { associationEvent } from '../../support/fake-sns.ts';

// The two examples of ssm-knowledge §6.1, verbatim.
const DOC_ASSOCIATION_EVENT = JSON.parse(
  '{"version":"0","id":"db839caf-6f6c-40af-9a48-25b2ae2b7774","detail-type":"EC2 State Manager Association State Change","source":"aws.ssm","account":"123456789012","time":"2017-05-16T23:01:10Z","region":"us-east-2","resources":["arn:aws:ssm:us-east-2::document/AWS-RunPowerShellScript"],"detail":{"association-id":"6e37940a-23ba-4ab0-9b96-5d0a1a05464f","document-name":"AWS-RunPowerShellScript","association-version":"1","document-version":"Optional.empty","targets":"[{\\"key\\":\\"InstanceIds\\",\\"values\\":[\\"i-12345678\\"]}]","creation-date":"2017-02-13T17:22:54.458Z","last-successful-execution-date":"2017-05-16T23:00:01Z","last-execution-date":"2017-05-16T23:00:01Z","last-updated-date":"2017-02-13T17:22:54.458Z","status":"Success","association-status-aggregated-count":"{\\"Success\\":1}","schedule-expression":"cron(0 */30 * * * ? *)","association-cwe-version":"1.0"}}',
) as Record<string, unknown>;
const DOC_INSTANCE_EVENT = JSON.parse(
  '{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"EC2 State Manager Instance Association State Change","source":"aws.ssm","account":"123456789012","time":"2017-02-23T15:23:48Z","region":"us-east-2","resources":["arn:aws:ec2:us-east-2:123456789012:instance/i-12345678","arn:aws:ssm:us-east-2:123456789012:document/my-custom-document"],"detail":{"association-id":"34fcb7e0-9a14-4984-9989-0e04e3f60bd8","instance-id":"i-12345678","document-name":"my-custom-document","document-version":"1","targets":"[{\\"key\\":\\"instanceids\\",\\"values\\":[\\"i-12345678\\"]}]","creation-date":"2017-02-23T15:23:48Z","last-successful-execution-date":"2017-02-23T16:23:48Z","last-execution-date":"2017-02-23T16:23:48Z","status":"Success","detailed-status":"","error-code":"testErrorCode","execution-summary":"testExecutionSummary","output-url":"sampleurl","instance-association-cwe-version":"1"}}',
) as Record<string, unknown>;

const withDetail = (event: Record<string, unknown>, detail: Record<string, unknown>) => ({
  ...event,
  detail: { ...(event.detail as Record<string, unknown>), ...detail },
});

describe('parseSsmEvent', () => {
  it('turns the documented association event into a push signal', () => {
    expect(parseSsmEvent(DOC_ASSOCIATION_EVENT)).toEqual({
      kind: 'signal',
      signal: {
        source: 'push',
        accountId: '123456789012',
        region: 'us-east-2',
        associationId: '6e37940a-23ba-4ab0-9b96-5d0a1a05464f',
        documentName: 'AWS-RunPowerShellScript',
        status: 'Success',
        statusCounts: { Success: 1 },
        observedAt: new Date('2017-05-16T23:01:10Z'),
        deliveryId: 'db839caf-6f6c-40af-9a48-25b2ae2b7774',
      },
    });
  });

  it('reads a Failed association with its double-encoded counts', () => {
    const outcome = parseSsmEvent(associationEvent({ status: 'Failed', counts: { Failed: 3, Success: 7 } }));
    expect(outcome.kind === 'signal' && outcome.signal.status).toBe('Failed');
    expect(outcome.kind === 'signal' && outcome.signal.statusCounts).toEqual({ Failed: 3, Success: 7 });
  });

  it.each([
    ['not JSON', 'not json {'],
    ['a JSON array', '[1,2]'],
    ['a number', 7],
    ['an empty object', {}],
  ])('tolerates unreadable counts (%s) by leaving them out', (_label, value) => {
    const outcome = parseSsmEvent(withDetail(DOC_ASSOCIATION_EVENT, { 'association-status-aggregated-count': value }));
    expect(outcome.kind).toBe('signal');
    expect(outcome.kind === 'signal' && outcome.signal.statusCounts).toBeUndefined();
  });

  it('ignores unreadable targets and "Optional.empty" document versions (fields a signal does not carry)', () => {
    const outcome = parseSsmEvent(
      withDetail(DOC_ASSOCIATION_EVENT, { targets: '[{broken', 'document-version': 'Optional.empty' }),
    );
    expect(outcome.kind).toBe('signal');
  });

  it('maps a Failed instance event to the association, with the instance and its error code', () => {
    const failed = withDetail(DOC_INSTANCE_EVENT, {
      status: 'Failed',
      'error-code': 'StuckAtInProgress',
      'execution-summary': 'Association stuck at InProgress for longer than 2 hours',
    });
    const outcome = parseSsmEvent(failed);
    expect(outcome.kind).toBe('signal');
    if (outcome.kind !== 'signal') return;
    expect(outcome.signal).toMatchObject({
      source: 'push',
      associationId: '34fcb7e0-9a14-4984-9989-0e04e3f60bd8',
      documentName: 'my-custom-document',
      status: 'Failed',
      detailedStatus: 'instance i-12345678: StuckAtInProgress: Association stuck at InProgress for longer than 2 hours',
      deliveryId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    });
    expect(outcome.signal.statusCounts).toBeUndefined();
  });

  it.each(['Success', 'Pending', 'InProgress'])('ignores an instance event with status %s', (status) => {
    expect(parseSsmEvent(withDetail(DOC_INSTANCE_EVENT, { status })).kind).toBe('ignored');
  });

  it.each([
    ['another detail-type', { 'detail-type': 'EC2 Command Status-change Notification' }],
    ['another source', { source: 'aws.ec2' }],
  ])('ignores %s', (_label, patch) => {
    expect(parseSsmEvent({ ...DOC_ASSOCIATION_EVENT, ...patch }).kind).toBe('ignored');
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an array', [DOC_ASSOCIATION_EVENT]],
    ['no detail-type', { ...DOC_ASSOCIATION_EVENT, 'detail-type': undefined }],
    ['no detail', { ...DOC_ASSOCIATION_EVENT, detail: 'x' }],
    ['no association id', withDetail(DOC_ASSOCIATION_EVENT, { 'association-id': '' })],
    ['no status', withDetail(DOC_ASSOCIATION_EVENT, { status: undefined })],
    ['no account', { ...DOC_ASSOCIATION_EVENT, account: undefined }],
    ['a malformed account', { ...DOC_ASSOCIATION_EVENT, account: '12345' }],
    ['a malformed region', { ...DOC_ASSOCIATION_EVENT, region: 'nowhere' }],
  ])('rejects %s as invalid', (_label, value) => {
    expect(parseSsmEvent(value).kind).toBe('invalid');
  });

  it('falls back to now() when the event time is unreadable', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const outcome = parseSsmEvent({ ...DOC_ASSOCIATION_EVENT, time: 'yesterday' }, { now: () => now });
    expect(outcome.kind === 'signal' && outcome.signal.observedAt).toEqual(now);
  });

  it('clips a very long instance error to a bounded detail', () => {
    const outcome = parseSsmEvent(
      withDetail(DOC_INSTANCE_EVENT, { status: 'Failed', 'execution-summary': 'x'.repeat(10_000) }),
    );
    expect(outcome.kind === 'signal' && outcome.signal.detailedStatus?.length).toBeLessThanOrEqual(500);
  });
});

describe('statusCounts', () => {
  it('keeps whole non-negative counts only', () => {
    expect(statusCounts('{"Failed":2,"Success":"3","Odd":-1,"Half":1.5,"Text":"x"}')).toEqual({
      Failed: 2,
      Success: 3,
    });
  });
});
