// No user-facing English outside the catalogs in the panels (alerts, digests, fleet, App Home, history,
// subscriptions, doctor, Run now, usage, errors), the alert and fleet services' refusals, and the CLI: every string
// and template literal that reads like words (two words in a row) must be on the short allowlist.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const VIEWS = ['alert', 'fleet', 'home', 'history', 'subscriptions', 'doctor', 'remediation', 'usage', 'errors'].map(
  (name) => `src/slack/views/${name}.view.ts`,
);
const CLI = readdirSync('src/cli')
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join('src/cli', name));
const FILES = [...VIEWS, 'src/slack/views/reader-date.ts', 'src/alerts/subscriptions.ts', 'src/fleet/scope.ts', ...CLI];

/** Two words in a row: a sentence or a phrase, not an id (`node.connection-lost`) or an API field. */
const WORDS = /\b[A-Za-z]{2,} [A-Za-z]{2,}\b/;

/** What may stay English, and why. */
const ALLOWED: { pattern: RegExp; why: string }[] = [
  { pattern: /^ssm-why(?: doctor)?: …\n$/, why: 'the program name before an unexpected error (its message as thrown)' },
];

/** The literals of a source text that read like words and are not allowed, as `line: text`. */
function englishLiterals(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) {
      text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
    }
    const parent = node.parent as ts.Node | undefined;
    const inTypeOrImport =
      parent !== undefined &&
      (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent));
    if (text !== undefined && !inTypeOrImport && WORDS.test(text) && !ALLOWED.some((a) => a.pattern.test(text))) {
      found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('user-facing text of the panels and the CLI', () => {
  it('comes from the catalogs: no English words in a literal outside the allowlist', () => {
    expect(FILES.length).toBeGreaterThan(12);
    const found = FILES.flatMap((path) => englishLiterals(path, readFileSync(path, 'utf8')).map((l) => `${path}:${l}`));
    expect(found).toEqual([]);
  });

  it('finds English left in a literal (the scan can fail)', () => {
    const source = "const a = 'Investigate again';\nconst b = 'node.connection-lost';\nconst c = 'Alert opened';";
    expect(englishLiterals('x.ts', source)).toEqual(['1: Investigate again', '3: Alert opened']);
  });
});
