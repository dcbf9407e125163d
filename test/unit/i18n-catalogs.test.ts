import { describe, expect, it } from 'vitest';
import { type Catalog, LANGS, langOfLocale, texts } from '../../src/i18n/index.ts';

/** Every key path of a catalog, with the kind of value behind it (string, function or object). */
function shape(value: unknown, path = ''): string[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => shape(inner, path ? `${path}.${key}` : key));
  }
  return [`${path}:${typeof value}`];
}

const areas = [
  'words',
  'findings',
  'thread',
  'panels',
  'slack',
  'work',
  'cli',
] as const satisfies readonly (keyof Catalog)[];

describe('message catalogs', () => {
  it.each(areas)('%s: every key exists in every language, with the same kind of value', (area) => {
    const english = shape(texts('en')[area]).sort();
    for (const lang of LANGS) expect(shape(texts(lang)[area]).sort(), lang).toEqual(english);
  });

  it('a Japanese string entry is Japanese, not a copy of the English one', () => {
    const strings = (catalog: Catalog) =>
      areas.flatMap((area) =>
        shape(catalog[area])
          .filter((k) => k.endsWith(':string'))
          .map((k) => `${area}.${k}`),
      );
    const read = (catalog: Catalog, key: string): string =>
      key
        .replace(/:string$/, '')
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog) as string;
    for (const key of strings(texts('ja'))) {
      expect(read(texts('ja'), key), key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('Slack locales and LANG values map to the languages we speak', () => {
    expect(langOfLocale('ja-JP')).toBe('ja');
    expect(langOfLocale('ja_JP.UTF-8')).toBe('ja');
    expect(langOfLocale('en-US')).toBe('en');
    expect(langOfLocale('fr-FR')).toBeUndefined();
    expect(langOfLocale(undefined)).toBeUndefined();
  });

  it('dates: UTC by default, the reader’s time zone when known', () => {
    const at = new Date('2025-06-09T07:00:00Z');
    expect(texts('en').words.dateTime(at)).toBe('2025-06-09 07:00 UTC');
    expect(texts('ja').words.dateTime(at, 'Asia/Tokyo')).toBe('2025/06/09 16:00 JST');
    expect(texts('ja').words.since(new Date('2025-06-09T10:00:00Z'), at)).toBe('3 時間前');
  });
});
