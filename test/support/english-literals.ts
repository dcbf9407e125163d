// Finds user-facing English outside the catalogs: every string and template literal of a source file that reads
// like words (two words in a row), leaving out imports, types, log lines and thrown Errors (operator-facing, never
// shown to users as sentences), and whatever the caller's allowlist explains.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Two words in a row: a sentence or a phrase, not an id (`node.connection-lost`) or an API field. */
const WORDS = /\b[A-Za-z]{2,} [A-Za-z]{2,}\b/;

export interface Allowed {
  pattern: RegExp;
  why: string;
}

/** A call whose arguments are for operators: `logger.warn(…)`, `log.error(…)`, `new Error(…)`. */
function isOperatorCall(node: ts.Node): boolean {
  if (ts.isNewExpression(node)) return /Error$/.test(node.expression.getText());
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const receiver = node.expression.expression.getText();
  return (
    /(^|\.)(logger|log)$/i.test(receiver) && /^(trace|debug|info|warn|error|fatal)$/.test(node.expression.name.text)
  );
}

/** The literals of a source text that read like words and are not allowed, as `line: text`. */
export function englishLiterals(fileName: string, source: string, allowed: readonly Allowed[]): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isOperatorCall(node)) return;
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) {
      text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
    }
    const parent = node.parent as ts.Node | undefined;
    const inTypeOrImport =
      parent !== undefined &&
      (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent));
    if (text !== undefined && !inTypeOrImport && WORDS.test(text) && !allowed.some((a) => a.pattern.test(text))) {
      found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The .ts files under a folder, recursively. */
export const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
