import { Counter, Gauge, type Registry } from 'prom-client';

export function createReconcilerMetrics(registry: Registry) {
  return {
    actions: new Counter({
      name: 'orak_reconciler_actions_total',
      help: 'Stuck uploads acted on, by action (redriven, expired, failed) and the state they were stuck in.',
      labelNames: ['action', 'state'] as const,
      registers: [registry],
    }),
    lastRun: new Gauge({
      name: 'orak_reconciler_last_run_timestamp_seconds',
      help: 'When the reconciler last finished a pass (Unix time).',
      registers: [registry],
    }),
  };
}
export type ReconcilerMetrics = ReturnType<typeof createReconcilerMetrics>;
