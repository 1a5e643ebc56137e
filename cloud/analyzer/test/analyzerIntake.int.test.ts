import '../../../ops/test/support/providedContext';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DeadLetterSchema,
  UPLOAD_DEAD_LETTERS_TOPIC,
  UPLOAD_EVENTS_TOPIC,
  UPLOAD_RESULTS_TOPIC,
  type Analysis,
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
  type MessageProducer,
  type Pool,
} from '@orak/cloud-common';
import { createTestDatabase } from '../../common/test/testDatabase';
import { voiceLikeWav } from '../../common/test/wavFixture';
import { eventually, probeTopic, type TopicProbe } from '../../common/test/kafkaProbe';
import { startAnalyzer, type AnalyzerRuntime } from '../src/analyzerRuntime';

// The analyzer's intake against the real stack: validation, rejection with the object removed, poison messages
// dead-lettered while the rest keep flowing. None of these takes may reach the analysis engine.

const services = inject('services');
let pool: Pool;
let drop: () => Promise<void>;
let uploads: UploadRepository;
let objects: ObjectStore;
let producer: MessageProducer;
let runtime: AnalyzerRuntime;
let deadLetters: TopicProbe;
let results: TopicProbe;
let userId: string;
const engineCalls: string[] = [];

beforeAll(async () => {
  ({ pool, drop } = await createTestDatabase(services.postgres.url));
  uploads = new UploadRepository(pool);
  objects = new ObjectStore(createS3Client(services.s3), services.s3.bucket);
  userId = randomUUID();
  await new UserRepository(pool).create({ id: userId, email: `${userId}@example.com`, passwordHash: 'x' });
  producer = await createProducer(
    createKafkaClient({ brokers: [services.kafka.brokers], clientId: 'intake-test' }),
  );
  deadLetters = await probeTopic(services.kafka.brokers, UPLOAD_DEAD_LETTERS_TOPIC);
  results = await probeTopic(services.kafka.brokers, UPLOAD_RESULTS_TOPIC);
  runtime = await startAnalyzer({
    pool,
    brokers: [services.kafka.brokers],
    s3: services.s3,
    groupId: `intake-test-${randomUUID()}`,
    log: createLogger('intake-test', 'silent'),
    retry: { attempts: 2, baseDelayMs: 50, maxDelayMs: 100 },
    analyzer: {
      analyze: async (_audio, fileName): Promise<Analysis> => {
        engineCalls.push(fileName);
        throw new Error('these tests must never reach the analysis engine');
      },
    },
    recommender: { recommend: async () => [] },
  });
});
afterAll(async () => {
  await runtime.stop();
  await Promise.allSettled([deadLetters.close(), results.close()]);
  await producer.close();
  await drop();
});

/** A client's upload: REQUESTED, the bytes PUT with the presigned request, then what the bridge does. */
async function uploaded(body: Uint8Array, declaredSize = body.length, fileName = 'take.wav') {
  const id = randomUUID();
  const key = `users/${userId}/${id}/${fileName}`;
  const presigned = await objects.presignPut(key, 'audio/wav', declaredSize, 120);
  await uploads.create({
    id,
    userId,
    bucket: services.s3.bucket,
    objectKey: key,
    fileName,
    contentType: 'audio/wav',
    sizeBytes: declaredSize,
    urlExpiresAt: presigned.expiresAt,
  });
  if (declaredSize === body.length) {
    const put = await fetch(presigned.url, {
      method: 'PUT',
      headers: presigned.headers,
      body: new Uint8Array(body),
    });
    expect(put.status).toBe(200);
  }
  await uploads.transition(id, { from: 'REQUESTED', to: 'UPLOADED', actor: 'bridge' });
  const event: UploadEvent = {
    type: 'object-created',
    uploadId: id,
    object: {
      bucket: services.s3.bucket,
      key,
      sizeBytes: body.length,
      etag: null,
      sequencer: '01',
      eventTime: new Date().toISOString(),
    },
  };
  await producer.send(UPLOAD_EVENTS_TOPIC, [{ key: id, value: JSON.stringify(event) }]);
  return { id, key };
}

const terminal = (id: string) =>
  eventually(
    () => uploads.findById(id),
    (u) => ['COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED'].includes(u?.state ?? ''),
  );

describe('analyzer intake (real Kafka, S3, PostgreSQL)', () => {
  it('rejects a file that is not audio, with the reason, and removes the object', async () => {
    const { id, key } = await uploaded(new Uint8Array(randomBytes(4096)));
    const upload = await terminal(id);
    expect(upload?.state).toBe('REJECTED');
    expect(upload?.failureStage).toBe('validate');
    expect(upload?.failureReason).toMatch(/not audio/);
    // The object goes only once REJECTED is recorded: wait for it rather than race it.
    expect(
      await eventually(
        () => objects.head(key),
        (info) => info === null,
      ),
    ).toBeNull();
    expect((await uploads.history(id)).map((h) => h.state)).toEqual([
      'REQUESTED',
      'UPLOADED',
      'VALIDATING',
      'REJECTED',
    ]);
    await results.waitFor((m) => m.key === id && m.value.includes('"REJECTED"'));
  });

  it('rejects a take too short to analyse', async () => {
    const { id } = await uploaded(new Uint8Array(voiceLikeWav({ seconds: 0.3 })));
    const upload = await terminal(id);
    expect(upload?.state).toBe('REJECTED');
    expect(upload?.failureReason).toMatch(/duration 0\.30 s/);
  });

  it('rejects an upload whose object never arrived', async () => {
    const { id } = await uploaded(new Uint8Array(1000), 2000);
    const upload = await terminal(id);
    expect(upload?.state).toBe('REJECTED');
    expect(upload?.failureReason).toBe('object not found in storage');
  });

  it('dead-letters a poison message with the original payload, and keeps consuming', async () => {
    const poisonKey = randomUUID();
    await producer.send(UPLOAD_EVENTS_TOPIC, [
      { key: poisonKey, value: '{"type":"object-created","uploadId":42' },
    ]);
    const { id: afterPoison } = await uploaded(new Uint8Array(randomBytes(2048)));
    const letter = DeadLetterSchema.parse(
      JSON.parse((await deadLetters.waitFor((m) => m.key === poisonKey)).value),
    );
    expect(letter.stage).toBe('intake');
    expect(letter.original.value).toBe('{"type":"object-created","uploadId":42');
    expect(letter.original.topic).toBe(UPLOAD_EVENTS_TOPIC);
    expect((await terminal(afterPoison))?.state).toBe('REJECTED');
  });

  it('handles a duplicate event once: one chain of transitions, one result event', async () => {
    const { id, key } = await uploaded(new Uint8Array(randomBytes(1024)));
    const again: UploadEvent = {
      type: 'object-created',
      uploadId: id,
      object: {
        bucket: services.s3.bucket,
        key,
        sizeBytes: 1024,
        etag: null,
        sequencer: '01',
        eventTime: new Date().toISOString(),
      },
    };
    await producer.send(UPLOAD_EVENTS_TOPIC, [{ key: id, value: JSON.stringify(again) }]);
    await terminal(id);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await uploads.history(id)).map((h) => h.state)).toEqual([
      'REQUESTED',
      'UPLOADED',
      'VALIDATING',
      'REJECTED',
    ]);
    expect(results.messages.filter((m) => m.key === id)).toHaveLength(1);
  });

  it('never called the analysis engine', () => {
    expect(engineCalls).toEqual([]);
  });
});
