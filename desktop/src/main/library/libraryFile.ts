import { readFile, rename } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeFileAtomic } from '../storage/atomicWrite';
import { LibraryTooNewError, migrateLibrary } from './libraryMigrations';
import type { LibraryData } from './librarySchema';

// lowdb adapter for the library file: atomic writes, a rolling backup, and recovery from it when the main
// file is unreadable. It never answers "empty" for a library that exists but cannot be read.

export interface LibraryRecovery {
  kind: 'restored-from-backup' | 'migrated';
  detail: string;
  /** Where the unreadable file was set aside, for the singer or support to inspect. */
  setAsidePath: string | null;
}

export class LibraryUnrecoverableError extends Error {
  constructor(
    message: string,
    /** The unreadable file, left where it is so every start reports it until the singer decides. */
    readonly path: string,
  ) {
    super(message);
    this.name = 'LibraryUnrecoverableError';
  }
}

export type TextFileWriter = (path: string, text: string) => Promise<void>;

export interface LibraryFileOptions {
  path: string;
  /** Minimum time between backup refreshes; the backup is also refreshed on every successful open. */
  backupIntervalMs?: number;
  writeText?: TextFileWriter;
  now?: () => number;
}

export class LibraryFile implements Adapter<LibraryData> {
  readonly path: string;
  readonly backupPath: string;
  readonly recoveries: LibraryRecovery[] = [];
  /** The last text known to be on disk and valid: what a failed write rolls back to. */
  lastGoodText: string | null = null;
  private readonly backupIntervalMs: number;
  private readonly writeText: TextFileWriter;
  private readonly now: () => number;
  private lastBackupAt = Number.NEGATIVE_INFINITY;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: LibraryFileOptions) {
    this.path = options.path;
    this.backupPath = `${options.path}.bak`;
    this.backupIntervalMs = options.backupIntervalMs ?? 60_000;
    this.writeText = options.writeText ?? writeFileAtomic;
    this.now = options.now ?? Date.now;
  }

  async read(): Promise<LibraryData | null> {
    const mainText = await readIfExists(this.path);
    let why = 'the library file is missing';
    if (mainText !== null) {
      try {
        const { data, fromVersion } = migrateLibrary(JSON.parse(mainText));
        if (fromVersion !== data.schemaVersion) await this.keepPreMigrationCopy(mainText, fromVersion, data);
        else this.lastGoodText = mainText;
        await this.refreshBackup(true);
        return data;
      } catch (error) {
        // A newer app's file is not corrupt: leave it untouched and refuse to open it.
        if (error instanceof LibraryTooNewError) throw error;
        why = `the library file is unreadable (${(error as Error).message.slice(0, 200)})`;
      }
    }

    const backupText = await readIfExists(this.backupPath);
    if (backupText === null) {
      // Nothing on disk at all is a new library; an unreadable one with no backup must stay loud, every start.
      if (mainText === null) return null;
      throw new LibraryUnrecoverableError(`${why}, and there is no backup`, this.path);
    }
    let restored: LibraryData;
    try {
      restored = migrateLibrary(JSON.parse(backupText)).data;
    } catch (error) {
      throw new LibraryUnrecoverableError(
        `${why}, and the backup is unreadable too: ${(error as Error).message.slice(0, 200)}`,
        this.path,
      );
    }
    let setAside: string | null = null;
    if (mainText !== null) {
      setAside = `${this.path}.corrupt-${this.now()}`;
      await rename(this.path, setAside);
    }
    const text = serialise(restored);
    await this.writeText(this.path, text);
    this.lastGoodText = text;
    this.lastBackupAt = this.now();
    this.recoveries.push({
      kind: 'restored-from-backup',
      detail: `${why}; restored the backup`,
      setAsidePath: setAside,
    });
    return restored;
  }

  write(data: LibraryData): Promise<void> {
    const next = this.queue.then(async () => {
      const text = serialise(data);
      await this.writeText(this.path, text);
      this.lastGoodText = text;
      await this.refreshBackup(false);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refreshBackup(force: boolean): Promise<void> {
    if (this.lastGoodText === null) return;
    if (!force && this.now() - this.lastBackupAt < this.backupIntervalMs) return;
    await this.writeText(this.backupPath, this.lastGoodText);
    this.lastBackupAt = this.now();
  }

  private async keepPreMigrationCopy(oldText: string, fromVersion: number, data: LibraryData): Promise<void> {
    const copy = `${this.path}.v${fromVersion}`;
    await this.writeText(copy, oldText);
    const text = serialise(data);
    await this.writeText(this.path, text);
    this.lastGoodText = text;
    this.recoveries.push({
      kind: 'migrated',
      detail: `upgraded the library from schema ${fromVersion} to ${data.schemaVersion}; the old file is kept`,
      setAsidePath: copy,
    });
  }
}

/** The singer's explicit "start a new library": both unreadable files are kept aside, never deleted. */
export async function setAsideUnreadableLibrary(path: string, now = Date.now()): Promise<string[]> {
  const keptAt: string[] = [];
  for (const file of [path, `${path}.bak`]) {
    const target = `${file}.corrupt-${now}`;
    try {
      await rename(file, target);
      keptAt.push(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return keptAt;
}

function serialise(data: LibraryData): string {
  return `${JSON.stringify(data)}\n`;
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
