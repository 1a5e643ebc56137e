import { z } from 'zod';
import { AnalysisFailureCodeSchema, AnalysisSchema, RecommendationSchema } from '@orak/core';

// What the analysis service and its worker process say to each other; both sides parse what they receive.

export const WorkerJobSchema = z.object({
  type: z.literal('analyse'),
  file: z.string().min(1),
  /** Recommendations stored with the take. */
  top: z.number().int().min(0).max(100),
  /** The singer's imported songs on top of the default catalogue; null = the default catalogue only. */
  userCatalogueFile: z.string().nullable(),
});
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
  }),
  z.object({ type: z.literal('failed'), code: AnalysisFailureCodeSchema, message: z.string() }),
]);
export type WorkerReport = z.infer<typeof WorkerReportSchema>;
