// The production HttpsGet: node:https, certificate-verified TLS, no redirects, a deadline and a size cap.
import { request } from 'node:https';
import type { HttpsGet, HttpsGetResult } from './sns-verifier.ts';

export interface HttpsGetOptions {
  /** Trusted CAs instead of Node's defaults. Tests only: production leaves it unset. */
  ca?: string | string[];
}

export function createHttpsGet(options: HttpsGetOptions = {}): HttpsGet {
  return (url, { timeoutMs, maxBytes }) =>
    new Promise<HttpsGetResult>((resolve, reject) => {
      if (url.protocol !== 'https:') {
        reject(new Error('only https URLs are fetched'));
        return;
      }
      let settled = false;
      const settle = (result: { ok: HttpsGetResult } | { error: Error }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if ('ok' in result) resolve(result.ok);
        else reject(result.error);
      };
      const req = request(
        url,
        {
          method: 'GET',
          headers: { accept: '*/*', 'user-agent': 'ssm-why' },
          rejectUnauthorized: true,
          ...(options.ca ? { ca: options.ca } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              settle({ error: new Error(`response larger than ${maxBytes} bytes`) });
              req.destroy();
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () =>
            settle({ ok: { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') } }),
          );
          res.on('error', (error) => settle({ error }));
        },
      );
      const timer = setTimeout(() => {
        settle({ error: new Error(`no answer within ${timeoutMs} ms`) });
        req.destroy();
      }, timeoutMs);
      req.on('error', (error) => settle({ error }));
      req.on('close', () => settle({ error: new Error('connection closed before the response ended') }));
      req.end();
    });
}
