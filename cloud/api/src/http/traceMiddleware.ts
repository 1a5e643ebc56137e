import type { Middleware } from 'koa';
import { TRACE_HEADER, acceptTraceId } from '@orak/core';
import { withTrace, type Logger } from '@orak/cloud-common';

export interface TraceState {
  traceId: string;
}

/**
 * Takes the caller's trace id (or makes one), answers it back, scopes the request's logs to it and writes one
 * access line per request (never headers or bodies: they hold passwords and tokens).
 */
export function traceMiddleware(log: Logger): Middleware<TraceState> {
  return async (ctx, next) => {
    const traceId = acceptTraceId(ctx.get(TRACE_HEADER));
    ctx.state.traceId = traceId;
    ctx.set(TRACE_HEADER, traceId);
    const started = performance.now();
    await withTrace(traceId, async () => {
      try {
        await next();
      } finally {
        const durationMs = Number((performance.now() - started).toFixed(1));
        log.info({ method: ctx.method, path: ctx.path, status: ctx.status, durationMs }, 'request');
      }
    });
  };
}
