// `npm run bench`: the issue-11 table, measured as a user sees it — the real app started as `npm start` does (or
// `node dist/main.js` with BENCH_DIST=1), signed slash commands over HTTP, the fake AWS answering every call after
// a fixed delay, the fake Slack answering at once. Loopback only; bounded in time (BENCH_DEADLINE_S).
//
// Knobs: BENCH_LATENCY_MS (100), BENCH_UPTIME (investigations before the "after uptime" row, 250),
// BENCH_BACKENDS (pglite,postgres — postgres only when DATABASE_URL or TEST_DATABASE_URL is set), BENCH_ROWS
// (comma list of row ids to run, default all), BENCH_DIST=1 (run the compiled dist/main.js; `npm run build` first),
// BENCH_APP_DIR (the checkout whose app is measured, default this one: a worktree of an older commit, with its own
// `npm ci` and build, gives a before/after from the same machine in one run).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RERUN } from '../../src/slack/action-ids.ts';
import { REPO_ROOT } from '../support/app-process.ts';
import { CHANNEL, type E2e, startE2e } from '../support/e2e.ts';
import type { RecordedCall as AwsCall, Scenario } from '../support/fake-aws/index.ts';
import { rawQuery, rawSsm } from '../support/fake-aws/raw-client.ts';
import type { RecordedCall } from '../support/fake-slack.ts';
import { associationEvent } from '../support/fake-sns.ts';
import { namedScenario, PROD, PROD_ACCOUNT, prod, TEST_CREDENTIALS } from '../support/scenarios/index.ts';
import { signaturesScenario, THREE_SIGNATURES } from '../support/scenarios/signatures.ts';

const env = process.env;
const LATENCY = Number(env.BENCH_LATENCY_MS ?? 100);
const UPTIME = Number(env.BENCH_UPTIME ?? 250);
const DEADLINE_S = Number(env.BENCH_DEADLINE_S ?? 2_400);
const ROWS = env.BENCH_ROWS ? new Set(env.BENCH_ROWS.split(',')) : undefined;
const DIST = env.BENCH_DIST === '1';
const APP_DIR = path.resolve(env.BENCH_APP_DIR ?? REPO_ROOT);
/** How the app under test is started: as the image does (`node dist/main.js`) or as `npm start` does. */
const APP_PROCESS = {
  cwd: APP_DIR,
  nodeArgs: DIST ? [path.join(APP_DIR, 'dist', 'main.js')] : ['--import', 'tsx', 'src/main.ts'],
};
/** Seconds of idleness after the run before "at rest" is read: V8 hands a burst's heap back within about a minute. */
const REST_S = Number(env.BENCH_REST_S ?? 60);
const SECRET = 'bench-eventbridge-secret-0123456789';
/** The dependent chain (AssumeRole → DescribeAssociation → executions → targets → output) ≈ 5 calls ≈ 0.65 s at 100 ms. */
const CHAIN_MS = 6.5 * LATENCY;

const want = (row: string) => !ROWS || ROWS.has(row);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hasRerun = (call: RecordedCall) => JSON.stringify(call.body.blocks ?? '').includes(RERUN);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(0.99 * xs.length) - 1] ?? Number.NaN;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

interface Row {
  id: string;
  measure: string;
  value: string;
  bound?: string;
  /** value / bound: ≤ 1 meets the goal. */
  ratio?: number;
  load: string;
  note?: string;
}

const withLatency = (scenario: Scenario, ms: number): Scenario => ({
  ...scenario,
  faults: [
    ...(scenario.faults ?? []).filter((f) => f.operation !== '*' || !f.delayMs),
    { operation: '*', delayMs: ms },
  ],
});

/** The app's resident size now (VmRSS) or its peak so far (VmHWM), MB. */
function rssMb(e2e: E2e, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const pid = e2e.app.child.pid;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/**
 * Waits until the fake Slack has had no call for `quietMs`: posts of earlier investigations still on their way
 * (the poster paces each channel) must not be taken for the verdict of the next command.
 */
async function slackQuiet(e2e: E2e, quietMs = 1_500, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let seen = e2e.slack.calls.length;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > until) throw new Error(`Slack still busy after ${timeoutMs} ms`);
    await sleep(100);
    if (e2e.slack.calls.length !== seen) {
      seen = e2e.slack.calls.length;
      since = Date.now();
    }
  }
}

/** One `/ssm-why <id>` → the verdict reaching Slack; sequential use only. */
async function commandToVerdict(e2e: E2e, associationId: string) {
  await slackQuiet(e2e, 500);
  e2e.slack.reset();
  e2e.aws.calls.length = 0;
  const started = performance.now();
  const response = await e2e.command(associationId);
  const ackMs = performance.now() - started;
  if (response.status !== 200) throw new Error(`command answered ${response.status}`);
  await e2e.slack.waitFor(
    (c) => c.method === 'chat.postMessage' && hasRerun(c) && JSON.stringify(c.body).includes(associationId),
    { timeoutMs: 60_000 },
  );
  return { ackMs, wallMs: performance.now() - started, calls: [...e2e.aws.calls] };
}

/** Gaps in the AWS timeline: spans with no call in flight, after the first call. */
function idleGaps(calls: AwsCall[], latency: number): number[] {
  const spans = calls.map((c) => [c.at - latency, c.at] as const).sort((a, b) => a[0] - b[0]);
  const gaps: number[] = [];
  let end = spans[0]?.[1] ?? 0;
  for (const [from, to] of spans.slice(1)) {
    if (from > end + 20) gaps.push(Math.round(from - end));
    end = Math.max(end, to);
  }
  return gaps;
}

/** The same calls the investigation made, one after another, as a plain script would (fetch, no SDK). */
async function sequentialReplay(e2e: E2e, calls: AwsCall[]): Promise<number> {
  const started = performance.now();
  for (const call of calls) {
    const creds = e2e.aws.credentialsFor(call.account ?? PROD.id);
    const region = call.region ?? PROD.region;
    if (call.service === 'ssm') await rawSsm(e2e.aws, call.operation, call.params, creds, region);
    else if (call.service === 'sts') {
      await rawQuery(
        e2e.aws,
        'sts',
        { Action: call.operation, ...(call.params as Record<string, string>) },
        TEST_CREDENTIALS,
        region,
      );
    } else if (call.service === 'ec2') {
      await rawQuery(e2e.aws, 'ec2', { Action: call.operation }, creds, region);
    } else await fetch(e2e.aws.agentReleaseUrlTemplate.replace('{region}', region));
  }
  return performance.now() - started;
}

async function logCount(e2e: E2e, msg: string, n: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (e2e.app.logs.filter((l) => l.msg === msg).length < n) {
    if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms for ${n} "${msg}"`);
    await sleep(25);
  }
}

/** Rows are printed as they are measured: a run cut short by its deadline still shows what it measured. */
function rowLine(r: Row): string {
  return `| ${r.measure} | ${r.value} | ${r.bound ?? '—'} | ${r.ratio === undefined ? '—' : `${r.ratio.toFixed(2)}${r.ratio <= 1 ? ' ✓' : ' ✗'}`} | ${r.load} |\n`;
}

function collector(): Row[] {
  const rows: Row[] = [];
  const push = rows.push.bind(rows);
  rows.push = (...items: Row[]) => {
    for (const item of items) process.stdout.write(rowLine(item));
    return push(...items);
  };
  return rows;
}

async function benchBackend(backend: 'pglite' | 'postgres'): Promise<Row[]> {
  const rows = collector();
  const failing = namedScenario('script-exit-code-1');
  const e2e = await startE2e({
    backend,
    startTimeoutMs: 180_000,
    scenario: withLatency(failing.build({ now: new Date() }), LATENCY),
    accounts: [PROD_ACCOUNT],
    env: {
      LOG_LEVEL: 'info',
      SSM_WHY_EVENTBRIDGE_SECRET: SECRET,
      SSM_WHY_ALERT_DIGEST_THRESHOLD: '100',
      SSM_WHY_AWS_MAX_ATTEMPTS: '2',
    },
    process: APP_PROCESS,
  });
  try {
    await sleep(5_000);
    const restStart = rssMb(e2e);
    const fresh: number[] = [];
    let lastCalls: AwsCall[] = [];
    let sequential = Number.NaN;
    if (want('fresh') || want('uptime') || want('script')) {
      await commandToVerdict(e2e, failing.associationId); // warm-up
      for (let i = 0; i < 3; i++) {
        const run = await commandToVerdict(e2e, failing.associationId);
        fresh.push(run.wallMs);
        lastCalls = run.calls;
      }
      const gaps = idleGaps(lastCalls, LATENCY);
      rows.push({
        id: 'fresh',
        measure: `command → verdict, ${LATENCY} ms per AWS call, failed Run Command (${lastCalls.length} calls), fresh process`,
        value: s(median(fresh)),
        bound: `1.3 × chain ${s(CHAIN_MS)}`,
        ratio: median(fresh) / (1.3 * CHAIN_MS),
        load: load(),
        note: `median of 3 (${fresh.map(s).join(', ')}); idle gaps between AWS calls: ${gaps.length ? gaps.map((g) => `${g} ms`).join(', ') : 'none'}; calls: ${lastCalls.map((c) => c.operation).join(' ')}`,
      });
    }
    if (want('script') && lastCalls.length > 0) {
      sequential = await sequentialReplay(e2e, lastCalls);
      rows.push({
        id: 'script',
        measure: `a plain sequential script making the same ${lastCalls.length} calls`,
        value: s(sequential),
        bound: 'the app must beat it',
        ratio: median(fresh) / sequential,
        load: load(),
        note: 'ratio = app fresh / script',
      });
    }

    if (want('burst')) {
      // Investigations in flight (the failing scenario at LATENCY), then 50 commands at once.
      const finishedBefore = e2e.app.logs.filter((l) => l.msg === 'investigation finished').length;
      for (let i = 0; i < 4; i++) await e2e.command(failing.associationId);
      await sleep(300);
      const acks = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const started = performance.now();
          const response = await e2e.command(i % 10 === 9 ? 'help' : failing.associationId);
          await response.text();
          return { ms: performance.now() - started, status: response.status };
        }),
      );
      const ms = acks.map((a) => a.ms);
      rows.push({
        id: 'burst',
        measure: '50 concurrent slash commands while investigations run: ack p99',
        value: `${Math.round(p99(ms))} ms`,
        bound: '200 ms',
        ratio: p99(ms) / 200,
        load: load(),
        note: `median ${Math.round(median(ms))} ms, max ${Math.round(Math.max(...ms))} ms, > 3 s: ${ms.filter((m) => m > 3_000).length}, non-200: ${acks.filter((a) => a.status !== 200).length}`,
      });
      await logCount(e2e, 'investigation finished', finishedBefore + 49, 240_000);
    }

    if (want('large')) {
      for (const size of [
        { total: 10_000, failed: 2_000 },
        { total: 50_000, failed: 10_000 },
      ]) {
        const scenario = signaturesScenario(size);
        e2e.aws.scenario = scenario.build({ now: new Date() });
        const run = await commandToVerdict(e2e, scenario.associationId);
        const ssm = run.calls.filter((c) => c.service === 'ssm');
        const pages = ssm.filter((c) => c.operation === 'DescribeAssociationExecutionTargets').length;
        const posts = e2e.slack.callsTo('chat.postMessage').length;
        const verdict = e2e.slack.callsTo('chat.postMessage').find(hasRerun);
        const text = JSON.stringify(verdict?.body.blocks ?? '');
        const thread = JSON.stringify(e2e.slack.callsTo('chat.postMessage').map((c) => c.body.blocks ?? ''));
        const snippet = (i: number) => THREE_SIGNATURES[i]?.stderr.slice(0, 30) ?? '?';
        const positions = THREE_SIGNATURES.map((_, i) => text.indexOf(snippet(i)));
        // Named: anywhere in the thread (the Output step lists every signature); leads: first in the verdict.
        const named = THREE_SIGNATURES.filter((_, i) => thread.includes(snippet(i))).length;
        const inVerdict = positions.filter((p) => p >= 0).length;
        const leading = positions.reduce(
          (best, p, i) => (p >= 0 && (best === -1 || p < (positions[best] ?? Infinity)) ? i : best),
          -1,
        );
        rows.push({
          id: `large-${size.total}`,
          measure: `${size.total.toLocaleString('en-US')} targets / ${size.failed.toLocaleString('en-US')} failed, 3 signatures (60/25/15 %)`,
          value: `${ssm.length} SSM calls (${pages} pages), ${posts} messages; leads: ${leading === -1 ? 'none' : `${Math.round((THREE_SIGNATURES[leading]?.share ?? 0) * 100)} %`}; named ${named}/3`,
          bound: `≤ pages + 40 = ${pages + 40} calls, ≤ 30 messages, 60 % leads, 3/3 named`,
          ratio: Math.max(ssm.length / (pages + 40), posts / 30, leading === 0 ? 0 : 99, named === 3 ? 0 : 99),
          load: load(),
          note: `command → verdict ${s(run.wallMs)}; signatures in the verdict message itself: ${inVerdict}/3`,
        });
      }
      e2e.aws.scenario = withLatency(failing.build({ now: new Date() }), LATENCY);
    }

    if (want('uptime')) {
      // UPTIME investigations with no AWS delay, 4 at a time, then the fresh measurement again.
      const quick = withLatency(failing.build({ now: new Date() }), 0);
      e2e.aws.scenario = quick;
      const before = e2e.app.logs.filter((l) => l.msg === 'investigation finished').length;
      const started = performance.now();
      for (let sent = 0; sent < UPTIME; sent += 4) {
        const batch = Math.min(4, UPTIME - sent);
        for (let i = 0; i < batch; i++) await e2e.command(failing.associationId);
        await logCount(e2e, 'investigation finished', before + sent + batch, 120_000);
        e2e.slack.reset();
        e2e.aws.calls.length = 0;
      }
      const warmMs = performance.now() - started;
      // The last verdicts may still be on their way to Slack: the measured commands must see only their own.
      await slackQuiet(e2e);
      e2e.aws.scenario = withLatency(failing.build({ now: new Date() }), LATENCY);
      const after: number[] = [];
      for (let i = 0; i < 3; i++) after.push((await commandToVerdict(e2e, failing.associationId)).wallMs);
      rows.push({
        id: 'uptime',
        measure: `the same after ${UPTIME} investigations in the same process`,
        value: s(median(after)),
        bound: `fresh + 10 % = ${s(1.1 * median(fresh))}`,
        ratio: median(after) / (1.1 * median(fresh)),
        load: load(),
        note: `median of 3 (${after.map(s).join(', ')}); the ${UPTIME} took ${s(warmMs)}`,
      });
    }

    if (want('push')) {
      e2e.slack.reset();
      await e2e.command('subscribe account prod');
      await e2e.slack.waitFor('response_url', { timeoutMs: 10_000 });
      const times: number[] = [];
      const finishedSoFar = e2e.app.logs.filter((l) => l.msg === 'investigation finished').length;
      for (let i = 0; i < 20; i++) {
        const associationId = `bb${i.toString().padStart(6, '0')}-2222-4333-8444-555555555555`;
        const started = performance.now();
        const response = await fetch(`${e2e.app.url}/alerts/eventbridge`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-ssm-why-secret': SECRET },
          body: JSON.stringify(
            associationEvent({ account: PROD.id, region: PROD.region, associationId, status: 'Failed' }),
          ),
        });
        if (response.status !== 202) throw new Error(`push answered ${response.status}`);
        await e2e.slack.waitFor(
          (c) =>
            c.method === 'chat.postMessage' &&
            c.body.channel === CHANNEL &&
            JSON.stringify(c.body).includes(associationId),
          { timeoutMs: 30_000 },
        );
        times.push(performance.now() - started);
      }
      // Each alert starts an investigation of its own: let them finish before measuring memory at rest.
      await logCount(e2e, 'investigation finished', finishedSoFar + 20, 120_000);
      rows.push({
        id: 'push',
        measure: 'pushed alert (EventBridge POST) → first Slack message, p99 of 20',
        value: s(p99(times)),
        bound: '1 s',
        ratio: p99(times) / 1000,
        load: load(),
        note: `median ${s(median(times))}`,
      });
    }

    // At rest after the run: sampled every 5 s for REST_S seconds with no request; the last sample counts.
    const idle: number[] = [];
    for (let waited = 0; waited < REST_S; waited += 5) {
      await sleep(5_000);
      idle.push(rssMb(e2e));
    }
    const restEnd = idle.at(-1) ?? rssMb(e2e);
    const bound = backend === 'pglite' ? 600 : 200;
    rows.push({
      id: 'rss',
      measure: `app RSS at rest (${DIST ? 'node dist/main.js' : 'npm start'})`,
      value: `${Math.round(restStart)} MB after start, ${Math.round(restEnd)} MB ${REST_S} s after the run`,
      bound: `${bound} MB`,
      ratio: Math.max(restStart, restEnd) / bound,
      load: load(),
      note: `every 5 s after the run: ${idle.map((m) => Math.round(m)).join(', ')} MB; peak during the run (VmHWM) ${Math.round(rssMb(e2e, 'VmHWM'))} MB`,
    });
  } finally {
    await e2e.close();
  }
  return rows;
}

async function benchPolling(backend: 'pglite' | 'postgres'): Promise<Row> {
  // 3 accounts × 2 regions = 6 pairs, polled every second for 12 s.
  const accounts = ['111111111111', '222222222222', '333333333333'].map((id, i) => ({
    name: `acct${i}`,
    id,
    roleArn: `arn:aws:iam::${id}:role/SsmWhyReadOnly`,
    regions: ['eu-west-1', 'us-east-1'],
  }));
  let builder = prod();
  for (const a of accounts) {
    builder = builder.account(a.id, { roleArn: a.roleArn }).region('eu-west-1').region('us-east-1');
  }
  const e2e = await startE2e({
    backend,
    startTimeoutMs: 180_000,
    scenario: builder.build(),
    accounts,
    env: { SSM_WHY_POLL_INTERVAL_SECONDS: '1' },
    process: APP_PROCESS,
  });
  try {
    await e2e.command('subscribe');
    await sleep(2_000);
    e2e.aws.calls.length = 0;
    const seconds = 12;
    await sleep(seconds * 1000);
    const lists = e2e.aws.callsTo('ListAssociations');
    const perPair = new Map<string, number>();
    for (const c of lists) perPair.set(`${c.account}/${c.region}`, (perPair.get(`${c.account}/${c.region}`) ?? 0) + 1);
    const counts = [...perPair.values()];
    const minPolls = counts.length < 6 ? 0 : Math.min(...counts);
    const skipped = e2e.app.logs.filter((l) => /skipp/i.test(String(l.msg))).length;
    return {
      id: 'poll',
      measure: 'poll interval 1 s with 6 account × region pairs, 12 s',
      value: `${minPolls} polls for the least-polled pair (${counts.length} pairs polled; ${skipped} skip log lines)`,
      bound: `${seconds} polls per pair, or the interval refused`,
      ratio: seconds / Math.max(minPolls, 0.001) / 1.2,
      load: load(),
    };
  } finally {
    await e2e.close();
  }
}

function header(backend: string): string {
  return `### ${backend}\n\n| measure | value | bound | ratio | load (1/5/15 min) |\n|---|---|---|---|---|\n`;
}

function notes(rows: Row[]): string {
  return `\n${rows
    .filter((r) => r.note)
    .map((r) => `- ${r.id}: ${r.note}`)
    .join('\n')}\n\n`;
}

/** The measured checkout's commit, so a saved table says which code it measured. */
function appVersion(): string {
  const head = spawnSync('git', ['-C', APP_DIR, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' });
  const dirty = spawnSync('git', ['-C', APP_DIR, 'status', '--porcelain', '--untracked-files=no'], {
    encoding: 'utf8',
  });
  return `${head.stdout.trim().slice(0, 70) || APP_DIR}${dirty.stdout.trim() ? ' (+ uncommitted changes)' : ''}`;
}

async function main() {
  const timer = setTimeout(() => {
    process.stderr.write(`bench: deadline of ${DEADLINE_S} s reached\n`);
    process.exit(3);
  }, DEADLINE_S * 1000);
  timer.unref();
  if (DIST && !existsSync(path.join(APP_DIR, 'dist', 'main.js')))
    throw new Error(`BENCH_DIST=1: run \`npm run build\` in ${APP_DIR} first`);
  const databaseUrl = env.TEST_DATABASE_URL ?? env.DATABASE_URL;
  if (databaseUrl) process.env.TEST_DATABASE_URL = databaseUrl;
  const backends = (env.BENCH_BACKENDS ?? 'pglite,postgres')
    .split(',')
    .filter((b): b is 'pglite' | 'postgres' => b === 'pglite' || (b === 'postgres' && databaseUrl !== undefined));
  const cpus = os.cpus();
  process.stdout.write(
    `# ssm-why bench — ${new Date().toISOString()}\n\n${os.hostname()} · ${cpus.length} × ${cpus[0]?.model ?? 'cpu'} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · load ${load()} · AWS latency ${LATENCY} ms · ${DIST ? 'dist/main.js' : 'npm start (tsx)'} · app ${appVersion()}\n\n`,
  );
  for (const backend of backends) {
    process.stdout.write(header(backend));
    const rows = await benchBackend(backend);
    if (want('poll')) {
      rows.push(await benchPolling(backend)); // printed by the collector
    }
    process.stdout.write(notes(rows));
  }
  clearTimeout(timer);
}

await main();
