import { z } from 'zod';
import {
  DatabaseEnvSchema,
  HttpEnvSchema,
  KafkaEnvSchema,
  S3EnvSchema,
  brokerList,
  opsHttpServer,
  runService,
  sendJson,
} from '@orak/cloud-common';
import { loadDefaultCatalogue } from '@orak/engine';
import { startAnalyzer } from './analyzerRuntime';
import { CatalogueRecommender, EngineTakeAnalyzer } from './engineAdapter';

// An analyzer worker: joins the consumer group, analyses with ANALYZER_PERMITS at once, serves /healthz,
// and prints `READY analyzer <url>` once it receives partitions.

const ConfigSchema = DatabaseEnvSchema.extend(KafkaEnvSchema.shape)
  .extend(S3EnvSchema.shape)
  .extend(HttpEnvSchema.shape)
  .extend({
    ANALYZER_PERMITS: z.coerce.number().int().min(1).max(16).default(2),
    ANALYZER_GROUP: z.string().default('orak-analyzer'),
    ANALYZER_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
    ANALYZER_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  });

runService(
  'analyzer',
  ConfigSchema,
  { poolSize: 6 },
  async ({ config, log, pool, registry, exitOnFatal }) => {
    const runtime = await startAnalyzer({
      registry,
      pool,
      brokers: brokerList(config.KAFKA_BROKERS),
      s3: {
        endpoint: config.S3_ENDPOINT,
        region: config.S3_REGION,
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
        bucket: config.S3_BUCKET,
      },
      analyzer: new EngineTakeAnalyzer(),
      // The cloud recommends from the shipped catalogue; a singer's own imports stay on their desktop.
      recommender: new CatalogueRecommender(loadDefaultCatalogue),
      log,
      groupId: config.ANALYZER_GROUP,
      permits: config.ANALYZER_PERMITS,
      partitions: config.KAFKA_PARTITIONS,
      sessionTimeoutMs: config.ANALYZER_SESSION_TIMEOUT_MS,
      retry: { attempts: config.ANALYZER_ATTEMPTS, baseDelayMs: 250, maxDelayMs: 5_000 },
      onFatal: exitOnFatal,
    });
    const server = opsHttpServer(registry, (req, res) => {
      if (req.url !== '/healthz') return false;
      sendJson(res, 200, { ok: true, analysesRunning: runtime.semaphore.inUse });
      return true;
    });
    return { server, stop: () => runtime.stop() };
  },
);
