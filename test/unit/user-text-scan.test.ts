// Issue 14: no user-facing English outside the catalogs, across every folder the bot talks from — src/slack (commands,
// buttons, views), src/cli, src/investigation (steps, Show output, refusals), src/fleet, src/doctor and src/alerts.
// Every string or template literal that reads like words (two words in a row) is either in src/i18n or on the
// allowlist below, each entry with the reason it is not for users (log lines and thrown Errors are skipped by the
// scanner itself). The per-area scans (domain, thread, panels) stay; this one also catches files nobody owns yet.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Allowed, englishLiterals, sourceFiles } from '../support/english-literals.ts';

const FOLDERS = ['src/slack', 'src/cli', 'src/investigation', 'src/fleet', 'src/doctor', 'src/alerts'];

/** Not user text: HTTP answers to AWS's SNS/EventBridge deliveries, never shown in Slack or the CLI. */
const NOT_FOR_USERS = /^src\/alerts\/push\//;

/** What may stay English, where, and why. */
const ALLOWED: (Allowed & { file: string })[] = [
  {
    file: 'src/slack/app.ts',
    pattern: /^SLACK_BOT_TOKEN: Slack refused the token|^slack socket$|^slack request refused$/,
    why: 'a fatal start-up problem for the operator, and readiness/log tags',
  },
  {
    file: 'src/slack/connection.ts',
    pattern: /^auth\.test |^WebSocket closed; reconnecting$|^Socket Mode connection failing/,
    why: "the Socket Mode connection's readiness detail on /readyz, for operators",
  },
  {
    file: 'src/slack/request-guard.ts',
    pattern: /./,
    why: 'why an HTTP request was refused: answered to Slack’s servers and logged, never shown to a person',
  },
  {
    file: 'src/cli/doctor.ts',
    pattern: /^ssm-why doctor: …\n?$/,
    why: 'the program name before an unexpected error message',
  },
  {
    file: 'src/investigation/locate.ts',
    pattern: /^AssumeRole into …$|^its role$|failed with/,
    why: "describeFailure: the search's problems, written to the operator's log",
  },
  {
    file: 'src/investigation/ports.ts',
    pattern: /^the database is unavailable: …$/,
    why: "StoreUnavailable's message: an Error for the log and /readyz",
  },
  {
    file: 'src/investigation/show-output.ts',
    pattern: /^aws ssm [a-z-]+ /,
    why: 'an AWS CLI command to copy, not a sentence',
  },
  {
    file: 'src/investigation/steps/output.step.ts',
    pattern: /^failed to run commands$/,
    why: 'what the SSM Agent prints, matched in node output',
  },
  {
    file: 'src/alerts/poller.ts',
    pattern: /^no subscription$/,
    why: "a poll job's result, kept in the job queue for operators",
  },
];

function findings(): string[] {
  const files = FOLDERS.flatMap((folder) => sourceFiles(folder)).filter((file) => !NOT_FOR_USERS.test(file));
  return files.flatMap((file) =>
    englishLiterals(
      file,
      readFileSync(file, 'utf8'),
      ALLOWED.filter((a) => a.file === file),
    ).map((line) => `${file}:${line}`),
  );
}

describe('user-facing text outside the catalogs', () => {
  it('none: every English phrase in src/slack, src/cli, src/investigation, src/fleet, src/doctor, src/alerts is explained', () => {
    expect(findings()).toEqual([]);
  });

  it('every allowlist entry still matches something (a stale exception would hide a new sentence)', () => {
    const unused = ALLOWED.filter((entry) => {
      const source = readFileSync(entry.file, 'utf8');
      const all = englishLiterals(entry.file, source, []);
      return !all.some((line) => entry.pattern.test(line.replace(/^\d+: /, '')));
    });
    expect(unused.map((u) => `${u.file} ${u.pattern}`)).toEqual([]);
  });

  it('the scan catches a sentence in a view, a command and the CLI', () => {
    const $ = '$';
    const caught = (file: string, source: string) =>
      englishLiterals(
        file,
        source,
        ALLOWED.filter((a) => a.file === file),
      );
    expect(caught('src/slack/views/x.view.ts', "const header = 'Investigation finished';")).toHaveLength(1);
    expect(caught('src/slack/commands/x.command.ts', `respond(\`Looking in ${$}{n} regions\`);`)).toHaveLength(1);
    expect(caught('src/cli/x.ts', "out.write('All checks passed');")).toHaveLength(1);
    expect(caught('src/slack/request-guard.ts', "const why = 'body too large';")).toHaveLength(0);
  });
});
