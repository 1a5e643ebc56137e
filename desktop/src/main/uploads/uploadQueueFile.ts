import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  AudioContentTypeSchema,
  PresignedRequestSchema,
  UploadHistoryEntrySchema,
  UploadPhaseSchema,
  UploadStateSchema,
} from '@orak/core';
import { removeStaleTempFiles, writeFileAtomic } from '../storage/atomicWrite';

// The upload queue on disk: one JSON file written atomically on every change of phase, so it survives restarts.

export const UPLOAD_QUEUE_FILE = 'upload-queue.json';

export const QueuedUploadSchema = z.object({
  id: z.string().min(1),
  takeId: z.string().min(1),
  title: z.string(),
  fileName: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  contentType: AudioContentTypeSchema,
  phase: UploadPhaseSchema,
  /** The server the upload id belongs to. */
  serverUrl: z.string().nullable(),
  uploadId: z.string().nullable(),
  /** A write credential: kept in memory only, never written (files from older versions may hold one). */
  request: PresignedRequestSchema.nullable(),
  cloudState: UploadStateSchema.nullable(),
  history: z.array(UploadHistoryEntrySchema),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.iso.datetime().nullable(),
  resigns: z.number().int().nonnegative(),
  /** Sent in parts (each signed just in time), so an interruption resumes from the first missing part. */
  multipart: z.object({ partSizeBytes: z.number().int().positive() }).nullable().default(null),
  /** A PUT was started and did not answer: the server may hold a truncated object under that key. */
  interrupted: z.boolean().default(false),
  /** The file's modification time when its upload was planned; null in files written before it was kept. */
  fileMtimeMs: z.number().nullable().default(null),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type QueuedUpload = z.infer<typeof QueuedUploadSchema>;

/** An item's fields as they are before anything was sent: a new item's, and a retried one's. */
export function unsentFields() {
  return {
    uploadId: null,
    request: null,
    cloudState: null,
    history: [],
    attempts: 0,
    nextAttemptAt: null,
    resigns: 0,
    interrupted: false,
    error: null,
  } satisfies Partial<QueuedUpload>;
}

const QueueFileSchema = z.object({ version: z.literal(1), items: z.array(z.unknown()) });

export interface UploadQueueFile {
  readonly path: string;
  load(): Promise<QueuedUpload[]>;
  /** Writes are serialised; each one writes the whole queue as it is when its turn comes. */
  save(items: () => readonly QueuedUpload[]): Promise<void>;
}

export function openUploadQueueFile(dir: string): UploadQueueFile {
  const path = join(dir, UPLOAD_QUEUE_FILE);
  let chain: Promise<unknown> = Promise.resolve();
  return {
    path,
    async load() {
      await mkdir(dir, { recursive: true });
      await removeStaleTempFiles(path);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      let file: z.infer<typeof QueueFileSchema> | null = null;
      try {
        const parsed = QueueFileSchema.safeParse(JSON.parse(text));
        if (parsed.success) file = parsed.data;
      } catch {
        /* handled below */
      }
      if (!file) {
        // Set the unreadable file aside (never silently overwrite it) and start an empty queue.
        await rename(path, `${path}.corrupt-${Date.now()}`);
        return [];
      }
      // One damaged entry costs that entry, not the whole queue.
      return file.items.flatMap((raw) => {
        const item = QueuedUploadSchema.safeParse(raw);
        return item.success ? [item.data] : [];
      });
    },
    save(items) {
      // Presigned URLs are write credentials: never on disk; an item re-signs after a restart.
      const run = chain.then(() => {
        const kept = items().map((item) => ({ ...item, request: null }));
        return writeFileAtomic(path, `${JSON.stringify({ version: 1, items: kept }, null, 1)}\n`);
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
