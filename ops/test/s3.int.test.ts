import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Kafka, logLevel } from 'kafkajs';
import './support/providedContext';

describe('S3 server (versitygw, SigV4 verified)', () => {
  const { s3: settings, kafka: kafkaSettings } = inject('services');
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  });
  const body = Buffer.from('RIFF-not-really-but-bytes-all-the-same');

  async function presignedPut(key: string, expiresIn = 300): Promise<string> {
    return getSignedUrl(
      client,
      new PutObjectCommand({ Bucket: settings.bucket, Key: key, ContentLength: body.length }),
      { expiresIn },
    );
  }

  it('accepts a presigned PUT and serves the object back through a presigned GET', async () => {
    const key = `smoke/${randomUUID()}.wav`;
    const put = await fetch(await presignedPut(key), { method: 'PUT', body });
    expect(put.status).toBe(200);
    const getUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket: settings.bucket, Key: key }), {
      expiresIn: 60,
    });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(body);
  });

  it('refuses the same URL with a tampered signature, a wrong key and an unsigned request', async () => {
    const key = `smoke/${randomUUID()}.wav`;
    const url = new URL(await presignedPut(key));
    const signature = url.searchParams.get('X-Amz-Signature')!;
    const tampered = new URL(url);
    tampered.searchParams.set(
      'X-Amz-Signature',
      signature.replace(/.$/, signature.endsWith('0') ? '1' : '0'),
    );
    expect((await fetch(tampered, { method: 'PUT', body })).status).toBe(403);

    const otherKey = new URL(url);
    otherKey.pathname = otherKey.pathname.replace(/[^/]+$/, 'other.wav');
    expect((await fetch(otherKey, { method: 'PUT', body })).status).toBe(403);

    const unsigned = `${settings.endpoint}/${settings.bucket}/${key}`;
    expect((await fetch(unsigned, { method: 'PUT', body })).status).toBe(403);
    expect((await fetch(url, { method: 'PUT', body: Buffer.concat([body, body]) })).status).toBe(403);
  });

  it('refuses an expired presigned URL', async () => {
    const key = `smoke/${randomUUID()}.wav`;
    const url = await presignedPut(key, 1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await fetch(url, { method: 'PUT', body })).status).toBe(403);
  });

  it('publishes an object-created event with key, size and sequencer to Kafka', async () => {
    const key = `smoke/${randomUUID()} red+flower.wav`;
    const kafka = new Kafka({
      clientId: 'smoke',
      brokers: [kafkaSettings.brokers],
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: `smoke-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: settings.eventTopic, fromBeginning: true });
    const record = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no object-created event within 30 s')), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const event = JSON.parse(message.value!.toString()) as { Records?: Record<string, unknown>[] };
          const found = event.Records?.find((r) => {
            const s3 = r.s3 as { object?: { key?: string } } | undefined;
            // versitygw sends the key raw; AWS URL-encodes it (spaces as '+'): accept either form.
            const raw = s3?.object?.key ?? '';
            return raw === key || decodeURIComponent(raw.replace(/\+/g, ' ')) === key;
          });
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        },
      });
    });
    expect((await fetch(await presignedPut(key), { method: 'PUT', body })).status).toBe(200);
    const found = await record;
    await consumer.disconnect();
    expect(String(found.eventName)).toMatch(/ObjectCreated:Put$/);
    const object = (found.s3 as { object: { size: number; sequencer: string } }).object;
    expect(object.size).toBe(body.length);
    expect(object.sequencer).toMatch(/\S+/);
  });
});
