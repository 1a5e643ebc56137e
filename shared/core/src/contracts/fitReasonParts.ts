import { z } from 'zod';

// Why a song fits at its key shift, as data rather than words, so every language can say it (the
// recommendation's English `reason` is one rendering of it). Notes are MIDI numbers, after the shift.

/** Unbounded: a user's imported song moved by a shift and an octave may stray past the MIDI range. */
const midi = z.number().int();
const percent = z.number().int().min(0).max(100);

export const FitReasonVerdictSchema = z.discriminatedUnion('kind', [
  /** The song's top (high) or bottom (low) note lies outside the singer's range, past `singerMidi`. */
  z.object({
    kind: z.literal('beyond-range'),
    side: z.enum(['high', 'low']),
    songMidi: midi,
    singerMidi: midi,
  }),
  /** `percent` of the song's sung time lies above (high) or below (low) the singer's comfortable edge. */
  z.object({ kind: z.literal('outside-comfort'), side: z.enum(['high', 'low']), percent, singerMidi: midi }),
  /**
   * The song fits: its edge nearest the singer's limit (top note under the highest, or low note over the
   * lowest; equal = reaches it) and the share of its sung time inside the comfortable range.
   */
  z.object({
    kind: z.literal('fits'),
    side: z.enum(['high', 'low']),
    songMidi: midi,
    singerMidi: midi,
    comfortablePercent: percent,
  }),
]);
export type FitReasonVerdict = z.infer<typeof FitReasonVerdictSchema>;

export const FitReasonPartsSchema = z.object({
  keyShift: z.number().int().min(-6).max(6),
  /** Octaves sung away from the written melody (-1 = an octave down). */
  octave: z.number().int().min(-1).max(1),
  /** Group mode: the singer (1-based) the song fits worst, whom the reason is about; absent for one singer. */
  singer: z.number().int().positive().optional(),
  verdict: FitReasonVerdictSchema,
});
export type FitReasonParts = z.infer<typeof FitReasonPartsSchema>;
