// No user-facing English outside the catalogs: every string and template literal in src/domain that reads like
// words (two words in a row) must be on the short allowlist — CLI command templates, URLs, and the few texts that
// are not ours to translate (what a tool prints, a stats key). Everything the bot says comes from src/i18n.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const DOMAIN = 'src/domain';

/** Two words in a row: a sentence or a phrase, not an id (`node.connection-lost`) or an API field. */
const WORDS = /\b[A-Za-z]{2,} [A-Za-z]{2,}\b/;

/** What may stay English, and why. */
const ALLOWED: { pattern: RegExp; why: string }[] = [
  { pattern: /^aws [a-z0-9-]+ [a-z-]+ /, why: 'an AWS CLI command template' },
  { pattern: /^https?:\/\//, why: 'a URL' },
  { pattern: /^Traceback \(most recent call last\):$/, why: 'what Python prints, matched in node output' },
  { pattern: /^--output truncated--$/, why: 'what the SSM Agent appends to a cut output' },
  { pattern: /^no verdict$/, why: 'the stats key of investigations without a verdict' },
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

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

describe('user-facing text in src/domain', () => {
  it('comes from the catalogs: no English words in a literal outside the allowlist', () => {
    const files = sourceFiles(DOMAIN);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((path) => englishLiterals(path, readFileSync(path, 'utf8')).map((l) => `${path}:${l}`));
    expect(found).toEqual([]);
  });

  it('the scan sees sentences in strings and templates, and leaves ids, fields, commands and types alone', () => {
    const $ = '$'; // placeholders of the sample's own templates
    const source = [
      "const title = 'The node is offline';",
      `const summary = \`Targets of ${$}{id} are stuck\`;`,
      "const id = 'node.connection-lost';",
      "const field = 'DescribeInstanceInformation.PingStatus';",
      `const command = \`aws ssm describe-association --association-id ${$}{id} --region ${$}{region}\`;`,
      "type Kind = 'newest failed';",
      '// a comment in plain English',
    ].join('\n');
    expect(englishLiterals('sample.ts', source)).toEqual(['1: The node is offline', '2: Targets of … are stuck']);
  });
});
