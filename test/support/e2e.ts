// End-to-end rig: the real app (started as `npm start` does) between a fake Slack and a fake AWS, both over
// real HTTP, with a database of its own — the real PostgreSQL when TEST_DATABASE_URL is set, else PGlite.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { stringify } from 'yaml';
import type { AccountRef } from '../../src/investigation/ports.ts';
import { type AppProcess, startAppProcess } from './app-process.ts';
import { type FakeAws, type Scenario, startFakeAws } from './fake-aws/index.ts';
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from './fake-slack.ts';
import { TEST_CREDENTIALS } from './scenarios/index.ts';
import {
  appHomeOpenedBody,
  type BlockActionsOverrides,
  blockActionsBody,
  postSigned,
  slashCommandBody,
  type ViewSubmissionOverrides,
  viewSubmissionBody,
} from './slack-requests.ts';
import { type BackendName, databaseBackends, pgliteTemplate, type TestDatabase } from './test-database.ts';

export const CHANNEL = 'C02GHIJKL45';
export const OTHER_CHANNEL = 'C09OTHER999';
export const USER = 'U03MNOPQR67';
export const TEAM = 'T01ABCDEF23';

export interface E2e {
  app: AppProcess;
  slack: FakeSlack;
  aws: FakeAws;
  secret: string;
  /**
   * Where the app keeps its data, for `openDatabase(e2e.database)` from src/store/database.ts. PGlite allows one
   * process at a time: stop the app first (`e2e.app.stop()`); `close()` still cleans up afterwards.
   */
  database: { dataDir: string; databaseUrl?: string };
  /** The environment the app was started with: `startAppProcess({ ...e2e.env, PORT: '0' })` starts a second replica (PostgreSQL only). */
  env: Record<string, string>;
  /** Sends a signed `/ssm-why <text>` from CHANNEL (or `channelId`). */
  /** Each command gets a fresh trigger_id, as from Slack; pass `triggerId` (and `retryNum`) to send a retry. */
  command(
    text: string,
    options?: { channelId?: string; userId?: string; triggerId?: string; retryNum?: number },
  ): Promise<Response>;
  /** Sends a signed button click. */
  click(overrides: BlockActionsOverrides): Promise<Response>;
  /** Sends a signed `app_home_opened` event for USER (or `userId`). */
  homeOpened(options?: { userId?: string }): Promise<Response>;
  /** Sends a signed modal submission. */
  submit(overrides: Omit<ViewSubmissionOverrides, 'teamId'> & { teamId?: string }): Promise<Response>;
  /** Stops everything and removes the database. */
  close(): Promise<void>;
}

export interface E2eOptions {
  scenario: Scenario;
  accounts: AccountRef[];
  env?: Record<string, string>;
  /** Force one database (default: e2eBackend()). */
  backend?: BackendName;
  /** Run on this PostgreSQL database instead (e.g. a throwaway cluster the test stops and starts); not dropped. */
  databaseUrl?: string;
  /** How the app process is started (default: as `npm start` does; `nodeArgs: ['dist/main.js']` as the image does). */
  process?: { nodeArgs?: string[]; nodePath?: string; cwd?: string };
  /** How long the app may take to listen. */
  startTimeoutMs?: number;
  slack?: FakeSlackOptions;
}

/**
 * The database the end-to-end apps run on: PostgreSQL when TEST_DATABASE_URL is set, else PGlite. The
 * `e2e-pglite` test project (vitest.config.ts) sets SSM_WHY_E2E_DATABASE=pglite so that, with both configured, the
 * same tests also run on PGlite.
 */
export function e2eBackend(): BackendName {
  const postgres = databaseBackends().some((b) => b.name === 'postgres');
  return postgres && process.env.SSM_WHY_E2E_DATABASE !== 'pglite' ? 'postgres' : 'pglite';
}

/** Prepares a database for one app process: a new Postgres database, or a PGlite data dir from the migrated template. */
async function prepareDatabase(
  dataDir: string,
  backend: BackendName = e2eBackend(),
): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> {
  const postgres = backend === 'postgres' ? databaseBackends().find((b) => b.name === 'postgres') : undefined;
  if (backend === 'postgres' && !postgres) throw new Error('backend postgres needs TEST_DATABASE_URL');
  if (postgres) {
    const database: TestDatabase = await postgres.create({ migrated: false });
    return { env: { DATABASE_URL: database.target as string }, dispose: () => database.dispose() };
  }
  const client = new PGlite(path.join(dataDir, 'pglite'), { loadDataDir: await pgliteTemplate('migrated') });
  await client.waitReady;
  await client.close();
  return { env: {}, dispose: async () => {} };
}

/** Temp folders are named after the test run (test/support/global-setup.ts checks that none is left behind). */
export function e2eTempPrefix(): string {
  return `ssm-why-e2e-${process.env.SSM_WHY_TEST_RUN ?? 'norun'}-`;
}

/** Everything an app process needs around it, before it starts: fakes, database, accounts file, environment. */
export interface E2eWorld {
  slack: FakeSlack;
  aws: FakeAws;
  secret: string;
  dir: string;
  env: Record<string, string>;
  database: { dataDir: string; databaseUrl?: string };
  /** Closes the fakes, drops the database and removes the temp folder, whatever fails on the way. */
  dispose(): Promise<void>;
}

export async function setUpE2eWorld(options: E2eOptions): Promise<E2eWorld> {
  const dir = mkdtempSync(path.join(tmpdir(), e2eTempPrefix()));
  const parts = await Promise.allSettled([
    startFakeSlack(options.slack),
    startFakeAws(options.scenario),
    options.databaseUrl
      ? { env: { DATABASE_URL: options.databaseUrl }, dispose: async () => {} }
      : prepareDatabase(dir, options.backend),
  ]);
  const [slackPart, awsPart, databasePart] = parts;
  const dispose = async () => {
    await Promise.allSettled(
      parts.map((p) =>
        p.status === 'fulfilled' ? ('close' in p.value ? p.value.close() : p.value.dispose()) : undefined,
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  if (slackPart.status !== 'fulfilled' || awsPart.status !== 'fulfilled' || databasePart.status !== 'fulfilled') {
    await dispose();
    const failed = parts.find((p) => p.status === 'rejected') as PromiseRejectedResult;
    throw failed.reason;
  }
  const [slack, aws, database] = [slackPart.value, awsPart.value, databasePart.value];
  const accountsFile = path.join(dir, 'accounts.yml');
  writeFileSync(accountsFile, stringify({ accounts: options.accounts }));
  const secret = randomBytes(16).toString('hex');
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-e2e-token',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATA_DIR: dir,
    SSM_WHY_ACCOUNTS_FILE: accountsFile,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_SSM: aws.url,
    AWS_ENDPOINT_URL_STS: aws.url,
    AWS_ENDPOINT_URL_EC2: aws.url,
    SSM_AGENT_LATEST_VERSION_URL: aws.agentReleaseUrlTemplate,
    SSM_WHY_AWS_MAX_ATTEMPTS: '2',
    // Dozens of investigations in one channel back to back: Slack's pace is tested in test/faults/slack-pace.
    SSM_WHY_SLACK_CHANNEL_POSTS_PER_MINUTE: '3000',
    LOG_LEVEL: 'info',
    ...database.env,
    ...options.env,
  };
  return {
    slack,
    aws,
    secret,
    dir,
    env,
    database: { dataDir: dir, ...(database.env.DATABASE_URL ? { databaseUrl: database.env.DATABASE_URL } : {}) },
    dispose,
  };
}

/** A trigger id shaped like Slack's (`<digits>.<digits>.<hex>`), unique per call. */
export const newTriggerId = (): string =>
  `${Date.now()}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString('hex')}`;

export async function startE2e(options: E2eOptions): Promise<E2e> {
  const world = await setUpE2eWorld(options);
  const { slack, aws, secret, env } = world;
  let app: AppProcess;
  try {
    app = await startAppProcess(env, {
      ...(options.process ?? {}),
      // A loaded 2-core CI machine can take long to start.
      timeoutMs: options.startTimeoutMs ?? 90_000,
    });
  } catch (error) {
    await world.dispose();
    throw error;
  }
  return {
    app,
    slack,
    aws,
    secret,
    env,
    database: world.database,
    command: (text, o = {}) =>
      postSigned(
        app.url,
        slashCommandBody({
          text,
          channelId: o.channelId ?? CHANNEL,
          userId: o.userId ?? USER,
          responseUrl: slack.responseUrl(),
          triggerId: o.triggerId ?? newTriggerId(),
        }),
        { secret, ...(o.retryNum === undefined ? {} : { retryNum: o.retryNum }) },
      ),
    click: (overrides) =>
      postSigned(app.url, blockActionsBody({ responseUrl: slack.responseUrl(), ...overrides }), { secret }),
    homeOpened: (o = {}) =>
      postSigned(app.url, appHomeOpenedBody({ userId: o.userId ?? USER, teamId: TEAM }), {
        secret,
        contentType: 'application/json',
      }),
    submit: (o) => postSigned(app.url, viewSubmissionBody({ teamId: TEAM, ...o }), { secret }),
    async close() {
      // Every part is released even when another fails, and the temp folder always goes.
      try {
        await app.stop();
      } finally {
        await world.dispose();
      }
    },
  };
}
