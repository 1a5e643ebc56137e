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
