// The labelled corpus through diagnose(): the shares `npm run bench:diagnosis` prints, held at ≥ 95 % each.
import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_CORPUS } from '../fixtures/diagnosis-corpus/index.ts';
import { measureCorpus, share } from '../fixtures/diagnosis-corpus/measure.ts';

describe('diagnosis corpus', () => {
  it('holds at least 80 realistic failures, each with a decisive line, a family and where its format comes from', () => {
    expect(DIAGNOSIS_CORPUS.length).toBeGreaterThanOrEqual(80);
    expect(new Set(DIAGNOSIS_CORPUS.map((e) => e.id)).size).toBe(DIAGNOSIS_CORPUS.length);
    for (const e of DIAGNOSIS_CORPUS) {
      expect(e.format.length, e.id).toBeGreaterThan(10);
      expect(e.decisive.length, e.id).toBeGreaterThan(0);
      const text = `${e.stderr ?? ''}\n${e.stdout ?? ''}\n${e.message ?? ''}`;
      expect(text.includes(e.decisive), `${e.id}: its decisive text is in its output`).toBe(true);
    }
  });

  it('the extractor picks the decisive line and the verdict names the right family in ≥ 95 % of it', () => {
    const score = measureCorpus(DIAGNOSIS_CORPUS);
    console.log(
      `diagnosis corpus: decisive line ${share(score.lineRight, score.total)}, cause family ${share(score.familyRight, score.total)} of ${score.total}`,
    );
    expect(score.lineRight / score.total).toBeGreaterThanOrEqual(0.95);
    expect(score.familyRight / score.total).toBeGreaterThanOrEqual(0.95);
  });

  it('the verdict headline quotes the decisive line for command failures', () => {
    const score = measureCorpus(DIAGNOSIS_CORPUS.filter((e) => e.message === undefined));
    const quoting = score.results.filter((r) => r.line && r.headline.includes(r.line.slice(0, 60)));
    expect(quoting.length / score.total).toBeGreaterThanOrEqual(0.95);
  });
});
