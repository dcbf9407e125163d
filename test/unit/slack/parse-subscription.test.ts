import { describe, expect, it } from 'vitest';
import { texts } from '../../../src/i18n/index.ts';
import { parseCommand } from '../../../src/slack/parse-command.ts';
import { englishLeft } from '../../support/japanese-text.ts';

const ID = '8dfe3659-4309-493a-8755-0123456789ab';

describe('parseCommand: subscriptions', () => {
  it.each([
    ['subscribe', { kind: 'subscribe', filter: {} }],
    ['SUBSCRIBE', { kind: 'subscribe', filter: {} }],
    ['subscribe account prod', { kind: 'subscribe', filter: { account: 'prod' } }],
    [
      'subscribe account 111122223333 region eu-west-1',
      { kind: 'subscribe', filter: { account: '111122223333', region: 'eu-west-1' } },
    ],
    [
      `subscribe --account=prod --region us-east-1 --association ${ID.toUpperCase()}`,
      { kind: 'subscribe', filter: { account: 'prod', region: 'us-east-1', associationId: ID } },
    ],
    [
      `subscribe association arn:aws:ssm:eu-west-1:111122223333:association/${ID}`,
      { kind: 'subscribe', filter: { associationId: ID, region: 'eu-west-1', account: '111122223333' } },
    ],
    [
      `subscribe account prod association arn:aws:ssm:eu-west-1:111122223333:association/${ID}`,
      { kind: 'subscribe', filter: { associationId: ID, region: 'eu-west-1', account: 'prod' } },
    ],
    ['subscribe document AWS-RunShellScript', { kind: 'subscribe', filter: { documentName: 'AWS-RunShellScript' } }],
    [
      'subscribe document arn:aws:ssm:eu-west-1:123456789012:document/Acme-Baseline',
      { kind: 'subscribe', filter: { documentName: 'arn:aws:ssm:eu-west-1:123456789012:document/Acme-Baseline' } },
    ],
    ['subscribe name web-*', { kind: 'subscribe', filter: { namePattern: 'web-*' } }],
    ['subscribe name=web-??', { kind: 'subscribe', filter: { namePattern: 'web-??' } }],
    ['subscriptions', { kind: 'subscriptions' }],
    ['unsubscribe all', { kind: 'unsubscribe', target: 'all' }],
    ['unsubscribe ALL', { kind: 'unsubscribe', target: 'all' }],
    ['unsubscribe 3F9A0C1E', { kind: 'unsubscribe', target: '3f9a0c1e' }],
    [`unsubscribe ${ID}`, { kind: 'unsubscribe', target: ID }],
  ])('parses %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ['subscribe colour blue', /Unexpected `colour`/],
    ['subscribe account', /`account` needs a value/],
    ['subscribe account prod account dev', /`account` is given twice/],
    ['subscribe region moon-1', /not an AWS region/],
    ['subscribe association 1234', /not a valid association id/],
    ['subscribe document ab', /not an SSM document name/],
    ['subscribe name web*;rm', /not an association name pattern/],
    [`subscribe association ${ID} document AWS-RunShellScript`, /Choose one of `association`, `document` or `name`/],
    [
      `subscribe region us-east-1 association arn:aws:ssm:eu-west-1:111122223333:association/${ID}`,
      /in region eu-west-1, not us-east-1/,
    ],
    ['subscriptions all', /takes no options/],
    ['unsubscribe', /one subscription id .* or `all`/],
    ['unsubscribe a b', /one subscription id/],
    ['unsubscribe nope', /not a subscription id/],
    ['unsubscribe <!channel>', /not a subscription id/],
  ])('rejects %j with a clear problem, in English and in Japanese', (text, problem) => {
    const parsed = parseCommand(text);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind !== 'invalid') return;
    expect(parsed.problem(texts('en'))).toMatch(problem);
    // The Japanese says it whole: Japanese, and no English phrase outside the quoted code.
    const japanese = parsed.problem(texts('ja'));
    expect(japanese).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(englishLeft(japanese), japanese).toEqual([]);
  });
});
