import {
  CURRENT_LIBRARY_VERSION,
  LibrarySchema,
  LibraryV1Schema,
  LibraryV2Schema,
  type LibraryData,
} from './librarySchema';

// Each step lifts a library file one schema version; a file is migrated step by step up to the current one.

export class LibraryTooNewError extends Error {
  constructor(readonly version: number) {
    super(
      `the library was written by a newer Orakgarak (schema ${version}; this app reads up to ${CURRENT_LIBRARY_VERSION})`,
    );
    this.name = 'LibraryTooNewError';
  }
}

export class LibraryInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibraryInvalidError';
  }
}

type Migration = (data: unknown) => unknown;

/** MIGRATIONS[n] lifts version n to n + 1. */
const MIGRATIONS: Record<number, Migration> = {
  1: (raw) => {
    const v1 = LibraryV1Schema.parse(raw);
    return {
      schemaVersion: 2,
      albums: v1.albums.map((album, position) => ({ ...album, position, updatedAt: album.createdAt })),
      takes: v1.takes.map((take) => ({
        ...take,
        channels: 1,
        sizeBytes: 0,
        notes: '',
        tags: [],
        range: null,
        updatedAt: take.recordedAt,
      })),
    };
  },
  2: (raw) => {
    const v2 = LibraryV2Schema.parse(raw);
    return {
      ...v2,
      schemaVersion: 3,
      takes: v2.takes.map((take) => ({ ...take, analysis: null, cloud: null })),
    };
  },
};

export interface MigrationResult {
  data: LibraryData;
  fromVersion: number;
}

export function migrateLibrary(raw: unknown): MigrationResult {
  if (typeof raw !== 'object' || raw === null || !('schemaVersion' in raw)) {
    throw new LibraryInvalidError('not a library file: no schemaVersion');
  }
  const fromVersion = (raw as { schemaVersion: unknown }).schemaVersion;
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion) || fromVersion < 1) {
    throw new LibraryInvalidError(`not a library file: schemaVersion ${String(fromVersion)}`);
  }
  if (fromVersion > CURRENT_LIBRARY_VERSION) throw new LibraryTooNewError(fromVersion);
  let data: unknown = raw;
  for (let version = fromVersion; version < CURRENT_LIBRARY_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new LibraryInvalidError(`no migration from schema ${version}`);
    try {
      data = step(data);
    } catch (error) {
      throw new LibraryInvalidError(`schema ${version} file does not parse: ${(error as Error).message}`);
    }
  }
  const parsed = LibrarySchema.safeParse(data);
  if (!parsed.success)
    throw new LibraryInvalidError(`library does not match schema: ${parsed.error.message}`);
  return { data: parsed.data, fromVersion };
}
