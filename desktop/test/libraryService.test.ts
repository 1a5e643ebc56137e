import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryUnrecoverableError, setAsideUnreadableLibrary } from '../src/main/library/libraryFile';
import { LibraryTooNewError } from '../src/main/library/libraryMigrations';
import { CURRENT_LIBRARY_VERSION, type LibraryV1 } from '../src/main/library/librarySchema';
import { LIBRARY_FILE, openLibrary, type NewTake } from '../src/main/library/libraryService';
import { writeFileAtomic } from '../src/main/storage/atomicWrite';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-library-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const take = (title: string, extra: Partial<NewTake> = {}): NewTake => ({
  title,
  fileName: `${title.replace(/\W+/g, '-')}.wav`,
  sampleRate: 48_000,
  channels: 1,
  durationSec: 30,
  sizeBytes: 2_880_044,
  ...extra,
});

const libraryPath = () => join(dir, LIBRARY_FILE);
const onDisk = async () => JSON.parse(await readFile(libraryPath(), 'utf8'));

describe('library: albums and takes on real files', () => {
  it('opens a new library without writing anything, then persists every change across restarts', async () => {
    const library = await openLibrary({ dir });
    expect(library.albums()).toEqual([]);
    expect(await readdir(dir)).toEqual(['takes']);

    const ballads = await library.createAlbum('Ballads');
    const rock = await library.createAlbum('  Rock  ');
    const first = await library.addTake(take('Spring Day', { albumId: ballads.id, tags: ['BTS'] }));
    await library.addTake(take('Bohemian Rhapsody', { albumId: rock.id }));
    await library.renameAlbum(rock.id, 'Rock classics');
    await library.reorderAlbums([rock.id, ballads.id]);
    await library.updateTake(first.id, {
      notes: 'cracked on the high note',
      range: { lowMidi: 50, highMidi: 71 },
    });

    const reopened = await openLibrary({ dir });
    expect(reopened.albums().map((a) => a.name)).toEqual(['Rock classics', 'Ballads']);
    const spring = reopened.getTake(first.id)!;
    expect(spring).toMatchObject({ albumId: ballads.id, notes: 'cracked on the high note', tags: ['BTS'] });
    expect(spring.range).toEqual({ lowMidi: 50, highMidi: 71 });
    expect((await onDisk()).schemaVersion).toBe(CURRENT_LIBRARY_VERSION);
  });

  it('moves takes between albums, and deleting an album keeps its takes', async () => {
    const library = await openLibrary({ dir });
    const a = await library.createAlbum('A');
    const b = await library.createAlbum('B');
    const t1 = await library.addTake(take('one', { albumId: a.id }));
    const t2 = await library.addTake(take('two', { albumId: a.id }));
    await library.moveTakes([t1.id, t2.id], b.id);
    expect(library.queryTakes({ albumId: b.id }).total).toBe(2);
    await library.deleteAlbum(b.id);
    expect(library.queryTakes({ albumId: null }).total).toBe(2);
    expect(library.albums().map((album) => [album.name, album.position])).toEqual([['A', 0]]);
    await expect(library.moveTakes([t1.id], 'no-such-album')).rejects.toThrow(/no album/);
  });

  it('refuses bad input without changing anything', async () => {
    const library = await openLibrary({ dir });
    const a = await library.createAlbum('A');
    await expect(library.createAlbum('   ')).rejects.toThrow(/name/);
    await expect(library.addTake(take('x', { fileName: '../../etc/passwd' }))).rejects.toThrow(/plain name/);
    await expect(library.addTake(take('x', { sampleRate: 0 }))).rejects.toThrow();
    await expect(library.reorderAlbums([a.id, a.id])).rejects.toThrow(/every album/);
    expect((await onDisk()).takes).toEqual([]);
  });

  it('deletes a take together with its audio file', async () => {
    const library = await openLibrary({ dir });
    const t = await library.addTake(take('gone'));
    await writeFile(join(library.takesDir, t.fileName), 'RIFF....');
    await library.deleteTake(t.id);
    expect(library.getTake(t.id)).toBeNull();
    await expect(stat(join(library.takesDir, t.fileName))).rejects.toThrow(/ENOENT/);
  });

  it('searches title, notes and tags (Korean too), filters by album, sorts and pages', async () => {
    const library = await openLibrary({ dir });
    const album = await library.createAlbum('K-pop');
    await library.addTake(
      take('봄날', { albumId: album.id, tags: ['BTS'], recordedAt: '2026-01-01T10:00:00Z' }),
    );
    await library.addTake(
      take('Dynamite', { albumId: album.id, tags: ['BTS'], recordedAt: '2026-01-03T10:00:00Z' }),
    );
    await library.addTake(take('Hype Boy', { notes: 'too high for me', recordedAt: '2026-01-02T10:00:00Z' }));
    expect(library.queryTakes({ search: 'bts' }).items.map((t) => t.title)).toEqual(['Dynamite', '봄날']);
    expect(library.queryTakes({ search: '봄' }).items.map((t) => t.title)).toEqual(['봄날']);
    expect(library.queryTakes({ search: 'TOO high' }).items.map((t) => t.title)).toEqual(['Hype Boy']);
    // Korean collation first (the app's home audience), then English, case-insensitive.
    expect(library.queryTakes({ sort: 'title' }).items.map((t) => t.title)).toEqual([
      '봄날',
      'Dynamite',
      'Hype Boy',
    ]);
    const page = library.queryTakes({ sort: 'recordedAt', direction: 'asc', offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ title: 'Hype Boy' }] });
  });
});

describe('library file: versions, corruption, crashes, a full disk', () => {
  it('migrates a schema 1 file, keeping the original beside it', async () => {
    const v1: LibraryV1 = {
      schemaVersion: 1,
      albums: [{ id: 'al1', name: 'Old album', createdAt: '2025-05-01T00:00:00.000Z' }],
      takes: [
        {
          id: 't1',
          albumId: 'al1',
          title: 'Old take',
          fileName: 'old.wav',
          sampleRate: 44_100,
          durationSec: 12,
          recordedAt: '2025-05-01T00:00:00.000Z',
        },
      ],
    };
    await writeFile(libraryPath(), JSON.stringify(v1));
    const library = await openLibrary({ dir });
    expect(library.recoveries).toMatchObject([{ kind: 'migrated', setAsidePath: `${libraryPath()}.v1` }]);
    expect(library.getTake('t1')).toMatchObject({
      title: 'Old take',
      notes: '',
      tags: [],
      channels: 1,
      range: null,
      analysis: null,
      cloud: null,
    });
    expect(library.albums()[0]).toMatchObject({ name: 'Old album', position: 0 });
    expect((await onDisk()).schemaVersion).toBe(3);
    expect(JSON.parse(await readFile(`${libraryPath()}.v1`, 'utf8'))).toEqual(v1);
  });

  it('refuses a file from a newer app and leaves it untouched', async () => {
    const newer = JSON.stringify({
      schemaVersion: CURRENT_LIBRARY_VERSION + 1,
      albums: [],
      takes: [],
      future: true,
    });
    await writeFile(libraryPath(), newer);
    await expect(openLibrary({ dir })).rejects.toBeInstanceOf(LibraryTooNewError);
    expect(await readFile(libraryPath(), 'utf8')).toBe(newer);
  });

  it('recovers a corrupt file from the backup and sets the corrupt one aside', async () => {
    const library = await openLibrary({ dir, backupIntervalMs: 0 });
    await library.addTake(take('precious'));
    const good = await readFile(libraryPath(), 'utf8');
    expect(await readFile(`${libraryPath()}.bak`, 'utf8')).toBe(good);
    await writeFile(libraryPath(), good.slice(0, good.length / 2)); // truncated by something outside our control

    const reopened = await openLibrary({ dir });
    expect(reopened.queryTakes().items.map((t) => t.title)).toEqual(['precious']);
    expect(reopened.recoveries).toHaveLength(1);
    const recovery = reopened.recoveries[0]!;
    expect(recovery.kind).toBe('restored-from-backup');
    expect(await readFile(recovery.setAsidePath!, 'utf8')).toBe(good.slice(0, good.length / 2));
    expect(await readFile(libraryPath(), 'utf8')).toBe(good);
  });

  it('never opens an unreadable library as empty: it stays loud on every start until the singer decides', async () => {
    const library = await openLibrary({ dir });
    await library.addTake(take('precious'));
    await rm(`${libraryPath()}.bak`);
    await writeFile(libraryPath(), '{"schemaVersion": 2, "albums": [], "takes": [{"id": 5}]}');
    await expect(openLibrary({ dir })).rejects.toBeInstanceOf(LibraryUnrecoverableError);
    await expect(openLibrary({ dir })).rejects.toBeInstanceOf(LibraryUnrecoverableError);

    const kept = await setAsideUnreadableLibrary(libraryPath());
    expect(kept).toHaveLength(1);
    expect((await openLibrary({ dir })).queryTakes().total).toBe(0);
  });

  it('restores the backup when the library file has vanished', async () => {
    const library = await openLibrary({ dir });
    await library.addTake(take('kept'));
    await rm(libraryPath());
    const reopened = await openLibrary({ dir });
    expect(reopened.queryTakes().items.map((t) => t.title)).toEqual(['kept']);
    expect(reopened.recoveries[0]).toMatchObject({ kind: 'restored-from-backup', setAsidePath: null });
  });

  it('on a full disk, rejects the change and keeps both the file and the in-memory library as they were', async () => {
    let diskFull = false;
    const writeText = async (path: string, text: string) => {
      if (diskFull) {
        // Half the bytes reach a temp file, then the disk is full: what a real ENOSPC looks like mid-write.
        await writeFile(`${path}.partial`, text.slice(0, text.length / 2));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      await writeFileAtomic(path, text);
    };
    const library = await openLibrary({ dir, writeText });
    const album = await library.createAlbum('Safe');
    const before = await readFile(libraryPath(), 'utf8');

    diskFull = true;
    await expect(library.addTake(take('lost', { albumId: album.id }))).rejects.toThrow(/ENOSPC/);
    await expect(library.renameAlbum(album.id, 'Renamed')).rejects.toThrow(/ENOSPC/);
    expect(library.queryTakes().total).toBe(0);
    expect(library.albums().map((a) => a.name)).toEqual(['Safe']);
    expect(await readFile(libraryPath(), 'utf8')).toBe(before);

    diskFull = false;
    await library.addTake(take('saved'));
    expect((await openLibrary({ dir })).queryTakes().items.map((t) => t.title)).toEqual(['saved']);
  });
});
