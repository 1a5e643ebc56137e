import { z } from 'zod';
import {
  AnalysisFailureCodeSchema,
  AnalysisSchema,
  F0TrackSchema,
  RecommendationSchema,
  SingerVoiceSchema,
  TessituraWindowsSchema,
  WaveformPeaksSchema,
} from '@orak/core';

// What the main process and its worker processes say to each other; both sides parse what they receive.

export const AnalyseJobSchema = z.object({
  type: z.literal('analyse'),
  file: z.string().min(1),
  /** Recommendations stored with the take. */
  top: z.number().int().min(0).max(100),
  /** The singer's imported songs on top of the default catalogue; null = the default catalogue only. */
  userCatalogueFile: z.string().nullable(),
  /** Where the singer sang comfortably: the tessitura comes from these stretches only. */
  tessituraWindows: TessituraWindowsSchema.optional(),
  /** The singer's declared voice (Settings), which splits voice types that share a range. */
  singerVoice: SingerVoiceSchema.nullable().optional(),
});
export type AnalyseJob = z.infer<typeof AnalyseJobSchema>;

/** A take's waveform peaks and pitch curve for the Library. */
export const MediaJobSchema = z.object({
  type: z.literal('media'),
  file: z.string().min(1),
});

export const WorkerJobSchema = z.discriminatedUnion('type', [AnalyseJobSchema, MediaJobSchema]);
export type WorkerJob = z.infer<typeof WorkerJobSchema>;

export const WorkerStageSchema = z.enum(['decode', 'pitch', 'analysis', 'recommend']);
export type WorkerStage = z.infer<typeof WorkerStageSchema>;

export const WorkerReportSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('stage'),
    stage: WorkerStageSchema,
    /** Seconds of audio, known once decoded: sizes the estimate of the pitch stage. */
    audioSec: z.number().nonnegative().nullable(),
  }),
  z.object({
    type: z.literal('done'),
    analysis: AnalysisSchema,
    recommendations: z.array(RecommendationSchema),
    /** Why there are no recommendations although some were asked for (the song catalogue cannot be read). */
    recommendationsUnavailable: z.string().nullable(),
  }),
  z.object({ type: z.literal('failed'), code: AnalysisFailureCodeSchema, message: z.string() }),
  z.object({ type: z.literal('media'), peaks: WaveformPeaksSchema, pitch: F0TrackSchema }),
  z.object({ type: z.literal('media-failed'), missing: z.boolean(), detail: z.string() }),
]);
export type WorkerReport = z.infer<typeof WorkerReportSchema>;
