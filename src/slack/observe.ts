// Reports every Web API call a WebClient makes (method, Slack's error or `http_429`), for metrics. The client's
// methods are bound to its request function when it is built, so the hook is its (instance-level) makeRequest,
// which every call and every retry goes through. Each client is hooked once; Bolt hands listeners their own
// clients, so app.ts applies this in a global middleware too.
import { webApi } from '@slack/bolt';

export type SlackCallListener = (call: { method: string; error?: string }) => void;

type MakeRequest = (url: string, body: unknown, headers?: unknown) => Promise<Response>;

/** Slack's `error` in a response body (the client may not have parsed it yet). */
function slackError(data: unknown): string | undefined {
  let body = data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const b = body as { ok?: unknown; error?: unknown } | null | undefined;
  return b && b.ok === false ? String(b.error ?? 'error') : undefined;
}

const observed = new WeakSet<object>();

/** `https://slack.com/api/chat.postMessage` → `chat.postMessage`; file-upload URLs → `file_upload`. */
export const slackMethodOf = (url: string): string => {
  const match = /\/api\/([\w.]+)(?:\?|$)/.exec(url);
  return match?.[1] ?? 'file_upload';
};

export function observeSlackClient(client: webApi.WebClient, listener: SlackCallListener): void {
  if (observed.has(client)) return;
  observed.add(client);
  const target = client as unknown as { makeRequest: MakeRequest };
  const makeRequest = target.makeRequest.bind(client);
  target.makeRequest = async (url, body, headers) => {
    const method = slackMethodOf(url);
    try {
      const response = await makeRequest(url, body, headers);
      // The client parses the body later; read a copy.
      const error = slackError(
        await response
          .clone()
          .text()
          .catch(() => undefined),
      );
      listener(error ? { method, error } : { method });
      return response;
    } catch (error) {
      const e = error as { code?: string };
      listener({ method, error: e.code ?? 'error' });
      throw error;
    }
  };
  // 429s the client waits out and retries count too, as `http_429`.
  client.on(webApi.WebClientEvent.RATE_LIMITED, (_retryAfter: number, request?: { url?: string }) => {
    listener({ method: slackMethodOf(request?.url ?? ''), error: 'http_429' });
  });
}
