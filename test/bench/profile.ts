// `node --import tsx test/bench/profile.ts [pglite|postgres]`: the 50-command burst against the app started with
// --cpu-prof; prints the heaviest functions (self time) and where they come from. Loopback only, like the bench.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startE2e } from '../support/e2e.ts';
import { namedScenario, PROD_ACCOUNT } from '../support/scenarios/index.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const backend = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
if (backend === 'postgres') process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL;
const dir = mkdtempSync(path.join(tmpdir(), 'ssm-why-prof-'));
const scenario = namedScenario('script-exit-code-1');
const built = scenario.build({ now: new Date() });
built.faults = [...(built.faults ?? []), { operation: '*', delayMs: 100 }];
const e2e = await startE2e({
  backend,
  scenario: built,
  accounts: [PROD_ACCOUNT],
  startTimeoutMs: 180_000,
  process: {
    nodeArgs: [
      `--cpu-prof`,
      `--cpu-prof-dir=${dir}`,
      ...(process.env.BENCH_DIST === '1' ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts']),
    ],
  },
});
try {
  await e2e.command(scenario.associationId);
  await new Promise((r) => setTimeout(r, 3_000));
  const finished = () => e2e.app.logs.filter((l) => l.msg === 'investigation finished').length;
  const before = finished();
  for (let i = 0; i < 4; i++) await e2e.command(scenario.associationId);
  const acks = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const t = performance.now();
      await (await e2e.command(scenario.associationId)).text();
      return performance.now() - t;
    }),
  );
  acks.sort((a, b) => a - b);
  console.log(`acks: median ${Math.round(acks[25] ?? 0)} ms, p99 ${Math.round(acks[49] ?? 0)} ms`);
  while (finished() < before + 54) await new Promise((r) => setTimeout(r, 200));
} finally {
  await e2e.close();
}
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile in ${dir}`);
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};
const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const us = self.get(node.id) ?? 0;
  total += us;
  const url = node.callFrame.url.replace(/^file:\/\//, '');
  const pkg =
    /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
    (url.includes('/src/') ? `src/${url.split('/src/')[1]?.split('/')[0]}` : url || node.callFrame.functionName);
  const fn = `${node.callFrame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
}
const top = (m: Map<string, number>, n: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`,
    )
    .join('\n');
console.log(
  `profile ${dir}/${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nby package:\n${top(byPkg, 20)}\n\nby function:\n${top(byFn, 30)}`,
);
