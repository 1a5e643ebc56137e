import type { Registry } from 'prom-client';
import { createServiceRegistry } from './serviceRegistry';
import { createHttpMetrics } from './httpMetrics';
import { createUploadMetrics, createUploadStateGauges } from './uploadMetrics';
import { createApiMetrics } from './apiMetrics';
import { createBridgeMetrics } from './bridgeMetrics';
import { createAnalyzerMetrics } from './analyzerMetrics';
import { createReconcilerMetrics } from './reconcilerMetrics';

/** Every metric family our services can export, in one registry: what dashboards and alerts may name. */
export function catalogueRegistry(): Registry {
  const registry = createServiceRegistry('catalogue');
  createHttpMetrics(registry);
  createUploadMetrics(registry);
  createUploadStateGauges(registry, async () => ({ byState: {}, oldestNonTerminalAgeSeconds: 0 }));
  createApiMetrics(registry);
  createBridgeMetrics(registry);
  createAnalyzerMetrics(registry);
  createReconcilerMetrics(registry);
  return registry;
}

/** Series names as PromQL sees them: histograms and summaries add _bucket/_sum/_count. */
export async function exportedSeriesNames(registry: Registry): Promise<Set<string>> {
  const names = new Set<string>();
  for (const metric of await registry.getMetricsAsJSON()) {
    names.add(metric.name);
    // prom-client types `type` as a numeric enum, but at run time it is the exposition-format word.
    const type = String(metric.type);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(metric.name + s);
    if (type === 'summary') for (const s of ['_sum', '_count']) names.add(metric.name + s);
  }
  return names;
}
