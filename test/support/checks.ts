// The one check-test harness: runs checks the way the runner does, asserts the rules every finding must keep
// (evidence, fix, links, step, bounded resources), and drives every family's table (`describeCheckTable`).
import { describe, expect, it } from 'vitest';
import type { ExecutionSummaryFacts, InvestigationFacts } from '../../src/domain/facts.ts';
import { STEP_KEYS } from '../../src/domain/facts.ts';
import type { Check, Finding } from '../../src/domain/finding.ts';
import { type Lang, texts } from '../../src/i18n/index.ts';

/** Fails the test when a finding breaks the house rules: evidence, a fix, a known step, a bounded resource sample. */
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
    expect(STEP_KEYS, `${f.id} step`).toContain(f.step);
    expect(f.resources?.length ?? 0, `${f.id} resources`).toBeLessThanOrEqual(10);
  }
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const BROKEN = /undefined|NaN|\[object /;

/** How often a text shows a missing value; node output may say `undefined` itself, so compare with the English. */
export const brokenValues = (texts: readonly string[]): number =>
  texts.reduce((n, t) => n + (t.match(new RegExp(BROKEN, 'g'))?.length ?? 0), 0);

const findingTexts = (f: Finding): string[] => [
  f.title,
  f.summary,
  ...f.remediation,
  ...f.links.map((l) => l.label),
  ...f.evidence.flatMap((e) => [e.field, e.value]),
];

/**
 * Fails the test when a finding is not fully Japanese: its title, summary, every fix and every link label are
 * Japanese sentences, and no text (evidence included) shows a missing value (`undefined`, `NaN`, `[object …]`) —
 * none at all, or no more than the same finding in English has (quoted node output may contain the word).
 */
export function expectJapanese(findings: readonly Finding[], english?: readonly Finding[]): void {
  findings.forEach((f, i) => {
    const sentences = [f.title, f.summary, ...f.remediation, ...f.links.map((l) => l.label)];
    for (const text of sentences) expect(text, `${f.id}: not Japanese`).toMatch(JAPANESE);
    const allowed = english?.[i] ? brokenValues(findingTexts(english[i] as Finding)) : 0;
    expect(
      brokenValues(findingTexts(f)),
      `${f.id}: a missing value in ${findingTexts(f).join(' | ')}`,
    ).toBeLessThanOrEqual(allowed);
  });
}

/** Findings of the checks that apply to the facts, their text in `lang` (not yet checked for well-formedness). */
export function findingsOf(checks: readonly Check[], facts: InvestigationFacts, lang: Lang = 'en'): Finding[] {
  const t = texts(lang);
  return checks.filter((c) => c.applies(facts)).flatMap((c) => c.run(facts, t));
}

/** The findings of the applicable checks, each checked for well-formedness. */
export function runChecks(checks: readonly Check[], facts: InvestigationFacts): Finding[] {
  const findings = findingsOf(checks, facts);
  expectWellFormed(findings);
  return findings;
}

/** Finding ids in check order, repeats kept (one finding per failure signature is part of the contract). */
export function idsOf(checks: readonly Check[], facts: InvestigationFacts): string[] {
  return findingsOf(checks, facts).map((f) => f.id);
}

/** The single finding with `id`, failing the test when it is missing. */
export function findingById(checks: readonly Check[], facts: InvestigationFacts, id: string): Finding {
  const found = runChecks(checks, facts).find((f) => f.id === id);
  expect(found, `no ${id} finding`).toBeDefined();
  return found as Finding;
}

/** Finding ids that more than one check emits over these facts (diagnose merges by id, so ids must have one owner). */
export function sharedIds(checks: readonly Check[], factsList: readonly InvestigationFacts[]): string[] {
  const owners = new Map<string, Set<string>>();
  for (const facts of factsList) {
    for (const check of checks.filter((c) => c.applies(facts))) {
      for (const f of check.run(facts, texts('en'))) owners.set(f.id, (owners.get(f.id) ?? new Set()).add(check.id));
    }
  }
  return [...owners].filter(([, ids]) => ids.size > 1).map(([id, ids]) => `${id} ← ${[...ids].join(', ')}`);
}

/** An agent ExecutionSummary, parsed the way the adapter does. */
export function summary(
  counts: { plugins: number; success?: number; failed?: number; timedOut?: number; skipped?: number },
  failures: { plugin: string; reason: string }[] = [],
): ExecutionSummaryFacts {
  const { plugins, success = 0, failed = 0, timedOut = 0, skipped = 0 } = counts;
  const tail = failures.map((f) => `\nThe operation ${f.plugin} failed because ${f.reason}.`).join('');
  return {
    raw: `${plugins} out of ${plugins} plugin${plugins === 1 ? '' : 's'} processed, ${success} success, ${failed} failed, ${timedOut} timedout, ${skipped} skipped. ${tail}`,
    processed: plugins,
    plugins,
    success,
    failed,
    timedOut,
    skipped,
    failures,
    truncated: false,
  };
}

export interface CheckCase {
  name: string;
  facts: InvestigationFacts;
  /** The finding ids, in check order, repeats kept. */
  ids: string[];
}

/**
 * The table every family shares: each case's facts produce exactly its finding ids (in order), every finding is
 * well formed, and each finding id comes from exactly one check (diagnose merges findings by id).
 */
export function describeCheckTable(family: string, checks: readonly Check[], cases: readonly CheckCase[]): void {
  describe(`${family} checks: facts in → finding ids out`, () => {
    it.each(cases)('$name', ({ facts, ids }) => {
      expect(idsOf(checks, facts)).toEqual(ids);
      expectWellFormed(findingsOf(checks, facts));
    });

    it.each(cases)('$name (ja): the same findings, in Japanese', ({ facts }) => {
      const english = findingsOf(checks, facts, 'en');
      const japanese = findingsOf(checks, facts, 'ja');
      expect(japanese.map((f) => [f.id, f.severity, f.step, f.resources, f.affectedTargets])).toEqual(
        english.map((f) => [f.id, f.severity, f.step, f.resources, f.affectedTargets]),
      );
      // Evidence values, links and commands stay as AWS wrote them: only the words around them change.
      expect(japanese.map((f) => [f.evidence.length, f.remediation.length, f.links.map((l) => l.url), f.cli])).toEqual(
        english.map((f) => [f.evidence.length, f.remediation.length, f.links.map((l) => l.url), f.cli]),
      );
      expectWellFormed(japanese);
      expectJapanese(japanese);
    });

    it('each finding id comes from exactly one check', () => {
      expect(
        sharedIds(
          checks,
          cases.map((c) => c.facts),
        ),
      ).toEqual([]);
    });
  });
}
