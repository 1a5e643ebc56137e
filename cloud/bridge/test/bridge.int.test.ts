import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { UPLOAD_EVENTS_TOPIC, UploadEventSchema } from '@orak/core';
import {
  ObjectStore,
  UploadCleanupRepository,
  UploadRepository,
  UserRepository,
  createConsumer,
  createKafkaClient,
  createLogger,
  createProducer,
  createS3Client,
  type MessageConsumer,
  type MessageProducer,
  type Pool,
} from '@orak/cloud-common';
import { createTestDatabase } from '../../common/test/testDatabase';
import { voiceLikeWav } from '../../common/test/wavFixture';
import { eventually, probeTopic, type TopicProbe } from '../../common/test/kafkaProbe';
import { BridgeService } from '../src/bridgeService';
import { BRIDGE_TOKEN_HEADER, buildBridgeApp } from '../src/bridgeHttp';
import { s3EventMessageHandler } from '../src/s3EventConsumer';

const services = inject('services');
const SECRET = 'bridge-test-secret-0123456789';
let pool: Pool;
let drop: () => Promise<void>;
let uploads: UploadRepository;
let objects: ObjectStore;
let producer: MessageProducer;
let s3Consumer: MessageConsumer;
let server: Server;
let bridgeUrl: string;
let uploadEvents: TopicProbe;
let rawS3Events: TopicProbe;
let userId: string;
const wav = voiceLikeWav({ seconds: 1 });

beforeAll(async () => {
  ({ pool, drop } = await createTestDatabase(services.postgres.url));
  uploads = new UploadRepository(pool);
  objects = new ObjectStore(createS3Client(services.s3), services.s3.bucket);
  userId = randomUUID();
  await new UserRepository(pool).create({ id: userId, email: `${userId}@example.com`, passwordHash: 'x' });
  const kafka = createKafkaClient({ brokers: [services.kafka.brokers], clientId: 'bridge-test' });
  producer = await createProducer(kafka);
  const log = createLogger('bridge-test', 'silent');
  const bridge = new BridgeService(pool, uploads, producer, log, {
    cleanup: new UploadCleanupRepository(pool),
    objects,
  });
  s3Consumer = createConsumer(kafka, {
    groupId: `bridge-test-${randomUUID()}`,
    topics: [services.s3.eventTopic],
    concurrency: 1,
  });
  await s3Consumer.start(s3EventMessageHandler(bridge, log));
  server = buildBridgeApp({ bridge, secret: SECRET, path: '/s3-events', log }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  bridgeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s3-events`;
  uploadEvents = await probeTopic(services.kafka.brokers, UPLOAD_EVENTS_TOPIC);
  rawS3Events = await probeTopic(services.kafka.brokers, services.s3.eventTopic);
});

afterAll(async () => {
  server.close();
  await Promise.allSettled([s3Consumer.close(), uploadEvents.close(), rawS3Events.close()]);
  await producer.close();
  await drop();
});

async function requestUpload(fileName = 'take.wav') {
  const id = randomUUID();
  const key = `users/${userId}/${id}/${fileName}`;
  const presigned = await objects.presignPut(key, 'audio/wav', wav.length, 300);
  await uploads.create({
    id,
    userId,
    bucket: services.s3.bucket,
    objectKey: key,
    fileName,
    contentType: 'audio/wav',
    sizeBytes: wav.length,
    urlExpiresAt: presigned.expiresAt,
  });
  return { id, key, presigned };
}

const messagesFor = (uploadId: string) => uploadEvents.messages.filter((m) => m.key === uploadId);

function postNotification(
  body: unknown,
  headers: Record<string, string> = { [BRIDGE_TOKEN_HEADER]: SECRET },
  url = bridgeUrl,
) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('bridge against the real S3 server and Kafka', () => {
  it('turns a real upload into UPLOADED and one upload-events message keyed by upload id', async () => {
    const { id, key, presigned } = await requestUpload();
    const put = await fetch(presigned.url, {
      method: 'PUT',
      headers: presigned.headers,
      body: new Uint8Array(wav),
    });
    expect(put.status).toBe(200);

    const upload = await eventually(
      () => uploads.findById(id),
      (u) => u?.state === 'UPLOADED',
    );
    expect(upload?.objectSize).toBe(wav.length);
    const message = await uploadEvents.waitFor((m) => m.key === id);
    const event = UploadEventSchema.parse(JSON.parse(message.value));
    expect(event).toMatchObject({
      type: 'object-created',
      uploadId: id,
      object: { key, sizeBytes: wav.length },
    });
    if (event.type !== 'object-created') return;
    expect(event.object.sequencer).toMatch(/^[0-9A-F]+$/i);
    expect(event.object.etag).toMatch(/^[0-9a-f]{32}$/);

    // What versitygw itself sent, seen raw on its topic: the AWS S3 record shape.
    const raw = await rawS3Events.waitFor((m) => m.value.includes(id));
    const record = (
      JSON.parse(raw.value) as { Records: { eventName: string; s3: { object: { key: string } } }[] }
    ).Records[0]!;
    expect(record.eventName).toMatch(/ObjectCreated:Put$/);
    expect(record.s3.object.key).toBe(key);
    expect((await uploads.history(id)).map((h) => `${h.state}/${h.actor}`)).toEqual([
      'REQUESTED/api',
      'UPLOADED/bridge',
    ]);
  });

  it('drops a redelivered notification (same bucket, key and sequencer)', async () => {
    const { id, presigned } = await requestUpload();
    await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body: new Uint8Array(wav) });
    await uploadEvents.waitFor((m) => m.key === id);
    const raw = await rawS3Events.waitFor((m) => m.value.includes(id));
    const again = await postNotification(JSON.parse(raw.value));
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ forwarded: 0, duplicate: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(messagesFor(id)).toHaveLength(1);
    expect(await uploads.history(id)).toHaveLength(2);
  });

  it('accepts the EventBridge shape over HTTP with the shared secret in the query', async () => {
    const { id, key } = await requestUpload('red flower.wav');
    const body = {
      version: '0',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      time: new Date().toISOString(),
      detail: {
        bucket: { name: services.s3.bucket },
        object: { key, size: wav.length, etag: 'abc', sequencer: '0064D3901D00059242' },
      },
    };
    const response = await postNotification(body, {}, `${bridgeUrl}?token=${SECRET}`);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ forwarded: 1 });
    expect((await uploads.findById(id))?.state).toBe('UPLOADED');
    await uploadEvents.waitFor((m) => m.key === id);
  });

  it('URL-decodes keys in the S3 record shape', async () => {
    const { id, key } = await requestUpload();
    const encoded = key.replace(/\//g, '%2F');
    const body = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          eventTime: new Date().toISOString(),
          s3: {
            bucket: { name: services.s3.bucket },
            object: { key: encoded, size: wav.length, sequencer: '01' },
          },
        },
      ],
    };
    expect(await (await postNotification(body)).json()).toMatchObject({ forwarded: 1 });
    expect((await uploads.findById(id))?.state).toBe('UPLOADED');
  });

  it('refuses senders without the secret and bodies it cannot read', async () => {
    const { id, key } = await requestUpload();
    const body = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: services.s3.bucket }, object: { key, size: 1, sequencer: '02' } },
        },
      ],
    };
    expect((await postNotification(body, {})).status).toBe(401);
    expect(
      (await postNotification(body, { [BRIDGE_TOKEN_HEADER]: 'wrong-secret-wrong-secret' })).status,
    ).toBe(401);
    expect((await postNotification({ hello: 'world' })).status).toBe(400);
    const malformed = await fetch(bridgeUrl, {
      method: 'POST',
      headers: { [BRIDGE_TOKEN_HEADER]: SECRET, 'content-type': 'application/json' },
      body: '{"Records": [',
    });
    expect(malformed.status).toBe(400);
    expect((await uploads.findById(id))?.state).toBe('REQUESTED');
  });

  it('ignores objects it has no upload for', async () => {
    const body = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: {
            bucket: { name: services.s3.bucket },
            object: { key: `users/${randomUUID()}/x.wav`, size: 1, sequencer: '03' },
          },
        },
      ],
    };
    expect(await (await postNotification(body)).json()).toMatchObject({ forwarded: 0, 'unknown-object': 1 });
  });
});
