import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  CloudRecordingSchema,
  CreateMultipartUploadResponseSchema,
  CreateUploadResponseSchema,
  ErrorBodySchema,
  MIN_PART_BYTES,
  PartUrlResponseSchema,
} from '@orak/core';
import { MultipartStore, ObjectStore, UploadRepository, createS3Client, type Pool } from '@orak/cloud-common';
import { createTestDatabase } from '../../common/test/testDatabase';
import { voiceLikeWav } from '../../common/test/wavFixture';
import { eventually } from '../../common/test/kafkaProbe';
import { stackEnv, startService, type ServiceProcess } from '../../common/test/serviceProcesses';
import { call, register, startApi, type RunningApi } from './apiHarness';

// Deleting takes against the real S3 server and PostgreSQL: the object, its record and history go; another
// user's id reads as absent (404, never 403); a recording takes its takes with it.

const services = inject('services');
let pool: Pool;
let drop: () => Promise<void>;
let api: RunningApi;
let bridge: ServiceProcess;
let alice: string;
let bob: string;
const client = createS3Client(services.s3);
const objects = new ObjectStore(client, services.s3.bucket);
const wav = voiceLikeWav({ seconds: 1 });

beforeAll(async () => {
  let url: string;
  ({ pool, drop, url } = await createTestDatabase(services.postgres.url));
  // The real bridge: it removes an object that a deleted upload's still-valid URL re-creates.
  [api, bridge] = await Promise.all([
    startApi(pool, services.s3),
    startService('bridge', { ...stackEnv(services, url), BRIDGE_TOKEN: randomUUID() }),
  ]);
  alice = await register(api.url, `alice-${randomUUID()}@example.com`);
  bob = await register(api.url, `bob-${randomUUID()}@example.com`);
});
afterAll(async () => {
  await bridge?.kill();
  await api.close();
  await drop();
});

/** Asks for an upload and PUTs the take with the presigned request; answers the upload id, key and request. */
async function uploadTake(
  token: string,
  recordingId?: string,
): Promise<{ uploadId: string; key: string; request: { url: string; headers: Record<string, string> } }> {
  const response = await call(api.url, '/v1/uploads', {
    token,
    json: { fileName: 'take.wav', contentType: 'audio/wav', sizeBytes: wav.length, recordingId },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const created = CreateUploadResponseSchema.parse(response.body);
  const put = await fetch(created.request.url, {
    method: 'PUT',
    headers: created.request.headers,
    body: new Uint8Array(wav),
  });
  expect(put.status).toBe(200);
  const key = (await new UploadRepository(pool).findById(created.uploadId))!.objectKey;
  expect(await objects.head(key)).not.toBeNull();
  return {
    uploadId: created.uploadId,
    key,
    request: { url: created.request.url, headers: created.request.headers ?? {} },
  };
}

const del = (token: string, path: string) => call(api.url, path, { token, method: 'DELETE' });
const codeOf = (body: Record<string, unknown>) => ErrorBodySchema.parse(body).error.code;

describe('DELETE /v1/uploads/{id}', () => {
  it('removes the object, the record and its history; a second delete is 404', async () => {
    const { uploadId, key } = await uploadTake(alice);
    const response = await del(alice, `/v1/uploads/${uploadId}`);
    expect(response.status).toBe(204);
    expect(await objects.head(key)).toBeNull();
    expect((await call(api.url, `/v1/uploads/${uploadId}`, { token: alice })).status).toBe(404);
    const { rows } = await pool.query('SELECT 1 FROM upload_history WHERE upload_id = $1', [uploadId]);
    expect(rows).toHaveLength(0);
    const again = await del(alice, `/v1/uploads/${uploadId}`);
    expect(again.status).toBe(404);
    expect(codeOf(again.body)).toBe('not_found');
  });

  it("removes an object re-created with the deleted upload's still-valid URL, and revives no record", async () => {
    const { uploadId, key, request } = await uploadTake(alice);
    expect((await del(alice, `/v1/uploads/${uploadId}`)).status).toBe(204);
    expect(await objects.head(key)).toBeNull();
    const again = await fetch(request.url, {
      method: 'PUT',
      headers: request.headers,
      body: new Uint8Array(wav),
    });
    expect(again.status).toBe(200);
    expect(
      await eventually(
        () => objects.head(key),
        (info) => info === null,
      ),
    ).toBeNull();
    expect((await call(api.url, `/v1/uploads/${uploadId}`, { token: alice })).status).toBe(404);
    const { rows } = await pool.query('SELECT 1 FROM uploads WHERE id = $1 OR object_key = $2', [
      uploadId,
      key,
    ]);
    expect(rows).toHaveLength(0);
  });

  it("answers 404 (not 403) for another user's upload and leaves it alone", async () => {
    const { uploadId, key } = await uploadTake(alice);
    const response = await del(bob, `/v1/uploads/${uploadId}`);
    expect(response.status).toBe(404);
    expect(codeOf(response.body)).toBe('not_found');
    expect(await objects.head(key)).not.toBeNull();
    expect((await call(api.url, `/v1/uploads/${uploadId}`, { token: alice })).status).toBe(200);
  });

  it('aborts a multipart upload still in progress, dropping its stored parts', async () => {
    const body = Buffer.alloc(MIN_PART_BYTES + 1000, 1);
    const created = CreateMultipartUploadResponseSchema.parse(
      (
        await call(api.url, '/v1/uploads/multipart', {
          token: alice,
          json: {
            fileName: 'long.wav',
            contentType: 'audio/wav',
            sizeBytes: body.length,
            partSizeBytes: MIN_PART_BYTES,
          },
        })
      ).body,
    );
    const signed = PartUrlResponseSchema.parse(
      (
        await call(api.url, `/v1/uploads/${created.uploadId}/parts/1/url`, {
          token: alice,
          method: 'POST',
        })
      ).body,
    );
    const put = await fetch(signed.request.url, {
      method: 'PUT',
      headers: signed.request.headers,
      body: new Uint8Array(body.subarray(0, MIN_PART_BYTES)),
    });
    expect(put.status).toBe(200);
    const upload = (await new UploadRepository(pool).findById(created.uploadId))!;
    const store = new MultipartStore(client, services.s3.bucket);
    expect(await store.listParts(upload.objectKey, upload.multipart!.s3UploadId)).toHaveLength(1);
    expect((await del(alice, `/v1/uploads/${created.uploadId}`)).status).toBe(204);
    expect(await store.listParts(upload.objectKey, upload.multipart!.s3UploadId)).toBeNull();
    expect((await call(api.url, `/v1/uploads/${created.uploadId}/parts`, { token: alice })).status).toBe(404);
  });

  it('ends a live follow of the deleted upload with not_found', async () => {
    const { uploadId } = await uploadTake(alice);
    const response = await fetch(`${api.url}/v1/uploads/${uploadId}/events`, {
      headers: { authorization: `Bearer ${alice}` },
    });
    expect(response.status).toBe(200);
    const text = response.text();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await del(alice, `/v1/uploads/${uploadId}`)).status).toBe(204);
    const blocks = (await text).split('\n\n').filter((block) => block.length > 0);
    expect(blocks[0]).toMatch(/^event: state/);
    const last = blocks.at(-1)!;
    expect(last).toMatch(/^event: error/);
    expect(codeOf(JSON.parse(last.split('\ndata: ')[1]!) as Record<string, unknown>)).toBe('not_found');
  });

  it.each([
    ['a malformed id', '/v1/uploads/not-a-uuid', 400, 'invalid_request'],
    ['a traversal id', '/v1/uploads/..%2F..%2Fusers', 400, 'invalid_request'],
    ['an unknown id', `/v1/uploads/${randomUUID()}`, 404, 'not_found'],
  ])('answers %s with a clear code', async (_label, path, status, code) => {
    const response = await del(alice, path);
    expect(response.status).toBe(status);
    expect(codeOf(response.body)).toBe(code);
  });

  it('needs a token', async () => {
    expect((await call(api.url, `/v1/uploads/${randomUUID()}`, { method: 'DELETE' })).status).toBe(401);
  });
});

describe('recordings own their takes', () => {
  async function createRecording(token: string): Promise<string> {
    const response = await call(api.url, '/v1/recordings', { token, json: { title: 'Friday night' } });
    expect(response.status).toBe(201);
    return CloudRecordingSchema.parse(response.body).recordingId;
  }

  it('deleting a recording deletes its takes: objects and records', async () => {
    const recordingId = await createRecording(alice);
    const takes = [await uploadTake(alice, recordingId), await uploadTake(alice, recordingId)];
    const unrelated = await uploadTake(alice);
    expect((await del(bob, `/v1/recordings/${recordingId}`)).status).toBe(404);
    for (const take of takes) expect(await objects.head(take.key)).not.toBeNull();
    expect((await del(alice, `/v1/recordings/${recordingId}`)).status).toBe(204);
    for (const take of takes) {
      expect(await objects.head(take.key)).toBeNull();
      expect((await call(api.url, `/v1/uploads/${take.uploadId}`, { token: alice })).status).toBe(404);
    }
    expect(await objects.head(unrelated.key)).not.toBeNull();
  });

  it('deletes a take created while the recording is being deleted, never leaving it without its recording', async () => {
    const recordingId = await createRecording(alice);
    const aliceId = (
      await pool.query<{ user_id: string }>('SELECT user_id FROM recordings WHERE id = $1', [recordingId])
    ).rows[0]!.user_id;
    // A take being created for the recording: inserted, not yet committed, when the DELETE arrives.
    const racing = await pool.connect();
    const lateId = randomUUID();
    try {
      await racing.query('BEGIN');
      await racing.query(
        `INSERT INTO uploads (id, user_id, recording_id, bucket, object_key, file_name, content_type, size_bytes,
                              state, url_expires_at)
         VALUES ($1, $2, $3, $4, $5, 'late.wav', 'audio/wav', 10, 'REQUESTED', now() + interval '10 minutes')`,
        [lateId, aliceId, recordingId, services.s3.bucket, `users/${aliceId}/${lateId}/late.wav`],
      );
      const deleting = del(alice, `/v1/recordings/${recordingId}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await racing.query('COMMIT');
      expect((await deleting).status).toBe(204);
    } finally {
      racing.release();
    }
    const { rows } = await pool.query('SELECT recording_id FROM uploads WHERE id = $1', [lateId]);
    expect(rows).toEqual([]);
  });

  it("refuses a take for another user's recording with 404", async () => {
    const bobsRecording = await createRecording(bob);
    const response = await call(api.url, '/v1/uploads', {
      token: alice,
      json: { fileName: 'a.wav', contentType: 'audio/wav', sizeBytes: 100, recordingId: bobsRecording },
    });
    expect(response.status).toBe(404);
    expect(codeOf(response.body)).toBe('not_found');
  });
});
