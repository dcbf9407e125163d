// Readiness: a small registry every dependency reports into (the database, Slack's auth.test, the job queue,
// the Socket Mode connection). /readyz answers from it: 200 when every registered dependency is ready, 503
// otherwise, naming each with its state and since when. Liveness (/healthz) never looks at it. No I/O here.

export type DependencyState = 'starting' | 'ready' | 'failing';

export interface DependencyStatus {
  state: DependencyState;
  /** When the dependency entered this state (ISO 8601). */
  since: string;
  /** What is wrong, or what is being waited for, in words; never a secret. */
  detail?: string;
}

export interface ReadinessReport {
  ready: boolean;
  dependencies: Record<string, DependencyStatus>;
}

/** What one dependency can say about itself. */
export interface DependencyReporter {
  ready(detail?: string): void;
  failing(detail: string): void;
  starting(detail?: string): void;
}

export interface Readiness {
  /** Registers a dependency (state `starting`) and returns its reporter; the same name returns the same one. */
  dependency(name: string, detail?: string): DependencyReporter;
  report(): ReadinessReport;
}

export function createReadiness(clock: () => Date = () => new Date()): Readiness {
  const statuses = new Map<string, DependencyStatus>();
  const reporters = new Map<string, DependencyReporter>();

  const set = (name: string, state: DependencyState, detail: string | undefined) => {
    const previous = statuses.get(name);
    // "since" is when the state began: a new detail in the same state keeps it.
    const since = previous?.state === state ? previous.since : clock().toISOString();
    statuses.set(name, { state, since, ...(detail ? { detail } : {}) });
  };

  return {
    dependency(name, detail) {
      const known = reporters.get(name);
      if (known) return known;
      set(name, 'starting', detail);
      const reporter: DependencyReporter = {
        ready: (d) => set(name, 'ready', d),
        failing: (d) => set(name, 'failing', d),
        starting: (d) => set(name, 'starting', d),
      };
      reporters.set(name, reporter);
      return reporter;
    },
    report() {
      const dependencies = Object.fromEntries([...statuses].map(([name, status]) => [name, { ...status }]));
      return { ready: [...statuses.values()].every((s) => s.state === 'ready'), dependencies };
    },
  };
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** Capped exponential backoff with jitter: attempt n waits between half and all of min(maxMs, initialMs·2^(n−1)). */
export function backoffDelay(attempt: number, options: Backoff, random = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Waits `ms`, or less when `signal` aborts (then it rejects with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
