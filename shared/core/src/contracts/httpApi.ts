import { z } from 'zod';
import { AnalysisSchema, RecommendationSchema } from './analysis';
import { PipelineStageSchema, UploadActorSchema, UploadStateSchema } from './uploadStates';

// The HTTP API contract, shared by the api (validation) and the desktop (typed client).

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Presigned requests never live longer than this. */
export const MAX_PRESIGN_TTL_SEC = 15 * 60;

export const AUDIO_CONTENT_TYPES = [
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/flac',
  'audio/x-flac',
  'audio/mpeg',
  'audio/mp4',
  'audio/x-m4a',
  'audio/aac',
  'audio/ogg',
  'audio/webm',
] as const;
export const AudioContentTypeSchema = z.enum(AUDIO_CONTENT_TYPES);

export const ErrorCodeSchema = z.enum([
  'invalid_json',
  'invalid_request',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'email_taken',
  'invalid_credentials',
  'not_found',
  'method_not_allowed',
  /** The upload is no longer waiting for its bytes (completed, aborted, expired or already analysed). */
  'upload_not_open',
  /** A multipart operation on an upload that was created as a single presigned PUT. */
  'not_multipart',
  /** The parts stored do not add up to the size declared when the upload was created. */
  'size_mismatch',
  /** A reported part is unknown to storage or its ETag does not match. */
  'invalid_part',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    /** Which fields failed validation, when the code is invalid_request. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const CredentialsSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(8).max(256),
});
export type Credentials = z.infer<typeof CredentialsSchema>;

export const AuthResponseSchema = z.object({ token: z.string(), expiresAt: z.iso.datetime() });
export type AuthResponse = z.infer<typeof AuthResponseSchema>;

/** A plain file name: no directories, no traversal, no control characters. */
export const UploadFileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[/\\]/.test(name), 'must not contain path separators')
  .refine((name) => name !== '.' && name !== '..' && !name.includes('..'), 'must not contain ".."')
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'must not contain control characters');

export const CreateUploadRequestSchema = z.object({
  fileName: UploadFileNameSchema,
  contentType: AudioContentTypeSchema,
  sizeBytes: z.number().int().positive().max(MAX_UPLOAD_BYTES),
  /** The cloud recording this take belongs to: deleting the recording deletes the take too. */
  recordingId: z.uuid().optional(),
});
export type CreateUploadRequest = z.infer<typeof CreateUploadRequestSchema>;

export const PresignedRequestSchema = z.object({
  method: z.enum(['PUT', 'POST']),
  url: z.url(),
  /** Form fields of a presigned POST, sent before the file. */
  fields: z.record(z.string(), z.string()).optional(),
  /** Headers the client must send exactly as given (they are part of the signature). */
  headers: z.record(z.string(), z.string()).optional(),
  expiresAt: z.iso.datetime(),
});
export type PresignedRequest = z.infer<typeof PresignedRequestSchema>;

export const CreateUploadResponseSchema = z.object({
  uploadId: z.uuid(),
  state: UploadStateSchema,
  request: PresignedRequestSchema,
});
export type CreateUploadResponse = z.infer<typeof CreateUploadResponseSchema>;

export const UploadIdParamsSchema = z.object({ id: z.uuid() });

// Multipart uploads for large takes: the api starts one, signs each part's PUT just before the client sends
// it, lists what storage already holds (so an interrupted upload resumes), and completes or aborts it.

/** S3 refuses parts below 5 MiB (except the last). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const MAX_PART_BYTES = 64 * 1024 * 1024;
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;
/** Part URLs are signed just in time, so they need only live a few minutes. */
export const MAX_PART_URL_TTL_SEC = 5 * 60;

export const CreateMultipartUploadRequestSchema = CreateUploadRequestSchema.extend({
  partSizeBytes: z.number().int().min(MIN_PART_BYTES).max(MAX_PART_BYTES).default(DEFAULT_PART_BYTES),
});
export type CreateMultipartUploadRequest = z.infer<typeof CreateMultipartUploadRequestSchema>;

export const PartNumberSchema = z.number().int().min(1).max(10_000);

/** One planned part: every part but the last is exactly partSizeBytes long. */
export const PlannedPartSchema = z.object({
  partNumber: PartNumberSchema,
  sizeBytes: z.number().int().positive(),
});
export type PlannedPart = z.infer<typeof PlannedPartSchema>;

export const CreateMultipartUploadResponseSchema = z.object({
  uploadId: z.uuid(),
  state: UploadStateSchema,
  partSizeBytes: z.number().int().positive(),
  parts: z.array(PlannedPartSchema).min(1),
});
export type CreateMultipartUploadResponse = z.infer<typeof CreateMultipartUploadResponseSchema>;

/** Path parameters of a part: the part number must be a plain decimal integer (no signs, exponents or padding). */
export const UploadPartParamsSchema = z.object({
  id: z.uuid(),
  partNumber: z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/, 'must be a part number from 1')
    .transform(Number)
    .pipe(PartNumberSchema),
});

export const PartUrlResponseSchema = z.object({
  uploadId: z.uuid(),
  partNumber: PartNumberSchema,
  sizeBytes: z.number().int().positive(),
  request: PresignedRequestSchema,
});
export type PartUrlResponse = z.infer<typeof PartUrlResponseSchema>;

export const StoredPartSchema = PlannedPartSchema.extend({ etag: z.string() });
export type StoredPart = z.infer<typeof StoredPartSchema>;

export const ListPartsResponseSchema = z.object({
  uploadId: z.uuid(),
  state: UploadStateSchema,
  partSizeBytes: z.number().int().positive(),
  /** Parts storage already holds, by part number. */
  parts: z.array(StoredPartSchema),
  /** Part numbers still to send (a stored part of the wrong length counts as missing). */
  missing: z.array(PartNumberSchema),
});
export type ListPartsResponse = z.infer<typeof ListPartsResponseSchema>;

export const CompleteMultipartUploadRequestSchema = z.object({
  /** The ETags the client saw for each part; when left out, the parts storage lists are used. */
  parts: z
    .array(z.object({ partNumber: PartNumberSchema, etag: z.string().min(1).max(200) }))
    .min(1)
    .max(10_000)
    .optional(),
});
export type CompleteMultipartUploadRequest = z.infer<typeof CompleteMultipartUploadRequestSchema>;

export const CompleteMultipartUploadResponseSchema = z.object({
  uploadId: z.uuid(),
  state: UploadStateSchema,
  sizeBytes: z.number().int().positive(),
});
export type CompleteMultipartUploadResponse = z.infer<typeof CompleteMultipartUploadResponseSchema>;

/** An aborted multipart upload ends EXPIRED: its bytes never arrived. */
export const AbortMultipartUploadResponseSchema = z.object({ uploadId: z.uuid(), state: UploadStateSchema });
export type AbortMultipartUploadResponse = z.infer<typeof AbortMultipartUploadResponseSchema>;

export const UploadHistoryEntrySchema = z.object({
  state: UploadStateSchema,
  at: z.iso.datetime(),
  actor: UploadActorSchema,
  detail: z.string().nullable(),
});
export type UploadHistoryEntry = z.infer<typeof UploadHistoryEntrySchema>;

export const UploadViewSchema = z.object({
  uploadId: z.uuid(),
  state: UploadStateSchema,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  failure: z.object({ stage: PipelineStageSchema, reason: z.string() }).nullable(),
  history: z.array(UploadHistoryEntrySchema),
  /** Present once the upload is COMPLETED. */
  analysis: AnalysisSchema.nullable(),
  recommendations: z.array(RecommendationSchema).nullable(),
});
export type UploadView = z.infer<typeof UploadViewSchema>;

export const ListUploadsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  state: UploadStateSchema.optional(),
});
export type ListUploadsQuery = z.infer<typeof ListUploadsQuerySchema>;

export const UploadSummarySchema = UploadViewSchema.omit({
  history: true,
  analysis: true,
  recommendations: true,
});
export const ListUploadsResponseSchema = z.object({ uploads: z.array(UploadSummarySchema) });
export type ListUploadsResponse = z.infer<typeof ListUploadsResponseSchema>;

// Albums and recordings kept in the cloud (named Cloud* beside the desktop's local library contract).

export const AlbumNameSchema = z.string().trim().min(1).max(100);
export const RecordingTitleSchema = z.string().trim().min(1).max(200);

export const AlbumIdParamsSchema = z.object({ id: z.uuid() });
export const RecordingIdParamsSchema = z.object({ id: z.uuid() });

export const CreateAlbumRequestSchema = z.object({ name: AlbumNameSchema });
export const RenameAlbumRequestSchema = z.object({ name: AlbumNameSchema });

export const CloudAlbumSchema = z.object({
  albumId: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
});
export type CloudAlbum = z.infer<typeof CloudAlbumSchema>;
export const ListAlbumsResponseSchema = z.object({ albums: z.array(CloudAlbumSchema) });

export const CreateRecordingRequestSchema = z.object({
  title: RecordingTitleSchema,
  albumId: z.uuid().nullable().default(null),
});
/** Rename and/or move (albumId null = out of any album); at least one of the two. */
export const UpdateRecordingRequestSchema = z
  .object({ title: RecordingTitleSchema.optional(), albumId: z.uuid().nullable().optional() })
  .refine((body) => body.title !== undefined || body.albumId !== undefined, 'give a title or an albumId');
export const ListRecordingsQuerySchema = z.object({ albumId: z.uuid().optional() });

export const CloudRecordingSchema = z.object({
  recordingId: z.uuid(),
  title: z.string(),
  albumId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});
export type CloudRecording = z.infer<typeof CloudRecordingSchema>;
export const ListRecordingsResponseSchema = z.object({ recordings: z.array(CloudRecordingSchema) });

// The song catalogue the cloud recommends from (the engine's default catalogue), searchable and paginated.

export const CatalogueSearchQuerySchema = z.object({
  /** Matched against title and artist, ignoring case and accents. */
  q: z.string().trim().min(1).max(100).optional(),
  tag: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,40}$/, 'a tag is lower-case letters, digits and dashes')
    .optional(),
  /** ISO 639-1 code, or "und". */
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}$/, 'an ISO 639 language code such as "en" or "ko"')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Opaque: the nextCursor of the previous page. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, 'not a cursor this api issued')
    .optional(),
});
export type CatalogueSearchQuery = z.infer<typeof CatalogueSearchQuerySchema>;

export const CatalogueSongSchema = z.object({
  id: z.string(),
  title: z.string(),
  artist: z.string(),
  language: z.string(),
  tags: z.array(z.string()),
  difficulty: z.number().int().min(1).max(5),
  popularity: z.number().min(0).max(1),
  /** The melody's lowest and highest MIDI notes. */
  range: z.object({ lowest: z.number().int(), highest: z.number().int() }),
});
export type CatalogueSong = z.infer<typeof CatalogueSongSchema>;

export const CatalogueSearchResponseSchema = z.object({
  songs: z.array(CatalogueSongSchema),
  /** Songs matching the query in all pages. */
  total: z.number().int().nonnegative(),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type CatalogueSearchResponse = z.infer<typeof CatalogueSearchResponseSchema>;
