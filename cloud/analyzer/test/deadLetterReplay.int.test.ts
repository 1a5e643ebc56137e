import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DeadLetterSchema,
  UPLOAD_DEAD_LETTERS_TOPIC,
  UPLOAD_EVENTS_TOPIC,
  type UploadEvent,
} from '@orak/core';
import {
  ObjectStore,
  UploadRepository,
  UserRepository,
  createKafkaClient,
  createLogger,
  createProducer,
  createS3Client,
  drainTopic,
  type MessageProducer,
  type Pool,
} from '@orak/cloud-common';
import { createTestDatabase } from '../../common/test/testDatabase';
import { melodyWav } from '../../common/test/wavFixture';
import { eventually, probeTopic, type TopicProbe } from '../../common/test/kafkaProbe';
import { startAnalyzer } from '../src/analyzerRuntime';
import { CatalogueRecommender, EngineTakeAnalyzer } from '../src/engineAdapter';
import { DeadLetterReplayer } from '../src/deadLetterReplay';

// A real transient fault: a worker whose storage credentials are wrong fails every attempt. After N tries the
// message is dead-lettered with its stage and the upload ends FAILED; a replay with a healthy worker completes it.

const services = inject('services');
let pool: Pool;
let drop: () => Promise<void>;
let uploads: UploadRepository;
let producer: MessageProducer;
let deadLetters: TopicProbe;
let userId: string;
const log = createLogger('replay-test', 'silent');
const take = melodyWav({ midiNotes: [55, 57, 59, 60, 62], noteSec: 0.5 });

beforeAll(async () => {
  ({ pool, drop } = await createTestDatabase(services.postgres.url));
  uploads = new UploadRepository(pool);
  userId = randomUUID();
  await new UserRepository(pool).create({ id: userId, email: `${userId}@example.com`, passwordHash: 'x' });
  producer = await createProducer(
    createKafkaClient({ brokers: [services.kafka.brokers], clientId: 'replay-test' }),
  );
  deadLetters = await probeTopic(services.kafka.brokers, UPLOAD_DEAD_LETTERS_TOPIC);
});
afterAll(async () => {
  await deadLetters.close();
  await producer.close();
  await drop();
});

function worker(s3 = services.s3) {
  return startAnalyzer({
    pool,
    brokers: [services.kafka.brokers],
    s3,
    groupId: `replay-test-${randomUUID()}`,
    log,
    retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
    analyzer: new EngineTakeAnalyzer(),
    recommender: new CatalogueRecommender(async () => []),
  });
}

describe('retries, dead letters and replay (real Kafka, S3, PostgreSQL, engine)', () => {
  it('dead-letters after N failed attempts with the stage, ends FAILED, and a replay completes the take', async () => {
    const id = randomUUID();
    const key = `users/${userId}/${id}/take.wav`;
    const objects = new ObjectStore(createS3Client(services.s3), services.s3.bucket);
    const presigned = await objects.presignPut(key, 'audio/wav', take.length, 120);
    await uploads.create({
      id,
      userId,
      bucket: services.s3.bucket,
      objectKey: key,
      fileName: 'take.wav',
      contentType: 'audio/wav',
      sizeBytes: take.length,
      urlExpiresAt: presigned.expiresAt,
    });
    const put = await fetch(presigned.url, {
      method: 'PUT',
      headers: presigned.headers,
      body: new Uint8Array(take),
    });
    expect(put.status).toBe(200);
    await uploads.transition(id, { from: 'REQUESTED', to: 'UPLOADED', actor: 'bridge' });
    const event: UploadEvent = {
      type: 'object-created',
      uploadId: id,
      object: {
        bucket: services.s3.bucket,
        key,
        sizeBytes: take.length,
        etag: null,
        sequencer: '1',
        eventTime: new Date().toISOString(),
      },
    };

    const broken = await worker({ ...services.s3, secretAccessKey: 'not-the-secret' });
    await producer.send(UPLOAD_EVENTS_TOPIC, [{ key: id, value: JSON.stringify(event) }]);
    const failed = await eventually(
      () => uploads.findById(id),
      (u) => u?.state === 'FAILED',
      60_000,
    );
    await broken.stop();
    expect(failed?.failureStage).toBe('validate');
    expect(failed?.failureReason).toMatch(/^failed after 3 attempts/);
    const letter = DeadLetterSchema.parse(JSON.parse((await deadLetters.waitFor((m) => m.key === id)).value));
    expect(letter).toMatchObject({ uploadId: id, stage: 'validate', attempts: 3 });
    expect(JSON.parse(letter.original.value)).toEqual(event);

    const healthy = await worker();
    try {
      const replayer = new DeadLetterReplayer(uploads, producer, log, id);
      await drainTopic(
        createKafkaClient({ brokers: [services.kafka.brokers], clientId: 'replay-test-drain' }),
        {
          topic: UPLOAD_DEAD_LETTERS_TOPIC,
          groupId: `replay-${randomUUID()}`,
          handler: async (message) => void (await replayer.replay(message)),
          idleTimeoutMs: 3_000,
        },
      );
      expect(replayer.counts.replayed).toBe(1);
      const done = await eventually(
        () => uploads.findById(id),
        (u) => u?.state === 'COMPLETED',
        60_000,
      );
      expect(done?.failureReason).toBeNull();
      const history = (await uploads.history(id)).map((h) => `${h.state}/${h.actor}`);
      expect(history.slice(0, 3)).toEqual(['REQUESTED/api', 'UPLOADED/bridge', 'VALIDATING/analyzer']);
      expect(history).toContain('FAILED/analyzer');
      expect(history).toContain('UPLOADED/replay');
      expect(history.at(-1)).toBe('COMPLETED/analyzer');
      expect((await uploads.result(id))?.analysis.range.lowest.midi).toBe(55);
    } finally {
      await healthy.stop();
    }
  });
});
