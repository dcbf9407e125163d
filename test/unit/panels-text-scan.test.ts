// No user-facing English outside the catalogs in the panels (alerts, digests, fleet, App Home, history,
// subscriptions, doctor, Run now, usage, errors), the alert and fleet services, and the CLI: every string and
// template literal that reads like words (two words in a row) is a log line, a thrown Error, or on the short
// allowlist (the scanner is test/support/english-literals.ts, shared with the domain and thread scans).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Allowed, englishLiterals } from '../support/english-literals.ts';

const VIEWS = ['alert', 'fleet', 'home', 'history', 'subscriptions', 'doctor', 'remediation', 'usage', 'errors'].map(
  (name) => `src/slack/views/${name}.view.ts`,
);
const CLI = readdirSync('src/cli')
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join('src/cli', name));
const FILES = [
  ...VIEWS,
  'src/slack/views/reader-date.ts',
  'src/alerts/subscriptions.ts',
  'src/alerts/poster.ts',
  'src/fleet/scope.ts',
  'src/fleet/scan.ts',
  ...CLI,
];

/** What may stay English, and why. */
const ALLOWED: Allowed[] = [
  { pattern: /^ssm-why(?: doctor)?: …\n$/, why: 'the program name before an unexpected error (its message as thrown)' },
];

describe('user-facing text of the panels and the CLI', () => {
  it('comes from the catalogs: no English words in a literal outside the allowlist', () => {
    expect(FILES.length).toBeGreaterThan(12);
    const found = FILES.flatMap((path) =>
      englishLiterals(path, readFileSync(path, 'utf8'), ALLOWED).map((l) => `${path}:${l}`),
    );
    expect(found).toEqual([]);
  });

  it('finds English left in a literal (the scan can fail)', () => {
    const source = "const a = 'Investigate again';\nconst b = 'node.connection-lost';\nconst c = 'Alert opened';";
    expect(englishLiterals('x.ts', source, ALLOWED)).toEqual(['1: Investigate again', '3: Alert opened']);
  });
});
