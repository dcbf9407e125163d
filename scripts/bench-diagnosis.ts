// npm run bench:diagnosis — the share of the labelled corpus where the extractor picks the decisive line, and the
// share where the verdict's cause family is right (goal ≥ 95 % each). `--verbose` lists every miss.
import { DIAGNOSIS_CORPUS } from '../test/fixtures/diagnosis-corpus/index.ts';
import { measureCorpus, share } from '../test/fixtures/diagnosis-corpus/measure.ts';

const verbose = process.argv.includes('--verbose');
const score = measureCorpus(DIAGNOSIS_CORPUS);
const tools = new Set(DIAGNOSIS_CORPUS.map((e) => e.tool));
console.log(`diagnosis corpus: ${score.total} failure outputs from ${tools.size} tools`);
console.log(`decisive line picked: ${score.lineRight}/${score.total} = ${share(score.lineRight, score.total)}`);
console.log(
  `verdict cause family right: ${score.familyRight}/${score.total} = ${share(score.familyRight, score.total)}`,
);
for (const r of score.results) {
  if (r.lineRight && r.familyRight && !verbose) continue;
  const marks = `${r.lineRight ? ' ' : 'L'}${r.familyRight ? ' ' : 'F'}`;
  console.log(`${marks} ${r.entry.id}: ${r.verdictFamily} (want ${r.entry.family}) — ${r.headline}`);
}
process.exitCode = score.lineRight / score.total >= 0.95 && score.familyRight / score.total >= 0.95 ? 0 : 1;
