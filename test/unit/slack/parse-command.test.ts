import { describe, expect, it } from 'vitest';
import { texts } from '../../../src/i18n/index.ts';
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
    expect(parsed.kind === 'invalid' && parsed.problem(texts('en'))).toMatch(problem);
  });

  describe('language', () => {
    it.each([
      [`${ID} lang ja`, { kind: 'investigate', associationId: ID, lang: 'ja' }],
      [`${ID} LANG JA region eu-west-1`, { kind: 'investigate', associationId: ID, region: 'eu-west-1', lang: 'ja' }],
      [`${ID} --lang=en account prod`, { kind: 'investigate', associationId: ID, account: 'prod', lang: 'en' }],
      [`history lang ja`, { kind: 'history', lang: 'ja' }],
      [`failing region eu-west-1 lang ja`, { kind: 'failing', region: 'eu-west-1', lang: 'ja' }],
      [`help lang ja`, { kind: 'help', lang: 'ja' }],
      ['lang', { kind: 'lang' }],
      ['lang ja', { kind: 'lang', setting: 'ja' }],
      ['LANG EN', { kind: 'lang', setting: 'en' }],
      ['lang auto', { kind: 'lang', setting: 'auto' }],
    ])('parses %j', (text, expected) => {
      expect(parseCommand(text)).toEqual(expected);
    });

    it.each([
      [`${ID} lang`, /`lang` needs a value/, /`lang` には値が必要です/],
      [`${ID} lang fr`, /`fr` is not a language ssm-why speaks/, /`fr` は ssm-why が対応している言語ではありません/],
      [`${ID} lang ja lang en`, /`lang` is given twice/, /`lang` が 2 回指定されています/],
      ['lang fr', /`fr` is not a language setting/, /`fr` は言語設定として指定できません/],
      ['lang ja en', /`lang` takes one of/, /`lang` には `en`、`ja`、`auto` のいずれか/],
      ['frobnicate lang ja', /Unknown subcommand `frobnicate`/, /`frobnicate` というサブコマンドはありません/],
    ])('rejects %j, saying why in either language', (text, english, japanese) => {
      const parsed = parseCommand(text);
      expect(parsed.kind).toBe('invalid');
      if (parsed.kind !== 'invalid') return;
      expect(parsed.problem(texts('en'))).toMatch(english);
      expect(parsed.problem(texts('ja'))).toMatch(japanese);
    });
  });
});
