// The ONLY reader of process.env. Parsed once, validated with zod, frozen. Problems name the variable,
// never its value.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AccountRef } from '../investigation/ports.ts';
import { loadAccountsFile } from './accounts-file.ts';

/** Where the configuration is used: the Slack app needs Slack credentials, the CLI does not. */
export type ConfigMode = 'app' | 'cli';

export interface AppConfig {
  slack: {
    botToken: string;
    signingSecret: string;
    /** Set → Socket Mode. */
    appToken?: string;
    /** Base URL of the Slack Web API (tests, proxies). */
    apiUrl?: string;
    /** Sustained chat.postMessage per channel per minute (Slack: about one a second), after a burst. */
    channelPostsPerMinute: number;
  };
  port: number;
  /** Unset → embedded PGlite under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Started by `npm start` (npm does not pass SIGTERM on): the app stops by itself when npm goes away. */
  startedByNpm: boolean;
  /** How long start-up keeps retrying an unreachable database before it gives up (exit 1). */
  databaseStartTimeoutSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * What this process does: `web` answers Slack and pushed alerts and queues the work, `worker` runs the queued
   * investigations and alert jobs, `all` both (one process). web and worker share one PostgreSQL.
   */
  role: 'web' | 'worker' | 'all';
  aws: {
    defaultRegion?: string;
    /** AWS_ENDPOINT_URL_* — the SDK honours them too; passed explicitly so every client gets them. */
    endpoints: { ssm?: string; sts?: string; ec2?: string };
    callTimeoutMs: number;
    /** SSM_WHY_AWS_MAX_ATTEMPTS, else the SDK's own AWS_MAX_ATTEMPTS, else 4. */
    maxAttempts: number;
    /** AWS_RETRY_MODE (standard by default). */
    retryMode: 'standard' | 'adaptive' | 'legacy';
  };
  /** Template with `{region}`. */
  agentVersionUrl: string;
  accounts: AccountRef[];
  /** True when no accounts file is configured: one account, the app's own credentials. */
  accountsFromDefaults: boolean;
  alerts: {
    pollIntervalSeconds: number;
    pendingAlertMinutes: number;
    /** ListAssociations calls per account per poll cycle (split over its regions). */
    pollPageBudget: number;
    /** Alerts of one channel within this window are counted together for the digest. */
    digestWindowSeconds: number;
    /** Alerts of their own per channel and window; the rest go into one digest message. */
    digestThreshold: number;
  };
  /** Run now's verification: seconds between checks of the new execution. */
  verifyIntervalSeconds: number;
  /** How long shutdown may take before the process exits anyway (in-flight jobs are retried by the queue). */
  shutdownDeadlineMs: number;
  /** How long a slash command's ack waits for its request to be stored before answering anyway. */
  ackStoreBudgetMs: number;
  /** Retention: investigations (and their steps) and audit events older than this many days are deleted daily. */
  retention: { investigationDays: number; auditDays: number };
  /** GET /metrics; with a token it requires `Authorization: Bearer <token>`. */
  metrics: { token?: string };
  /** Pushed alert events: POST /alerts/sns when topics are set, POST /alerts/eventbridge when a secret is set. */
  push: {
    snsTopicArns: string[];
    /** Regex source matched against the SigningCertURL / SubscribeURL host (`:port` included when not 443). */
    snsCertHostPattern: string;
    eventBridgeSecret?: string;
    /** Lower-case header name. */
    eventBridgeSecretHeader: string;
  };
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

const optionalString = z
  .string()
  .transform((v) => v.trim())
  .optional()
  .transform((v) => (v ? v : undefined));
const url = (what: string) =>
  optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), `must be an http(s) URL (${what})`);
const integer = (fallback: number, min: number, max: number) =>
  optionalString.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });

const optionalInteger = (min: number, max: number) =>
  optionalString.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalString.refine(
    (v) => v === undefined || v.startsWith('xoxb-'),
    'must be a bot token (xoxb-…)',
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine(
    (v) => v === undefined || v.startsWith('xapp-'),
    'must be an app-level token (xapp-…)',
  ),
  SLACK_API_URL: url('Slack Web API base, e.g. http://127.0.0.1:4010/api/'),
  SSM_WHY_SLACK_CHANNEL_POSTS_PER_MINUTE: integer(60, 1, 3_000),
  PORT: integer(3000, 0, 65535),
  DATABASE_URL: optionalString.refine(
    (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
    'must be a postgres:// or postgresql:// URL',
  ),
  DATA_DIR: optionalString.transform((v) => v ?? './data'),
  SSM_WHY_DATABASE_START_TIMEOUT_SECONDS: integer(300, 1, 86_400),
  npm_lifecycle_event: optionalString,
  SSM_WHY_ACCOUNTS_FILE: optionalString,
  LOG_LEVEL: optionalString
    .transform((v) => v ?? 'info')
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  SSM_WHY_ROLE: optionalString.transform((v) => v ?? 'all').pipe(z.enum(['web', 'worker', 'all'])),
  AWS_REGION: optionalString,
  AWS_DEFAULT_REGION: optionalString,
  AWS_ENDPOINT_URL_SSM: url('SSM endpoint'),
  AWS_ENDPOINT_URL_STS: url('STS endpoint'),
  AWS_ENDPOINT_URL_EC2: url('EC2 endpoint'),
  AWS_PROFILE: optionalString,
  AWS_CONFIG_FILE: optionalString,
  HOME: optionalString,
  SSM_WHY_AWS_TIMEOUT_MS: integer(10_000, 500, 120_000),
  SSM_WHY_AWS_MAX_ATTEMPTS: optionalInteger(1, 10),
  AWS_MAX_ATTEMPTS: optionalInteger(1, 10),
  AWS_RETRY_MODE: optionalString.pipe(z.enum(['standard', 'adaptive', 'legacy']).optional()),
  // Inside Docker's 10 s and Kubernetes' 30 s stop grace periods.
  SSM_WHY_SHUTDOWN_DEADLINE_MS: integer(8_000, 1_000, 120_000),
  // Under Slack's 3 s wall with room for the rest of the ack.
  SSM_WHY_ACK_STORE_BUDGET_MS: integer(150, 0, 2_000),
  SSM_WHY_RETENTION_DAYS: integer(90, 1, 36_500),
  SSM_WHY_AUDIT_RETENTION_DAYS: integer(400, 1, 36_500),
  SSM_WHY_METRICS_TOKEN: optionalString.refine(
    (v) => v === undefined || v.length >= 16,
    'must be at least 16 characters',
  ),
  SSM_AGENT_LATEST_VERSION_URL: optionalString
    .transform((v) => v ?? 'https://s3.{region}.amazonaws.com/amazon-ssm-{region}/latest/VERSION')
    .refine((v) => /^https?:\/\//.test(v) && v.includes('{region}'), 'must be an http(s) URL containing {region}'),
  SSM_WHY_POLL_INTERVAL_SECONDS: integer(300, 1, 86_400),
  SSM_WHY_VERIFY_INTERVAL_SECONDS: integer(15, 1, 600),
  SSM_WHY_PENDING_ALERT_MINUTES: integer(60, 1, 10_080),
  SSM_WHY_POLL_PAGE_BUDGET: integer(100, 1, 10_000),
  SSM_WHY_ALERT_DIGEST_WINDOW_SECONDS: integer(600, 1, 86_400),
  SSM_WHY_ALERT_DIGEST_THRESHOLD: integer(3, 0, 100),
  SSM_WHY_SNS_TOPIC_ARNS: optionalString.transform((v, ctx) => {
    const arns = (v ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (arns.some((a) => !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,256}$/.test(a))) {
      ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of SNS topic ARNs' });
      return z.NEVER;
    }
    return arns;
  }),
  SSM_WHY_SNS_CERT_HOST_PATTERN: optionalString
    .transform((v) => v ?? '^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$')
    .refine(
      (v) => v.startsWith('^') && v.endsWith('$') && compiles(v),
      'must be a regular expression anchored with ^ and $',
    ),
  SSM_WHY_EVENTBRIDGE_SECRET: optionalString.refine(
    (v) => v === undefined || v.length >= 16,
    'must be at least 16 characters',
  ),
  SSM_WHY_EVENTBRIDGE_SECRET_HEADER: optionalString
    .transform((v) => (v ?? 'x-ssm-why-secret').toLowerCase())
    .refine((v) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(v), 'must be an HTTP header name'),
});

/** Reads the configuration from an environment (process.env in production, a plain object in tests). */
export function loadConfig(env: Record<string, string | undefined>, mode: ConfigMode = 'app'): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${String(issue.path[0])}: ${issue.message}`);
    return { ok: false, problems };
  }
  const e = parsed.data;
  // As the AWS CLI and SDK do: the environment first, then the selected profile's `region` in the shared config.
  const region = e.AWS_REGION ?? e.AWS_DEFAULT_REGION ?? profileRegion(e);

  if (mode === 'app') {
    if (!e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: is required (the bot token, xoxb-…)');
    if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
      problems.push('SLACK_SIGNING_SECRET: is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    }
  }

  if (e.SSM_WHY_ROLE !== 'all' && !e.DATABASE_URL) {
    problems.push(
      `SSM_WHY_ROLE: ${e.SSM_WHY_ROLE} needs DATABASE_URL (web and worker processes share one PostgreSQL; the embedded PGlite serves one process)`,
    );
  }

  let accounts: AccountRef[] = [];
  if (e.SSM_WHY_ACCOUNTS_FILE) {
    const result = loadAccountsFile(e.SSM_WHY_ACCOUNTS_FILE);
    if (result.ok) accounts = result.accounts;
    else problems.push(...result.problems);
  } else if (!region) {
    problems.push(
      `AWS_REGION: is required when SSM_WHY_ACCOUNTS_FILE is not set and the profile ${e.AWS_PROFILE ?? 'default'} names no region (the region to investigate)`,
    );
  } else {
    accounts = [{ name: 'default', id: SELF_ACCOUNT_ID, regions: [region] }];
  }
  if (problems.length > 0) return { ok: false, problems };

  const endpoints: AppConfig['aws']['endpoints'] = {};
  if (e.AWS_ENDPOINT_URL_SSM) endpoints.ssm = e.AWS_ENDPOINT_URL_SSM;
  if (e.AWS_ENDPOINT_URL_STS) endpoints.sts = e.AWS_ENDPOINT_URL_STS;
  if (e.AWS_ENDPOINT_URL_EC2) endpoints.ec2 = e.AWS_ENDPOINT_URL_EC2;

  const config: AppConfig = {
    slack: {
      botToken: e.SLACK_BOT_TOKEN ?? '',
      signingSecret: e.SLACK_SIGNING_SECRET ?? '',
      channelPostsPerMinute: e.SSM_WHY_SLACK_CHANNEL_POSTS_PER_MINUTE,
    },
    port: e.PORT,
    dataDir: e.DATA_DIR,
    databaseStartTimeoutSeconds: e.SSM_WHY_DATABASE_START_TIMEOUT_SECONDS,
    startedByNpm: e.npm_lifecycle_event === 'start',
    logLevel: e.LOG_LEVEL,
    role: e.SSM_WHY_ROLE,
    aws: {
      endpoints,
      callTimeoutMs: e.SSM_WHY_AWS_TIMEOUT_MS,
      maxAttempts: e.SSM_WHY_AWS_MAX_ATTEMPTS ?? e.AWS_MAX_ATTEMPTS ?? 4,
      retryMode: e.AWS_RETRY_MODE ?? 'standard',
    },
    agentVersionUrl: e.SSM_AGENT_LATEST_VERSION_URL,
    accounts,
    accountsFromDefaults: !e.SSM_WHY_ACCOUNTS_FILE,
    alerts: {
      pollIntervalSeconds: e.SSM_WHY_POLL_INTERVAL_SECONDS,
      pendingAlertMinutes: e.SSM_WHY_PENDING_ALERT_MINUTES,
      pollPageBudget: e.SSM_WHY_POLL_PAGE_BUDGET,
      digestWindowSeconds: e.SSM_WHY_ALERT_DIGEST_WINDOW_SECONDS,
      digestThreshold: e.SSM_WHY_ALERT_DIGEST_THRESHOLD,
    },
    verifyIntervalSeconds: e.SSM_WHY_VERIFY_INTERVAL_SECONDS,
    shutdownDeadlineMs: e.SSM_WHY_SHUTDOWN_DEADLINE_MS,
    ackStoreBudgetMs: e.SSM_WHY_ACK_STORE_BUDGET_MS,
    retention: { investigationDays: e.SSM_WHY_RETENTION_DAYS, auditDays: e.SSM_WHY_AUDIT_RETENTION_DAYS },
    metrics: {},
    push: {
      snsTopicArns: e.SSM_WHY_SNS_TOPIC_ARNS,
      snsCertHostPattern: e.SSM_WHY_SNS_CERT_HOST_PATTERN,
      eventBridgeSecretHeader: e.SSM_WHY_EVENTBRIDGE_SECRET_HEADER,
    },
  };
  if (e.SLACK_APP_TOKEN) config.slack.appToken = e.SLACK_APP_TOKEN;
  if (e.SLACK_API_URL) config.slack.apiUrl = e.SLACK_API_URL;
  if (e.DATABASE_URL) config.databaseUrl = e.DATABASE_URL;
  if (region) config.aws.defaultRegion = region;
  if (e.SSM_WHY_EVENTBRIDGE_SECRET) config.push.eventBridgeSecret = e.SSM_WHY_EVENTBRIDGE_SECRET;
  if (e.SSM_WHY_METRICS_TOKEN) config.metrics.token = e.SSM_WHY_METRICS_TOKEN;
  return { ok: true, config: deepFreeze(config) };
}

/**
 * The `region` of the selected profile (AWS_PROFILE, else `default`) in the shared config file (AWS_CONFIG_FILE,
 * else ~/.aws/config), or undefined when there is no such file, profile or key.
 */
function profileRegion(e: {
  AWS_PROFILE?: string | undefined;
  AWS_CONFIG_FILE?: string | undefined;
  HOME?: string | undefined;
}) {
  const file = e.AWS_CONFIG_FILE ?? (e.HOME ? path.join(e.HOME, '.aws', 'config') : undefined);
  if (!file || !existsSync(file)) return undefined;
  const profile = e.AWS_PROFILE ?? 'default';
  const wanted =
    profile === 'default'
      ? /^\[\s*(default|profile\s+default)\s*\]$/
      : new RegExp(`^\\[\\s*profile\\s+${escapeRegExp(profile)}\\s*\\]$`);
  let inProfile = false;
  for (const raw of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) inProfile = wanted.test(line);
    else if (inProfile) {
      const m = /^region\s*=\s*([a-z0-9-]+)\s*(?:[#;].*)?$/.exec(line);
      if (m) return m[1];
    }
  }
  return undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The account id used when no accounts file is configured: the app's own credentials, whatever account they are. */
export const SELF_ACCOUNT_ID = 'self';

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
