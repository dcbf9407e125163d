// No English sentence outside the catalogs in what an investigation posts in its thread: the steps and the runner
// that write the stored facts, and the Slack views of the thread. Every string and template literal there that reads
// like words (two words in a row) is either a log line, a thrown Error, or on the short allowlist (the scanner is
// test/support/english-literals.ts, shared with the src/domain scan).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Allowed, englishLiterals } from '../support/english-literals.ts';

/**
 * The thread's files: what they say reaches people in the investigation's language. (blocks.ts is not here: it keeps
 * the English "… and N more {noun}" for the panels' views that do not take a language yet; the thread's views pass a
 * catalog sentence instead.)
 */
const THREAD_FILES = [
  'src/investigation/runner.ts',
  'src/investigation/step.ts',
  'src/investigation/format.ts',
  'src/investigation/gaps.ts',
  'src/investigation/output-text.ts',
  'src/investigation/show-output.ts',
  'src/investigation/steps/access.step.ts',
  'src/investigation/steps/agent-version.step.ts',
  'src/investigation/steps/association.step.ts',
  'src/investigation/steps/executions.step.ts',
  'src/investigation/steps/nodes.step.ts',
  'src/investigation/steps/output.step.ts',
  'src/investigation/steps/targets.step.ts',
  'src/slack/slack-progress.ts',
  'src/slack/views/step-reply.view.ts',
  'src/slack/views/root-message.view.ts',
  'src/slack/views/verdict.view.ts',
  'src/slack/views/output.view.ts',
  'src/slack/views/watch.view.ts',
  'src/slack/views/feedback.view.ts',
  'src/slack/views/format.ts',
  'src/slack/views/limits.ts',
];

/** What may stay English, and why. */
const ALLOWED: Allowed[] = [
  { pattern: /^aws [a-z0-9-]+ [a-z-]+ /, why: 'an AWS CLI command template' },
  { pattern: /^failed to run commands$/, why: 'what the SSM Agent prints, skipped in node output' },
];

describe("user-facing text of an investigation's thread", () => {
  it('comes from the catalogs: no English words in a literal outside log messages and the allowlist', () => {
    const found = THREAD_FILES.flatMap((path) =>
      englishLiterals(path, readFileSync(path, 'utf8'), ALLOWED).map((line) => `${path}:${line}`),
    );
    expect(found).toEqual([]);
  });

  it('the scan sees sentences, and leaves log messages, developer errors, ids and commands alone', () => {
    const $ = '$';
    const source = [
      "const label = { label: 'Last execution', value: x };",
      `const text = \`Step ${$}{n} of ${$}{total} is running\`;`,
      "logger.warn({ err }, 'root progress update failed');",
      'throw new RangeError(`Button value is too long`);',
      "const id = 'step-reply.facts';",
      `const command = \`aws ssm describe-association --association-id ${$}{id}\`;`,
    ].join('\n');
    expect(englishLiterals('sample.ts', source, ALLOWED)).toEqual(['1: Last execution', '2: Step … of … is running']);
  });
});
