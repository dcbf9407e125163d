// Every series ssm-why exports, in one registry per app. Counters and histograms are fed by callbacks the adapters
// are given; the queue, alert-episode and poll gauges are read from the database at scrape time, so every replica
// reports the same shared numbers.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One AWS API call as the SDK finished it (after its retries). */
export type AwsCallObserver = (call: { service: string; operation: string; errorCode?: string }) => void;
/** One Slack Web API call; `error` is Slack's error string, or `http_429` when rate limited. */
export type SlackCallObserver = (call: { method: string; error?: string }) => void;

/** What the database says at scrape time. */
export interface OperationalSnapshot {
  queueDepth: number;
  oldestQueuedSeconds: number;
  alertEpisodes: { open: number; recovered: number };
  /** The longest poll of one account × region among the cycles finished in the last hour (seconds). */
  lastPollCycleSeconds?: number;
}

export interface Metrics {
  readonly registry: Registry;
  investigationFinished(outcome: string, causeFamily: string, seconds: number): void;
  stepFinished(step: string, status: string, seconds: number): void;
  awsCall: AwsCallObserver;
  slackCall: SlackCallObserver;
  /** Alert polls that did not run in their cycle (`reason`: timer_late, previous_poll_running, job_late). */
  alertPollSkipped(reason: string, count: number): void;
  /** Prometheus text format. */
  render(): Promise<string>;
  readonly contentType: string;
}

const DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];

export function createMetrics(options: { snapshot?: () => Promise<OperationalSnapshot> } = {}): Metrics {
  const registry = new Registry();
  const investigations = new Counter({
    name: 'ssm_why_investigations_total',
    help: 'Investigations finished, by outcome and the cause family of the top finding',
    labelNames: ['outcome', 'cause_family'],
    registers: [registry],
  });
  const verdictSeconds = new Histogram({
    name: 'ssm_why_verdict_duration_seconds',
    help: 'From the investigation being recorded to its verdict',
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const stepSeconds = new Histogram({
    name: 'ssm_why_step_duration_seconds',
    help: 'Duration of each investigation step',
    labelNames: ['step', 'status'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const awsCalls = new Counter({
    name: 'ssm_why_aws_calls_total',
    help: 'AWS API calls by service, operation and error code ("" when it succeeded)',
    labelNames: ['service', 'operation', 'error_code'],
    registers: [registry],
  });
  const slackCalls = new Counter({
    name: 'ssm_why_slack_calls_total',
    help: 'Slack Web API calls by method and error ("" when ok; http_429 when rate limited)',
    labelNames: ['method', 'error'],
    registers: [registry],
  });
  const pollSkips = new Counter({
    name: 'ssm_why_alert_poll_skipped_total',
    help: 'Alert poll cycles (timer_late: whole cycles) or account × region polls skipped, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });

  let pending: Promise<OperationalSnapshot | undefined> | undefined;
  /** One database read per scrape, shared by the gauges below. */
  const snapshot = () => {
    pending ??= (options.snapshot?.() ?? Promise.resolve(undefined)).catch(() => undefined);
    return pending;
  };
  const gauge = (
    name: string,
    help: string,
    read: (s: OperationalSnapshot, g: Gauge) => void,
    labelNames: string[] = [],
  ) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await snapshot();
        if (s) read(s, this);
      },
    });
  gauge('ssm_why_job_queue_depth', 'Jobs waiting in the queue (created or retry)', (s, g) => g.set(s.queueDepth));
  gauge('ssm_why_job_queue_oldest_age_seconds', 'Age of the oldest waiting job', (s, g) =>
    g.set(s.oldestQueuedSeconds),
  );
  gauge(
    'ssm_why_alert_episodes',
    'Alert episodes in the database by status (opened and still open; recovered)',
    (s, g) => {
      g.set({ status: 'open' }, s.alertEpisodes.open);
      g.set({ status: 'recovered' }, s.alertEpisodes.recovered);
    },
    ['status'],
  );
  gauge('ssm_why_poll_cycle_duration_seconds', 'Longest account × region poll finished in the last hour', (s, g) => {
    if (s.lastPollCycleSeconds !== undefined) g.set(s.lastPollCycleSeconds);
  });

  return {
    registry,
    investigationFinished(outcome, causeFamily, seconds) {
      investigations.inc({ outcome, cause_family: causeFamily });
      verdictSeconds.observe(seconds);
    },
    stepFinished(step, status, seconds) {
      stepSeconds.observe({ step, status }, seconds);
    },
    awsCall({ service, operation, errorCode }) {
      awsCalls.inc({ service, operation, error_code: errorCode ?? '' });
    },
    slackCall({ method, error }) {
      slackCalls.inc({ method, error: error ?? '' });
    },
    alertPollSkipped(reason, count) {
      pollSkips.inc({ reason }, count);
    },
    async render() {
      pending = undefined;
      try {
        return await registry.metrics();
      } finally {
        pending = undefined;
      }
    },
    contentType: registry.contentType,
  };
}
