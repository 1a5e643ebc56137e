import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CloudAlbumSchema, CloudRecordingSchema, ErrorBodySchema } from '@orak/core';
import { createTestDatabase } from '../../common/test/testDatabase';
import { call, register, startApi, type RunningApi } from './apiHarness';

// Albums and recordings against real PostgreSQL: every operation, and none of them across users.

const services = inject('services');
let drop: () => Promise<void>;
let api: RunningApi;
let alice: string;
let bob: string;

beforeAll(async () => {
  let pool;
  ({ pool, drop } = await createTestDatabase(services.postgres.url));
  api = await startApi(pool, services.s3);
  alice = await register(api.url, `alice-${randomUUID()}@example.com`);
  bob = await register(api.url, `bob-${randomUUID()}@example.com`);
});
afterAll(async () => {
  await api.close();
  await drop();
});

const createAlbum = async (token: string, name: string) => {
  const response = await call(api.url, '/v1/albums', { token, json: { name } });
  expect(response.status).toBe(201);
  return CloudAlbumSchema.parse(response.body);
};
const createRecording = async (token: string, title: string, albumId: string | null = null) => {
  const response = await call(api.url, '/v1/recordings', { token, json: { title, albumId } });
  expect(response.status).toBe(201);
  return CloudRecordingSchema.parse(response.body);
};

describe('albums and recordings', () => {
  it('creates, renames, lists and deletes albums', async () => {
    const album = await createAlbum(alice, '  Ballads  ');
    expect(album.name).toBe('Ballads');
    const renamed = await call(api.url, `/v1/albums/${album.albumId}`, {
      token: alice,
      method: 'PATCH',
      json: { name: 'Slow songs' },
    });
    expect(renamed.status).toBe(200);
    expect(CloudAlbumSchema.parse(renamed.body).name).toBe('Slow songs');
    const listed = await call(api.url, '/v1/albums', { token: alice });
    expect((listed.body.albums as { name: string }[]).map((a) => a.name)).toContain('Slow songs');
    expect(
      (await call(api.url, `/v1/albums/${album.albumId}`, { token: alice, method: 'DELETE' })).status,
    ).toBe(204);
    expect(
      (await call(api.url, `/v1/albums/${album.albumId}`, { token: alice, method: 'DELETE' })).status,
    ).toBe(404);
  });

  it('creates recordings, moves them between albums and out, lists by album, deletes', async () => {
    const first = await createAlbum(alice, 'First');
    const second = await createAlbum(alice, 'Second');
    const take = await createRecording(alice, 'Arirang take 3', first.albumId);
    const moved = await call(api.url, `/v1/recordings/${take.recordingId}`, {
      token: alice,
      method: 'PATCH',
      json: { albumId: second.albumId },
    });
    expect(CloudRecordingSchema.parse(moved.body)).toMatchObject({
      albumId: second.albumId,
      title: 'Arirang take 3',
    });
    const inSecond = await call(api.url, `/v1/recordings?albumId=${second.albumId}`, { token: alice });
    expect((inSecond.body.recordings as { recordingId: string }[]).map((r) => r.recordingId)).toEqual([
      take.recordingId,
    ]);
    const renamedOut = await call(api.url, `/v1/recordings/${take.recordingId}`, {
      token: alice,
      method: 'PATCH',
      json: { title: 'Arirang (best)', albumId: null },
    });
    expect(CloudRecordingSchema.parse(renamedOut.body)).toMatchObject({
      albumId: null,
      title: 'Arirang (best)',
    });
    expect(
      (await call(api.url, `/v1/recordings/${take.recordingId}`, { token: alice, method: 'DELETE' })).status,
    ).toBe(204);
  });

  it('keeps recordings when their album is deleted', async () => {
    const album = await createAlbum(alice, 'Temporary');
    const take = await createRecording(alice, 'Keep me', album.albumId);
    await call(api.url, `/v1/albums/${album.albumId}`, { token: alice, method: 'DELETE' });
    const all = await call(api.url, '/v1/recordings', { token: alice });
    const kept = (all.body.recordings as { recordingId: string; albumId: string | null }[]).find(
      (r) => r.recordingId === take.recordingId,
    );
    expect(kept?.albumId).toBeNull();
  });

  it("never lets another user see, rename, delete or move into someone's albums and recordings", async () => {
    const album = await createAlbum(alice, 'Private');
    const take = await createRecording(alice, 'Private take', album.albumId);
    const expectNotFound = async (response: Promise<{ status: number; body: Record<string, unknown> }>) => {
      const { status, body } = await response;
      expect(status).toBe(404);
      expect(ErrorBodySchema.parse(body).error.code).toBe('not_found');
    };
    await expectNotFound(
      call(api.url, `/v1/albums/${album.albumId}`, { token: bob, method: 'PATCH', json: { name: 'x' } }),
    );
    await expectNotFound(call(api.url, `/v1/albums/${album.albumId}`, { token: bob, method: 'DELETE' }));
    await expectNotFound(
      call(api.url, `/v1/recordings/${take.recordingId}`, {
        token: bob,
        method: 'PATCH',
        json: { title: 'x' },
      }),
    );
    await expectNotFound(
      call(api.url, `/v1/recordings/${take.recordingId}`, { token: bob, method: 'DELETE' }),
    );
    await expectNotFound(
      call(api.url, '/v1/recordings', { token: bob, json: { title: 'sneak in', albumId: album.albumId } }),
    );
    const bobsTake = await createRecording(bob, 'Bob take');
    await expectNotFound(
      call(api.url, `/v1/recordings/${bobsTake.recordingId}`, {
        token: bob,
        method: 'PATCH',
        json: { albumId: album.albumId },
      }),
    );
    expect(JSON.stringify((await call(api.url, '/v1/albums', { token: bob })).body)).not.toContain(
      album.albumId,
    );
    expect(
      JSON.stringify((await call(api.url, `/v1/recordings?albumId=${album.albumId}`, { token: bob })).body),
    ).not.toContain(take.recordingId);
    const mine = await call(api.url, '/v1/recordings', { token: alice });
    expect(JSON.stringify(mine.body)).toContain(take.recordingId);
  });

  it('answers bad input with 4xx codes', async () => {
    expect((await call(api.url, '/v1/albums', { token: alice, json: { name: '   ' } })).status).toBe(400);
    expect((await call(api.url, '/v1/albums/not-a-uuid', { token: alice, method: 'DELETE' })).status).toBe(
      400,
    );
    const take = await createRecording(alice, 'x');
    const empty = await call(api.url, `/v1/recordings/${take.recordingId}`, {
      token: alice,
      method: 'PATCH',
      json: {},
    });
    expect(empty.status).toBe(400);
    expect(ErrorBodySchema.parse(empty.body).error.code).toBe('invalid_request');
    expect((await call(api.url, '/v1/recordings?albumId=1', { token: alice })).status).toBe(400);
    expect((await call(api.url, '/v1/albums')).status).toBe(401);
  });
});
