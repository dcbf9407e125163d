// The process's HTTP server on PORT, listening from the first moment of start-up: /healthz (the process is up,
// whatever Slack or the database are doing), /readyz (the readiness registry, after a live database probe), and
// everything else handed to the app's handler once it is attached (Bolt's receiver, the push-alert routes) —
// 503 until then, so a request that arrives during start-up is refused cleanly and retried by its sender.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { foregroundStarted } from './foreground.ts';
import type { Readiness } from './readiness.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpServer {
  readonly port: number;
  /** From now on, every request other than the health routes goes to `handler`. */
  attach(handler: RequestHandler): void;
  /** Runs before /readyz answers (e.g. a database ping that reports into the registry). */
  beforeReady(probe: () => Promise<unknown>): void;
  /** Stops accepting connections and closes idle ones; resolves when the server is closed. */
  close(): Promise<void>;
}

export async function startHttpServer(options: { port: number; readiness: Readiness }): Promise<HttpServer> {
  let handler: RequestHandler | undefined;
  const probes: (() => Promise<unknown>)[] = [];
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return json(res, 200, { ok: true });
    if (req.method === 'GET' && path === '/readyz') {
      void Promise.allSettled(probes.map((probe) => probe())).then(() => {
        const report = options.readiness.report();
        json(res, report.ready ? 200 : 503, { ok: report.ready, ...report });
      });
      return;
    }
    if (handler) {
      // Slack's requests and pushed alerts (POSTs, each with a sender waiting on a deadline) are answered before
      // background work goes on (foreground.ts); a scrape of /metrics holds nothing up.
      if (req.method === 'POST') {
        const answered = foregroundStarted();
        res.once('finish', answered);
        res.once('close', answered);
      }
      return handler(req, res);
    }
    json(res, 503, { ok: false, error: 'starting' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    attach(next) {
      handler = next;
    },
    beforeReady(probe) {
      probes.push(probe);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
