import { describe, expect, it } from 'vitest';
import { compareAgentVersions, isOlderAgent, parseAgentVersion } from '../../src/domain/agent-version.ts';

describe('compareAgentVersions', () => {
  it.each([
    { a: '3.2.582.0', b: '3.2.582.0', expected: 0 },
    { a: '3.2.582.0', b: '3.3.1142.0', expected: -1 },
    { a: '3.3.1142.0', b: '3.2.582.0', expected: 1 },
    { a: '3.3.99.0', b: '3.3.1142.0', expected: -1 }, // numeric, not lexical
    { a: '10.0.0.0', b: '9.9.9.9', expected: 1 },
    { a: '3.2', b: '3.2.0.0', expected: 0 }, // missing parts are 0
    { a: '3.2.0.1', b: '3.2', expected: 1 },
    { a: ' 3.1.501.0 ', b: '3.1.501.0', expected: 0 },
  ])('$a vs $b → $expected', ({ a, b, expected }) => {
    expect(compareAgentVersions(a, b)).toBe(expected);
  });

  it.each(['', 'latest', '3.x.1', '3..1', 'v3.2.1'])('is undefined for the non-version %j', (bad) => {
    expect(compareAgentVersions(bad, '3.2.582.0')).toBeUndefined();
    expect(compareAgentVersions('3.2.582.0', bad)).toBeUndefined();
  });
});

describe('parseAgentVersion / isOlderAgent', () => {
  it('parses dotted numbers', () => {
    expect(parseAgentVersion('3.2.582.0')).toEqual([3, 2, 582, 0]);
    expect(parseAgentVersion('nope')).toBeUndefined();
  });

  it('answers undefined rather than guessing', () => {
    expect(isOlderAgent('3.1.1732.0', '3.2.582.0')).toBe(true);
    expect(isOlderAgent('3.2.582.0', '3.2.582.0')).toBe(false);
    expect(isOlderAgent(undefined, '3.2.582.0')).toBeUndefined();
    expect(isOlderAgent('3.2.582.0', undefined)).toBeUndefined();
    expect(isOlderAgent('garbage', '3.2.582.0')).toBeUndefined();
  });
});
