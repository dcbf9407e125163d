// Posting into Slack exactly once, at Slack's pace.
//
// - Every post has an idempotency key. It is recorded in the ledger (the database) *before* it is sent, with the
//   key in the message's `metadata`; Slack's ts is recorded once it is accepted. A key already confirmed is never
//   posted again; a key recorded but never confirmed (a crash, or a lost database, between Slack's answer and our
//   write) is looked up in the thread or channel (`conversations.replies` / `conversations.history` with
//   `include_all_metadata`) before anything is re-posted.
// - chat.postMessage is paced per channel: a burst of `burst`, then `perSecond` (Slack: about 1 per second per
//   channel, short bursts allowed). A 429 is waited out by the WebClient (Retry-After) within its bounded retries.
// - Updates of one message are coalesced: while one is in flight, only the latest state waits behind it.
import type { webApi } from '@slack/bolt';
import type { PostLedger } from '../investigation/work-ports.ts';
import { postMessage, slackErrorCode, updateMessage } from './messages.ts';
import type { SlackMessage } from './views/limits.ts';

/** The metadata event type carrying a post's idempotency key. */
export const POST_EVENT_TYPE = 'ssm_why_post';

export interface SlackPoster {
  /** Posts `message` once per `key`, ever; returns its ts (the existing one when it was posted before). */
  post(key: string, channel: string, message: SlackMessage, threadTs?: string): Promise<string>;
  /** Updates a message to its latest state; concurrent updates of one message collapse into the latest. */
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
}

export interface PosterOptions {
  client: webApi.WebClient;
  ledger: PostLedger;
  /** Sustained posts per second per channel (default 1). */
  perSecond?: number;
  /** Posts a channel may take at once (default 10: an investigation's root, steps and verdict). */
  burst?: number;
  logger?: { warn(object: object, message: string): void };
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Per-channel token buckets. `take` resolves when the channel may post. */
export function createChannelPacer(options: {
  perSecond: number;
  burst: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}) {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const intervalMs = 1_000 / options.perSecond;
  // The time at which the channel's bucket would be full again; each post pushes it one interval further.
  const fullAt = new Map<string, number>();
  return {
    async take(channel: string): Promise<void> {
      const now = clock();
      const base = Math.max(fullAt.get(channel) ?? now, now);
      const next = base + intervalMs;
      fullAt.set(channel, next);
      // Posting is allowed while the bucket is not over its burst: next - now ≤ burst × interval.
      const waitMs = next - now - options.burst * intervalMs;
      if (waitMs > 0) await sleep(waitMs);
    },
  };
}

export function createSlackPoster(options: PosterOptions): SlackPoster {
  const { client, ledger } = options;
  const pacer = createChannelPacer({
    perSecond: options.perSecond ?? 1,
    burst: options.burst ?? 10,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });

  /** The ts of the message carrying `key`, if Slack has it. */
  async function lookUp(key: string, channel: string, threadTs: string | undefined) {
    const matches = (m: { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }) =>
      m.metadata?.event_type === POST_EVENT_TYPE && m.metadata.event_payload?.key === key;
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const common = { channel, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
      const result = threadTs
        ? await client.conversations.replies({ ...common, ts: threadTs })
        : // Newest first: a post lost in a crash is among the channel's latest messages. No `oldest` bound, so a
          // clock difference between Slack and the app cannot hide it.
          await client.conversations.history(common);
      const found = (result.messages ?? []).find((m) => matches(m as Parameters<typeof matches>[0]));
      if (found?.ts) return found.ts;
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    return undefined;
  }

  async function post(key: string, channel: string, message: SlackMessage, threadTs?: string): Promise<string> {
    const begun = await ledger.begin(key, channel, threadTs);
    if (begun.state === 'posted') return begun.ts;
    if (begun.state === 'unconfirmed') {
      const found = await lookUp(key, channel, threadTs).catch((error: unknown) => {
        const code = slackErrorCode(error);
        // Without history scopes the check cannot be made: post (at least once) rather than lose the message.
        if (code === 'missing_scope' || code === 'not_in_channel') {
          options.logger?.warn({ key, slackError: code }, 'cannot check for an earlier post; posting');
          return undefined;
        }
        throw error;
      });
      if (found) {
        await ledger.confirm(key, found);
        return found;
      }
    }
    await pacer.take(channel);
    const ts = await postMessage(client, channel, message, threadTs, {
      event_type: POST_EVENT_TYPE,
      event_payload: { key },
    });
    await ledger.confirm(key, ts);
    return ts;
  }

  // Coalescing: per message, the update in flight and the latest state waiting behind it.
  const pending = new Map<
    string,
    { message: SlackMessage; waiters: { resolve: () => void; reject: (e: unknown) => void }[] }
  >();
  const inFlight = new Set<string>();

  function drain(id: string, channel: string, ts: string): void {
    const next = pending.get(id);
    if (!next) {
      inFlight.delete(id);
      return;
    }
    pending.delete(id);
    inFlight.add(id);
    updateMessage(client, channel, ts, next.message).then(
      () => {
        for (const w of next.waiters) w.resolve();
        drain(id, channel, ts);
      },
      (error: unknown) => {
        for (const w of next.waiters) w.reject(error);
        drain(id, channel, ts);
      },
    );
  }

  function update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    const id = `${channel}/${ts}`;
    return new Promise<void>((resolve, reject) => {
      const waiting = pending.get(id);
      if (waiting) {
        waiting.message = message; // only the latest state is sent
        waiting.waiters.push({ resolve, reject });
      } else {
        pending.set(id, { message, waiters: [{ resolve, reject }] });
      }
      if (!inFlight.has(id)) drain(id, channel, ts);
    });
  }

  return { post, update };
}
