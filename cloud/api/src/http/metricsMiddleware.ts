import type { Middleware } from 'koa';
import { statusClass, type HttpMetrics } from '@orak/cloud-common';

/** Rate, errors and duration per route pattern (@koa/router's matched pattern, never the raw path with ids). */
export function metricsMiddleware(http: HttpMetrics): Middleware {
  return async (ctx, next) => {
    const stopTimer = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
      const labels = { route: typeof route === 'string' ? route : 'unmatched', method: ctx.method };
      http.requests.inc({ ...labels, status_class: statusClass(ctx.status) });
      http.duration.observe(labels, Number(process.hrtime.bigint() - stopTimer) / 1e9);
    }
  };
}
