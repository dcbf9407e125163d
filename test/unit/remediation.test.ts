// Run now's pure rules: when a verdict offers it, how a verification reads the new execution, and the
// accounts-file fields that enable it.
import { describe, expect, it } from 'vitest';
import { parseAccountsFile } from '../../src/config/accounts-file.ts';
import type { ExecutionFacts } from '../../src/domain/facts.ts';
import type { Finding } from '../../src/domain/finding.ts';
import { fixEndsWithRerun, verifyOutcome } from '../../src/domain/remediation.ts';
import { isRemediator } from '../../src/fleet/remediate.ts';

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
