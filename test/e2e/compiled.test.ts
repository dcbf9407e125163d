// The production path: `npm run build` output, laid out as the image lays it out (dist/, prisma/, and node_modules
// pruned to what production reaches — no Prisma CLI, no tsx, no TypeScript: scripts/prune-build-tools.mjs over a
// hard-linked copy), started as the image starts it (`node dist/main.js`), answers
// signed commands — an investigation and `/ssm-why doctor` — and `node dist/cli/doctor.js` checks the same setup
// (exit 0), then a broken one (exit 1, the failing line with its fix). The build runs here when dist/ is missing or
// older than src/ (CI builds it first in .ci/run).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { REPO_ROOT } from '../support/app-process.ts';
import { CHANNEL, type E2e, startE2e } from '../support/e2e.ts';
import { RESPONSE_URL } from '../support/fake-slack.ts';
import { healthy, PROD, PROD_ACCOUNT } from '../support/scenarios/index.ts';

const DIST_MAIN = path.join(REPO_ROOT, 'dist', 'main.js');

const newest = (dir: string): number =>
  Math.max(...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => statSync(path.join(dir, f)).mtimeMs));

function ensureBuilt(): void {
  const built = (() => {
    try {
      return statSync(DIST_MAIN).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built > newest(path.join(REPO_ROOT, 'src'))) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed\n${result.stdout}\n${result.stderr}`);
}

/** The image's /app: package files, dist/, prisma/ and the production-only node_modules. */
function imageLayout(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ssm-why-image-'));
  // Hard links: seconds instead of minutes, and pruning the copy leaves the repository's node_modules alone.
  const linked = spawnSync('cp', ['-al', path.join(REPO_ROOT, 'node_modules'), dir]);
  if (linked.status !== 0)
    cpSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), { recursive: true });
  for (const entry of ['package.json', 'package-lock.json', 'dist', 'prisma']) {
    cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  const pruned = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/prune-build-tools.mjs'), dir], {
    encoding: 'utf8',
  });
  if (pruned.status !== 0) throw new Error(`prune failed: ${pruned.stderr}`);
  return dir;
}

function runDist(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: image, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

let image: string;
const METRICS_TOKEN = 'metrics-token-for-the-e2e-test';

describe('the compiled app (node dist/main.js)', () => {
  let e2e: E2e;

  beforeAll(async () => {
    ensureBuilt();
    image = imageLayout();
    e2e = await startE2e({
      scenario: healthy.build(),
      accounts: [{ ...PROD_ACCOUNT, regions: [PROD.region] }],
      process: { nodeArgs: ['dist/main.js'], cwd: image },
      env: { SSM_WHY_METRICS_TOKEN: METRICS_TOKEN },
    });
  }, 300_000);

  afterAll(async () => {
    await e2e?.close();
    if (image) rmSync(image, { recursive: true, force: true });
  });

  it('runs compiled JavaScript on production dependencies only', () => {
    const args = e2e.app.child.spawnargs;
    expect(args.slice(1)).toEqual(['dist/main.js']);
    for (const buildTool of ['prisma', 'tsx', 'typescript', '@prisma/dev', 'vitest', '@biomejs/biome']) {
      expect(existsSync(path.join(image, 'node_modules', buildTool)), buildTool).toBe(false);
    }
    expect(existsSync(path.join(image, 'node_modules', '@prisma/client'))).toBe(true);
  });

  it('answers a signed command and investigates to a verdict', async () => {
    const response = await e2e.command(healthy.associationId);
    expect(response.status).toBe(200);
    // The verdict is the thread reply that carries the Re-run button.
    const [verdict] = await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === CHANNEL && JSON.stringify(c.body).includes('Re-run'),
      { timeoutMs: 20_000 },
    );
    expect(verdict).toBeDefined();
  });

  it('GET /metrics (bearer token) counts the investigation, its steps, the AWS and Slack calls, and the queue', async () => {
    expect((await fetch(`${e2e.app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${e2e.app.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const scrape = () => fetch(`${e2e.app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    // The verdict's post is not the end of the investigation (its root is updated, its record finished): it is
    // counted a moment later.
    await expect
      .poll(async () => (await scrape()).text(), { timeout: 10_000 })
      .toMatch(/^ssm_why_investigations_total\{outcome="healthy",cause_family="none"\} 1$/m);
    const text = await (await scrape()).text();
    expect(text).toMatch(/^ssm_why_verdict_duration_seconds_count 1$/m);
    expect(text).toMatch(/^ssm_why_step_duration_seconds_count\{step="access",status="ok"\} 1$/m);
    expect(text).toMatch(
      /^ssm_why_aws_calls_total\{service="ssm",operation="DescribeAssociation",error_code=""\} \d+$/m,
    );
    expect(text).toMatch(/^ssm_why_slack_calls_total\{method="chat.postMessage",error=""\} \d+$/m);
    expect(text).toMatch(/^ssm_why_job_queue_depth \d+$/m);
    expect(text).toMatch(/^ssm_why_job_queue_oldest_age_seconds [\d.e+-]+$/m);
    expect(text).toMatch(/^ssm_why_alert_episodes\{status="open"\} 0$/m);
  });

  it('/ssm-why doctor answers ephemerally with every check passing', async () => {
    const before = Math.max(0, ...e2e.slack.calls.map((c) => c.seq));
    const response = await e2e.command('doctor');
    expect(response.status).toBe(200);
    const [reply] = await e2e.slack.waitFor((c) => c.method === RESPONSE_URL && c.seq > before, { timeoutMs: 20_000 });
    const body = reply?.body as { response_type?: string; text?: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/^✅ All \d+ setup checks passed\.$/);
  });

  it('node dist/cli/doctor.js exits 0 on this setup and 1 with a broken trust policy, naming the fix', async () => {
    // Its own DATA_DIR: PGlite allows one process, and the app holds its data directory (with DATABASE_URL the
    // doctor checks the app's PostgreSQL database).
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ssm-why-doctor-'));
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...e2e.env, DATA_DIR: dataDir };
    const good = await runDist('dist/cli/doctor.js', env);
    expect(good.stderr).toBe('');
    expect(good.stdout).toMatch(/all \d+ checks passed/);
    expect(good.code).toBe(0);

    const broken = path.join(dataDir, 'broken-accounts.yml');
    writeFileSync(
      broken,
      stringify({ accounts: [{ ...PROD_ACCOUNT, regions: [PROD.region], externalId: 'wrong-external-id' }] }),
    );
    const bad = await runDist('dist/cli/doctor.js', { ...env, SSM_WHY_ACCOUNTS_FILE: broken });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(
      `✗ prod (${PROD.id}) ${PROD.region}: AssumeRole ${PROD.roleArn} denied (AccessDenied) → fix:`,
    );
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops on SIGTERM with exit code 0 well inside Docker’s 10 s grace period', async () => {
    const started = Date.now();
    expect(await e2e.app.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
