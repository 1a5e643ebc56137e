import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { S3_OBJECT_EVENTS_TOPIC, UPLOAD_EVENTS_TOPIC } from '@orak/core';
import {
  DatabaseEnvSchema,
  HttpEnvSchema,
  KafkaEnvSchema,
  UploadRepository,
  brokerList,
  countTransitions,
  createBridgeMetrics,
  createServiceRegistry,
  createUploadMetrics,
  createConsumer,
  createKafkaClient,
  createLogger,
  createPool,
  createProducer,
  ensureTopics,
  loadConfig,
  runMigrations,
  tuneKeepAlive,
} from '@orak/cloud-common';
import { BridgeService } from './bridgeService';
import { buildBridgeApp } from './bridgeHttp';
import { s3EventMessageHandler } from './s3EventConsumer';

// Two doors into one BridgeService: the S3 server's Kafka topic and an authenticated HTTP endpoint.

const ConfigSchema = DatabaseEnvSchema.extend(KafkaEnvSchema.shape)
  .extend(HttpEnvSchema.shape)
  .extend({
    BRIDGE_TOKEN: z.string().min(16),
    BRIDGE_PATH: z.string().startsWith('/').default('/s3-events'),
    S3_EVENTS_TOPIC: z.string().min(1).default(S3_OBJECT_EVENTS_TOPIC),
  });

async function main(): Promise<void> {
  const config = loadConfig(ConfigSchema);
  const log = createLogger('bridge');
  const pool = createPool(config.DATABASE_URL);
  await runMigrations(pool);
  const kafka = createKafkaClient({ brokers: brokerList(config.KAFKA_BROKERS), clientId: 'orak-bridge' });
  await ensureTopics(kafka, [{ topic: UPLOAD_EVENTS_TOPIC, partitions: config.KAFKA_PARTITIONS }]);
  const producer = await createProducer(kafka);
  const registry = createServiceRegistry('bridge');
  const bridgeMetrics = createBridgeMetrics(registry);
  const uploads = new UploadRepository(pool, countTransitions(createUploadMetrics(registry)));
  const bridge = new BridgeService(pool, uploads, producer, log, bridgeMetrics);
  const consumer = createConsumer(kafka, {
    groupId: 'orak-bridge',
    topics: [config.S3_EVENTS_TOPIC],
    concurrency: 1,
    // A consumer kafkajs will not restart reads nothing while /healthz says ok: end the process instead.
    onFatal: (error) => {
      log.fatal({ err: error }, 'Kafka consumer stopped for good: exiting');
      process.exit(1);
    },
  });
  await consumer.start(s3EventMessageHandler(bridge, log));
  const server = buildBridgeApp({
    bridge,
    secret: config.BRIDGE_TOKEN,
    path: config.BRIDGE_PATH,
    log,
    metrics: { registry, bridge: bridgeMetrics },
  }).listen(config.PORT, config.HOST);
  tuneKeepAlive(server);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  console.log(`READY bridge http://${config.HOST}:${port}${config.BRIDGE_PATH}`);
  const stop = () => {
    server.close();
    void Promise.allSettled([consumer.close(), producer.close()])
      .then(() => pool.end())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('bridge failed to start:', error);
  process.exit(1);
});
