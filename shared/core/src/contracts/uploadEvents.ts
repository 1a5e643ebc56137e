import { z } from 'zod';
import { PipelineStageSchema } from './uploadStates';

// Kafka message contracts. Every message is keyed by uploadId so one file's events stay in order.

export const UPLOAD_EVENTS_TOPIC = 'upload-events';
export const UPLOAD_DEAD_LETTERS_TOPIC = 'upload-dead-letters';
export const UPLOAD_RESULTS_TOPIC = 'upload-results';
/** Where the local S3 server (versitygw) publishes its raw bucket notifications, for the bridge to read. */
export const S3_OBJECT_EVENTS_TOPIC = 's3-object-events';

/** One object-created notification, normalised from whatever shape the S3 server sent. */
export const ObjectCreatedSchema = z.object({
  bucket: z.string().min(1),
  /** URL-decoded object key. */
  key: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  /** Without surrounding quotes; null when the sender omitted it. */
  etag: z.string().nullable(),
  /** Orders events of one key; compare as hex of equal length. Null when the sender omitted it. */
  sequencer: z.string().nullable(),
  eventTime: z.string(),
});
export type ObjectCreated = z.infer<typeof ObjectCreatedSchema>;

/** Value of a message on upload-events. */
export const UploadEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('object-created'),
    uploadId: z.uuid(),
    object: ObjectCreatedSchema,
  }),
  z.object({
    /** The reconciler asks a worker to pick an upload up again from whatever state it is in. */
    type: z.literal('redrive'),
    uploadId: z.uuid(),
    reason: z.string(),
  }),
]);
export type UploadEvent = z.infer<typeof UploadEventSchema>;

/** Value of a message on the dead-letter topic: the original message and why it failed. */
export const DeadLetterSchema = z.object({
  uploadId: z.string(),
  stage: PipelineStageSchema,
  error: z.string(),
  attempts: z.number().int().positive(),
  failedAt: z.string(),
  original: z.object({
    topic: z.string(),
    partition: z.number().int(),
    offset: z.string(),
    key: z.string().nullable(),
    /** The original value as UTF-8 text (it may not even be JSON). */
    value: z.string(),
  }),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

/** Value of a message on upload-results, published once an upload reaches a terminal state. */
export const UploadResultEventSchema = z.object({
  uploadId: z.uuid(),
  userId: z.uuid(),
  state: z.enum(['COMPLETED', 'REJECTED', 'FAILED']),
  at: z.string(),
});
export type UploadResultEvent = z.infer<typeof UploadResultEventSchema>;
