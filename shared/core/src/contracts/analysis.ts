import { z } from 'zod';
import { FitReasonPartsSchema } from './fitReasonParts';

// The analysis of one take: the shape the CLI prints, the analyzer stores and the desktop shows.

export const NoteRefSchema = z.object({
  midi: z.number().int().min(0).max(127),
  note: z.string(),
  hz: z.number().positive(),
});
export type NoteRef = z.infer<typeof NoteRefSchema>;

export const VoiceTypeLabelSchema = z.enum([
  'bass',
  'baritone',
  'tenor',
  'countertenor',
  'contralto',
  'mezzo-soprano',
  'soprano',
]);
export type VoiceTypeLabel = z.infer<typeof VoiceTypeLabelSchema>;

export const TimbreSchema = z.object({
  /** Spectral centroid of voiced frames, in Hz. */
  brightnessHz: z.number().nonnegative(),
  /** Harmonics-to-noise ratio of voiced frames, in dB (low = breathy). */
  hnrDb: z.number(),
  /** 0 (clear) .. 1 (very breathy), derived from the harmonics-to-noise ratio. */
  breathiness: z.number().min(0).max(1),
  /** Vibrato rate in Hz and extent in cents (peak to peak / 2); null when the take has no vibrato. */
  vibratoRateHz: z.number().nonnegative().nullable(),
  vibratoExtentCents: z.number().nonnegative().nullable(),
});
export type Timbre = z.infer<typeof TimbreSchema>;

export const TakeStatsSchema = z.object({
  voicedSec: z.number().nonnegative(),
  voicedRatio: z.number().min(0).max(1),
  sustainedNotes: z.number().int().nonnegative(),
  meanMidi: z.number().nullable(),
  pitchStabilityCents: z.number().nonnegative().nullable(),
});
export type TakeStats = z.infer<typeof TakeStatsSchema>;

export const AnalysisSchema = z.object({
  range: z.object({ lowest: NoteRefSchema, highest: NoteRefSchema }),
  tessitura: z.object({ low: NoteRefSchema, high: NoteRefSchema }),
  voiceType: z.object({ label: VoiceTypeLabelSchema, confidence: z.number().min(0).max(1) }),
  timbre: TimbreSchema,
  stats: TakeStatsSchema,
  /** Seconds sung per MIDI note (duration-weighted histogram of sustained notes), keyed by MIDI number. */
  histogram: z.record(z.string(), z.number().nonnegative()),
  /** The same, counting only the tessitura windows the analysis was asked for (a range test); else absent. */
  tessituraHistogram: z.record(z.string(), z.number().nonnegative()).optional(),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

export const F0TrackSchema = z.object({
  hopSec: z.number().positive(),
  startSec: z.number().nonnegative(),
  /** One value per hop; 0 = unvoiced. */
  hz: z.array(z.number().nonnegative()),
});
export type F0Track = z.infer<typeof F0TrackSchema>;

export const SongRefRangeSchema = z.object({
  lowest: z.object({ midi: z.number().int(), note: z.string() }),
  highest: z.object({ midi: z.number().int(), note: z.string() }),
});

export const RecommendationSchema = z.object({
  songId: z.string(),
  title: z.string(),
  artist: z.string(),
  keyShift: z.number().int().min(-6).max(6),
  /** Octaves the singer sings away from the written melody (-1: an octave lower, as men sing a soprano's song). */
  octave: z.number().int().min(-1).max(1).optional(),
  fit: z.number().min(0).max(100),
  reason: z.string(),
  /** What `reason` says, as data, for the desktop to say in the singer's language. */
  reasonParts: FitReasonPartsSchema.optional(),
  /** The song's range in its original key. */
  songRange: SongRefRangeSchema,
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

/** What `orak analyze <file> --json` prints. */
export const AnalyzeOutputSchema = AnalysisSchema.extend({
  file: z.string(),
  durationSec: z.number().positive(),
  sampleRate: z.number().int().positive(),
  f0: F0TrackSchema.optional(),
  recommendations: z.array(RecommendationSchema).optional(),
});
export type AnalyzeOutput = z.infer<typeof AnalyzeOutputSchema>;

/** What a recommender needs to know about a singer. */
export const VoiceProfileSchema = z.object({
  lowest: z.number().int(),
  highest: z.number().int(),
  comfortableLow: z.number().int(),
  comfortableHigh: z.number().int(),
});
export type VoiceProfile = z.infer<typeof VoiceProfileSchema>;
