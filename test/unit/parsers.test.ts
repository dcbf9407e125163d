import { describe, expect, it } from 'vitest';
import {
  parseAggregatedCountJson,
  parseExecutionSummary,
  parseResourceCountByStatus,
  splitPluginOutput,
} from '../../src/domain/parsers.ts';
import { executionSummary } from '../support/scenarios/index.ts';

describe('parseResourceCountByStatus', () => {
  it.each([
    ['{Success=1}', { Success: 1 }],
    ['{Success=1, Failed=2}', { Success: 1, Failed: 2 }],
    ['{Failed=2000, Success=8000}', { Failed: 2000, Success: 8000 }],
    ['{ DeliveryTimedOut = 3 ,Failed=1}', { DeliveryTimedOut: 3, Failed: 1 }],
    ['{}', {}],
    ['', {}],
    [undefined, {}],
    ['{"Success":2}', { Success: 2 }],
    ['{Success=one, Failed=1, =4, broken}', { Failed: 1 }],
  ])('%j → %j', (raw, expected) => {
    expect(parseResourceCountByStatus(raw)).toEqual(expected);
  });
});

describe('parseAggregatedCountJson', () => {
  it.each([
    ['{"Success":1}', { Success: 1 }],
    ['{"Success":1,"Failed":"3"}', { Success: 1, Failed: 3 }],
    ['{"Failed":-1,"Pending":null,"x":{}}', {}],
    ['[1,2]', {}],
    ['not json', {}],
    [undefined, {}],
  ])('%j → %j', (raw, expected) => {
    expect(parseAggregatedCountJson(raw)).toEqual(expected);
  });
});

describe('parseExecutionSummary', () => {
  it('reads the counts of a clean run (CLI example)', () => {
    const raw = '1 out of 1 plugin processed, 1 success, 0 failed, 0 timedout, 0 skipped. ';
    expect(parseExecutionSummary(raw)).toEqual({
      raw,
      processed: 1,
      plugins: 1,
      success: 1,
      failed: 0,
      timedOut: 0,
      skipped: 0,
      failures: [],
      truncated: false,
    });
  });

  it('reads every failed plugin with its multi-line stderr', () => {
    const raw = executionSummary({
      plugins: 3,
      success: 1,
      failed: 2,
      failures: [
        {
          plugin: 'downloadConfig',
          reason: 'Plugin with name aws:downloadContent is not supported by this version of ssm agent',
        },
        {
          plugin: 'aws:runShellScript',
          reason:
            'nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:14.\nfailed to run commands: exit status 1',
        },
      ],
    });
    const facts = parseExecutionSummary(raw);
    expect(facts).toMatchObject({ processed: 3, plugins: 3, success: 1, failed: 2, truncated: false });
    expect(facts.failures).toEqual([
      {
        plugin: 'downloadConfig',
        reason: 'Plugin with name aws:downloadContent is not supported by this version of ssm agent',
      },
      {
        plugin: 'aws:runShellScript',
        reason:
          'nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:14.\nfailed to run commands: exit status 1',
      },
    ]);
  });

  it('flags "green but did nothing": every plugin skipped', () => {
    const facts = parseExecutionSummary('2 out of 2 plugins processed, 0 success, 0 failed, 0 timedout, 2 skipped. ');
    expect(facts).toMatchObject({ plugins: 2, skipped: 2, success: 0, failures: [] });
  });

  it('keeps a truncated tail and says so', () => {
    const raw = executionSummary({ failed: 1, failures: [{ plugin: 'aws:runShellScript', reason: 'x'.repeat(600) }] });
    expect(raw).toHaveLength(510);
    expect(raw.endsWith('--output truncated--')).toBe(true);
    const facts = parseExecutionSummary(raw);
    expect(facts.truncated).toBe(true);
    expect(facts.failed).toBe(1);
    expect(facts.failures).toHaveLength(1);
    expect(facts.failures[0]?.plugin).toBe('aws:runShellScript');
    expect(facts.failures[0]?.reason).toMatch(/^x+$/);
  });

  it('keeps free text such as the StuckAtInProgress summary as raw only', () => {
    const raw = 'Association stuck at InProgress for longer than 2 hours';
    expect(parseExecutionSummary(raw)).toEqual({ raw, failures: [], truncated: false });
  });
});

describe('splitPluginOutput', () => {
  it.each([
    ['out\n----------ERROR-------\nerr line', { stdout: 'out', stderr: 'err line' }],
    ['only stdout\n', { stdout: 'only stdout\n', stderr: '' }],
    [
      '----------ERROR-------\nfailed to run commands: exit status 1',
      { stdout: '', stderr: 'failed to run commands: exit status 1' },
    ],
    [undefined, { stdout: '', stderr: '' }],
  ])('%j', (output, expected) => {
    expect(splitPluginOutput(output)).toEqual(expected);
  });
});
