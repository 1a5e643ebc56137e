import { z } from 'zod';
import { AnalysisSchema, RecommendationSchema } from './analysis';
import { TessituraWindowsSchema } from './tessituraWindows';
import { UploadStateSchema } from './uploadStates';

// The desktop library's records as the renderer sees them: albums, takes and queries over them.

const isoDate = z.string().datetime({ offset: true });

export const AlbumSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** The singer's order, 0 first. */
  position: z.number().int().nonnegative(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Album = z.infer<typeof AlbumSchema>;

export const TakeRangeSchema = z.object({ lowMidi: z.number(), highMidi: z.number() });
export type TakeRange = z.infer<typeof TakeRangeSchema>;

/** A take's analysis, worked out on this machine or in the cloud, with the songs it recommended. */
export const TakeAnalysisSchema = z.object({
  source: z.enum(['local', 'cloud']),
  analyzedAt: isoDate,
  result: AnalysisSchema,
  recommendations: z.array(RecommendationSchema),
  /** Why no songs were stored with the analysis (the song catalogue could not be read); absent when they were. */
  recommendationsUnavailable: z.string().nullable().optional(),
  /** The stretches the tessitura came from (a range test's comfortable steps); absent = the whole take. */
  tessituraWindows: TessituraWindowsSchema.optional(),
});
export type TakeAnalysis = z.infer<typeof TakeAnalysisSchema>;

/** Where a take stands in the cloud: its upload and the last state seen. */
export const TakeCloudSchema = z.object({
  uploadId: z.string().min(1),
  state: UploadStateSchema,
  updatedAt: isoDate,
  /** Why a REJECTED or FAILED upload ended there. */
  reason: z.string().nullable(),
});
export type TakeCloud = z.infer<typeof TakeCloudSchema>;

export const TakeSchema = z.object({
  id: z.string().min(1),
  albumId: z.string().nullable(),
  title: z.string(),
  /** Audio file name inside the library's takes/ folder. */
  fileName: z.string().min(1),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
  durationSec: z.number().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
  recordedAt: isoDate,
  notes: z.string(),
  tags: z.array(z.string()),
  range: TakeRangeSchema.nullable(),
  analysis: TakeAnalysisSchema.nullable(),
  cloud: TakeCloudSchema.nullable(),
  updatedAt: isoDate,
});
export type Take = z.infer<typeof TakeSchema>;

export const TakeQuerySchema = z.object({
  /** An album id, null for takes in no album, absent for every take. */
  albumId: z.string().nullable().optional(),
  search: z.string().max(200).optional(),
  sort: z.enum(['recordedAt', 'title', 'durationSec']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  offset: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});
export type TakeQuery = z.infer<typeof TakeQuerySchema>;

export const TakePageSchema = z.object({ total: z.number().int().nonnegative(), items: z.array(TakeSchema) });
export type TakePage = z.infer<typeof TakePageSchema>;

export const LibraryStatusSchema = z.object({
  /** ready; unreadable (corrupt with no usable backup); too-new (written by a newer app); unavailable (no desktop). */
  state: z.enum(['ready', 'unreadable', 'too-new', 'unavailable']),
  message: z.string().nullable(),
  /** What opening repaired, to tell the singer once. */
  recoveries: z.array(
    z.object({
      kind: z.enum(['restored-from-backup', 'migrated']),
      detail: z.string(),
      setAsidePath: z.string().nullable(),
    }),
  ),
});
export type LibraryStatus = z.infer<typeof LibraryStatusSchema>;
