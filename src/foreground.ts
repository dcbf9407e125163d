// Acks first. The process has one event loop, and a Slack request must be answered within 3 s (we aim for 0.2 s)
// while investigations run beside it. Their CPU comes in slices after each database answer or AWS response; left
// alone, 50 commands arriving at once queue behind those slices. So: while a request is being answered (the
// foreground), background work (an investigation, marked with runInBackground) waits at the door of its next
// database query, AWS call or Slack call and goes on once no request has been in flight for QUIET_MS. Bounded:
// background work never waits more than MAX_WAIT_MS at a time, so a steady stream of requests slows investigations
// but never stops them.
import { AsyncLocalStorage } from 'node:async_hooks';

/** The longest background work waits for the foreground at one door. */
export const MAX_WAIT_MS = 500;
/**
 * How long background work still waits after the last request in flight is answered: requests come in bursts,
 * and the next one of a burst is usually a few milliseconds behind.
 */
export const QUIET_MS = 10;

const background = new AsyncLocalStorage<true>();
let inFlight = 0;
let waiting: (() => void)[] = [];
let deadline: NodeJS.Timeout | undefined;
/** Set while the foreground is quiet but not yet for QUIET_MS. */
let quieting: NodeJS.Timeout | undefined;

function letBackgroundGo(): void {
  if (deadline) clearTimeout(deadline);
  deadline = undefined;
  if (quieting) clearTimeout(quieting);
  quieting = undefined;
  const go = waiting;
  waiting = [];
  for (const resume of go) resume();
}

/** A request is being answered; call the returned function (idempotent) once it has been. */
export function foregroundStarted(): () => void {
  inFlight += 1;
  if (quieting) clearTimeout(quieting);
  quieting = undefined;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    inFlight -= 1;
    if (inFlight > 0) return;
    quieting = setTimeout(letBackgroundGo, QUIET_MS);
    quieting.unref();
  };
}

/** Runs `work` (and everything it goes on to do, across awaits) as background work. */
export function runInBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

/**
 * At a door of background work: undefined when it may go on now (no request in flight, or not background work),
 * else a promise that resolves when it may. Returning undefined keeps the common case free of an extra await.
 */
export function backgroundTurn(): Promise<void> | undefined {
  if ((inFlight === 0 && !quieting) || background.getStore() !== true) return undefined;
  return new Promise<void>((resume) => {
    waiting.push(resume);
    if (!deadline) {
      deadline = setTimeout(letBackgroundGo, MAX_WAIT_MS);
      deadline.unref();
    }
  });
}

/** `fetch` as a door: background work's requests (an investigation's Slack posts) go once no request is in flight. */
export const acksFirstFetch: typeof fetch = (input, init) => {
  const turn = backgroundTurn();
  return turn ? turn.then(() => fetch(input, init)) : fetch(input, init);
};

/** For tests: requests in flight now. */
export function foregroundInFlight(): number {
  return inFlight;
}
