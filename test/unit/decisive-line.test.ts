// The decisive-line extractor, table-tested per tool family on the labelled corpus, plus the ranking rules.
import { describe, expect, it } from 'vitest';
import {
  CAUSE_FAMILIES,
  classifyCause,
  decisiveCommandLine,
  decisiveMessageLine,
  unwrapAutomationMessage,
} from '../../src/domain/decisive-line.ts';
import { DIAGNOSIS_CORPUS } from '../fixtures/diagnosis-corpus/index.ts';

const byTool = new Map<string, typeof DIAGNOSIS_CORPUS>();
for (const e of DIAGNOSIS_CORPUS) byTool.set(e.tool, [...(byTool.get(e.tool) ?? []), e]);

describe.each([...byTool.entries()])('%s: the decisive line and its family', (_tool, entries) => {
  it.each(entries.map((e) => [e.id, e] as const))('%s', (_id, entry) => {
    const found =
      entry.message !== undefined
        ? decisiveMessageLine(entry.message)
        : decisiveCommandLine({ stderr: entry.stderr, stdout: entry.stdout });
    expect(found?.line).toContain(entry.decisive);
    expect(found?.family).toBe(entry.family);
  });
});

const exit = (n: number) => `failed to run commands: exit status ${n}`;

describe('ranking beats tail', () => {
  it('quotes the PowerShell error record message, never CategoryInfo or FullyQualifiedErrorId', () => {
    const stderr = [
      "Remove-Item : Cannot remove item C:\\app\\lock: The process cannot access the file 'C:\\app\\lock' because it is being used by another process.",
      'At line:1 char:1',
      '+ Remove-Item C:\\app\\lock',
      '+ ~~~~~~~~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : WriteError: (C:\\app\\lock:FileInfo) [Remove-Item], IOException',
      '    + FullyQualifiedErrorId : RemoveFileSystemItemIOError,Microsoft.PowerShell.Commands.RemoveItemCommand',
      '',
    ].join('\n');
    const found = decisiveCommandLine({ stderr });
    expect(found?.line).toMatch(/^Remove-Item : Cannot remove item C:\\app\\lock/);
    expect(found?.how).toBe('structured');
  });

  it('takes the last exception of a Python traceback, not the frames', () => {
    const stderr = [
      'Traceback (most recent call last):',
      '  File "/opt/x.py", line 3, in <module>',
      '    main()',
      '  File "/opt/x.py", line 2, in main',
      "    raise ValueError('bad port: 0')",
      'ValueError: bad port: 0',
      exit(1),
    ].join('\n');
    expect(decisiveCommandLine({ stderr })?.line).toBe('ValueError: bad port: 0');
  });

  it('takes the msg of an Ansible failure, and the task stderr when the msg says nothing', () => {
    const msg = `fatal: [web]: FAILED! => ${JSON.stringify({ changed: false, msg: 'Destination /etc/app not writable' })}`;
    expect(decisiveCommandLine({ stdout: msg })?.line).toBe('Destination /etc/app not writable');
    const opaque = `fatal: [web]: FAILED! => ${JSON.stringify({ msg: 'non-zero return code', rc: 1, stderr: 'cp: cannot stat /tmp/a: No such file or directory' })}`;
    expect(decisiveCommandLine({ stdout: opaque })?.line).toBe('cp: cannot stat /tmp/a: No such file or directory');
  });

  it('prefers the line naming a cause over a later generic error or echo line', () => {
    const stderr = [
      'connecting to queue',
      'dial tcp 10.1.2.3:5672: connect: connection refused',
      'ERROR: worker failed',
      'cleanup done',
      exit(1),
    ].join('\n');
    const found = decisiveCommandLine({ stderr });
    expect(found?.line).toBe('dial tcp 10.1.2.3:5672: connect: connection refused');
    expect(found?.family).toBe('network');
  });

  it('ranks a generic error line above the tail', () => {
    const found = decisiveCommandLine({
      stderr: ['step 1', 'Error: widget count mismatch', 'step 3 skipped', exit(1)].join('\n'),
    });
    expect(found).toMatchObject({ line: 'Error: widget count mismatch', how: 'ranked', family: 'script-error' });
  });

  it('reads log levels anywhere in a line, and a line that reports no errors is not an error line', () => {
    const stdout = [
      'Checking for errors... none',
      '0 errors, 2 warnings',
      'Running step 2',
      '2024-06-09 07:00:01 ERROR [main] Unable to acquire lease on /data/leader: lease held by node-3',
      'Shutting down',
    ].join('\n');
    expect(decisiveCommandLine({ stdout })?.line).toBe(
      '2024-06-09 07:00:01 ERROR [main] Unable to acquire lease on /data/leader: lease held by node-3',
    );
  });

  it('falls back to the last meaningful line only when nothing better exists', () => {
    const found = decisiveCommandLine({
      stderr: ['----------ERROR-------', 'widgets: 3', 'widgets: 2', exit(1)].join('\n'),
    });
    expect(found).toMatchObject({ line: 'widgets: 2', how: 'tail' });
  });

  it('finds the error in stdout when stderr only holds the agent exit line', () => {
    const found = decisiveCommandLine({ stdout: 'E: Unable to locate package foo', stderr: exit(100) });
    expect(found).toMatchObject({
      line: 'E: Unable to locate package foo',
      source: 'stdout',
      family: 'package-manager',
    });
  });

  it('reads through colour codes and CRLF line ends', () => {
    const esc = String.fromCharCode(27);
    const found = decisiveCommandLine({
      stderr: `${esc}[31mfatal: could not read Username for 'https://github.com'${esc}[0m\r\n`,
    });
    expect(found?.line).toBe("fatal: could not read Username for 'https://github.com'");
  });

  it('returns nothing for empty or noise-only output', () => {
    expect(decisiveCommandLine({ stderr: '', stdout: '' })).toBeUndefined();
    expect(decisiveCommandLine({ stderr: `----------ERROR-------\n${exit(1)}\n` })).toBeUndefined();
  });

  it('caps a long line', () => {
    const found = decisiveCommandLine({ stderr: `Error: ${'x'.repeat(5_000)}` });
    expect(found?.line.length).toBeLessThanOrEqual(300);
  });

  it('stays fast on a 24,000-character adversarial output', () => {
    const hostile = [
      `At ${'a:'.repeat(6_000)}`,
      `+ ${'~'.repeat(5_000)}`,
      'Traceback (most recent call last):',
      `  File "${'/x'.repeat(3_000)}", line 1, in f`,
      `${'Error'.repeat(1_000)}`,
    ].join('\n');
    const started = performance.now();
    for (let i = 0; i < 20; i++) decisiveCommandLine({ stderr: hostile, stdout: hostile });
    expect((performance.now() - started) / 20).toBeLessThan(100);
  });
});

describe('Automation failure messages', () => {
  it('drops the wrapper words and keeps the inner message', () => {
    const text = unwrapAutomationMessage(
      "Step fails when it is Executing. Fail to execute step 'x'. Error message: 'boom'. Please refer to Automation Service Troubleshooting Guide for more diagnosis details.",
    );
    expect(text).not.toContain('Step fails when it is');
    expect(text).not.toContain('Troubleshooting Guide');
    expect(text).toContain("'boom'");
  });
});

describe('cause families', () => {
  it.each([
    ['No space left on device', 'disk-space'],
    ['Temporary failure in name resolution', 'network'],
    ['An error occurred (AccessDenied) when calling the GetObject operation: Access Denied', 'permission'],
    ['ExpiredToken: The security token included in the request is expired', 'credentials'],
    ['Cannot find a valid baseurl for repo: base', 'package-repository'],
    ['KeyError: 3', 'script-error'],
    ['something odd happened', 'script-error'],
  ] as const)('%s → %s', (text, family) => {
    expect(classifyCause(text)).toBe(family);
  });

  it('the corpus covers every family', () => {
    const covered = new Set(DIAGNOSIS_CORPUS.map((e) => e.family));
    expect(CAUSE_FAMILIES.filter((f) => !covered.has(f))).toEqual([]);
  });
});
