// Scenario time: everything is relative to an injected "now", so scenarios are deterministic.

/** The instant named scenarios are built around (pass the same `now` to the code under test). */
export const SCENARIO_NOW = new Date('2025-03-14T09:30:00.000Z');

/**
 * A point in time: a Date, epoch seconds, an ISO string, or a relative string such as `3h ago`,
 * `10m ago`, `2d ago`, `90s ago`, `in 6h` (relative to the builder's now).
 */
export type TimeInput = Date | number | string;

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Epoch seconds with a millisecond fraction, as awsJson1_1 sends timestamps. */
export function toEpochSeconds(input: TimeInput, now: Date = SCENARIO_NOW): number {
  if (typeof input === 'number') return input;
  if (input instanceof Date) return input.getTime() / 1000;
  const rel = /^(?:(\d+(?:\.\d+)?)\s*([smhd])\s+ago|in\s+(\d+(?:\.\d+)?)\s*([smhd]))$/.exec(input.trim());
  if (rel) {
    const ago = rel[1] !== undefined;
    const amount = Number(ago ? rel[1] : rel[3]);
    const unit = (ago ? rel[2] : rel[4]) as keyof typeof UNIT_MS;
    const ms = amount * UNIT_MS[unit];
    return (now.getTime() + (ago ? -ms : ms)) / 1000;
  }
  const parsed = Date.parse(input);
  if (Number.isNaN(parsed)) throw new Error(`Not a time: ${input}`);
  return parsed / 1000;
}
