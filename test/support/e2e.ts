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
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';
import { TEST_CREDENTIALS } from './scenarios/index.ts';
import { type BlockActionsOverrides, blockActionsBody, postSigned, slashCommandBody } from './slack-requests.ts';
import { databaseBackends, pgliteTemplate, type TestDatabase } from './test-database.ts';

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
  /**
   * Sends a signed `/ssm-why <text>` from CHANNEL (or `channelId`). Each command gets a fresh trigger_id, as from
   * Slack; pass `triggerId` (and `retryNum`) to send a retry of an earlier one.
   */
  command(
    text: string,
    options?: { channelId?: string; userId?: string; triggerId?: string; retryNum?: number },
  ): Promise<Response>;
  /** Sends a signed button click. */
  click(overrides: BlockActionsOverrides): Promise<Response>;
  /** Stops everything and removes the database. */
  close(): Promise<void>;
}

export interface E2eOptions {
  scenario: Scenario;
  accounts: AccountRef[];
  env?: Record<string, string>;
}

/** Prepares a database for one app process: a new Postgres database, or a PGlite data dir from the migrated template. */
async function prepareDatabase(
  dataDir: string,
): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> {
  const postgres = databaseBackends().find((b) => b.name === 'postgres');
  if (postgres) {
    const database: TestDatabase = await postgres.create({ migrated: false });
    return { env: { DATABASE_URL: database.target as string }, dispose: () => database.dispose() };
  }
  const client = new PGlite(path.join(dataDir, 'pglite'), { loadDataDir: await pgliteTemplate('migrated') });
  await client.waitReady;
  await client.close();
  return { env: {}, dispose: async () => {} };
}

/** A trigger id shaped like Slack's (`<digits>.<digits>.<hex>`), unique per call. */
export const newTriggerId = (): string =>
  `${Date.now()}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString('hex')}`;

export async function startE2e(options: E2eOptions): Promise<E2e> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ssm-why-e2e-'));
  const [slack, aws, database] = await Promise.all([
    startFakeSlack(),
    startFakeAws(options.scenario),
    prepareDatabase(dir),
  ]);
  const accountsFile = path.join(dir, 'accounts.yml');
  writeFileSync(accountsFile, stringify({ accounts: options.accounts }));
  const secret = randomBytes(16).toString('hex');
  let app: AppProcess;
  let env: Record<string, string>;
  try {
    env = {
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
    app = await startAppProcess(env, { timeoutMs: 90_000 }); // a loaded 2-core CI machine can take long to start
  } catch (error) {
    await Promise.all([slack.close(), aws.close(), database.dispose()]);
    throw error;
  }
  return {
    app,
    slack,
    aws,
    secret,
    env,
    database: { dataDir: dir, ...(database.env.DATABASE_URL ? { databaseUrl: database.env.DATABASE_URL } : {}) },
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
    async close() {
      await app.stop();
      await Promise.all([slack.close(), aws.close()]);
      await database.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
