import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CatalogueSearchResponseSchema, ErrorBodySchema, type CatalogueSearchResponse } from '@orak/core';
import { loadDefaultCatalogue } from '@orak/engine';
import type { Pool } from '@orak/cloud-common';
import { createTestDatabase } from '../../common/test/testDatabase';
import { call, register, startApi, type RunningApi } from './apiHarness';

// Catalogue search over the engine's shipped catalogue, through the real api: filters, pages, bad queries.

const services = inject('services');
let pool: Pool;
let drop: () => Promise<void>;
let api: RunningApi;
let token: string;

beforeAll(async () => {
  ({ pool, drop } = await createTestDatabase(services.postgres.url));
  api = await startApi(pool, services.s3, { catalogue: loadDefaultCatalogue });
  token = await register(api.url, `singer-${randomUUID()}@example.com`);
});
afterAll(async () => {
  await api.close();
  await drop();
});

async function search(query: string): Promise<CatalogueSearchResponse> {
  const response = await call(api.url, `/v1/catalogue/songs${query}`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return CatalogueSearchResponseSchema.parse(response.body);
}

describe('GET /v1/catalogue/songs', () => {
  it('pages through the whole shipped catalogue, most popular first, without repeats or gaps', async () => {
    const all = await loadDefaultCatalogue();
    const seen: string[] = [];
    const popularity: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await search(`?limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(all.length);
      expect(page.songs.length).toBeLessThanOrEqual(25);
      seen.push(...page.songs.map((song) => song.id));
      popularity.push(...page.songs.map((song) => song.popularity));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(Math.ceil(all.length / 25));
    expect(new Set(seen).size).toBe(all.length);
    expect(seen.sort()).toEqual(all.map((song) => song.id).sort());
    expect(popularity).toEqual([...popularity].sort((a, b) => b - a));
  });

  it('finds by title or artist, ignoring case and accents, with the melody range', async () => {
    const page = await search('?q=AMAZING%20grace');
    expect(page.songs.map((song) => song.title)).toContain('Amazing Grace');
    const song = page.songs.find((s) => s.title === 'Amazing Grace')!;
    expect(song.range.lowest).toBeLessThan(song.range.highest);
    expect(song).not.toHaveProperty('histogram');
    const accented = await search(`?q=${encodeURIComponent('frère')}`);
    const plain = await search('?q=frere');
    expect(accented.total).toBeGreaterThan(0);
    expect(accented.songs).toEqual(plain.songs);
  });

  it('filters by tag and language together', async () => {
    const korean = await search('?language=ko&limit=100');
    expect(korean.total).toBeGreaterThan(0);
    expect(korean.songs.every((song) => song.language === 'ko')).toBe(true);
    const carols = await search('?tag=Christmas&language=en&limit=100');
    expect(carols.total).toBeGreaterThan(0);
    for (const song of carols.songs) {
      expect(song.tags).toContain('christmas');
      expect(song.language).toBe('en');
    }
    const nothing = await search('?q=zzzz-no-such-song');
    expect(nothing).toEqual({ songs: [], total: 0, nextCursor: null });
  });

  it.each([
    ['limit 0', '?limit=0'],
    ['limit 1000', '?limit=1000'],
    ['limit as text', '?limit=many'],
    ['a forged cursor', `?cursor=${Buffer.from('{"offset":3}').toString('base64url')}`],
    ['a cursor with odd characters', '?cursor=..%2F..%2Fetc'],
    ['a language name', '?language=english'],
    ['a tag with spaces', '?tag=sea%20shanty'],
    ['a repeated tag', '?tag=folk&tag=hymn'],
    ['an empty q', '?q=%20'],
    ['a huge q', `?q=${'a'.repeat(500)}`],
  ])('answers 400 invalid_request for %s', async (_label, query) => {
    const response = await call(api.url, `/v1/catalogue/songs${query}`, { token });
    expect(response.status).toBe(400);
    expect(ErrorBodySchema.parse(response.body).error.code).toBe('invalid_request');
  });

  it('needs a token', async () => {
    expect((await call(api.url, '/v1/catalogue/songs')).status).toBe(401);
  });
});
