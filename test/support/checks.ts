// Runs checks the way the runner does and asserts the rules every finding must keep (evidence, fix, links).
import { expect } from 'vitest';
import type { InvestigationFacts } from '../../src/domain/facts.ts';
import type { Check, Finding } from '../../src/domain/finding.ts';

/** Fails the test when a finding breaks the house rules: no finding without evidence and a fix. */
export function expectWellFormed(findings: readonly Finding[]): void {
  for (const f of findings) {
    expect(f.evidence.length, `${f.id} has no evidence`).toBeGreaterThan(0);
    for (const e of f.evidence) {
      expect(e.field.trim(), `${f.id} evidence without field`).not.toBe('');
      expect(e.value.trim(), `${f.id} evidence ${e.field} without value`).not.toBe('');
    }
    expect(f.remediation.length, `${f.id} has no remediation`).toBeGreaterThan(0);
    expect(f.title.trim(), `${f.id} has no title`).not.toBe('');
    expect(f.summary.trim(), `${f.id} has no summary`).not.toBe('');
    expect(Array.isArray(f.links) && Array.isArray(f.cli), `${f.id} links/cli`).toBe(true);
  }
}

/** The findings of the applicable checks, each checked for well-formedness. */
export function runChecks(checks: readonly Check[], facts: InvestigationFacts): Finding[] {
  const findings = checks.filter((c) => c.applies(facts)).flatMap((c) => c.run(facts));
  expectWellFormed(findings);
  return findings;
}

/** Sorted, de-duplicated finding ids: what table tests compare. */
export function findingIds(checks: readonly Check[], facts: InvestigationFacts): string[] {
  return [...new Set(runChecks(checks, facts).map((f) => f.id))].sort();
}

/** The single finding with `id`, failing the test when it is missing. */
export function findingById(checks: readonly Check[], facts: InvestigationFacts, id: string): Finding {
  const found = runChecks(checks, facts).find((f) => f.id === id);
  expect(found, `no ${id} finding`).toBeDefined();
  return found as Finding;
}
