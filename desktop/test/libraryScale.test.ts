import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_FILE, openLibrary, type LibraryService } from '../src/main/library/libraryService';
import { largeLibrary, writeLibraryFixture } from './support/libraryFixture';

// 10,000 takes in 40 albums: how long the main process takes to open, filter, sort and save.

const TAKES = 10_000;
let dir: string;
let library: LibraryService;
const figures: Record<string, string> = {};

function time<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  figures[label] = `${(performance.now() - started).toFixed(1)} ms`;
  return result;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-scale-'));
  await writeLibraryFixture(dir, largeLibrary(TAKES));
  const started = performance.now();
  library = await openLibrary({ dir });
  figures['open (read, validate, back up)'] = `${(performance.now() - started).toFixed(1)} ms`;
});

afterAll(async () => {
  console.table(figures);
  await rm(dir, { recursive: true, force: true });
});

describe(`library with ${TAKES} takes`, () => {
  it('pages, filters, searches and sorts 10,000 takes correctly (timings reported, not asserted)', () => {
    const newest = time('first page, newest first', () => library.queryTakes({ limit: 100 }));
    expect(newest.total).toBe(TAKES);
    expect(newest.items[0]!.id).toBe('take-09999');
    const album = time('one album', () => library.queryTakes({ albumId: 'album-7' }));
    expect(album.total).toBe(250);
    const search = time('search "breathy practice"', () =>
      library.queryTakes({ search: 'breathy practice' }),
    );
    expect(search.total).toBe(Math.ceil(TAKES / 21));
    const korean = time('search "발라드"', () => library.queryTakes({ search: '발라드' }));
    expect(korean.total).toBe(TAKES / 10);
    const byTitle = time('sort all by title', () => library.queryTakes({ sort: 'title', limit: 100 }));
    expect(byTitle.items).toHaveLength(100);
  });

  it('saves a change to the 10,000-take file durably', async () => {
    const started = performance.now();
    await library.updateTake('take-00042', { notes: 'nailed it' });
    figures['save one change (atomic write + fsync)'] = `${(performance.now() - started).toFixed(1)} ms`;
    figures['library.json size'] = `${((await stat(join(dir, LIBRARY_FILE))).size / 1e6).toFixed(2)} MB`;
    expect((await openLibrary({ dir })).getTake('take-00042')!.notes).toBe('nailed it');
  });
});
