import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/slack/parse-command.ts';

const ID = '8dfe3659-4309-493a-8755-0123456789ab';

describe('parseCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['history', { kind: 'history' }],
    ['stats', { kind: 'stats' }],
    ['STATS', { kind: 'stats' }],
    [`history ${ID}`, { kind: 'history', associationId: ID }],
    [ID, { kind: 'investigate', associationId: ID }],
    [ID.toUpperCase(), { kind: 'investigate', associationId: ID }],
    [`${ID} --region eu-west-1`, { kind: 'investigate', associationId: ID, region: 'eu-west-1' }],
    [
      `${ID} region eu-west-1 account prod`,
      { kind: 'investigate', associationId: ID, region: 'eu-west-1', account: 'prod' },
    ],
    [
      `${ID} --account=111122223333 --region=us-east-1`,
      { kind: 'investigate', associationId: ID, account: '111122223333', region: 'us-east-1' },
    ],
    [
      `arn:aws:ssm:eu-west-1:111122223333:association/${ID}`,
      { kind: 'investigate', associationId: ID, region: 'eu-west-1', account: '111122223333' },
    ],
    [
      `<https://eu-west-1.console.aws.amazon.com/systems-manager/state-manager/${ID}/description?region=eu-west-1>`,
      { kind: 'investigate', associationId: ID, region: 'eu-west-1' },
    ],
    [
      `https://us-east-2.console.aws.amazon.com/systems-manager/state-manager/${ID}/execution-history`,
      { kind: 'investigate', associationId: ID, region: 'us-east-2' },
    ],
    [
      `https://console.aws.amazon.com/systems-manager/state-manager/${ID}?region=ap-northeast-1 region eu-west-1`,
      { kind: 'investigate', associationId: ID, region: 'eu-west-1' },
    ],
  ])('parses %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ['8dfe3659-4309-493a-8755', /not a valid association id.*8dfe3659-4309-493a-8755-0123456789ab/],
    ['frobnicate', /Unknown subcommand `frobnicate`/],
    [`${ID} --region`, /`region` needs a value/],
    [`${ID} --region moon-1`, /not an AWS region/],
    [`${ID} --colour blue`, /Unexpected `--colour`/],
    ['history not-an-id', /at most one association id/],
    ['https://evil.example.com/8dfe3659-4309-493a-8755-0123456789ab', /Unknown subcommand/],
  ])('rejects %j with a clear problem', (text, problem) => {
    const parsed = parseCommand(text);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.problem).toMatch(problem);
  });
});
