// No user-facing English outside the catalogs: every string and template literal in src/domain that reads like
// words (two words in a row) must be on the short allowlist — CLI command templates, URLs, and the few texts that
// are not ours to translate (what a tool prints, a stats key). Everything the bot says comes from src/i18n.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Allowed, englishLiterals, sourceFiles } from '../support/english-literals.ts';

const DOMAIN = 'src/domain';

/** What may stay English, and why. */
const ALLOWED: Allowed[] = [
  { pattern: /^aws [a-z0-9-]+ [a-z-]+ /, why: 'an AWS CLI command template' },
  { pattern: /^https?:\/\//, why: 'a URL' },
  { pattern: /^Traceback \(most recent call last\):$/, why: 'what Python prints, matched in node output' },
  { pattern: /^--output truncated--$/, why: 'what the SSM Agent appends to a cut output' },
  { pattern: /^no verdict$/, why: 'the stats key of investigations without a verdict' },
];

describe('user-facing text in src/domain', () => {
  it('comes from the catalogs: no English words in a literal outside the allowlist', () => {
    const files = sourceFiles(DOMAIN);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((path) =>
      englishLiterals(path, readFileSync(path, 'utf8'), ALLOWED).map((l) => `${path}:${l}`),
    );
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
      "logger.warn({ id }, 'alert posting lease was lost');",
      "throw new Error('no such step here');",
      '// a comment in plain English',
    ].join('\n');
    expect(englishLiterals('sample.ts', source, ALLOWED)).toEqual([
      '1: The node is offline',
      '2: Targets of … are stuck',
    ]);
  });
});
