import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { UPLOAD_EVENTS_TOPIC, UploadEventSchema, type UploadState } from '@orak/core';
import {
  HAPPY_PATH,
  MultipartStore,
  ObjectStore,
  UploadCleanupRepository,
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
import { probeTopic, type TopicProbe } from '../../common/test/kafkaProbe';
import { DEFAULT_RECONCILER_OPTIONS, ReconcilerService } from '../src/reconcilerService';

const services = inject('services');
let pool: Pool;
let drop: () => Promise<void>;
let uploads: UploadRepository;
let objects: ObjectStore;
let producer: MessageProducer;
let events: TopicProbe;
let userId: string;
const wav = voiceLikeWav({ seconds: 1 });

beforeAll(async () => {
  ({ pool, drop } = await createTestDatabase(services.postgres.url));
  uploads = new UploadRepository(pool);
  objects = new ObjectStore(createS3Client(services.s3), services.s3.bucket);
  userId = randomUUID();
  await new UserRepository(pool).create({ id: userId, email: `${userId}@example.com`, passwordHash: 'x' });
  producer = await createProducer(
    createKafkaClient({ brokers: [services.kafka.brokers], clientId: 'reconciler-test' }),
  );
  events = await probeTopic(services.kafka.brokers, UPLOAD_EVENTS_TOPIC);
});
afterAll(async () => {
  await events.close();
  await producer.close();
  await drop();
});

// PostgreSQL stamps updated_at in microseconds, JavaScript's clock in milliseconds: "now" for a pass must be
// safely after the last write, or an upload stamped in the same millisecond does not look stale yet.
const later = () => new Date(Date.now() + 1_000);

function reconciler(
  options: Partial<typeof DEFAULT_RECONCILER_OPTIONS> = {},
  parts: Pick<MultipartStore, 'abort'> = new MultipartStore(createS3Client(services.s3), services.s3.bucket),
) {
  return new ReconcilerService(
    {
      uploads,
      cleanup: new UploadCleanupRepository(pool),
      objects,
      parts,
      producer,
      log: createLogger('reconciler-test', 'silent'),
    },
    {
      ...DEFAULT_RECONCILER_OPTIONS,
      stuckAfterSec: 0,
      analyzingFactor: 1,
      expiryGraceSec: 0,
      // Only this file's user: other test files share the bucket with their own databases.
      orphanPrefix: `users/${userId}/`,
      ...options,
    },
  );
}

/** An upload walked along the happy path to `state`, as if its worker died there. */
async function stuckIn(state: UploadState, urlExpiresAt = new Date(Date.now() + 600_000)) {
  const id = randomUUID();
  const key = `users/${userId}/${id}/take.wav`;
  await uploads.create({
    id,
    userId,
    bucket: services.s3.bucket,
    objectKey: key,
    fileName: 'take.wav',
    contentType: 'audio/wav',
    sizeBytes: wav.length,
    urlExpiresAt,
  });
  for (let i = 1; i <= HAPPY_PATH.indexOf(state); i++) {
    await uploads.transition(id, { from: HAPPY_PATH[i - 1]!, to: HAPPY_PATH[i]!, actor: 'analyzer' });
  }
  return { id, key };
}

const redrivesFor = (id: string) =>
  events.messages.filter((m) => m.key === id).map((m) => UploadEventSchema.parse(JSON.parse(m.value)));

describe('reconciler against real PostgreSQL, S3 and Kafka', () => {
  it('expires a REQUESTED upload whose URL expired unused', async () => {
    const { id } = await stuckIn('REQUESTED', new Date(Date.now() - 1000));
    const report = await reconciler().runOnce(later());
    expect(report.expired).toBeGreaterThanOrEqual(1);
    const upload = await uploads.findById(id);
    expect(upload?.state).toBe('EXPIRED');
    expect(upload?.failureStage).toBe('upload');
  });

  it('leaves a REQUESTED upload alone while its URL still works', async () => {
    const { id } = await stuckIn('REQUESTED');
    await reconciler().runOnce(later());
    expect((await uploads.findById(id))?.state).toBe('REQUESTED');
  });

  it('recovers a REQUESTED upload whose object arrived but whose event was lost', async () => {
    const { id, key } = await stuckIn('REQUESTED', new Date(Date.now() - 1000));
    const presigned = await objects.presignPut(key, 'audio/wav', wav.length, 60);
    expect(
      (await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body: new Uint8Array(wav) }))
        .status,
    ).toBe(200);
    await reconciler().runOnce(later());
    const upload = await uploads.findById(id);
    expect(upload?.state).toBe('UPLOADED');
    expect(upload?.objectSize).toBe(wav.length);
    await events.waitFor((m) => m.key === id);
    expect(redrivesFor(id)).toEqual([
      { type: 'redrive', uploadId: id, reason: 'object found without an event' },
    ]);
  });

  it.each(HAPPY_PATH.filter((s) => s !== 'REQUESTED' && s !== 'COMPLETED'))(
    're-drives an upload stuck in %s, then fails it with its stage after too many re-drives',
    async (state) => {
      const { id } = await stuckIn(state);
      const service = reconciler({ maxRedrives: 2 });
      await service.runOnce(later());
      await events.waitFor((m) => m.key === id);
      let upload = await uploads.findById(id);
      expect(upload?.state).toBe(state);
      expect(upload?.redrives).toBe(1);
      await service.runOnce(later());
      await service.runOnce(later());
      upload = await uploads.findById(id);
      expect(upload?.state).toBe('FAILED');
      expect(upload?.failureReason).toBe(`stuck in ${state} after 2 re-drives`);
      expect(upload?.failureStage).toBeTruthy();
      expect(redrivesFor(id).every((e) => e.type === 'redrive')).toBe(true);
      expect(redrivesFor(id)).toHaveLength(2);
      const history = await uploads.history(id);
      expect(history.filter((h) => h.actor === 'reconciler').map((h) => h.state)).toEqual([
        state,
        state,
        'FAILED',
      ]);
    },
  );

  it('does not touch an upload that is not stuck yet', async () => {
    const { id } = await stuckIn('VALIDATING');
    await reconciler({ stuckAfterSec: 3600 }).runOnce();
    expect((await uploads.findById(id))?.redrives).toBe(0);
  });

  it('expires an abandoned multipart upload and drops its stored parts', async () => {
    const { id, key, s3UploadId, store } = await multipartWithPart(new Date(Date.now() - 1000));
    expect(await store.listParts(key, s3UploadId)).toHaveLength(1);
    await reconciler().runOnce(later());
    expect((await uploads.findById(id))?.state).toBe('EXPIRED');
    expect(await store.listParts(key, s3UploadId)).toBeNull();
  });

  /** A multipart upload with one 6 MiB part stored in S3 and recorded as REQUESTED with the given URL expiry. */
  async function multipartWithPart(urlExpiresAt: Date) {
    const store = new MultipartStore(createS3Client(services.s3), services.s3.bucket);
    const id = randomUUID();
    const key = `users/${userId}/${id}/long.wav`;
    const s3UploadId = await store.start(key, 'audio/wav');
    const part = Buffer.alloc(6 * 1024 * 1024, 7);
    const signed = await store.presignPart(key, s3UploadId, 1, part.length, 60);
    const put = await fetch(signed.url, {
      method: 'PUT',
      headers: signed.headers,
      body: new Uint8Array(part),
    });
    expect(put.status).toBe(200);
    await uploads.create({
      id,
      userId,
      bucket: services.s3.bucket,
      objectKey: key,
      fileName: 'long.wav',
      contentType: 'audio/wav',
      sizeBytes: 2 * part.length,
      urlExpiresAt,
      multipart: { s3UploadId, partSizeBytes: part.length },
    });
    return { id, key, s3UploadId, store };
  }

  it('records an upload whose parts cannot be dropped, and goes on with the rest of the pass', async () => {
    const stuckParts = await multipartWithPart(new Date(Date.now() - 1000));
    const { id: plain } = await stuckIn('REQUESTED', new Date(Date.now() - 1000));
    const { id: working } = await stuckIn('VALIDATED');
    const real = new MultipartStore(createS3Client(services.s3), services.s3.bucket);
    const flaky: Pick<MultipartStore, 'abort'> = {
      abort: async (key, s3UploadId) => {
        if (s3UploadId === stuckParts.s3UploadId) throw new Error('storage said 503');
        await real.abort(key, s3UploadId);
      },
    };
    const report = await reconciler({}, flaky).runOnce(later());
    expect(report.errors).toContainEqual({
      uploadId: stuckParts.id,
      stage: 'requested',
      reason: 'storage said 503',
    });
    // Not EXPIRED while its parts are still stored: the next pass tries again.
    expect((await uploads.findById(stuckParts.id))?.state).toBe('REQUESTED');
    expect(await stuckParts.store.listParts(stuckParts.key, stuckParts.s3UploadId)).toHaveLength(1);
    expect((await uploads.findById(plain))?.state).toBe('EXPIRED');
    expect((await uploads.findById(working))?.redrives).toBe(1);
    await reconciler().runOnce(later());
    expect((await uploads.findById(stuckParts.id))?.state).toBe('EXPIRED');
    expect(await stuckParts.store.listParts(stuckParts.key, stuckParts.s3UploadId)).toBeNull();
  });

  it('drops the stored parts of an EXPIRED multipart upload an earlier abort left behind', async () => {
    const left = await multipartWithPart(new Date(Date.now() - 1000));
    await uploads.transition(left.id, {
      from: 'REQUESTED',
      to: 'EXPIRED',
      actor: 'api',
      failure: { stage: 'upload', reason: 'multipart upload aborted by the client' },
    });
    const report = await reconciler().runOnce(later());
    expect(report.partsDropped).toBeGreaterThanOrEqual(1);
    expect(await left.store.listParts(left.key, left.s3UploadId)).toBeNull();
    const again = await reconciler().runOnce(later());
    expect(again.errors).toEqual([]);
  });

  it("removes what a deleted upload's URL re-created once the URL expired, then forgets it", async () => {
    const cleanup = new UploadCleanupRepository(pool);
    const { id, key } = await stuckIn('REQUESTED', new Date(Date.now() - 1000));
    const presigned = await objects.presignPut(key, 'audio/wav', wav.length, 60);
    await cleanup.deleteOwned(id, userId);
    const put = await fetch(presigned.url, {
      method: 'PUT',
      headers: presigned.headers,
      body: new Uint8Array(wav),
    });
    expect(put.status).toBe(200);
    const report = await reconciler({ orphanAfterSec: 3600 }).runOnce(later());
    expect(report.orphansRemoved).toBeGreaterThanOrEqual(1);
    expect(await objects.head(key)).toBeNull();
    expect(await cleanup.findDeletedObject(services.s3.bucket, key)).toBeNull();
  });

  it('removes an old object under the users prefix that no upload records, and keeps recorded ones', async () => {
    const orphanKey = `users/${userId}/${randomUUID()}/stray.wav`;
    const presigned = await objects.presignPut(orphanKey, 'audio/wav', wav.length, 60);
    await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body: new Uint8Array(wav) });
    const { key: keptKey } = await stuckIn('UPLOADED');
    const keptUrl = await objects.presignPut(keptKey, 'audio/wav', wav.length, 60);
    await fetch(keptUrl.url, { method: 'PUT', headers: keptUrl.headers, body: new Uint8Array(wav) });
    // Young objects stay: a URL issued a moment ago may still be creating one.
    await reconciler({ batchSize: 1000 }).runOnce(later());
    expect(await objects.head(orphanKey)).not.toBeNull();
    await reconciler({ orphanAfterSec: 0, batchSize: 1000 }).runOnce(new Date(Date.now() + 5_000));
    expect(await objects.head(orphanKey)).toBeNull();
    expect(await objects.head(keptKey)).not.toBeNull();
  });
});
