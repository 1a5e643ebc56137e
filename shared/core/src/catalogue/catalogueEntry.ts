import { z } from 'zod';

// One song of the catalogue: what the importers produce, the desktop lists and the recommender ranks.

/** `notes`: computed from the melody's notes; `declared`: typed in (CSV), no melody behind it. */
export const RangeProvenanceSchema = z.enum(['notes', 'declared']);
export type RangeProvenance = z.infer<typeof RangeProvenanceSchema>;

export const SongSourceFormatSchema = z.enum(['ultrastar', 'midi', 'kar', 'csv']);
export type SongSourceFormat = z.infer<typeof SongSourceFormatSchema>;

const MidiNumberSchema = z.number().int().min(0).max(127);

export const CatalogueEntrySchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    artist: z.string().min(1),
    /** ISO 639-1 code ("en", "ko"), or "und" when unknown. */
    language: z.string().min(2),
    tags: z.array(z.string().min(1)),
    /** 1 (easy) .. 5 (hard). */
    difficulty: z.number().int().min(1).max(5),
    /** 0 (unknown) .. 1 (everyone sings it). */
    popularity: z.number().min(0).max(1),
    /** Seconds sung per MIDI note, keyed by MIDI number; empty when the range is declared. */
    histogram: z.record(z.string(), z.number().nonnegative()),
    range: z.object({ lowest: MidiNumberSchema, highest: MidiNumberSchema }),
    rangeProvenance: RangeProvenanceSchema,
    /** Semitones the import moved the melody to fix an octave-off file (0 = untouched). */
    octaveShift: z.number().int(),
    source: z.object({ file: z.string(), format: SongSourceFormatSchema }),
  })
  .refine((entry) => entry.range.lowest <= entry.range.highest, {
    message: 'range.lowest must not be above range.highest',
  });
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;

export const CatalogueSchema = z.object({ songs: z.array(CatalogueEntrySchema) });
export type Catalogue = z.infer<typeof CatalogueSchema>;

/**
 * Stable, readable id from artist and title ("traditional--amazing-grace"): accents dropped ("frere"),
 * Hangul and other letters kept.
 */
export function songId(artist: string, title: string): string {
  const slug = (text: string): string =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .normalize('NFC')
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '');
  return `${slug(artist) || 'unknown'}--${slug(title) || 'untitled'}`;
}
