import { describe, expect, it } from 'vitest';
import { outputLineMatching, samplesPrinting, summaryLineMatching } from '../../../src/domain/checks/matching-lines.ts';

const PATTERN = /not supported by this version/i;

describe('summaryLineMatching', () => {
  it('takes the matching line of the whole ExecutionSummary first', () => {
    const summary = {
      raw: '1 out of 1 plugin processed\nPlugin aws:x is not supported by this version of ssm agent',
      failures: [{ plugin: 'aws:x', reason: 'also not supported by this version, but a later place' }],
      truncated: false,
    };
    expect(summaryLineMatching(summary, PATTERN)).toBe('Plugin aws:x is not supported by this version of ssm agent');
  });

  it('falls back to the failed plugins’ reasons when the summary text does not say it', () => {
    const summary = {
      raw: '2 out of 2 plugins processed, 0 success, 2 failed',
      failures: [
        { plugin: 'first', reason: 'exit status 1' },
        { plugin: 'second', reason: 'line one\nStep is not supported by this version of ssm agent' },
      ],
      truncated: false,
    };
    expect(summaryLineMatching(summary, PATTERN)).toBe('Step is not supported by this version of ssm agent');
  });

  it('finds nothing in a summary that does not match, or no summary', () => {
    expect(summaryLineMatching({ raw: 'ok', failures: [], truncated: false }, PATTERN)).toBeUndefined();
    expect(summaryLineMatching(undefined, PATTERN)).toBeUndefined();
  });
});

describe('outputLineMatching', () => {
  const command = (stderr: string, stdout: string) => ({ commandId: 'c', instanceId: 'i-1', stderr, stdout });

  it('reads stderr first, then stdout', () => {
    expect(
      outputLineMatching(command('err: not supported by this version', 'out: not supported by this version'), PATTERN),
    ).toBe('err: not supported by this version');
    expect(outputLineMatching(command('', 'a\nout: not supported by this version'), PATTERN)).toBe(
      'out: not supported by this version',
    );
  });

  it('finds nothing when neither stream matches, or there is no command', () => {
    expect(outputLineMatching(command('boom', 'ok'), PATTERN)).toBeUndefined();
    expect(outputLineMatching(undefined, PATTERN)).toBeUndefined();
  });
});

describe('samplesPrinting', () => {
  const sample = (resourceId: string, stderr?: string) => ({
    signature: resourceId,
    resourceId,
    targetCount: 1,
    targetStatus: 'Failed',
    ...(stderr === undefined ? {} : { command: { commandId: 'c', instanceId: resourceId, stderr, stdout: '' } }),
  });

  it('keeps the samples whose command printed a matching line, with the line, in order', () => {
    const samples = [
      sample('i-1', 'x is not supported by this version'),
      sample('i-2', 'exit 1'),
      sample('i-3'),
      sample('i-4', 'a\ny is not supported by this version'),
    ];
    expect(samplesPrinting(samples, PATTERN).map((s) => [s.resourceId, s.line])).toEqual([
      ['i-1', 'x is not supported by this version'],
      ['i-4', 'y is not supported by this version'],
    ]);
    expect(samplesPrinting(undefined, PATTERN)).toEqual([]);
  });
});
