// What each cause family means for a failed run, in the words of a colleague's write-up: a short headline word,
// what it usually means, and the first fixes to try (the text is in the findings catalogs). The checks quote the
// decisive line and add these.
import type { Catalog } from '../i18n/index.ts';
import type { CauseFamily } from './decisive-line.ts';

export interface CauseFamilyText {
  /** Headline word(s): `Network`, `Disk full`, … */
  label: string;
  /** What the quoted line usually means. */
  meaning: string;
  /** The first fixes to try, most likely first. */
  fixes: string[];
}

/** The headline word, meaning and first fixes of a cause family, in the catalog's language. */
export function causeFamilyText(family: CauseFamily, t: Catalog): CauseFamilyText {
  return t.findings.causeFamilies[family];
}
