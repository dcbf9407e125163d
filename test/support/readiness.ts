// Helpers for the start-up and readiness tests: a loopback port with nothing listening, and /readyz polling.
import { createServer } from 'node:net';

/** A port on loopback with nothing listening (taken, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The body of /readyz. */
export interface ReadyBody {
  ok: boolean;
  dependencies: Record<string, { state: string; since: string; detail?: string }>;
}

/** Polls `url` until `accept` says yes; returns that answer, or throws after `ms`. */
export async function pollUntil(url: string, accept: (status: number, body: ReadyBody) => boolean, ms: number) {
  const deadline = performance.now() + ms;
  for (;;) {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (response) {
      const body = (await response.json().catch(() => ({}))) as ReadyBody;
      if (accept(response.status, body)) return { status: response.status, body };
    }
    if (performance.now() > deadline) throw new Error(`${url} not as expected within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
