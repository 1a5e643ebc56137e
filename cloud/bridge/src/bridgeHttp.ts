import { timingSafeEqual, createHash } from 'node:crypto';
import Koa from 'koa';
import type { Registry } from 'prom-client';
import type { BridgeMetrics, Logger } from '@orak/cloud-common';
import { normalizeS3Notification, UnrecognizedNotificationError } from './s3EventNormalizer';
import type { BridgeService } from './bridgeService';

// The HTTP door for notifications (AWS via SNS/EventBridge API destinations, or an S3 webhook): shared-secret auth.

export const BRIDGE_TOKEN_HEADER = 'x-orak-bridge-token';
const MAX_NOTIFICATION_BYTES = 1024 * 1024;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison of the presented secret (header or ?token=) with ours. */
export function senderIsAuthentic(presented: string | undefined, secret: string): boolean {
  if (!presented) return false;
  return timingSafeEqual(digest(presented), digest(secret));
}

async function readText(ctx: Koa.Context): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_NOTIFICATION_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function buildBridgeApp(options: {
  bridge: BridgeService;
  secret: string;
  path: string;
  log: Logger;
  metrics?: { registry: Registry; bridge: BridgeMetrics };
}): Koa {
  const app = new Koa();
  app.silent = true;
  app.use(async (ctx) => {
    const reply = (status: number, body: object) => {
      ctx.status = status;
      ctx.body = body;
    };
    if (ctx.path === '/healthz' && ctx.method === 'GET') return reply(200, { ok: true });
    if (ctx.path === '/metrics' && ctx.method === 'GET' && options.metrics) {
      ctx.type = options.metrics.registry.contentType;
      ctx.body = await options.metrics.registry.metrics();
      return;
    }
    if (ctx.path !== options.path)
      return reply(404, { error: { code: 'not_found', message: 'no such route' } });
    if (ctx.method !== 'POST')
      return reply(405, { error: { code: 'method_not_allowed', message: 'POST only' } });
    const presented =
      ctx.get(BRIDGE_TOKEN_HEADER) || (typeof ctx.query.token === 'string' ? ctx.query.token : undefined);
    if (!senderIsAuthentic(presented, options.secret)) {
      options.metrics?.bridge.authFailures.inc();
      return reply(401, { error: { code: 'unauthorized', message: 'unknown sender' } });
    }
    const text = await readText(ctx);
    if (text === null)
      return reply(413, { error: { code: 'payload_too_large', message: 'notification too large' } });
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return reply(400, { error: { code: 'invalid_json', message: 'body is not JSON' } });
    }
    try {
      const { events, ignored, shape } = normalizeS3Notification(payload);
      const counts = await options.bridge.handleAll(events, shape === 'eventbridge' ? 'eventbridge' : 's3');
      return reply(202, { ...counts, ignored });
    } catch (error) {
      if (error instanceof UnrecognizedNotificationError) {
        return reply(400, { error: { code: 'invalid_request', message: error.message } });
      }
      // Kafka or the database is down: 503 makes the sender retry later.
      options.log.error({ err: error }, 'notification not processed');
      return reply(503, { error: { code: 'internal', message: 'try again later' } });
    }
  });
  return app;
}
