import { z } from 'zod';
import { AlbumSchema, TakeSchema } from '@orak/core';

// The library file's format, version by version. Old versions stay here so migrations can parse them.

const isoDate = z.string().datetime({ offset: true });

export const AlbumV1Schema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  createdAt: isoDate,
});

export const TakeV1Schema = z.object({
  id: z.string().min(1),
  albumId: z.string().nullable(),
  title: z.string(),
  /** Audio file name inside the library's takes/ folder. */
  fileName: z.string().min(1),
  sampleRate: z.number().int().positive(),
  durationSec: z.number().nonnegative(),
  recordedAt: isoDate,
});

export const LibraryV1Schema = z.object({
  schemaVersion: z.literal(1),
  albums: z.array(AlbumV1Schema),
  takes: z.array(TakeV1Schema),
});
export type LibraryV1 = z.infer<typeof LibraryV1Schema>;

/** v2: albums are ordered by the singer; takes carry notes, tags, channels, size and their sung range. */
export const TakeV2Schema = TakeSchema.omit({ analysis: true, cloud: true });
export const LibraryV2Schema = z.object({
  schemaVersion: z.literal(2),
  albums: z.array(AlbumSchema),
  takes: z.array(TakeV2Schema),
});

/** v3 (current): takes also carry their analysis and their cloud upload.
 * Its records are the shared contract's, so the file and the bridge cannot drift apart. */
export { AlbumSchema, TakeSchema, type Album, type Take } from '@orak/core';

export const CURRENT_LIBRARY_VERSION = 3;

export const LibrarySchema = z.object({
  schemaVersion: z.literal(CURRENT_LIBRARY_VERSION),
  albums: z.array(AlbumSchema),
  takes: z.array(TakeSchema),
});
export type LibraryData = z.infer<typeof LibrarySchema>;

export function emptyLibrary(): LibraryData {
  return { schemaVersion: CURRENT_LIBRARY_VERSION, albums: [], takes: [] };
}
