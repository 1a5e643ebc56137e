import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../storage/atomicWrite';

// Computed media kept next to the library (media/<take>.<kind>.json), each stamped with the audio it came from:
// a sidecar whose stamp no longer matches the file (re-recorded, replaced, trimmed) is computed again.

export const MEDIA_FOLDER = 'media';

/** Every kind of sidecar a take can have: deleting the take deletes each. */
export const MEDIA_KINDS = ['peaks', 'pitch'] as const;

/** Bumped when a computation changes, so sidecars from an older app are recomputed rather than trusted. */
export const MEDIA_FORMAT_VERSION = 1;

export const AudioStampSchema = z.object({
  sizeBytes: z.number().int().nonnegative(),
  mtimeMs: z.number(),
});
export type AudioStamp = z.infer<typeof AudioStampSchema>;

export interface MediaSidecars {
  readonly dir: string;
  pathOf(takeId: string, kind: string): string;
  /** The cached value, or null when there is none, it is stale, or it does not parse (it is then recomputed). */
  read<T>(takeId: string, kind: string, stamp: AudioStamp, schema: z.ZodType<T>): Promise<T | null>;
  write(takeId: string, kind: string, stamp: AudioStamp, value: unknown): Promise<void>;
}

export function createMediaSidecars(libraryDir: string): MediaSidecars {
  const dir = join(libraryDir, MEDIA_FOLDER);
  // Take ids come from the library, but a file name must never be able to climb out of the folder.
  const pathOf = (takeId: string, kind: string) => join(dir, `${encodeURIComponent(takeId)}.${kind}.json`);
  return {
    dir,
    pathOf,
    async read(takeId, kind, stamp, schema) {
      let text: string;
      try {
        text = await readFile(pathOf(takeId, kind), 'utf8');
      } catch {
        return null;
      }
      const parsed = z
        .object({ version: z.literal(MEDIA_FORMAT_VERSION), stamp: AudioStampSchema, value: schema })
        .safeParse(safeJson(text));
      if (!parsed.success) return null;
      const cached = parsed.data.stamp;
      if (cached.sizeBytes !== stamp.sizeBytes || cached.mtimeMs !== stamp.mtimeMs) return null;
      return parsed.data.value;
    },
    async write(takeId, kind, stamp, value) {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(
        pathOf(takeId, kind),
        JSON.stringify({ version: MEDIA_FORMAT_VERSION, stamp, value }),
      );
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
