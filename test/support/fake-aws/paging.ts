// NextToken / MaxResults pagination over plain arrays and generated lists, as SSM does it: page size
// bounded by the model's MaxResults range, opaque tokens tied to the operation and its filters.
import { createHash } from 'node:crypto';
import { FakeAwsError } from './errors.ts';
import { maxResultsRange } from './model-shapes.ts';

/** A random-access list that need not exist in memory. */
export interface ListView<T> {
  length: number;
  get(index: number): T;
}

export const arrayView = <T>(items: readonly T[]): ListView<T> => ({
  length: items.length,
  get: (i) => items[i] as T,
});

const filteredCache = new WeakMap<object, Map<string, number[]>>();

/**
 * The items of `source` that pass `predicate`. `cacheKey` identifies the predicate: the matching
 * indexes are remembered per source object, so paging a 10,000-item generated list with a filter
 * scans it once, not once per page.
 */
export function filteredView<T>(
  source: ListView<T>,
  owner: object,
  cacheKey: string,
  predicate: (item: T) => boolean,
): ListView<T> {
  let byKey = filteredCache.get(owner);
  if (!byKey) {
    byKey = new Map();
    filteredCache.set(owner, byKey);
  }
  const key = `${source.length}|${cacheKey}`;
  let indexes = byKey.get(key);
  if (!indexes) {
    indexes = [];
    for (let i = 0; i < source.length; i++) if (predicate(source.get(i))) indexes.push(i);
    byKey.set(key, indexes);
  }
  const found = indexes;
  return { length: found.length, get: (i) => source.get(found[i] as number) };
}

interface TokenBody {
  op: string;
  offset: number;
  q: string;
}

const queryHash = (query: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(query ?? null))
    .digest('base64url')
    .slice(0, 12);

/**
 * One page of `items`. `query` is what must stay the same between pages (the filters): a token
 * replayed with other filters, or for another operation, is an InvalidNextToken, as in AWS.
 */
export function page<T>(
  operation: string,
  items: ListView<T>,
  params: { MaxResults?: unknown; NextToken?: unknown },
  query: unknown,
): { items: T[]; nextToken?: string } {
  const range = maxResultsRange(operation) ?? { min: 1, max: 50 };
  const requested = params.MaxResults;
  let size = range.max;
  if (requested !== undefined) {
    if (typeof requested !== 'number' || !Number.isInteger(requested)) {
      throw new FakeAwsError('SerializationException', 'MaxResults must be an integer');
    }
    if (requested > range.max) {
      throw new FakeAwsError(
        'ValidationException',
        `1 validation error detected: Value '${requested}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${range.max}`,
      );
    }
    if (requested < range.min) {
      throw new FakeAwsError(
        'ValidationException',
        `1 validation error detected: Value '${requested}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to ${range.min}`,
      );
    }
    size = requested;
  }
  const q = queryHash(query);
  let offset = 0;
  if (params.NextToken !== undefined && params.NextToken !== '') {
    offset = decodeToken(params.NextToken, operation, q);
  }
  const end = Math.min(offset + size, items.length);
  const out: T[] = [];
  for (let i = offset; i < end; i++) out.push(items.get(i));
  if (end >= items.length) return { items: out };
  const token: TokenBody = { op: operation, offset: end, q };
  return { items: out, nextToken: Buffer.from(JSON.stringify(token)).toString('base64url') };
}

function decodeToken(raw: unknown, operation: string, q: string): number {
  const invalid = () => new FakeAwsError('InvalidNextToken', 'The specified token isn\u2019t valid.');
  if (typeof raw !== 'string') throw invalid();
  let body: TokenBody;
  try {
    body = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as TokenBody;
  } catch {
    throw invalid();
  }
  if (body.op !== operation || body.q !== q || !Number.isInteger(body.offset) || body.offset < 0) throw invalid();
  return body.offset;
}
