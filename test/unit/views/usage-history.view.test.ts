import { describe, expect, it } from 'vitest';
import { type HistoryItem, renderHistory } from '../../../src/slack/views/history.view.ts';
import { EXAMPLE_ASSOCIATION_ID, renderUsage } from '../../../src/slack/views/usage.view.ts';
import { allText, expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import { ASSOCIATION_ID, INJECTION, investigation } from './samples.ts';

describe('renderUsage', () => {
  it.each([
    '`/ssm-why <association-id> [account <name|id>] [region <region>]`',
    '`--account <name|id>` and `--region <region>`',
    'console URL or an association ARN',
    '`/ssm-why history [<association-id>]`',
    '`/ssm-why help`',
    '`/ssm-why subscribe [account <name|id>] [region <region>] [association <id> | document <name> | name <glob>]`',
    '`/ssm-why subscriptions`',
    '`/ssm-why unsubscribe <id|all>`',
  ])('shows %s', (expected) => {
    const message = renderUsage({ lang: 'en' });
    expectWithinLimits(message);
    expect(allText(message)).toContain(expected);
  });

  it.each([
    { problem: 'Unknown subcommand `frobnicate`.', shown: 'Unknown subcommand `frobnicate`.' },
    { problem: 'That does not look like an association id: 1234', shown: 'association id: 1234' },
  ])('puts the problem on top with the expected id form: $problem', ({ problem, shown }) => {
    const message = renderUsage({ lang: 'en', problem });
    expectWithinLimits(message);
    const first = message.blocks[0];
    const firstText = first?.type === 'section' ? (first.text?.text ?? '') : '';
    expect(firstText).toContain(shown);
    expect(firstText).toContain(`An association id looks like \`${EXAMPLE_ASSOCIATION_ID}\``);
    expect(message.text).toContain(shown);
  });

  it('escapes the problem (it holds what the user typed)', () => {
    const message = renderUsage({ lang: 'en', problem: `Unknown subcommand ${INJECTION.repeat(200)}` });
    expectWithinLimits(message);
    expectNoInjection(message);
  });
});

const item = (overrides: Partial<HistoryItem> = {}): HistoryItem => ({
  ...investigation({ status: 'done', verdictSummary: 'The script failed on 12 targets' }),
  ...overrides,
});

describe('renderHistory', () => {
  it('empty list', () => {
    const message = renderHistory({ lang: 'en', items: [], associationId: ASSOCIATION_ID });
    expectWithinLimits(message);
    expect(message.text).toBe(`No investigations of association \`${ASSOCIATION_ID}\` yet in this channel.`);
  });

  it.each([
    {
      name: 'a permalink',
      entry: item({
        permalink: 'https://example-ops.slack.com/archives/C02GHIJKL45/p1767225600000100',
        outcome: 'fault',
      }),
      workspaceUrl: undefined,
      expected: '<https://example-ops.slack.com/archives/C02GHIJKL45/p1767225600000100|thread>',
      emoji: '❌',
    },
    {
      name: 'channel + ts and the workspace url',
      entry: item({ threadTs: '1767225500.000050' }),
      workspaceUrl: 'https://example-ops.slack.com/',
      expected: '<https://example-ops.slack.com/archives/C02GHIJKL45/p1767225500000050|thread>',
      emoji: '🏁',
    },
    {
      name: 'channel only',
      entry: item({ status: 'running', verdictSummary: undefined }),
      workspaceUrl: undefined,
      expected: 'in <#C02GHIJKL45>',
      emoji: '⏳',
    },
  ])('links to the thread with $name', ({ entry, workspaceUrl, expected, emoji }) => {
    const message = renderHistory({ lang: 'en', items: [entry], workspaceUrl });
    expectWithinLimits(message);
    const text = allText(message);
    expect(text).toContain(expected);
    expect(text).toContain(`${emoji} \`${ASSOCIATION_ID}\` · prod (111122223333) / eu-west-1 · <!date^1767258000^`);
    expect(message.text).toBe('1 recent investigation');
  });

  it('shows the status and the verdict summary', () => {
    const text = allText(renderHistory({ lang: 'en', items: [item()] }));
    expect(text).toContain('*done* — The script failed on 12 targets');
  });

  it('500 entries with hostile summaries stay within limits and are counted', () => {
    const items = Array.from({ length: 500 }, (_, i) =>
      item({ id: `inv-${i}`, verdictSummary: INJECTION.repeat(50), accountName: INJECTION }),
    );
    const message = renderHistory({ lang: 'en', items, associationId: ASSOCIATION_ID });
    expectWithinLimits(message);
    expectNoInjection(message);
    expect(allText(message)).toMatch(/… and \d+ more investigations/);
  });
});
