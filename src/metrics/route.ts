// GET /metrics for Prometheus, as a Bolt custom route. With a token, `Authorization: Bearer <token>` is required
// (compared in constant time); without one the route is open — keep it on a private network then.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.ts';

export const METRICS_PATH = '/metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function metricsRoute(metrics: Metrics, token?: string) {
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  return {
    path: METRICS_PATH,
    method: ['GET'],
    handler: (req: IncomingMessage, res: ServerResponse) => {
      if (expected && !timingSafeEqual(digest(String(req.headers.authorization ?? '')), expected)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' });
        res.end('unauthorized\n');
        return;
      }
      metrics.render().then(
        (body) => {
          res.writeHead(200, { 'content-type': metrics.contentType });
          res.end(body);
        },
        () => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('metrics failed\n');
        },
      );
    },
  };
}
