import { z } from 'zod';
import { UploadHistoryEntrySchema } from '../httpApi';
import { UploadStateSchema } from '../uploadStates';

// Bridge methods of the upload queue: the renderer polls `uploads.list` a few times a second (there is no push channel).

/** Where an item stands on this machine; the cloud's own twelve states are in `cloudState`. */
export const UploadPhaseSchema = z.enum([
  /** Waiting for its turn, for an account, or for the server to answer. */
  'queued',
  /** Asking the api for a presigned request. */
  'signing',
  /** Bytes on their way to storage. */
  'sending',
  /** Waiting out a backoff after a network or server error. */
  'retrying',
  'paused',
  /** The bytes landed; following the cloud's analysis. */
  'processing',
  'completed',
  'failed',
  'cancelled',
]);
export type UploadPhase = z.infer<typeof UploadPhaseSchema>;

export const UploadItemViewSchema = z.object({
  id: z.string(),
  takeId: z.string(),
  title: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  phase: UploadPhaseSchema,
  bytesSent: z.number().int().nonnegative(),
  uploadId: z.string().nullable(),
  cloudState: UploadStateSchema.nullable(),
  history: z.array(UploadHistoryEntrySchema),
  /** Failed attempts in a row; the next is due at nextAttemptAt. */
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.iso.datetime().nullable(),
  /** How many times an expired presigned request was replaced. */
  resigns: z.number().int().nonnegative(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type UploadItemView = z.infer<typeof UploadItemViewSchema>;

/** Why nothing moves: no server set, nobody signed in, or the server did not answer last time. */
export const UploadBlockerSchema = z.enum(['no-server', 'signed-out', 'unreachable']);
export type UploadBlocker = z.infer<typeof UploadBlockerSchema>;

export const UploadQueueSnapshotSchema = z.object({
  items: z.array(UploadItemViewSchema),
  blocked: UploadBlockerSchema.nullable(),
});
export type UploadQueueSnapshot = z.infer<typeof UploadQueueSnapshotSchema>;

const ItemIdSchema = z.object({ id: z.string().min(1) }).strict();

export const uploadBridgeMethods = {
  'uploads.list': { request: z.object({}).strict(), response: UploadQueueSnapshotSchema },
  'uploads.enqueue': {
    request: z.object({ takeId: z.string().min(1) }).strict(),
    response: UploadItemViewSchema,
  },
  'uploads.pause': { request: ItemIdSchema, response: UploadItemViewSchema },
  'uploads.resume': { request: ItemIdSchema, response: UploadItemViewSchema },
  'uploads.retry': { request: ItemIdSchema, response: UploadItemViewSchema },
  'uploads.cancel': { request: ItemIdSchema, response: UploadItemViewSchema },
  /** Takes a finished, failed or cancelled item off the list. */
  'uploads.remove': { request: ItemIdSchema, response: z.object({}) },
} as const;
