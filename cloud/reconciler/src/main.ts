import { z } from 'zod';
import {
  DatabaseEnvSchema,
  HttpEnvSchema,
  KafkaEnvSchema,
  MultipartStore,
  ObjectStore,
  S3EnvSchema,
  UploadCleanupRepository,
  UploadRepository,
  brokerList,
  countTransitions,
  createReconcilerMetrics,
  createUploadMetrics,
  createUploadStateGauges,
  createKafkaClient,
  createProducer,
  createS3Client,
  opsHttpServer,
  runService,
  sendJson,
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

runService('reconciler', ConfigSchema, { poolSize: 4 }, async ({ config, log, pool, registry }) => {
  const kafka = createKafkaClient({ brokers: brokerList(config.KAFKA_BROKERS), clientId: 'orak-reconciler' });
  const producer = await createProducer(kafka);
  const s3 = createS3Client({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    bucket: config.S3_BUCKET,
  });
  const uploads = new UploadRepository(pool, countTransitions(createUploadMetrics(registry)));
  // The reconciler owns the per-state gauges: one writer, read from the database at scrape time.
  createUploadStateGauges(registry, () => uploads.countLive());
  const service = new ReconcilerService(
    {
      uploads,
      cleanup: new UploadCleanupRepository(pool),
      objects: new ObjectStore(s3, config.S3_BUCKET),
      parts: new MultipartStore(s3, config.S3_BUCKET),
      producer,
      log,
      metrics: createReconcilerMetrics(registry),
    },
    {
      ...DEFAULT_RECONCILER_OPTIONS,
      stuckAfterSec: config.RECONCILE_STUCK_SEC,
      maxRedrives: config.RECONCILE_MAX_REDRIVES,
    },
  );
  const closeProducer = () => producer.close().catch(() => undefined);

  if (process.argv.includes('--once')) {
    console.log(JSON.stringify(await service.runOnce()));
    return { stop: closeProducer };
  }

  const loop = new ReconcileLoop(service, config.RECONCILE_INTERVAL_SEC * 1000, log);
  loop.start();
  const server = opsHttpServer(registry, (req, res) => {
    if (req.url === '/healthz' && req.method === 'GET') {
      sendJson(res, 200, { ok: true });
      return true;
    }
    if (req.url !== '/reconcile') return false;
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'POST only' } });
      return true;
    }
    loop.runNow().then(
      (report) => sendJson(res, 200, report),
      () => sendJson(res, 503, { error: { code: 'internal', message: 'reconcile pass failed' } }),
    );
    return true;
  });
  return {
    server,
    stop: async () => {
      loop.stop();
      await closeProducer();
    },
  };
});
