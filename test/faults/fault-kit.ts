// What every fault test measures in the fake Slack: duplicated posts (two messages with the same idempotency key,
// or the same text twice in one thread) and the pace of chat.postMessage per channel.
import { RERUN } from '../../src/slack/action-ids.ts';
import { POST_EVENT_TYPE } from '../../src/slack/poster.ts';
import type { FakeMessage, FakeSlack, RecordedCall } from '../support/fake-slack.ts';

export const isVerdict = (call: RecordedCall): boolean =>
  call.method === 'chat.postMessage' &&
  call.response.status === 200 &&
  JSON.stringify(call.body.blocks ?? '').includes(RERUN);

const keyOf = (m: FakeMessage): string | undefined => {
  const metadata = m.metadata as { event_type?: string; event_payload?: { key?: string } } | undefined;
  return metadata?.event_type === POST_EVENT_TYPE ? metadata.event_payload?.key : undefined;
};

/** Messages that repeat another: the same post key, or (without a key) the same text in the same thread. */
export function duplicates(slack: FakeSlack): FakeMessage[] {
  const seen = new Set<string>();
  const repeated: FakeMessage[] = [];
  for (const m of slack.messages()) {
    const id = keyOf(m) ?? `${m.channel}|${m.thread_ts ?? ''}|${m.text ?? ''}`;
    if (seen.has(id)) repeated.push(m);
    seen.add(id);
  }
  return repeated;
}

/** Post keys present in Slack (each must be there once). */
export const postKeys = (slack: FakeSlack): string[] => slack.messages().flatMap((m) => keyOf(m) ?? []);

/** The most accepted chat.postMessage calls into one channel within any `windowMs`. */
export function maxPostsPerWindow(slack: FakeSlack, channel: string, windowMs: number): number {
  const times = slack
    .callsTo('chat.postMessage')
    .filter((c) => c.body.channel === channel && c.response.status === 200)
    .map((c) => c.at)
    .sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Prints a figure the README's reliability section quotes (grep `FAULT FIGURE`). */
export const figure = (name: string, value: unknown): void => {
  process.stdout.write(`FAULT FIGURE ${name}: ${JSON.stringify(value)}\n`);
};
