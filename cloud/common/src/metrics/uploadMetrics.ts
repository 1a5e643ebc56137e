import { Counter, Gauge, type Registry } from 'prom-client';

/** Upload life-cycle metrics shared by every service that moves an upload. */
export function createUploadMetrics(registry: Registry) {
  return {
    transitions: new Counter({
      name: 'orak_upload_transitions_total',
      help: 'Upload state transitions applied (compare-and-set won), by target state and actor.',
      labelNames: ['to', 'actor'] as const,
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'orak_uploads_rejected_total',
      help: 'Uploads that ended REJECTED, by reason code.',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    failed: new Counter({
      name: 'orak_uploads_failed_total',
      help: 'Uploads that ended FAILED, by the stage that failed.',
      labelNames: ['stage'] as const,
      registers: [registry],
    }),
  };
}
export type UploadMetrics = ReturnType<typeof createUploadMetrics>;

/** Gauges read from the database when Prometheus scrapes (the reconciler owns them: one writer, no double count). */
export function createUploadStateGauges(
  registry: Registry,
  read: () => Promise<{ byState: Record<string, number>; oldestNonTerminalAgeSeconds: number }>,
) {
  let latest: Promise<{ byState: Record<string, number>; oldestNonTerminalAgeSeconds: number }> | undefined;
  // Both gauges are filled from one query per scrape.
  const snapshot = () => (latest ??= read().finally(() => setTimeout(() => (latest = undefined), 0)));
  return {
    byState: new Gauge({
      name: 'orak_uploads',
      help: 'Uploads currently in each state.',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        const { byState } = await snapshot();
        this.reset();
        for (const [state, count] of Object.entries(byState)) this.set({ state }, count);
      },
    }),
    oldestAge: new Gauge({
      name: 'orak_oldest_nonterminal_upload_age_seconds',
      help: 'Age of the oldest upload that has not reached a terminal state (0 when none).',
      registers: [registry],
      async collect() {
        this.set((await snapshot()).oldestNonTerminalAgeSeconds);
      },
    }),
  };
}
