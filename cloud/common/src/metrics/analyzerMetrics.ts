import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export function createAnalyzerMetrics(registry: Registry) {
  return {
    jobs: new Counter({
      name: 'orak_analyzer_jobs_total',
      help: 'Analysis jobs finished, by outcome (completed, rejected, retried, dead_lettered).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'orak_analyzer_job_duration_seconds',
      help: 'Time from taking a message to its durable outcome.',
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80],
      registers: [registry],
    }),
    inference: new Histogram({
      name: 'orak_model_inference_duration_seconds',
      help: 'Time one model run takes, by model.',
      labelNames: ['model'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: [registry],
    }),
    semaphoreWaiting: new Gauge({
      name: 'orak_analyzer_semaphore_waiting',
      help: 'Model runs waiting for a semaphore permit.',
      registers: [registry],
    }),
    semaphoreInFlight: new Gauge({
      name: 'orak_analyzer_semaphore_in_flight',
      help: 'Model runs holding a semaphore permit.',
      registers: [registry],
    }),
    semaphorePermits: new Gauge({
      name: 'orak_analyzer_semaphore_permits',
      help: 'Semaphore permits configured.',
      registers: [registry],
    }),
    retries: new Counter({
      name: 'orak_analyzer_retries_total',
      help: 'Transient failures retried with backoff, by stage.',
      labelNames: ['stage'] as const,
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'orak_dead_letters_total',
      help: 'Messages sent to the dead-letter topic, by stage.',
      labelNames: ['stage'] as const,
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'orak_kafka_consumer_lag_messages',
      help: 'Messages behind the log end, summed over the partitions of a topic, per consumer group.',
      labelNames: ['topic', 'group'] as const,
      registers: [registry],
    }),
  };
}
export type AnalyzerMetrics = ReturnType<typeof createAnalyzerMetrics>;
