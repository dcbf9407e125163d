import { describe, expect, it } from 'vitest';
import { type AwsCredentials, clampDuration, memoizeCredentials, roleSessionName } from '../../src/aws/credentials.ts';

describe('roleSessionName', () => {
  it.each([
    ['U0123ABCD', 'ssm-why-U0123ABCD'],
    ['W012AB3CD', 'ssm-why-W012AB3CD'],
    ['U01 ABC/é:x', 'ssm-why-U01-ABC---x'],
    ['', 'ssm-why-'],
    ['U'.repeat(80), `ssm-why-${'U'.repeat(56)}`],
  ])('%j → %j', (userId, expected) => {
    const name = roleSessionName(userId);
    expect(name).toBe(expected);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe('clampDuration', () => {
  it.each([
    [undefined, 900],
    [60, 900],
    [1800, 1800],
    [7200, 3600],
    [Number.NaN, 900],
  ])('%s → %s', (input, expected) => {
    expect(clampDuration(input)).toBe(expected);
  });
});

describe('memoizeCredentials', () => {
  const issue = (n: number, expiresAt: number): AwsCredentials => ({
    accessKeyId: `ASIA${n}`,
    secretAccessKey: 's',
    sessionToken: 't',
    expiration: new Date(expiresAt),
  });

  it('reuses credentials until the refresh window before Expiration, then fetches new ones', async () => {
    let now = 0;
    let fetched = 0;
    const provider = memoizeCredentials(
      async () => {
        fetched += 1;
        return issue(fetched, now + 900_000);
      },
      300_000,
      () => now,
    );
    expect((await provider()).accessKeyId).toBe('ASIA1');
    now = 599_000; // 301 s left
    expect((await provider()).accessKeyId).toBe('ASIA1');
    now = 600_001; // inside the 5-minute window
    expect((await provider()).accessKeyId).toBe('ASIA2');
    expect(fetched).toBe(2);
  });

  it('shares one refresh between concurrent callers and does not cache failures', async () => {
    let calls = 0;
    let fail = true;
    const provider = memoizeCredentials(async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('sts down');
      return issue(calls, Date.now() + 3_600_000);
    }, 300_000);
    await expect(Promise.all([provider(), provider(), provider()])).rejects.toThrow('sts down');
    expect(calls).toBe(1);
    fail = false;
    const [a, b] = await Promise.all([provider(), provider()]);
    expect(a).toBe(b);
    expect(calls).toBe(2);
  });

  it('never refreshes credentials without an expiration', async () => {
    let calls = 0;
    const provider = memoizeCredentials(async () => {
      calls += 1;
      return { accessKeyId: 'AKIA', secretAccessKey: 's' };
    }, 300_000);
    await provider();
    await provider();
    expect(calls).toBe(1);
  });
});
