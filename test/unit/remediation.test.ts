// Run now's pure rules: when a verdict offers it, how a verification reads the new execution, and the
// accounts-file fields that enable it.
import { describe, expect, it } from 'vitest';
import { parseAccountsFile } from '../../src/config/accounts-file.ts';
import type { ExecutionFacts } from '../../src/domain/facts.ts';
import type { Finding } from '../../src/domain/finding.ts';
import { compareCauses, fixEndsWithRerun, verdictCause, verifyOutcome } from '../../src/domain/remediation.ts';
import type { RemediationRecord } from '../../src/fleet/ports.ts';
import { isRemediator } from '../../src/fleet/remediate.ts';
import { renderVerifyResult } from '../../src/slack/views/remediation.view.ts';

const finding = (remediation: string[]): Finding => ({
  id: 'x.y',
  severity: 'error',
  title: 't',
  summary: 's',
  evidence: [{ field: 'f', value: 'v' }],
  remediation,
  links: [],
  cli: [],
  step: 'output',
});

describe('fixEndsWithRerun', () => {
  it.each([
    ['After the fix, re-run it now instead of waiting for the schedule: `aws ssm start-associations-once …`.', true],
    ['After the fix, re-run the association (StartAssociationsOnce) instead of waiting for the schedule.', true],
    ['Wait until DescribeDocument.Status is Active, then re-run the association.', true],
    ['Install python3 on the node, then re-run the patch association.', true],
    ['Then press Re-run.', false], // the bot's own button, not the association
    ['Read the stderr; re-run with the Verbose parameter (-v … -vvvv) for detail.', false],
    ['Attach an instance profile.', false],
  ])('%s → %s', (last, expected) => {
    expect(fixEndsWithRerun({ outcome: 'fault', findings: [finding(['First do this.', last])] })).toBe(expected);
  });
  it('never for a healthy verdict or one without findings', () => {
    expect(fixEndsWithRerun({ outcome: 'healthy', findings: [finding(['re-run it'])] })).toBe(false);
    expect(fixEndsWithRerun({ outcome: 'fault', findings: [] })).toBe(false);
  });
});

describe('verifyOutcome', () => {
  const startedAt = new Date('2026-12-07T03:00:00Z');
  const ex = (id: string, status: string, counts: Record<string, number>, createdAt = startedAt): ExecutionFacts => ({
    executionId: id,
    status,
    resourceCounts: counts,
    createdAt,
  });
  it('waits until an execution newer than the baseline ends', () => {
    expect(verifyOutcome([ex('old', 'Failed', { Failed: 3 })], 'old', startedAt)).toEqual({ kind: 'waiting' });
    expect(
      verifyOutcome([ex('new', 'InProgress', { InProgress: 12 }), ex('old', 'Failed', {})], 'old', startedAt),
    ).toEqual({
      kind: 'waiting',
    });
    // An execution from long before the run is not the new one, even without a baseline.
    expect(
      verifyOutcome([ex('older', 'Success', { Success: 1 }, new Date('2026-12-06T00:00:00Z'))], undefined, startedAt),
    ).toEqual({
      kind: 'waiting',
    });
  });
  it('verified when every target succeeded; still failing otherwise', () => {
    expect(verifyOutcome([ex('new', 'Success', { Success: 12 })], 'old', startedAt)).toEqual({
      kind: 'verified',
      success: 12,
      total: 12,
    });
    expect(verifyOutcome([ex('new', 'Failed', { Failed: 3, Success: 9 })], 'old', startedAt)).toEqual({
      kind: 'still-failing',
      failing: 3,
      total: 12,
      status: 'Failed',
    });
  });
});

describe('"Still failing": the same cause as the first verdict, or a different one', () => {
  const verdict = (id: string, cause?: Finding['cause'], title = `${id} title`) => ({
    outcome: 'fault' as const,
    findings: [{ ...finding(['re-run it']), id, title, ...(cause ? { cause } : {}) }],
    causeFamily: cause ?? id.split('.')[0],
  });
  const stillFailing = { kind: 'still-failing' as const, failing: 3, total: 12, status: 'Failed' };
  const remediation = { userId: 'U1' } as RemediationRecord;
  const text = (comparison: Parameters<typeof renderVerifyResult>[3]) =>
    JSON.stringify(renderVerifyResult(remediation, stillFailing, 'en', comparison).blocks);

  it('compares the top finding (cause id) and its cause family', () => {
    const first = verdictCause(verdict('command.exit-code', 'configuration'));
    expect(compareCauses(first, verdictCause(verdict('command.exit-code', 'configuration')))).toMatchObject({
      kind: 'same',
    });
    // Same check, but the decisive line now names another family (e.g. the disk filled up): a different cause.
    expect(compareCauses(first, verdictCause(verdict('command.exit-code', 'disk-space')))).toMatchObject({
      kind: 'different',
      before: { id: 'command.exit-code', family: 'configuration' },
    });
    expect(compareCauses(first, verdictCause(verdict('node.connection-lost')))).toMatchObject({
      kind: 'different',
      cause: { id: 'node.connection-lost', family: 'node' },
    });
    expect(compareCauses(first, verdictCause({ outcome: 'healthy', findings: [] }))).toEqual({ kind: 'none' });
    expect(compareCauses(undefined, verdictCause(verdict('node.connection-lost')))).toMatchObject({
      kind: 'different',
    });
  });

  it('says it in the one result message', () => {
    expect(text(undefined)).toContain('3/12 targets not Success (execution Failed). A new investigation follows');
    const same = compareCauses(
      verdictCause(verdict('command.exit-code', 'configuration', 'Invalid configuration (exit 1)')),
      verdictCause(verdict('command.exit-code', 'configuration', 'Invalid configuration (exit 1)')),
    );
    expect(text(same)).toContain('3/12 targets not Success (execution Failed) — *same cause:* Invalid configuration');
    const different = compareCauses(
      verdictCause(verdict('command.exit-code', 'configuration', 'Invalid configuration (exit 1)')),
      verdictCause(verdict('node.connection-lost', undefined, 'The node lost its connection')),
    );
    expect(text(different)).toContain(
      '— *a different cause now:* The node lost its connection (was: Invalid configuration (exit 1))',
    );
    expect(text({ kind: 'none' })).toContain('names no cause to compare');
  });
});

describe('remediators', () => {
  const account = { name: 'p', id: '111122223333', regions: ['eu-west-1'], remediators: ['U0AAA', 'S0GRP'] };
  it('a listed user, or a member of a listed user group', async () => {
    const members = async (g: string) => (g === 'S0GRP' ? ['U0BBB'] : []);
    expect(await isRemediator(account, 'U0AAA', members)).toBe(true);
    expect(await isRemediator(account, 'U0BBB', members)).toBe(true);
    expect(await isRemediator(account, 'U0CCC', members)).toBe(false);
    expect(await isRemediator(account, 'U0BBB', async () => Promise.reject(new Error('slack down')))).toBe(false);
  });

  it('the accounts file takes a remediator role and remediators, and checks them', () => {
    const file = (extra: string) =>
      `accounts:\n  - name: prod\n    id: "111122223333"\n    roleArn: arn:aws:iam::111122223333:role/ro\n    regions: [eu-west-1]\n${extra}`;
    const ok = parseAccountsFile(
      file('    remediatorRoleArn: arn:aws:iam::111122223333:role/fix\n    remediators: [U0AAA, S0GRP]\n'),
      'a.yml',
    );
    expect(ok.ok && ok.accounts[0]).toMatchObject({
      remediatorRoleArn: 'arn:aws:iam::111122223333:role/fix',
      remediators: ['U0AAA', 'S0GRP'],
    });
    const bad = (extra: string) => {
      const r = parseAccountsFile(file(extra), 'a.yml');
      return r.ok ? [] : r.problems;
    };
    expect(bad('    remediators: [U0AAA]\n').join()).toContain('only applies together with remediatorRoleArn');
    expect(bad('    remediatorRoleArn: arn:aws:iam::999999999999:role/fix\n').join()).toContain('belongs to account');
    expect(bad('    remediatorRoleArn: arn:aws:iam::111122223333:role/ro\n').join()).toContain('other than roleArn');
    expect(
      bad('    remediatorRoleArn: arn:aws:iam::111122223333:role/fix\n    remediators: [C0CHANNEL]\n').join(),
    ).toContain('user-group id');
  });
});
