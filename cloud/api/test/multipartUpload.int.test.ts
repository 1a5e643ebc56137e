import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, onTestFailed } from 'vitest';
import {
  CompleteMultipartUploadResponseSchema,
  CreateMultipartUploadResponseSchema,
  CreateUploadResponseSchema,
  ErrorBodySchema,
  ListPartsResponseSchema,
  MIN_PART_BYTES,
  PartUrlResponseSchema,
  UploadViewSchema,
  type CreateMultipartUploadResponse,
  type UploadView,
} from '@orak/core';
import { MultipartStore, ObjectStore, UploadRepository, createS3Client, type Pool } from '@orak/cloud-common';
import { createTestDatabase } from '../../common/test/testDatabase';
import { melodyWav } from '../../common/test/wavFixture';
import { stackEnv, startService, type ServiceProcess } from '../../common/test/serviceProcesses';
import { call, register, startApi, type RunningApi } from './apiHarness';

// Multipart uploads of large takes against the real S3 server (SigV4 verified), Kafka and PostgreSQL, with the
// real bridge and analyzer processes: part URLs signed just in time, an interrupted upload resumed, completed,
// analysed; and every way a client can get it wrong refused with a clear code.

const services = inject('services');
let pool: Pool;
let drop: () => Promise<void>;
let api: RunningApi;
let bridge: ServiceProcess;
let analyzer: ServiceProcess;
let alice: string;
let bob: string;
const objects = new ObjectStore(createS3Client(services.s3), services.s3.bucket);
const melody = [50, 52, 54, 55, 57, 59, 61, 62, 64, 62, 59, 55, 50];
// 3 minutes at 44.1 kHz: about 15.9 MB, four 5 MiB parts (the last one shorter).
const take = melodyWav({
  midiNotes: Array.from({ length: 180 }, (_, i) => melody[i % melody.length]!),
  noteSec: 1,
  sampleRate: 44_100,
});

beforeAll(async () => {
  let url: string;
  ({ pool, drop, url } = await createTestDatabase(services.postgres.url));
  const env = stackEnv(services, url);
  [api, bridge, analyzer] = await Promise.all([
    startApi(pool, services.s3),
    startService('bridge', { ...env, BRIDGE_TOKEN: randomUUID() }),
    startService('analyzer', { ...env, ANALYZER_GROUP: `multipart-${randomUUID()}` }),
  ]);
  alice = await register(api.url, `alice-${randomUUID()}@example.com`);
  bob = await register(api.url, `bob-${randomUUID()}@example.com`);
});

beforeEach(() => {
  onTestFailed(() => {
    for (const service of [bridge, analyzer]) {
      console.log(`--- ${service.name} output (tail) ---\n${service.output().slice(-4000)}`);
    }
  });
});

afterAll(async () => {
  await Promise.allSettled([bridge, analyzer].map((service) => service?.kill()));
  await api?.close();
  await drop();
});

async function startMultipart(token: string, body: Buffer, fileName = 'long take.wav') {
  const response = await call(api.url, '/v1/uploads/multipart', {
    token,
    json: { fileName, contentType: 'audio/wav', sizeBytes: body.length, partSizeBytes: MIN_PART_BYTES },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return CreateMultipartUploadResponseSchema.parse(response.body);
}

async function partUrl(token: string, uploadId: string, partNumber: number) {
  const response = await call(api.url, `/v1/uploads/${uploadId}/parts/${partNumber}/url`, {
    token,
    method: 'POST',
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return PartUrlResponseSchema.parse(response.body);
}

function partBytes(created: CreateMultipartUploadResponse, body: Buffer, partNumber: number): Buffer {
  const start = (partNumber - 1) * created.partSizeBytes;
  return body.subarray(start, start + created.parts[partNumber - 1]!.sizeBytes);
}

/** Asks for the part's URL only now, then PUTs exactly the signed headers and bytes, as the desktop does. */
async function sendPart(
  token: string,
  created: CreateMultipartUploadResponse,
  body: Buffer,
  partNumber: number,
): Promise<string> {
  const signed = await partUrl(token, created.uploadId, partNumber);
  const response = await fetch(signed.request.url, {
    method: signed.request.method,
    headers: signed.request.headers,
    body: new Uint8Array(partBytes(created, body, partNumber)),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.headers.get('etag') ?? '';
}

async function view(token: string, uploadId: string): Promise<UploadView> {
  const response = await call(api.url, `/v1/uploads/${uploadId}`, { token });
  return UploadViewSchema.parse(response.body);
}

async function waitForState(uploadId: string, states: string[], timeoutMs = 90_000): Promise<UploadView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await view(alice, uploadId);
    if (states.includes(current.state)) return current;
    if (Date.now() > deadline) throw new Error(`still ${current.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function objectKeyOf(uploadId: string): Promise<string> {
  const { rows } = await pool.query<{ object_key: string }>('SELECT object_key FROM uploads WHERE id = $1', [
    uploadId,
  ]);
  return rows[0]!.object_key;
}

/**
 * PUTs and resolves with the status S3 answered, or 'reset' when it cut the connection: refusing a signature
 * before reading a 5 MiB body, versitygw answers 403 and closes, and the client may see only the reset.
 */
function putOutcome(url: string, headers: Record<string, string>, body: Buffer): Promise<number | 'reset'> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'PUT', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve('reset') : reject(error),
    );
    req.end(body);
  });
}

const codeOf = (body: Record<string, unknown>) => ErrorBodySchema.parse(body).error.code;

describe('multipart upload of a large take, resumed after an interruption', () => {
  it('plans the parts, resumes from what S3 holds, completes and ends COMPLETED with a plausible range', async () => {
    expect(take.length).toBeGreaterThan(3 * MIN_PART_BYTES);
    const created = await startMultipart(alice, take);
    expect(created.state).toBe('REQUESTED');
    expect(created.parts.map((p) => p.partNumber)).toEqual([1, 2, 3, 4]);
    expect(created.parts.reduce((sum, p) => sum + p.sizeBytes, 0)).toBe(take.length);

    // The first session sends two parts, then the connection "drops".
    const first = await partUrl(alice, created.uploadId, 1);
    const url = new URL(first.request.url);
    expect(url.searchParams.get('partNumber')).toBe('1');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    expect(first.request.headers?.['content-length']).toBe(String(MIN_PART_BYTES));
    await sendPart(alice, created, take, 1);
    await sendPart(alice, created, take, 2);

    // A new session asks storage what it already has and sends only the rest, with fresh URLs.
    const listed = await call(api.url, `/v1/uploads/${created.uploadId}/parts`, { token: alice });
    expect(listed.status).toBe(200);
    const parts = ListPartsResponseSchema.parse(listed.body);
    expect(parts.parts.map((p) => [p.partNumber, p.sizeBytes])).toEqual([
      [1, MIN_PART_BYTES],
      [2, MIN_PART_BYTES],
    ]);
    expect(parts.missing).toEqual([3, 4]);
    for (const partNumber of parts.missing) await sendPart(alice, created, take, partNumber);

    const before = await view(alice, created.uploadId);
    expect(before.state).toBe('REQUESTED');
    const completed = await call(api.url, `/v1/uploads/${created.uploadId}/complete`, {
      token: alice,
      json: {},
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(CompleteMultipartUploadResponseSchema.parse(completed.body).sizeBytes).toBe(take.length);
    const key = await objectKeyOf(created.uploadId);
    expect((await objects.head(key))?.sizeBytes).toBe(take.length);

    const done = await waitForState(created.uploadId, ['COMPLETED', 'REJECTED', 'FAILED']);
    expect(done.state, JSON.stringify(done.failure)).toBe('COMPLETED');
    expect(done.analysis?.range.lowest.midi).toBe(50);
    expect(done.analysis?.range.highest.midi).toBe(64);
    // The bridge moved it: S3's CompleteMultipartUpload event reached it through Kafka.
    expect(done.history.slice(0, 2).map((h) => [h.state, h.actor])).toEqual([
      ['REQUESTED', 'api'],
      ['UPLOADED', 'bridge'],
    ]);
    expect(done.history.filter((h) => h.state === 'COMPLETED')).toHaveLength(1);

    // Completing again is refused: the multipart upload is gone and the upload is no longer open.
    const again = await call(api.url, `/v1/uploads/${created.uploadId}/complete`, { token: alice, json: {} });
    expect(again.status).toBe(409);
    expect(codeOf(again.body)).toBe('upload_not_open');

    // Deleting it removes the object, the record and the result.
    const deleted = await call(api.url, `/v1/uploads/${created.uploadId}`, {
      token: alice,
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
    expect(await objects.head(key)).toBeNull();
    const { rows } = await pool.query('SELECT 1 FROM results WHERE upload_id = $1', [created.uploadId]);
    expect(rows).toHaveLength(0);
    expect((await call(api.url, `/v1/uploads/${created.uploadId}`, { token: alice })).status).toBe(404);
  });

  it('completes with the ETags the client reported, and refuses a wrong one', async () => {
    const body = take.subarray(0, MIN_PART_BYTES + 100_000);
    const created = await startMultipart(alice, Buffer.from(body));
    const etags = [await sendPart(alice, created, body, 1), await sendPart(alice, created, body, 2)];
    const wrong = await call(api.url, `/v1/uploads/${created.uploadId}/complete`, {
      token: alice,
      json: {
        parts: [
          { partNumber: 1, etag: etags[0] },
          { partNumber: 2, etag: '"0123abcd"' },
        ],
      },
    });
    expect(wrong.status).toBe(422);
    expect(codeOf(wrong.body)).toBe('invalid_part');
    const right = await call(api.url, `/v1/uploads/${created.uploadId}/complete`, {
      token: alice,
      json: { parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) },
    });
    expect(right.status, JSON.stringify(right.body)).toBe(200);
  });
});

describe('multipart refusals', () => {
  it("refuses part URLs, listing, completing and aborting another user's upload with 404", async () => {
    const created = await startMultipart(alice, take);
    for (const [method, path] of [
      ['POST', `/v1/uploads/${created.uploadId}/parts/1/url`],
      ['GET', `/v1/uploads/${created.uploadId}/parts`],
      ['POST', `/v1/uploads/${created.uploadId}/abort`],
    ] as const) {
      const response = await call(api.url, path, { token: bob, method });
      expect(response.status, path).toBe(404);
      expect(codeOf(response.body)).toBe('not_found');
    }
    const complete = await call(api.url, `/v1/uploads/${created.uploadId}/complete`, {
      token: bob,
      json: {},
    });
    expect(complete.status).toBe(404);
  });

  it('is refused by S3 when a part is longer than signed, or re-pointed at another part number', async () => {
    const created = await startMultipart(alice, take);
    const signed = await partUrl(alice, created.uploadId, 1);
    const longer = Buffer.concat([partBytes(created, take, 1), Buffer.alloc(4096)]);
    const headers = signed.request.headers ?? {};
    const refused = [403, 'reset'];
    expect(refused).toContain(
      await putOutcome(signed.request.url, { ...headers, 'content-length': String(longer.length) }, longer),
    );
    const moved = new URL(signed.request.url);
    moved.searchParams.set('partNumber', '2');
    expect(refused).toContain(await putOutcome(moved.toString(), headers, partBytes(created, take, 1)));
    const parts = async () =>
      ListPartsResponseSchema.parse(
        (await call(api.url, `/v1/uploads/${created.uploadId}/parts`, { token: alice })).body,
      );
    expect((await parts()).parts).toEqual([]);
    // The same URL, headers and helper with the right bytes succeed: the refusals above were about the tampering.
    expect(await putOutcome(signed.request.url, headers, partBytes(created, take, 1))).toBe(200);
    const listed = await parts();
    expect(listed.parts.map((p) => p.partNumber)).toEqual([1]);
    expect(listed.missing).toEqual([2, 3, 4]);
  });

  it('refuses to complete when the stored parts do not add up to the declared size', async () => {
    const created = await startMultipart(alice, take);
    for (const partNumber of [1, 2, 3]) await sendPart(alice, created, take, partNumber);
    const response = await call(api.url, `/v1/uploads/${created.uploadId}/complete`, {
      token: alice,
      json: {},
    });
    expect(response.status).toBe(422);
    const error = ErrorBodySchema.parse(response.body).error;
    expect(error.code).toBe('size_mismatch');
    expect(error.message).toContain(String(take.length));
    expect(error.issues?.map((issue) => issue.path)).toEqual(['parts.4']);
    expect((await view(alice, created.uploadId)).state).toBe('REQUESTED');
    expect(await objects.head(await objectKeyOf(created.uploadId))).toBeNull();
  });

  it('aborts: EXPIRED, stored parts dropped, no more part URLs', async () => {
    const created = await startMultipart(alice, take);
    await sendPart(alice, created, take, 1);
    const aborted = await call(api.url, `/v1/uploads/${created.uploadId}/abort`, {
      token: alice,
      method: 'POST',
    });
    expect(aborted.status).toBe(200);
    expect(aborted.body.state).toBe('EXPIRED');
    const upload = await new UploadRepository(pool).findById(created.uploadId);
    const store = new MultipartStore(createS3Client(services.s3), services.s3.bucket);
    expect(await store.listParts(upload!.objectKey, upload!.multipart!.s3UploadId)).toBeNull();
    const late = await call(api.url, `/v1/uploads/${created.uploadId}/parts/2/url`, {
      token: alice,
      method: 'POST',
    });
    expect(late.status).toBe(409);
    expect(codeOf(late.body)).toBe('upload_not_open');
    const failure = (await view(alice, created.uploadId)).failure;
    expect(failure).toEqual({ stage: 'upload', reason: 'multipart upload aborted by the client' });
  });

  it('answers not_multipart for an upload made as a single PUT', async () => {
    const single = await call(api.url, '/v1/uploads', {
      token: alice,
      json: { fileName: 'short.wav', contentType: 'audio/wav', sizeBytes: 1000 },
    });
    const { uploadId } = CreateUploadResponseSchema.parse(single.body);
    const response = await call(api.url, `/v1/uploads/${uploadId}/parts/1/url`, {
      token: alice,
      method: 'POST',
    });
    expect(response.status).toBe(409);
    expect(codeOf(response.body)).toBe('not_multipart');
  });
});

describe('bad input to the multipart endpoints never causes a 500', () => {
  const id = randomUUID();
  const start = { fileName: 'a.wav', contentType: 'audio/wav', sizeBytes: 20_000_000 };
  const cases: [
    string,
    { method?: string; path: string; json?: unknown; body?: string; headers?: Record<string, string> },
    number,
    string,
  ][] = [
    [
      'a part size under 5 MiB',
      { path: '/v1/uploads/multipart', json: { ...start, partSizeBytes: 1024 } },
      400,
      'invalid_request',
    ],
    [
      'a part size as a string',
      { path: '/v1/uploads/multipart', json: { ...start, partSizeBytes: '8388608' } },
      400,
      'invalid_request',
    ],
    [
      'over 100 MB',
      { path: '/v1/uploads/multipart', json: { ...start, sizeBytes: 104_857_601 } },
      400,
      'invalid_request',
    ],
    [
      'a traversal file name',
      { path: '/v1/uploads/multipart', json: { ...start, fileName: '..\\..\\boot.ini' } },
      400,
      'invalid_request',
    ],
    [
      'not audio',
      { path: '/v1/uploads/multipart', json: { ...start, contentType: 'text/html' } },
      400,
      'invalid_request',
    ],
    [
      "someone's recording",
      { path: '/v1/uploads/multipart', json: { ...start, recordingId: randomUUID() } },
      404,
      'not_found',
    ],
    [
      'malformed JSON',
      {
        path: '/v1/uploads/multipart',
        body: '{"sizeBytes": 1',
        headers: { 'content-type': 'application/json' },
      },
      400,
      'invalid_json',
    ],
    [
      'a huge body',
      { path: '/v1/uploads/multipart', json: { ...start, pad: 'x'.repeat(100_000) } },
      413,
      'payload_too_large',
    ],
    ['part 0', { method: 'POST', path: `/v1/uploads/${id}/parts/0/url` }, 400, 'invalid_request'],
    ['a negative part', { method: 'POST', path: `/v1/uploads/${id}/parts/-1/url` }, 400, 'invalid_request'],
    [
      'a part in exponent form',
      { method: 'POST', path: `/v1/uploads/${id}/parts/1e3/url` },
      400,
      'invalid_request',
    ],
    ['part 10001', { method: 'POST', path: `/v1/uploads/${id}/parts/10001/url` }, 400, 'invalid_request'],
    [
      'a traversal id',
      { method: 'POST', path: '/v1/uploads/..%2F..%2Fetc/parts/1/url' },
      400,
      'invalid_request',
    ],
    ['an unknown upload', { method: 'POST', path: `/v1/uploads/${id}/parts/1/url` }, 404, 'not_found'],
    ['listing an unknown upload', { method: 'GET', path: `/v1/uploads/${id}/parts` }, 404, 'not_found'],
    [
      'completing with parts of the wrong type',
      { path: `/v1/uploads/${id}/complete`, json: { parts: 'all' } },
      400,
      'invalid_request',
    ],
    [
      'completing with an empty parts list',
      { path: `/v1/uploads/${id}/complete`, json: { parts: [] } },
      400,
      'invalid_request',
    ],
    [
      'completing without JSON',
      { path: `/v1/uploads/${id}/complete`, body: 'parts', headers: { 'content-type': 'text/plain' } },
      415,
      'unsupported_media_type',
    ],
    ['completing an unknown upload', { path: `/v1/uploads/${id}/complete`, json: {} }, 404, 'not_found'],
    [
      'a wrong method on parts',
      { method: 'DELETE', path: `/v1/uploads/${id}/parts` },
      405,
      'method_not_allowed',
    ],
  ];

  it.each(cases)('%s', async (_label, request, status, code) => {
    const response = await call(api.url, request.path, { ...request, token: alice });
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(codeOf(response.body)).toBe(code);
  });

  it('refuses a part number beyond the plan', async () => {
    const created = await startMultipart(alice, take);
    const response = await call(api.url, `/v1/uploads/${created.uploadId}/parts/5/url`, {
      token: alice,
      method: 'POST',
    });
    expect(response.status).toBe(400);
    expect(codeOf(response.body)).toBe('invalid_request');
  });
});
