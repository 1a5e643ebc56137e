import { Counter, Histogram, type Registry } from 'prom-client';

/** HTTP rate, errors and duration by route pattern (never the raw path: ids would explode the label set). */
export function createHttpMetrics(registry: Registry) {
  return {
    requests: new Counter({
      name: 'orak_http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status class.',
      labelNames: ['route', 'method', 'status_class'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'orak_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern and method.',
      labelNames: ['route', 'method'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
export type HttpMetrics = ReturnType<typeof createHttpMetrics>;

/** "2xx".."5xx": a bounded label for status codes. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
