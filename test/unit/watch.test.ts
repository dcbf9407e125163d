// "Tell me when it finishes": how the followed execution ended, the button value, the reply within limits.
import { describe, expect, it } from 'vitest';
import type { ExecutionFacts } from '../../src/domain/facts.ts';
import { executionOutcome } from '../../src/domain/remediation.ts';
import { parseWatchValue, renderWatchResult, watchValue } from '../../src/slack/views/watch.view.ts';
import { allText, expectWithinLimits } from './views/assert-limits.ts';

const execution = (executionId: string, status: string, resourceCounts: Record<string, number>) =>
  ({ executionId, status, resourceCounts }) as unknown as ExecutionFacts;

describe('executionOutcome', () => {
  it('waits while the followed execution runs or is not listed, whatever the others did', () => {
    const newer = execution('new', 'Success', { Success: 3 });
    expect(executionOutcome([newer, execution('e1', 'InProgress', { Success: 1, InProgress: 2 })], 'e1')).toEqual({
      kind: 'waiting',
    });
    expect(executionOutcome([newer], 'e1')).toEqual({ kind: 'waiting' });
  });
  it('says how it ended', () => {
    expect(executionOutcome([execution('e1', 'Success', { Success: 3 })], 'e1')).toEqual({
      kind: 'verified',
      success: 3,
      total: 3,
    });
    expect(executionOutcome([execution('e1', 'Failed', { Success: 1, Failed: 2 })], 'e1')).toEqual({
      kind: 'still-failing',
      failing: 2,
      total: 3,
      status: 'Failed',
    });
  });
});

describe('watch view', () => {
  it('round-trips the button value and rejects anything else', () => {
    expect(parseWatchValue(watchValue('inv', 'exe'))).toEqual({ investigationId: 'inv', executionId: 'exe' });
    expect(parseWatchValue('inv')).toBeUndefined();
    expect(parseWatchValue('a b c')).toBeUndefined();
  });
  it('the one reply names the execution and the counts', () => {
    const watch = {
      id: 'w',
      investigationId: 'i',
      executionId: 'exe-1',
      userId: 'U1',
      status: 'watching',
      createdAt: new Date(0),
      associationId: 'a',
      accountId: '1',
      region: 'eu-west-1',
      teamId: 'T',
      channelId: 'C',
    };
    const failed = renderWatchResult(watch, { kind: 'still-failing', failing: 2, total: 3, status: 'Failed' }, 'en');
    expectWithinLimits(failed);
    expect(allText(failed)).toContain('2/3 targets not Success');
    expect(allText(renderWatchResult(watch, { kind: 'timed-out', polls: 360 }, 'en'))).toContain('360 checks');
  });
});
