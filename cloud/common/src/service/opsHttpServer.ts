import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

// The small HTTP server of a service without an app of its own (analyzer, reconciler): /metrics, then its routes.

/** Answers a request it knows and returns true; false leaves it to the 404. */
export type OpsRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function opsHttpServer(registry: Registry, route: OpsRoute): Server {
  return createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      // A failed collection answers 500; it must never become an unhandled rejection that ends the process.
      registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`metrics collection failed: ${String(error)}`);
        },
      );
      return;
    }
    if (!route(req, res)) sendJson(res, 404, { error: { code: 'not_found', message: 'no such route' } });
  });
}
