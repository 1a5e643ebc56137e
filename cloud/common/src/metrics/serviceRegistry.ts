import { Registry, collectDefaultMetrics } from 'prom-client';

/** Each service gets its own registry with process and event-loop metrics (no global state between tests). */
export function createServiceRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  return registry;
}
