import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  backgroundTurn,
  foregroundInFlight,
  foregroundStarted,
  MAX_WAIT_MS,
  QUIET_MS,
  runInBackground,
} from '../../src/foreground.ts';

const settledSoon = async (promise: Promise<unknown>) => {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  await vi.advanceTimersByTimeAsync(0);
  return settled;
};

describe('acks first: background work waits while requests are answered', () => {
  afterEach(async () => {
    // Timers a test left behind (a quiet period, a deadline) run out before the next test.
    if (vi.isFakeTimers()) await vi.runAllTimersAsync();
    vi.useRealTimers();
    expect(foregroundInFlight()).toBe(0);
  });

  it('lets background work through at once when no request is in flight', async () => {
    await expect(runInBackground(async () => backgroundTurn())).resolves.toBeUndefined();
  });

  it('never holds foreground work, even with requests in flight', () => {
    const answered = foregroundStarted();
    expect(backgroundTurn()).toBeUndefined();
    answered();
  });

  it('holds background work until the last request in flight is answered', async () => {
    vi.useFakeTimers();
    const first = foregroundStarted();
    const second = foregroundStarted();
    const turn = runInBackground(async () => {
      await backgroundTurn();
      return 'went on';
    });
    expect(await settledSoon(turn)).toBe(false);
    first();
    first(); // idempotent: a response's 'finish' and 'close' both call it
    expect(await settledSoon(turn)).toBe(false);
    second();
    expect(await settledSoon(turn)).toBe(false);
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(await settledSoon(turn)).toBe(true);
    await expect(turn).resolves.toBe('went on');
  });

  it(`goes on ${QUIET_MS} ms after the last answer, unless the next request of a burst arrives first`, async () => {
    vi.useFakeTimers();
    foregroundStarted()();
    const turn = runInBackground(async () => backgroundTurn());
    await vi.advanceTimersByTimeAsync(QUIET_MS - 2);
    const next = foregroundStarted(); // the burst goes on
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(await settledSoon(turn)).toBe(false);
    next();
    await vi.advanceTimersByTimeAsync(QUIET_MS - 1);
    expect(await settledSoon(turn)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledSoon(turn)).toBe(true);
    // Quiet for good: background work goes through its doors without waiting.
    await expect(runInBackground(async () => backgroundTurn())).resolves.toBeUndefined();
  });

  it('the context follows the work across awaits, and only that work', async () => {
    vi.useFakeTimers();
    const answered = foregroundStarted();
    const later = runInBackground(async () => {
      await Promise.resolve();
      await new Promise((r) => setTimeout(r, 1));
      return backgroundTurn() !== undefined;
    });
    await vi.advanceTimersByTimeAsync(1);
    await expect(later).resolves.toBe(true);
    expect(backgroundTurn()).toBeUndefined(); // out here: not background
    answered();
  });

  it(`never waits longer than ${MAX_WAIT_MS} ms at one door, however many requests keep coming`, async () => {
    vi.useFakeTimers();
    const endless = foregroundStarted();
    const turn = runInBackground(async () => backgroundTurn());
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS - 1);
    expect(await settledSoon(turn)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledSoon(turn)).toBe(true);
    endless();
  });
});
