import { songId, type CatalogueEntry, type SongSourceFormat } from './catalogueEntry';
import { CatalogueImportError, type MelodyNote, type ParsedMelody } from './melody';
import { histogramFromNotes, histogramQuantile } from './pitchHistogram';

/**
 * Where the duration-weighted median of a sung melody plausibly sits (A2..F5). Files whose median falls
 * outside were written an octave (or two) off, a common slip in UltraStar and MIDI files.
 */
export const PLAUSIBLE_MEDIAN = { low: 45, high: 77 } as const;

/** Octaves (as semitones) that move a melody's median into the plausible singing register; 0 if it is there. */
export function octaveCorrection(medianMidi: number): number {
  let shift = 0;
  while (medianMidi + shift < PLAUSIBLE_MEDIAN.low) shift += 12;
  while (medianMidi + shift > PLAUSIBLE_MEDIAN.high) shift -= 12;
  return shift;
}

/** 1..5 from what makes a song hard to sing: a wide span, big leaps, many notes per second. */
export function estimateDifficulty(notes: readonly MelodyNote[]): number {
  const midis = notes.map((note) => note.midi);
  const span = Math.max(...midis) - Math.min(...midis);
  let leaps = 0;
  for (let i = 1; i < midis.length; i++) if (Math.abs(midis[i]! - midis[i - 1]!) >= 7) leaps++;
  const sungSec = notes.reduce((sum, note) => sum + note.durationSec, 0);
  const notesPerSec = sungSec > 0 ? notes.length / sungSec : 0;
  let difficulty = 1;
  if (span > 9) difficulty++;
  if (span > 13) difficulty++;
  if (span > 17) difficulty++;
  if (leaps / notes.length > 0.08 || notesPerSec > 4) difficulty++;
  return Math.min(5, difficulty);
}

export interface SongSource {
  file: string;
  format: SongSourceFormat;
  /** Used when the file names no title. */
  fallbackTitle: string;
}

/** Turns a parsed melody into a catalogue entry: histogram, range from notes, octave check, defaults. */
export function songFromMelody(melody: ParsedMelody, source: SongSource): CatalogueEntry {
  const sung = melody.notes.filter((note) => note.durationSec > 0);
  if (sung.length === 0) throw new CatalogueImportError('no sung notes');
  const median = histogramQuantile(histogramFromNotes(sung), 0.5)!;
  const octaveShift = octaveCorrection(median);
  const notes = sung.map((note) => ({ ...note, midi: note.midi + octaveShift }));
  const midis = notes.map((note) => note.midi);
  const lowest = Math.min(...midis);
  const highest = Math.max(...midis);
  if (lowest < 0 || highest > 127) throw new CatalogueImportError(`notes outside MIDI 0..127`);
  const { metadata } = melody;
  const title = metadata.title?.trim() || source.fallbackTitle;
  const artist = metadata.artist?.trim() || 'Unknown';
  return {
    id: metadata.id ?? songId(artist, title),
    title,
    artist,
    language: metadata.language ?? 'und',
    tags: metadata.tags ?? [],
    difficulty: metadata.difficulty ?? estimateDifficulty(notes),
    popularity: metadata.popularity ?? 0,
    histogram: histogramFromNotes(notes),
    range: { lowest, highest },
    rangeProvenance: 'notes',
    octaveShift,
    source: { file: source.file, format: source.format },
  };
}
