// The episode state machine and the small rules around it, as pure functions.
import { describe, expect, it } from 'vitest';
import {
  applySignal,
  classifyStatus,
  cycleStartOf,
  episodeKey,
  needsSignal,
  placeAlert,
  postRetryDelayMs,
} from '../../../src/alerts/episode-state.ts';
import type { AssociationAlertState } from '../../../src/alerts/ports.ts';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const options = { pendingAlertMs: 60 * 60_000 };

/** Applies statuses one after another (one per minute offset) and answers the changes. */
function run(steps: [number, string][], start?: AssociationAlertState) {
  let state = start;
  return steps.map(([minute, status]) => {
    const t = applySignal(state, { status, observedAt: at(minute) }, options);
    state = t.state;
    return { change: t.change, incident: t.state.incident, open: t.state.open, trigger: t.state.triggerStatus };
  });
}

describe('applySignal', () => {
  it.each([
    ['a first Failed opens', [[0, 'Failed']], ['open']],
    ['a first Success does nothing', [[0, 'Success']], ['none']],
    [
      'Success → Failed opens',
      [
        [0, 'Success'],
        [5, 'Failed'],
      ],
      ['none', 'open'],
    ],
    [
      'Failed stays one alert',
      [
        [0, 'Failed'],
        [5, 'Failed'],
        [10, 'failed'],
      ],
      ['open', 'update', 'update'],
    ],
    [
      'Failed → Success closes',
      [
        [0, 'Failed'],
        [5, 'Success'],
      ],
      ['open', 'close'],
    ],
    [
      'Failed → Pending keeps it open',
      [
        [0, 'Failed'],
        [5, 'Pending'],
        [10, 'Success'],
      ],
      ['open', 'update', 'close'],
    ],
    [
      'Pending below the threshold does nothing',
      [
        [0, 'Pending'],
        [59, 'Pending'],
      ],
      ['none', 'none'],
    ],
    [
      'Pending for the threshold opens',
      [
        [0, 'Pending'],
        [30, 'Pending'],
        [60, 'Pending'],
      ],
      ['none', 'none', 'open'],
    ],
    [
      'Pending interrupted restarts the clock',
      [
        [0, 'Pending'],
        [30, 'Success'],
        [40, 'Pending'],
        [90, 'Pending'],
      ],
      ['none', 'none', 'none', 'none'],
    ],
    [
      'Pending → Failed opens at once',
      [
        [0, 'Pending'],
        [5, 'Failed'],
      ],
      ['none', 'open'],
    ],
    ['an unknown status while closed does nothing', [[0, 'InProgress']], ['none']],
  ] as [string, [number, string][], string[]][])('%s', (_name, steps, changes) => {
    expect(run(steps).map((r) => r.change)).toEqual(changes);
  });

  it('numbers incidents: a new failure after recovery is a new incident', () => {
    const result = run([
      [0, 'Failed'],
      [5, 'Success'],
      [10, 'Failed'],
      [15, 'Success'],
    ]);
    expect(result.map((r) => [r.change, r.incident, r.open])).toEqual([
      ['open', 1, true],
      ['close', 1, false],
      ['open', 2, true],
      ['close', 2, false],
    ]);
  });

  it('records what opened the incident', () => {
    expect(run([[0, 'Failed']])[0]?.trigger).toBe('Failed');
    expect(
      run([
        [0, 'Pending'],
        [61, 'Pending'],
      ])[1]?.trigger,
    ).toBe('Pending');
  });

  it('ignores a signal older than the newest one applied (a late push, a redelivery)', () => {
    const open = applySignal(undefined, { status: 'Failed', observedAt: at(10) }, options).state;
    const late = applySignal(open, { status: 'Success', observedAt: at(5) }, options);
    expect(late.change).toBe('stale');
    expect(late.state).toBe(open);
  });

  it('says when the status changed, so an open alert can show it', () => {
    const open = applySignal(undefined, { status: 'Failed', observedAt: at(0) }, options).state;
    expect(applySignal(open, { status: 'Failed', observedAt: at(1) }, options).statusChanged).toBe(false);
    expect(applySignal(open, { status: 'Pending', observedAt: at(1) }, options).statusChanged).toBe(true);
  });

  it('keeps the names it learnt when a later signal has none', () => {
    const first = applySignal(
      undefined,
      { status: 'Failed', observedAt: at(0), associationName: 'web', documentName: 'AWS-RunShellScript' },
      options,
    ).state;
    const next = applySignal(first, { status: 'Failed', observedAt: at(1) }, options).state;
    expect(next).toMatchObject({ associationName: 'web', documentName: 'AWS-RunShellScript', statusSince: at(0) });
  });
});

describe('needsSignal', () => {
  const state = (status: string, open = false): AssociationAlertState => ({
    status,
    statusSince: T0,
    lastObservedAt: T0,
    incident: open ? 1 : 0,
    open,
  });
  it.each([
    [undefined, 'Success', true],
    [undefined, undefined, false],
    [state('Success'), 'Success', false],
    [state('Success'), 'Failed', true],
    [state('Pending'), 'Pending', true],
    [state('Failed', true), 'Failed', true],
    [state('Failed', true), 'Success', true],
  ])('%j, %s → %s', (s, status, expected) => {
    expect(needsSignal(s, status)).toBe(expected);
  });
});

describe('placeAlert', () => {
  it.each([
    [{ individualInWindow: 0, threshold: 3 }, 'individual'],
    [{ individualInWindow: 2, threshold: 3 }, 'individual'],
    [{ individualInWindow: 3, threshold: 3 }, 'new-digest'],
    [{ individualInWindow: 0, threshold: 0 }, 'new-digest'],
    [{ individualInWindow: 0, digestInWindow: 'd1', threshold: 3 }, 'join-digest'],
  ] as const)('%j → %s', (input, expected) => {
    expect(placeAlert(input)).toBe(expected);
  });
});

describe('small rules', () => {
  it('classifies statuses case-insensitively', () => {
    expect(['Failed', 'PENDING', ' success ', 'InProgress'].map(classifyStatus)).toEqual([
      'failed',
      'pending',
      'success',
      'other',
    ]);
  });

  it('keys an episode by association, incident and channel', () => {
    const ref = {
      accountId: '111122223333',
      region: 'eu-west-1',
      associationId: 'ABCDEF00-0000-4000-8000-000000000001',
    };
    expect(episodeKey(ref, 2, { teamId: 'T1', channelId: 'C1' })).toBe(
      '111122223333/eu-west-1/abcdef00-0000-4000-8000-000000000001#2@T1/C1',
    );
  });

  it('backs off Slack retries from 5 s to at most 10 min', () => {
    expect([1, 2, 3, 8, 50].map(postRetryDelayMs)).toEqual([5_000, 10_000, 20_000, 600_000, 600_000]);
  });

  it('aligns poll cycles to the wall clock', () => {
    expect(cycleStartOf(new Date('2026-03-01T10:07:42.500Z'), 300).toISOString()).toBe('2026-03-01T10:05:00.000Z');
    expect(cycleStartOf(new Date('2026-03-01T10:07:42.500Z'), 1).toISOString()).toBe('2026-03-01T10:07:42.000Z');
  });
});
