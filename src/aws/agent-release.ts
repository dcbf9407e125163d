// The latest SSM Agent version per region, from the public `amazon-ssm-{region}/latest/VERSION` object
// (the same URL the agent's updater uses), with a short timeout and a per-region cache.

import { AppError } from '../domain/app-error.ts';
import { headOf } from '../domain/text.ts';
import { texts } from '../i18n/index.ts';
import type { AgentReleaseSource } from '../investigation/ports.ts';

export const DEFAULT_AGENT_RELEASE_URL = 'https://s3.{region}.amazonaws.com/amazon-ssm-{region}/latest/VERSION';

export interface AgentReleaseOptions {
  /** `{region}` is replaced (config: SSM_AGENT_LATEST_VERSION_URL). China regions use amazonaws.com.cn by default. */
  urlTemplate?: string;
  /** Default 2 s. */
  timeoutMs?: number;
  /** How long a version is trusted; default 6 h (new releases take up to two weeks to reach every region). */
  cacheTtlMs?: number;
  /** How long a failure is remembered, so an unreachable S3 costs one timeout, not one per investigation. Default 60 s; 0 = never. */
  failureTtlMs?: number;
  now?: () => number;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const VERSION = /^\d+(\.\d+){1,3}$/;

interface Entry {
  expiresAt: number;
  version?: string;
  error?: AppError;
}

export class HttpAgentReleaseSource implements AgentReleaseSource {
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly options: AgentReleaseOptions;

  constructor(options: AgentReleaseOptions = {}) {
    this.options = options;
  }

  async latestVersion(region: string): Promise<string> {
    if (!REGION.test(region)) throw new AppError('invalid-input', `Not an AWS region: ${region}`);
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(region);
    if (cached && cached.expiresAt > now) {
      if (cached.error) throw cached.error;
      return cached.version as string;
    }
    const running = this.inFlight.get(region);
    if (running) return running;
    const fetching = this.fetchVersion(region).finally(() => this.inFlight.delete(region));
    this.inFlight.set(region, fetching);
    return fetching;
  }

  private url(region: string): string {
    let template = this.options.urlTemplate ?? DEFAULT_AGENT_RELEASE_URL;
    if (!this.options.urlTemplate && region.startsWith('cn-'))
      template = template.replace('amazonaws.com/', 'amazonaws.com.cn/');
    return template.replaceAll('{region}', region);
  }

  private async fetchVersion(region: string): Promise<string> {
    const now = this.options.now ?? Date.now;
    const url = this.url(region);
    const timeoutMs = this.options.timeoutMs ?? 2000;
    try {
      // One deadline for the whole exchange, body included: a server that sends headers and then trickles (or
      // never ends) the body cannot hold the investigation longer than timeoutMs either.
      const signal = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, { signal });
        text = (await response.text()).trim();
      } catch (error) {
        const name = (error as Error | undefined)?.name;
        if (name === 'TimeoutError' || name === 'AbortError' || signal.aborted) {
          throw new AppError('timeout', `GET ${url} took longer than ${timeoutMs} ms`, {
            cause: error,
            say: (lang) => texts(lang).work.agentRelease.timedOut(region),
          });
        }
        throw new AppError('upstream', `GET ${url} failed: ${(error as Error | undefined)?.message ?? String(error)}`, {
          cause: error,
          say: (lang) => texts(lang).work.agentRelease.unreachable(region),
        });
      }
      if (!response.ok) {
        throw new AppError('upstream', `GET ${url} answered HTTP ${response.status}`, {
          upstreamCode: String(response.status),
          say: (lang) => texts(lang).work.agentRelease.http(region, response.status),
        });
      }
      if (!VERSION.test(text)) {
        throw new AppError('upstream', `GET ${url} returned no version: ${JSON.stringify(headOf(text, 40))}`, {
          say: (lang) => texts(lang).work.agentRelease.unreadable(region),
        });
      }
      this.cache.set(region, { version: text, expiresAt: now() + (this.options.cacheTtlMs ?? 6 * 3_600_000) });
      return text;
    } catch (error) {
      const failureTtl = this.options.failureTtlMs ?? 60_000;
      if (error instanceof AppError && failureTtl > 0) this.cache.set(region, { error, expiresAt: now() + failureTtl });
      throw error;
    }
  }
}

export function createAgentReleaseSource(options: AgentReleaseOptions = {}): AgentReleaseSource {
  return new HttpAgentReleaseSource(options);
}
