import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Low } from 'lowdb';
import { LibraryFile, type LibraryRecovery, type TextFileWriter } from './libraryFile';
import { removeStaleTempFiles } from '../storage/atomicWrite';
import { emptyLibrary, TakeSchema, type Album, type LibraryData, type Take } from './librarySchema';
import { queryTakes, type TakePage, type TakeQuery } from './takeQuery';
import { createMediaSidecars, MEDIA_KINDS } from '../media/mediaSidecar';

// Albums and takes: the singer's offline library. Every change is written before it is acknowledged;
// a failed write (a full disk) leaves both the file and the in-memory library as they were.

export const LIBRARY_FILE = 'library.json';
export const TAKES_FOLDER = 'takes';

export class LibraryError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'LibraryError';
  }
}

export interface LibraryServiceOptions {
  dir: string;
  backupIntervalMs?: number;
  writeText?: TextFileWriter;
  now?: () => Date;
  newId?: () => string;
}

export type NewTake = Pick<
  Take,
  'title' | 'fileName' | 'sampleRate' | 'channels' | 'durationSec' | 'sizeBytes'
> &
  Partial<Pick<Take, 'albumId' | 'notes' | 'tags' | 'range' | 'recordedAt'>>;

export type TakePatch = Partial<Pick<Take, 'title' | 'notes' | 'tags' | 'range' | 'analysis' | 'cloud'>>;

export interface LibraryService {
  readonly dir: string;
  readonly takesDir: string;
  /** What opening had to repair (restored from backup, migrated), for the UI to tell the singer. */
  readonly recoveries: readonly LibraryRecovery[];
  albums(): Album[];
  createAlbum(name: string): Promise<Album>;
  renameAlbum(id: string, name: string): Promise<Album>;
  /** Deletes the album only: its takes move to "no album", never deleted with it. */
  deleteAlbum(id: string): Promise<void>;
  reorderAlbums(orderedIds: string[]): Promise<Album[]>;
  addTake(take: NewTake): Promise<Take>;
  /** onlyIf is asked when the change is about to apply: false leaves the take as it is (a cancelled result). */
  updateTake(id: string, patch: TakePatch, options?: { onlyIf?: () => boolean }): Promise<Take>;
  moveTakes(takeIds: string[], albumId: string | null): Promise<void>;
  deleteTake(id: string): Promise<void>;
  getTake(id: string): Take | null;
  /** Every take, unpaged: for the main process's own whole-library work, not for the renderer. */
  allTakes(): Take[];
  queryTakes(query?: TakeQuery): TakePage;
}

export async function openLibrary(options: LibraryServiceOptions): Promise<LibraryService> {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const takesDir = join(options.dir, TAKES_FOLDER);
  await mkdir(takesDir, { recursive: true });
  const file = new LibraryFile({
    path: join(options.dir, LIBRARY_FILE),
    writeText: options.writeText,
    backupIntervalMs: options.backupIntervalMs,
    now: () => now().getTime(),
  });
  await removeStaleTempFiles(file.path);
  await removeStaleTempFiles(file.backupPath);
  const db = new Low<LibraryData>(file, emptyLibrary());
  await db.read();

  let queue: Promise<unknown> = Promise.resolve();
  /** Applies a change and persists it; on any failure the in-memory library returns to what is on disk. */
  function mutate<T>(change: (data: LibraryData) => T): Promise<T> {
    const run = queue.then(async () => {
      try {
        const result = change(db.data);
        await db.write();
        return result;
      } catch (error) {
        db.data =
          file.lastGoodText === null ? emptyLibrary() : (JSON.parse(file.lastGoodText) as LibraryData);
        throw error;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  const stamp = () => now().toISOString();
  const findAlbum = (data: LibraryData, id: string) => {
    const album = data.albums.find((a) => a.id === id);
    if (!album) throw new LibraryError('not-found', `no album ${id}`);
    return album;
  };
  const findTake = (data: LibraryData, id: string) => {
    const take = data.takes.find((t) => t.id === id);
    if (!take) throw new LibraryError('not-found', `no take ${id}`);
    return take;
  };
  const cleanName = (name: string) => {
    const trimmed = name.trim();
    if (!trimmed) throw new LibraryError('invalid', 'an album needs a name');
    return trimmed;
  };

  return {
    dir: options.dir,
    takesDir,
    recoveries: file.recoveries,
    albums: () => [...db.data.albums].sort((a, b) => a.position - b.position),
    createAlbum: (name) =>
      mutate((data) => {
        const album: Album = {
          id: newId(),
          name: cleanName(name),
          position: data.albums.length,
          createdAt: stamp(),
          updatedAt: stamp(),
        };
        data.albums.push(album);
        return { ...album };
      }),
    renameAlbum: (id, name) =>
      mutate((data) => {
        const album = findAlbum(data, id);
        album.name = cleanName(name);
        album.updatedAt = stamp();
        return { ...album };
      }),
    deleteAlbum: (id) =>
      mutate((data) => {
        findAlbum(data, id);
        data.albums = data.albums.filter((a) => a.id !== id);
        data.albums.sort((a, b) => a.position - b.position).forEach((a, position) => (a.position = position));
        for (const take of data.takes) {
          if (take.albumId === id) {
            take.albumId = null;
            take.updatedAt = stamp();
          }
        }
      }),
    reorderAlbums: (orderedIds) =>
      mutate((data) => {
        const ids = new Set(orderedIds);
        if (
          ids.size !== orderedIds.length ||
          ids.size !== data.albums.length ||
          data.albums.some((a) => !ids.has(a.id))
        ) {
          throw new LibraryError('invalid', 'a reorder must list every album exactly once');
        }
        orderedIds.forEach((id, position) => (findAlbum(data, id).position = position));
        return [...data.albums].sort((a, b) => a.position - b.position).map((a) => ({ ...a }));
      }),
    addTake: (input) =>
      mutate((data) => {
        if (input.albumId) findAlbum(data, input.albumId);
        if (basename(input.fileName) !== input.fileName) {
          throw new LibraryError('invalid', `take file must be a plain name inside ${TAKES_FOLDER}/`);
        }
        const parsed = TakeSchema.safeParse({
          id: newId(),
          albumId: input.albumId ?? null,
          title: input.title,
          fileName: input.fileName,
          sampleRate: input.sampleRate,
          channels: input.channels,
          durationSec: input.durationSec,
          sizeBytes: input.sizeBytes,
          recordedAt: input.recordedAt ?? stamp(),
          notes: input.notes ?? '',
          tags: input.tags ?? [],
          range: input.range ?? null,
          analysis: null,
          cloud: null,
          updatedAt: stamp(),
        });
        if (!parsed.success) throw new LibraryError('invalid', parsed.error.message);
        data.takes.push(parsed.data);
        return { ...parsed.data };
      }),
    updateTake: (id, patch, { onlyIf } = {}) =>
      mutate((data) => {
        const take = findTake(data, id);
        if (onlyIf && !onlyIf()) return { ...take };
        const parsed = TakeSchema.safeParse({ ...take, ...patch, updatedAt: stamp() });
        if (!parsed.success) throw new LibraryError('invalid', parsed.error.message);
        Object.assign(take, parsed.data);
        return { ...take };
      }),
    moveTakes: (takeIds, albumId) =>
      mutate((data) => {
        if (albumId !== null) findAlbum(data, albumId);
        const takes = takeIds.map((id) => findTake(data, id));
        for (const take of takes) {
          take.albumId = albumId;
          take.updatedAt = stamp();
        }
      }),
    deleteTake: async (id) => {
      const removed = await mutate((data) => {
        const take = findTake(data, id);
        data.takes = data.takes.filter((t) => t.id !== id);
        return take;
      });
      // The audio goes only after the library no longer points at it, and its computed media with it.
      await rm(join(takesDir, removed.fileName), { force: true });
      const sidecars = createMediaSidecars(options.dir);
      await Promise.all(MEDIA_KINDS.map((kind) => rm(sidecars.pathOf(id, kind), { force: true })));
    },
    getTake: (id) => {
      const take = db.data.takes.find((t) => t.id === id);
      return take ? { ...take } : null;
    },
    allTakes: () => db.data.takes.map((take) => ({ ...take })),
    queryTakes: (query) => {
      const page = queryTakes(db.data.takes, query);
      return { total: page.total, items: page.items.map((take) => ({ ...take })) };
    },
  };
}
