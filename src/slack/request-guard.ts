// Screens a request to the Slack events endpoint before Bolt sees it: Slack's 5-minute window enforced on both
// sides (Bolt checks only the past side), and a verified body that is not a JSON object (e.g. `payload=null`)
// refused with 400, since Bolt would crash on it outside any handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, isValidSlackRequest } from '@slack/bolt';

/** Slack's replay window: a request signed more than this far from our clock, either side, is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export type Screening = { ok: true } | { ok: false; status: 400 | 401; reason: string };

export interface ScreenInput {
  body: string;
  contentType: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  signingSecret: string;
  nowMs: number;
}

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body Bolt will dispatch, when it is a JSON object; `undefined` when it is anything else. */
function dispatchedBody(body: string, contentType: string | undefined): unknown {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams(body);
      const payload = form.get('payload');
      return payload === null ? Object.fromEntries(form) : JSON.parse(payload);
    }
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Pure: whether a request may go on to Bolt (which verifies the signature again and routes it). */
export function screenSlackRequest(input: ScreenInput): Screening {
  const ts = Number(input.timestamp);
  if (!Number.isFinite(ts) || Math.abs(input.nowMs / 1000 - ts) > SIGNATURE_WINDOW_SECONDS) {
    return { ok: false, status: 401, reason: 'request timestamp outside the 5-minute window' };
  }
  // Slack's ssl_check carries no signature and Bolt strips anything else from it.
  if (
    input.contentType === 'application/x-www-form-urlencoded' &&
    new URLSearchParams(input.body).get('ssl_check') === '1'
  ) {
    return { ok: true };
  }
  const verified = isValidSlackRequest({
    signingSecret: input.signingSecret,
    body: input.body,
    headers: { 'x-slack-signature': input.signature ?? '', 'x-slack-request-timestamp': ts },
    nowMilliseconds: input.nowMs,
  });
  if (!verified) return { ok: false, status: 401, reason: 'signature does not verify' };
  if (!isObject(dispatchedBody(input.body, input.contentType))) {
    return { ok: false, status: 400, reason: 'body is not a JSON object' };
  }
  return { ok: true };
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wraps Bolt's request listener: POSTs to `paths` are buffered (Bolt reuses the buffer), screened, and only then
 * handed on. Everything else goes straight through.
 */
export function guardSlackRequests(
  next: Listener,
  options: {
    signingSecret: string;
    paths: readonly string[];
    onRefused: (refusal: { status: number; reason: string }) => void;
    clock?: () => number;
  },
): Listener {
  const clock = options.clock ?? Date.now;
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'POST' || !options.paths.includes(path)) return next(req, res);
    const refuse = (status: number, reason: string) => {
      options.onRefused({ status, reason });
      if (!res.headersSent) {
        res.writeHead(status);
        res.end();
      }
    };
    HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit).then(
      (buffered) => {
        const header = (name: string) => {
          const value = req.headers[name];
          return typeof value === 'string' ? value : undefined;
        };
        const screening = screenSlackRequest({
          body: buffered.rawBody.toString(),
          contentType: header('content-type'),
          timestamp: header('x-slack-request-timestamp'),
          signature: header('x-slack-signature'),
          signingSecret: options.signingSecret,
          nowMs: clock(),
        });
        if (!screening.ok) return refuse(screening.status, screening.reason);
        try {
          next(buffered, res);
        } catch {
          refuse(500, 'request listener failed');
        }
      },
      (error: unknown) => {
        const tooLarge =
          HTTPModuleFunctions.isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
        refuse(tooLarge ? 413 : 400, tooLarge ? 'body too large' : 'body could not be read');
      },
    );
  };
}
