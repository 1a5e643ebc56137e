import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { z } from 'zod';
import {
  DatabaseEnvSchema,
  HttpEnvSchema,
  KafkaEnvSchema,
  MultipartStore,
  ObjectStore,
  S3EnvSchema,
  UploadRepository,
  brokerList,
  countTransitions,
  createReconcilerMetrics,
  createServiceRegistry,
  createUploadMetrics,
  createUploadStateGauges,
  createKafkaClient,
  createLogger,
  createPool,
  createProducer,
  createS3Client,
  loadConfig,
  runMigrations,
} from '@orak/cloud-common';
import { DEFAULT_RECONCILER_OPTIONS, ReconcilerService } from './reconcilerService';
import { ReconcileLoop } from './reconcileLoop';

// Runs a pass every RECONCILE_INTERVAL_SEC, and on demand: `POST /reconcile` answers the pass's report.
// With `--once` it runs one pass, prints the report and exits.

const ConfigSchema = DatabaseEnvSchema.extend(KafkaEnvSchema.shape)
  .extend(S3EnvSchema.shape)
  .extend(HttpEnvSchema.shape)
  .extend({
    RECONCILE_INTERVAL_SEC: z.coerce.number().positive().default(30),
    RECONCILE_STUCK_SEC: z.coerce.number().nonnegative().default(DEFAULT_RECONCILER_OPTIONS.stuckAfterSec),
    RECONCILE_MAX_REDRIVES: z.coerce
      .number()
      .int()
      .nonnegative()
      .default(DEFAULT_RECONCILER_OPTIONS.maxRedrives),
  });

async function main(): Promise<void> {
  const config = loadConfig(ConfigSchema);
  const log = createLogger('reconciler');
  const pool = createPool(config.DATABASE_URL, 4);
  await runMigrations(pool);
  const kafka = createKafkaClient({ brokers: brokerList(config.KAFKA_BROKERS), clientId: 'orak-reconciler' });
  const producer = await createProducer(kafka);
  const s3 = createS3Client({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    bucket: config.S3_BUCKET,
  });
  const objects = new ObjectStore(s3, config.S3_BUCKET);
  const registry = createServiceRegistry('reconciler');
  const uploads = new UploadRepository(pool, countTransitions(createUploadMetrics(registry)));
  // The reconciler owns the per-state gauges: one writer, read from the database at scrape time.
  createUploadStateGauges(registry, () => uploads.countLive());
  const service = new ReconcilerService(
    uploads,
    objects,
    producer,
    {
      ...DEFAULT_RECONCILER_OPTIONS,
      stuckAfterSec: config.RECONCILE_STUCK_SEC,
      maxRedrives: config.RECONCILE_MAX_REDRIVES,
    },
    log,
    createReconcilerMetrics(registry),
    new MultipartStore(s3, config.S3_BUCKET),
  );
  const shutdown = async (code: number) => {
    await producer.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    process.exit(code);
  };

  if (process.argv.includes('--once')) {
    console.log(JSON.stringify(await service.runOnce()));
    return shutdown(0);
  }

  const loop = new ReconcileLoop(service, config.RECONCILE_INTERVAL_SEC * 1000, log);
  loop.start();
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/healthz' && req.method === 'GET') return send(200, { ok: true });
    if (req.url === '/metrics' && req.method === 'GET') {
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
    if (req.url !== '/reconcile')
      return send(404, { error: { code: 'not_found', message: 'no such route' } });
    if (req.method !== 'POST')
      return send(405, { error: { code: 'method_not_allowed', message: 'POST only' } });
    loop.runNow().then(
      (report) => send(200, report),
      () => send(503, { error: { code: 'internal', message: 'reconcile pass failed' } }),
    );
  });
  server.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  console.log(`READY reconciler http://${config.HOST}:${port}`);
  const stop = () => {
    loop.stop();
    server.close();
    void shutdown(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('reconciler failed:', error);
  process.exit(1);
});
