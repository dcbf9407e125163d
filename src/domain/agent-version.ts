// SSM Agent versions are dotted numbers (3.2.582.0); compare them numerically, never as strings.

/** Minimum agent for Default Host Management Configuration (UG managed-instances-default-host-management). */
export const DHMC_MIN_AGENT_VERSION = '3.2.582.0';

const VERSION_PATTERN = /^\d+(\.\d+)*$/;

/** The numeric parts of a dotted version, or undefined when it is not one. */
export function parseAgentVersion(version: string): number[] | undefined {
  const trimmed = version.trim();
  return VERSION_PATTERN.test(trimmed) ? trimmed.split('.').map(Number) : undefined;
}

/**
 * Negative when a < b, 0 when equal, positive when a > b; missing parts count as 0 (3.2 = 3.2.0.0).
 * Undefined when either is not a dotted numeric version, so callers never guess.
 */
export function compareAgentVersions(a: string, b: string): number | undefined {
  const left = parseAgentVersion(a);
  const right = parseAgentVersion(b);
  if (!left || !right) return undefined;
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** True when `version` is older than `minimum`; undefined when either cannot be compared. */
export function isOlderAgent(version: string | undefined, minimum: string | undefined): boolean | undefined {
  if (version === undefined || minimum === undefined) return undefined;
  const order = compareAgentVersions(version, minimum);
  return order === undefined ? undefined : order < 0;
}
