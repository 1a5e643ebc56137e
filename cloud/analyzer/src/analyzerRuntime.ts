import { UPLOAD_DEAD_LETTERS_TOPIC, UPLOAD_EVENTS_TOPIC, UPLOAD_RESULTS_TOPIC } from '@orak/core';
import {
  ObjectStore,
  countTransitions,
  createAnalyzerMetrics,
  createUploadMetrics,
  UploadRepository,
  createConsumer,
  createKafkaClient,
  createProducer,
  createS3Client,
  ensureTopics,
  readConsumerLag,
  type Logger,
  type MessageConsumer,
  type MessageProducer,
  type Pool,
  type S3Settings,
} from '@orak/cloud-common';
import type { Registry } from 'prom-client';
import type { SongRecommender, TakeAnalyzer } from './analysisPort';
import { AnalyzerWorker } from './analyzerWorker';
import type { RetryPolicy } from './retryPolicy';
import { Semaphore } from './semaphore';
import { UploadPipeline } from './uploadPipeline';

// Wires one analyzer worker: consumer group, producer, pipeline and semaphore. main.ts and tests both use it.

export interface AnalyzerRuntimeOptions {
  pool: Pool;
  brokers: string[];
  s3: S3Settings;
  analyzer: TakeAnalyzer;
  recommender: SongRecommender;
  log: Logger;
  groupId?: string;
  permits?: number;
  /** Partitions worked on at once; more than `permits` so validation overlaps analysis. */
  concurrency?: number;
  partitions?: number;
  retry?: RetryPolicy;
  sessionTimeoutMs?: number;
  /** Where the worker's metrics go (served by main.ts on /metrics). */
  registry?: Registry;
  /** The consumer stopped for good (see ConsumerOptions.onFatal). */
  onFatal?: (error: Error) => void;
}

export interface AnalyzerRuntime {
  semaphore: Semaphore;
  stop(): Promise<void>;
}

export async function startAnalyzer(options: AnalyzerRuntimeOptions): Promise<AnalyzerRuntime> {
  const kafka = createKafkaClient({ brokers: options.brokers, clientId: 'orak-analyzer' });
  const partitions = options.partitions ?? 6;
  await ensureTopics(kafka, [
    { topic: UPLOAD_EVENTS_TOPIC, partitions },
    { topic: UPLOAD_RESULTS_TOPIC, partitions: 3 },
    { topic: UPLOAD_DEAD_LETTERS_TOPIC, partitions: 1 },
  ]);
  const producer: MessageProducer = await createProducer(kafka);
  const metrics = options.registry ? createAnalyzerMetrics(options.registry) : undefined;
  const uploadMetrics = options.registry ? createUploadMetrics(options.registry) : undefined;
  const uploads = new UploadRepository(
    options.pool,
    uploadMetrics ? countTransitions(uploadMetrics) : undefined,
  );
  const semaphore = new Semaphore(options.permits ?? 2);
  if (metrics) {
    metrics.semaphorePermits.set(semaphore.permits);
    semaphore.onChange = (inUse, waiting) => {
      metrics.semaphoreInFlight.set(inUse);
      metrics.semaphoreWaiting.set(waiting);
    };
  }
  const pipeline = new UploadPipeline({
    uploads,
    objects: new ObjectStore(createS3Client(options.s3), options.s3.bucket),
    analyzer: options.analyzer,
    recommender: options.recommender,
    semaphore,
    onAnalysis: (seconds) => metrics?.inference.observe({ model: 'engine' }, seconds),
  });
  const worker = new AnalyzerWorker(pipeline, uploads, producer, {
    log: options.log,
    retry: options.retry,
    metrics,
  });
  const consumer: MessageConsumer = createConsumer(kafka, {
    groupId: options.groupId ?? 'orak-analyzer',
    topics: [UPLOAD_EVENTS_TOPIC],
    concurrency: options.concurrency ?? (options.permits ?? 2) * 2,
    // Long model runs heartbeat from inside the handler; the session timeout only has to cover a stalled process.
    sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
    onFatal: options.onFatal,
  });
  await consumer.start(worker.handler());
  const groupId = options.groupId ?? 'orak-analyzer';
  // Lag is read from the broker every few seconds (offsets committed vs log end), for the lag alerts.
  const lagTimer = metrics
    ? setInterval(() => {
        readConsumerLag(kafka, groupId, UPLOAD_EVENTS_TOPIC)
          .then((lag) => metrics.consumerLag.set({ topic: UPLOAD_EVENTS_TOPIC, group: groupId }, lag))
          .catch((error: unknown) => options.log.warn({ err: error }, 'could not read consumer lag'));
      }, 5_000)
    : undefined;
  lagTimer?.unref();
  return {
    semaphore,
    stop: async () => {
      clearInterval(lagTimer);
      await consumer.close();
      await producer.close();
    },
  };
}
