// What an investigation that ended without a verdict is summarised as (stored, shown in history): in the
// investigation's language, Slack's error code and the last error as they were.
import { describe, expect, it } from 'vitest';
import { unfinishedSummary } from '../../src/investigation/worker.ts';
import { expectJapaneseText } from '../support/japanese-text.ts';

describe('unfinishedSummary', () => {
  const unpostable = { kind: 'unpostable', code: 'not_in_channel' } as const;
  const givenUp = {
    kind: 'given-up',
    message: 'ssm:DescribeAssociation failed: ThrottlingException: Rate exceeded',
  } as const;

  it('in English, word for word as before', () => {
    expect(unfinishedSummary(unpostable, 'en')).toBe('Cannot post in the channel (not_in_channel)');
    expect(unfinishedSummary(givenUp, 'en')).toBe(
      'Could not finish: ssm:DescribeAssociation failed: ThrottlingException: Rate exceeded',
    );
  });

  it('in Japanese, the code and the error message verbatim', () => {
    expectJapaneseText(unfinishedSummary(unpostable, 'ja'), ['not_in_channel']);
    expectJapaneseText(unfinishedSummary(givenUp, 'ja'), [givenUp.message]);
  });
});
