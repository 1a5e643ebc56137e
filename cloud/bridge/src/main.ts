import { createServer } from 'node:http';
import { z } from 'zod';
import { S3_OBJECT_EVENTS_TOPIC, UPLOAD_EVENTS_TOPIC } from '@orak/core';
import {
  DatabaseEnvSchema,
  HttpEnvSchema,
  KafkaEnvSchema,
  ObjectStore,
  S3EnvSchema,
  UploadCleanupRepository,
  UploadRepository,
  brokerList,
  countTransitions,
  createBridgeMetrics,
  createUploadMetrics,
  createConsumer,
  createKafkaClient,
  createProducer,
  createS3Client,
  ensureTopics,
  runService,
  tuneKeepAlive,
} from '@orak/cloud-common';
import { BridgeService } from './bridgeService';
import { buildBridgeApp } from './bridgeHttp';
import { s3EventMessageHandler } from './s3EventConsumer';

// Two doors into one BridgeService: the S3 server's Kafka topic and an authenticated HTTP endpoint.

const ConfigSchema = DatabaseEnvSchema.extend(KafkaEnvSchema.shape)
  .extend(S3EnvSchema.shape)
  .extend(HttpEnvSchema.shape)
  .extend({
    BRIDGE_TOKEN: z.string().min(16),
    BRIDGE_PATH: z.string().startsWith('/').default('/s3-events'),
    S3_EVENTS_TOPIC: z.string().min(1).default(S3_OBJECT_EVENTS_TOPIC),
  });

runService('bridge', ConfigSchema, {}, async ({ config, log, pool, registry, exitOnFatal }) => {
  const kafka = createKafkaClient({ brokers: brokerList(config.KAFKA_BROKERS), clientId: 'orak-bridge' });
  await ensureTopics(kafka, [{ topic: UPLOAD_EVENTS_TOPIC, partitions: config.KAFKA_PARTITIONS }]);
  const producer = await createProducer(kafka);
  const bridgeMetrics = createBridgeMetrics(registry);
  const uploads = new UploadRepository(pool, countTransitions(createUploadMetrics(registry)));
  const s3 = createS3Client({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    bucket: config.S3_BUCKET,
  });
  const orphans = {
    cleanup: new UploadCleanupRepository(pool),
    objects: new ObjectStore(s3, config.S3_BUCKET),
  };
  const bridge = new BridgeService(pool, uploads, producer, log, orphans, bridgeMetrics);
  const consumer = createConsumer(kafka, {
    groupId: 'orak-bridge',
    topics: [config.S3_EVENTS_TOPIC],
    concurrency: 1,
    onFatal: exitOnFatal,
  });
  await consumer.start(s3EventMessageHandler(bridge, log));
  const app = buildBridgeApp({
    bridge,
    secret: config.BRIDGE_TOKEN,
    path: config.BRIDGE_PATH,
    log,
    metrics: { registry, bridge: bridgeMetrics },
  });
  return {
    server: tuneKeepAlive(createServer(app.callback())),
    readyPath: config.BRIDGE_PATH,
    stop: async () => {
      await Promise.allSettled([consumer.close(), producer.close()]);
    },
  };
});
