import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  DatabaseEnvSchema,
  HttpEnvSchema,
  KafkaEnvSchema,
  S3EnvSchema,
  brokerList,
  createLogger,
  createPool,
  createServiceRegistry,
  loadConfig,
  runMigrations,
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

async function main(): Promise<void> {
  const config = loadConfig(ConfigSchema);
  const log = createLogger('analyzer');
  const pool = createPool(config.DATABASE_URL, 6);
  await runMigrations(pool);
  const registry = createServiceRegistry('analyzer');
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
    // A consumer kafkajs will not restart reads nothing while /healthz says ok: end the process instead.
    onFatal: (error) => {
      log.fatal({ err: error }, 'Kafka consumer stopped for good: exiting');
      process.exit(1);
    },
  });
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      // A failed collection answers 500; it must never become an unhandled rejection that ends the process.
      registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`metrics collection failed: ${String(error)}`);
        },
      );
      return;
    }
    const ok = req.url === '/healthz';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        ok ? { ok: true, analysesRunning: runtime.semaphore.inUse } : { error: { code: 'not_found' } },
      ),
    );
  });
  server.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  console.log(`READY analyzer http://${config.HOST}:${port}`);
  const stop = () => {
    server.close();
    void runtime
      .stop()
      .catch(() => undefined)
      .then(() => pool.end())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('analyzer failed to start:', error);
  process.exit(1);
});
