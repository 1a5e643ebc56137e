import type { MelodyNote } from './melody';

/** Seconds per MIDI note, keyed by MIDI number (the same shape as an analysis histogram). */
export type PitchHistogram = Record<string, number>;

export function histogramFromNotes(notes: readonly MelodyNote[]): PitchHistogram {
  const seconds = new Map<number, number>();
  for (const note of notes) seconds.set(note.midi, (seconds.get(note.midi) ?? 0) + note.durationSec);
  const histogram: PitchHistogram = {};
  for (const midi of [...seconds.keys()].sort((a, b) => a - b)) {
    histogram[String(midi)] = Math.round(seconds.get(midi)! * 1000) / 1000;
  }
  return histogram;
}

/** Histogram entries as sorted [midi, seconds] pairs. */
export function histogramEntries(histogram: PitchHistogram): [number, number][] {
  return Object.entries(histogram)
    .map(([midi, seconds]): [number, number] => [Number(midi), seconds])
    .filter(([, seconds]) => seconds > 0)
    .sort((a, b) => a[0] - b[0]);
}

/** The MIDI note below which `fraction` of the sung time lies (0.5 = duration-weighted median). */
export function histogramQuantile(histogram: PitchHistogram, fraction: number): number | null {
  const entries = histogramEntries(histogram);
  const total = entries.reduce((sum, [, seconds]) => sum + seconds, 0);
  if (total <= 0) return null;
  let running = 0;
  for (const [midi, seconds] of entries) {
    running += seconds;
    if (running >= fraction * total - 1e-9) return midi;
  }
  return entries[entries.length - 1]![0];
}
