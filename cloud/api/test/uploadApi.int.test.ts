import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  CreateUploadResponseSchema,
  ErrorBodySchema,
  UploadViewSchema,
  type CreateUploadResponse,
} from '@orak/core';
import { ObjectStore, UploadRepository, createS3Client, type Pool } from '@orak/cloud-common';
import { createTestDatabase } from '../../common/test/testDatabase';
import { voiceLikeWav } from '../../common/test/wavFixture';
import { call, register, startApi, type RunningApi } from './apiHarness';

const services = inject('services');
let pool: Pool;
let drop: () => Promise<void>;
let api: RunningApi;
let shortApi: RunningApi;
let alice: string;
let bob: string;
const wav = voiceLikeWav({ seconds: 1 });

beforeAll(async () => {
  ({ pool, drop } = await createTestDatabase(services.postgres.url));
  api = await startApi(pool, services.s3);
  shortApi = await startApi(pool, services.s3, { presignTtlSec: 1 });
  alice = await register(api.url, `alice-${randomUUID()}@example.com`);
  bob = await register(api.url, `bob-${randomUUID()}@example.com`);
});
afterAll(async () => {
  await api.close();
  await shortApi.close();
  await drop();
});

async function createUpload(token: string, body: Buffer, base = api.url): Promise<CreateUploadResponse> {
  const response = await call(base, '/v1/uploads', {
    token,
    json: { fileName: 'my take (1).wav', contentType: 'audio/wav', sizeBytes: body.length },
  });
  expect(response.status).toBe(201);
  return CreateUploadResponseSchema.parse(response.body);
}

/** Sends the presigned request the way the desktop does: the given method, URL and headers, then the bytes. */
function putWithPresigned(
  created: CreateUploadResponse,
  body: Buffer,
  headers = created.request.headers ?? {},
) {
  return fetch(created.request.url, { method: created.request.method, headers, body: new Uint8Array(body) });
}

function objectKeyOf(created: CreateUploadResponse): string {
  return decodeURIComponent(new URL(created.request.url).pathname.split('/').slice(2).join('/'));
}

async function objectExists(key: string): Promise<boolean> {
  return (await new ObjectStore(createS3Client(services.s3), services.s3.bucket).head(key)) !== null;
}

describe('accounts', () => {
  it('logs in with the registered password and refuses a wrong one', async () => {
    const email = `carol-${randomUUID()}@example.com`;
    await register(api.url, email);
    const ok = await call(api.url, '/v1/auth/login', { json: { email, password: 'karaoke-night-42' } });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toEqual(expect.any(String));
    const wrong = await call(api.url, '/v1/auth/login', { json: { email, password: 'karaoke-night-43' } });
    expect(wrong.status).toBe(401);
    expect(ErrorBodySchema.parse(wrong.body).error.code).toBe('invalid_credentials');
    const taken = await call(api.url, '/v1/auth/register', { json: { email, password: 'whatever-123' } });
    expect(taken.status).toBe(409);
    expect(ErrorBodySchema.parse(taken.body).error.code).toBe('email_taken');
  });

  it('refuses requests without a valid token', async () => {
    expect((await call(api.url, '/v1/uploads')).status).toBe(401);
    const forged = await call(api.url, '/v1/uploads', { token: 'A'.repeat(43) });
    expect(forged.status).toBe(401);
    expect(ErrorBodySchema.parse(forged.body).error.code).toBe('unauthorized');
  });

  it('expires tokens', async () => {
    const shortLived = await startApi(pool, services.s3, { tokenTtlSec: 1 });
    try {
      const token = await register(shortLived.url, `dave-${randomUUID()}@example.com`);
      expect((await call(shortLived.url, '/v1/uploads', { token })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect((await call(shortLived.url, '/v1/uploads', { token })).status).toBe(401);
    } finally {
      await shortLived.close();
    }
  });
});

describe('presigned uploads against the real S3 server', () => {
  it('issues a PUT bound to the user prefix, exact size and at most 15 minutes', async () => {
    const before = Date.now();
    const created = await createUpload(alice, wav);
    expect(created.state).toBe('REQUESTED');
    expect(created.request.method).toBe('PUT');
    expect(created.request.headers?.['content-length']).toBe(String(wav.length));
    const url = new URL(created.request.url);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(900);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');
    expect(Date.parse(created.request.expiresAt) - before).toBeLessThanOrEqual(900_000 + 1000);
    expect(objectKeyOf(created)).toMatch(
      new RegExp(`^users/[0-9a-f-]{36}/${created.uploadId}/my_take_1_.wav$`),
    );
  });

  it('uploads a real WAV exactly as a client would', async () => {
    const created = await createUpload(alice, wav);
    const response = await putWithPresigned(created, wav);
    expect(response.status).toBe(200);
    expect(await objectExists(objectKeyOf(created))).toBe(true);
    const view = await call(api.url, `/v1/uploads/${created.uploadId}`, { token: alice });
    expect(view.status).toBe(200);
    const parsed = UploadViewSchema.parse(view.body);
    expect(parsed.history.map((h) => h.state)).toEqual(['REQUESTED']);
    expect(parsed.sizeBytes).toBe(wav.length);
  });

  it('is refused by S3 with a tampered signature', async () => {
    const created = await createUpload(alice, wav);
    const url = new URL(created.request.url);
    const signature = url.searchParams.get('X-Amz-Signature')!;
    url.searchParams.set(
      'X-Amz-Signature',
      `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    );
    const response = await fetch(url, {
      method: 'PUT',
      headers: created.request.headers,
      body: new Uint8Array(wav),
    });
    expect(response.status).toBe(403);
    expect(await objectExists(objectKeyOf(created))).toBe(false);
  });

  it('is refused by S3 when the body is not the declared size', async () => {
    const created = await createUpload(alice, wav);
    const bigger = Buffer.concat([wav, Buffer.alloc(1024)]);
    const headers = { ...created.request.headers, 'content-length': String(bigger.length) };
    expect((await putWithPresigned(created, bigger, headers)).status).toBe(403);
    expect(await objectExists(objectKeyOf(created))).toBe(false);
  });

  it('is refused by S3 when the key is changed to another prefix', async () => {
    const created = await createUpload(alice, wav);
    const url = new URL(created.request.url);
    url.pathname = url.pathname.replace(/users\/[^/]+\//, `users/${randomUUID()}/`);
    expect(
      (await fetch(url, { method: 'PUT', headers: created.request.headers, body: new Uint8Array(wav) }))
        .status,
    ).toBe(403);
  });

  it('cannot be replayed to overwrite the object', async () => {
    const created = await createUpload(alice, wav);
    expect((await putWithPresigned(created, wav)).status).toBe(200);
    // If-None-Match: * is signed in: the same request cannot create the object twice.
    expect((await putWithPresigned(created, wav)).status).toBe(412);
  });

  it('is refused by S3 once expired', async () => {
    const created = await createUpload(alice, wav, shortApi.url);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await putWithPresigned(created, wav)).status).toBe(403);
  });
});

describe('following an upload live (server-sent events)', () => {
  it('sends the current state, every change, and ends at a terminal state', async () => {
    const created = await createUpload(alice, wav);
    const response = await fetch(`${api.url}/v1/uploads/${created.uploadId}/events`, {
      headers: { authorization: `Bearer ${alice}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = response.text();
    const uploads = new UploadRepository(pool);
    await uploads.transition(created.uploadId, { from: 'REQUESTED', to: 'UPLOADED', actor: 'bridge' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await uploads.transition(created.uploadId, { from: 'UPLOADED', to: 'VALIDATING', actor: 'analyzer' });
    await uploads.transition(created.uploadId, {
      from: 'VALIDATING',
      to: 'REJECTED',
      actor: 'analyzer',
      failure: { stage: 'validate', reason: 'not audio' },
    });
    const events = (await text)
      .split('\n\n')
      .filter((block) => block.startsWith('event: state'))
      .map((block) => UploadViewSchema.parse(JSON.parse(block.split('\ndata: ')[1]!)));
    const states = events.map((e) => e.state);
    expect(states[0]).toBe('REQUESTED');
    expect(states).toContain('UPLOADED');
    expect(states.at(-1)).toBe('REJECTED');
    expect(events.at(-1)?.failure).toEqual({ stage: 'validate', reason: 'not audio' });
  });

  it("answers 404 for another user's upload", async () => {
    const created = await createUpload(alice, wav);
    const response = await fetch(`${api.url}/v1/uploads/${created.uploadId}/events`, {
      headers: { authorization: `Bearer ${bob}` },
    });
    expect(response.status).toBe(404);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('not_found');
  });
});

describe('isolation between users', () => {
  it("answers 404 for another user's upload and never lists it", async () => {
    const created = await createUpload(alice, wav);
    const peek = await call(api.url, `/v1/uploads/${created.uploadId}`, { token: bob });
    expect(peek.status).toBe(404);
    expect(ErrorBodySchema.parse(peek.body).error.code).toBe('not_found');
    const list = await call(api.url, '/v1/uploads', { token: bob });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(created.uploadId);
    const mine = await call(api.url, '/v1/uploads?limit=100', { token: alice });
    expect(JSON.stringify(mine.body)).toContain(created.uploadId);
  });
});

describe('the OpenAPI description', () => {
  it('is served from the same contract', async () => {
    const response = await call(api.url, '/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths as object)).toContain('/v1/uploads/{id}');
  });
});

describe('bad input never causes a 500', () => {
  const cases: [
    string,
    { method?: string; path: string; json?: unknown; body?: string; headers?: Record<string, string> },
    number,
    string,
  ][] = [
    [
      'malformed JSON',
      { path: '/v1/uploads', body: '{"fileName": ', headers: { 'content-type': 'application/json' } },
      400,
      'invalid_json',
    ],
    [
      'wrong types',
      { path: '/v1/uploads', json: { fileName: 7, contentType: 'audio/wav', sizeBytes: 'big' } },
      400,
      'invalid_request',
    ],
    [
      'over 100 MB',
      { path: '/v1/uploads', json: { fileName: 'a.wav', contentType: 'audio/wav', sizeBytes: 104_857_601 } },
      400,
      'invalid_request',
    ],
    [
      'not audio',
      {
        path: '/v1/uploads',
        json: { fileName: 'a.exe', contentType: 'application/octet-stream', sizeBytes: 10 },
      },
      400,
      'invalid_request',
    ],
    [
      'path traversal',
      {
        path: '/v1/uploads',
        json: { fileName: '../../../etc/passwd', contentType: 'audio/wav', sizeBytes: 10 },
      },
      400,
      'invalid_request',
    ],
    ['a JSON array', { path: '/v1/uploads', json: [1, 2] }, 400, 'invalid_request'],
    [
      'JSON null',
      { path: '/v1/uploads', body: 'null', headers: { 'content-type': 'application/json' } },
      400,
      'invalid_request',
    ],
    [
      'a huge body',
      { path: '/v1/uploads', json: { fileName: 'x'.repeat(200_000) } },
      413,
      'payload_too_large',
    ],
    [
      'form encoding',
      { path: '/v1/uploads', body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    ],
    ['an unknown id', { method: 'GET', path: `/v1/uploads/${randomUUID()}` }, 404, 'not_found'],
    ['a malformed id', { method: 'GET', path: '/v1/uploads/..%2F..%2Fetc' }, 400, 'invalid_request'],
    ['a bad list query', { method: 'GET', path: '/v1/uploads?limit=-3&state=NOPE' }, 400, 'invalid_request'],
    ['an unknown route', { method: 'GET', path: '/v1/nothing-here' }, 404, 'not_found'],
    ['a wrong method', { method: 'DELETE', path: '/v1/uploads' }, 405, 'method_not_allowed'],
  ];

  it.each(cases)('%s', async (_label, request, status, code) => {
    const response = await call(api.url, request.path, { ...request, token: alice });
    expect(response.status).toBe(status);
    expect(ErrorBodySchema.parse(response.body).error.code).toBe(code);
  });

  it('rejects a bad registration with a field list', async () => {
    const response = await call(api.url, '/v1/auth/register', {
      json: { email: 'not-an-email', password: 'short' },
    });
    expect(response.status).toBe(400);
    const issues = ErrorBodySchema.parse(response.body).error.issues ?? [];
    expect(issues.map((i) => i.path).sort()).toEqual(['email', 'password']);
  });
});
