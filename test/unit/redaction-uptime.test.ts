// No cost grows with uptime: 2,000 redactions in one process, the CPU time per redaction and the heap stay flat
// (secretlint's profiler used to keep every mark for the life of the process and scan them on every mark).
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/redaction/redact.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A typical failed run's output: log lines, one AWS key pair, a password flag and a bearer token. */
const OUTPUT = [
  ...Array.from(
    { length: 30 },
    (_, i) => `2026-12-01 10:00:${String(i).padStart(2, '0')} INFO step ${i}: applying baseline`,
  ),
  'export AWS_ACCESS_KEY_ID=AKIAQWERTYUIOPASDFGH',
  'export AWS_SECRET_ACCESS_KEY=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',
  'mysql -u admin --password=Sup3rS3cretPassw0rd! -h db.internal',
  'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"',
  'baseline.sh: line 42: /usr/bin/aide: No such file or directory',
].join('\n');

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

describe('redaction cost over uptime', () => {
  it('2,000 redactions: time per redaction and heap stay flat', async () => {
    const redactor = createRedactor();
    const marksBefore = performance.getEntriesByType('mark').length;
    const batch = async (n: number) => {
      const started = cpuMs();
      for (let i = 0; i < n; i++) {
        // A different text each time, as in production (no cache can hide a growing cost).
        const { text, withheld } = await redactor.redact(`${OUTPUT}\nrun ${i}`);
        expect(withheld).toBe(false);
        expect(text).not.toContain('Sup3rS3cretPassw0rd');
      }
      return (cpuMs() - started) / n;
    };
    await batch(100); // warm-up: JIT, secretlint's rule set
    gc();
    const heapEarly = process.memoryUsage().heapUsed;
    const early = await batch(200);
    await batch(1_500);
    const late = await batch(200);
    gc();
    const heapLate = process.memoryUsage().heapUsed;

    // The per-redaction cost of the last 200 is that of the first 200 (slack for a noisy shared machine).
    expect(late).toBeLessThan(early * 1.5 + 0.5);
    // 1,900 redactions leave no more than a couple of MB behind (the profiler kept ~30 marks per redaction).
    expect(heapLate - heapEarly).toBeLessThan(3 * 2 ** 20);
    // Nothing is left on the process-wide performance timeline either.
    expect(performance.getEntriesByType('mark').length).toBe(marksBefore);
  }, 120_000);
});
