import { z } from 'zod';
import { UPLOAD_DEAD_LETTERS_TOPIC } from '@orak/core';
import {
  DatabaseEnvSchema,
  KafkaEnvSchema,
  UploadRepository,
  brokerList,
  createKafkaClient,
  createLogger,
  createPool,
  createProducer,
  drainTopic,
  loadConfig,
} from '@orak/cloud-common';
import { DeadLetterReplayer } from './deadLetterReplay';

// `pnpm --filter @orak/analyzer replay [--upload <id>]`: replays every dead letter not replayed before, then exits.

const ConfigSchema = DatabaseEnvSchema.extend(KafkaEnvSchema.shape).extend({
  REPLAY_GROUP: z.string().default('orak-dlq-replay'),
});

async function main(): Promise<void> {
  const config = loadConfig(ConfigSchema);
  const uploadFlag = process.argv.indexOf('--upload');
  const onlyUploadId = uploadFlag >= 0 ? process.argv[uploadFlag + 1] : undefined;
  const log = createLogger('replay');
  const pool = createPool(config.DATABASE_URL, 2);
  const kafka = createKafkaClient({ brokers: brokerList(config.KAFKA_BROKERS), clientId: 'orak-replay' });
  const producer = await createProducer(kafka);
  const replayer = new DeadLetterReplayer(new UploadRepository(pool), producer, log, onlyUploadId);
  await drainTopic(kafka, {
    topic: UPLOAD_DEAD_LETTERS_TOPIC,
    groupId: config.REPLAY_GROUP,
    handler: async (message) => void (await replayer.replay(message)),
  });
  console.log(JSON.stringify(replayer.counts));
  await producer.close();
  await pool.end();
}

main().catch((error: unknown) => {
  console.error('replay failed:', error);
  process.exit(1);
});
