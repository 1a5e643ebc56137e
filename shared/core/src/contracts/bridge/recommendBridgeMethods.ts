import { z } from 'zod';
import { RecommendationSchema, VoiceProfileSchema } from '../analysis';

// Bridge methods of song recommendations: the engine's recommender over the catalogue, in the main process.

export const RecommendFiltersSchema = z
  .object({
    /** ISO 639-1 codes; a song in any of them passes. */
    languages: z.array(z.string().min(2).max(8)).max(20),
    /** A song must carry every one of these. */
    tags: z.array(z.string().min(1).max(50)).max(20),
    minDifficulty: z.number().int().min(1).max(5),
    maxDifficulty: z.number().int().min(1).max(5),
  })
  .partial()
  .strict();
export type RecommendFilters = z.infer<typeof RecommendFiltersSchema>;

/** Whose voice to fit: one analysed take, or the singer over all analysed takes. */
export const RecommendSubjectSchema = z.union([
  z.object({ takeId: z.string().min(1).max(200) }).strict(),
  z.object({ singer: z.literal(true) }).strict(),
]);
export type RecommendSubject = z.infer<typeof RecommendSubjectSchema>;

export const CatalogueFacetsSchema = z.object({
  songCount: z.number().int().nonnegative(),
  languages: z.array(z.string()),
  tags: z.array(z.string()),
});
export type CatalogueFacets = z.infer<typeof CatalogueFacetsSchema>;

export const GuideNoteSchema = z.object({
  midi: z.number().int().min(0).max(127),
  startSec: z.number().nonnegative(),
  durationSec: z.number().positive(),
});
export type GuideNote = z.infer<typeof GuideNoteSchema>;

/** A song's melody moved into the singer's key: what the Sing screen draws as a guide. */
export const SongGuideSchema = z.object({
  songId: z.string(),
  title: z.string(),
  artist: z.string(),
  /** Semitones the notes were moved (key shift plus any octave). */
  transposeSemitones: z.number().int(),
  /** Null when the song has no melody behind it (its range was typed in). */
  notes: z.array(GuideNoteSchema).nullable(),
});
export type SongGuide = z.infer<typeof SongGuideSchema>;

export const recommendBridgeMethods = {
  'recommend.songs': {
    request: z
      .object({
        subject: RecommendSubjectSchema,
        top: z.number().int().min(1).max(100),
        filters: RecommendFiltersSchema.optional(),
      })
      .strict(),
    response: z.object({ profile: VoiceProfileSchema, recommendations: z.array(RecommendationSchema) }),
  },
  'recommend.facets': { request: z.object({}).strict(), response: CatalogueFacetsSchema },
  'recommend.guide': {
    request: z
      .object({
        songId: z.string().min(1).max(300),
        keyShift: z.number().int().min(-6).max(6),
        octave: z.number().int().min(-1).max(1).optional(),
      })
      .strict(),
    response: SongGuideSchema,
  },
} as const;
