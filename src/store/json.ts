// JSON columns: what goes in (Dates become ISO strings, undefined disappears) and how Dates come back.
import { storableText } from '../domain/text.ts';
import type { Prisma } from './generated/client.ts';

/**
 * A plain JSON copy of `value`, as JSON.stringify would store it, every string well-formed: a lone surrogate
 * (half an emoji from AWS or from a cut) is written `\ud83d` by JSON.stringify, and NUL `\u0000`: jsonb rejects both.
 */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(
    JSON.stringify(value ?? null, (_key, item: unknown) => (typeof item === 'string' ? storableText(item) : item)),
  ) as Prisma.InputJsonValue;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Keys whose string values are Dates in the facts: every `…At`, and `now`. */
const isDateKey = (key: string) => key.endsWith('At') || key === 'now';

/**
 * The inverse of `toJson` for facts: ISO instants stored under date keys become Dates again, at any depth,
 * so facts rebuilt from stored steps compare and format like freshly gathered ones. Other strings stay strings.
 */
export function reviveDates<T>(value: unknown): T {
  return revive(value, undefined) as T;
}

function revive(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && isDateKey(key) && ISO_INSTANT.test(value)) {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => revive(item, undefined));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, k)]));
  }
  return value;
}
