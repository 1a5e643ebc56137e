import { z } from 'zod';
import { NoteRefSchema, TimbreSchema, VoiceTypeLabelSchema } from '../analysis';
import { TakeAnalysisSchema } from '../library';
import { TessituraWindowsSchema } from '../tessituraWindows';

// Bridge methods of the local analysis service: a take analysed off the main thread, polled for progress.

/** decode -> pitch (the tracker, most of the time) -> analysis (range, voice, timbre) -> recommend. */
export const AnalysisStageSchema = z.enum(['queued', 'decode', 'pitch', 'analysis', 'recommend']);
export type AnalysisStage = z.infer<typeof AnalysisStageSchema>;

/** Why an analysis failed: the engine's refusals by name, plus what can go wrong around it. */
export const AnalysisFailureCodeSchema = z.enum([
  'not-found',
  'empty',
  'too-large',
  'not-audio',
  'truncated',
  'undecodable',
  'too-short',
  'too-long',
  'silent',
  'no-singing',
  'worker-crashed',
  'internal',
]);
export type AnalysisFailureCode = z.infer<typeof AnalysisFailureCodeSchema>;

export const AnalysisJobSchema = z.object({
  jobId: z.string().min(1),
  takeId: z.string().min(1),
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  stage: AnalysisStageSchema,
  /** 0..1 over all stages. */
  fraction: z.number().min(0).max(1),
  error: z.object({ code: AnalysisFailureCodeSchema, message: z.string() }).nullable(),
});
export type AnalysisJob = z.infer<typeof AnalysisJobSchema>;

/** The singer across every analysed take: range union, tessitura and timbre weighted by sung time. */
export const SingerProfileSchema = z.object({
  takeCount: z.number().int().positive(),
  voicedSec: z.number().nonnegative(),
  range: z.object({ lowest: NoteRefSchema, highest: NoteRefSchema }),
  tessitura: z.object({ low: NoteRefSchema, high: NoteRefSchema }),
  voiceType: z.object({ label: VoiceTypeLabelSchema, confidence: z.number().min(0).max(1) }),
  timbre: TimbreSchema,
});
export type SingerProfile = z.infer<typeof SingerProfileSchema>;

const id = z.string().min(1).max(200);

export const analysisBridgeMethods = {
  /**
   * Queues the take (or returns the job already queued or running for it). `tessituraWindows`: where in it the
   * singer sang comfortably (a range test's steps); left out, a re-analysis keeps the take's earlier ones.
   */
  'analysis.start': {
    request: z.object({ takeId: id, tessituraWindows: TessituraWindowsSchema.optional() }).strict(),
    response: AnalysisJobSchema,
  },
  'analysis.status': { request: z.object({ jobId: id }).strict(), response: AnalysisJobSchema },
  'analysis.cancel': { request: z.object({ jobId: id }).strict(), response: AnalysisJobSchema },
  /** The analysis stored in a take; null until it has one. */
  'analysis.result': { request: z.object({ takeId: id }).strict(), response: TakeAnalysisSchema.nullable() },
  /** Null until at least one take has been analysed. */
  'analysis.singer': { request: z.object({}).strict(), response: SingerProfileSchema.nullable() },
} as const;
