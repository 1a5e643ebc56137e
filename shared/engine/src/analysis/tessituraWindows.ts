import { DEFAULT_RANGE_OPTIONS, type SungNote, type TessituraWindow } from '@orak/core';

// A guided range test slides slowly between its extremes, which spreads sung time over every note and makes
// the whole take's tessitura equal its range: the comfortable range comes from the windows where the singer
// was asked to sing comfortably (the comfortable note, the phrase) instead.

/** Less sung time than this inside the windows says nothing: the whole take's tessitura stands. */
export const MIN_WINDOWED_SUNG_SEC = 1;

/** Sorted, overlaps merged: a note inside two overlapping windows counts once. */
function mergeWindows(windows: readonly TessituraWindow[]): TessituraWindow[] {
  const merged: TessituraWindow[] = [];
  for (const window of [...windows].sort((a, b) => a.startSec - b.startSec)) {
    const last = merged[merged.length - 1];
    if (last && window.startSec <= last.endSec) last.endSec = Math.max(last.endSec, window.endSec);
    else merged.push({ startSec: window.startSec, endSec: window.endSec });
  }
  return merged;
}

/** Seconds sung per MIDI note counting only the part of each note inside a window. */
export function windowedHistogram(
  notes: readonly SungNote[],
  windows: readonly TessituraWindow[],
): Map<number, number> {
  const merged = mergeWindows(windows);
  const histogram = new Map<number, number>();
  for (const note of notes) {
    const end = note.startSec + note.durSec;
    let inside = 0;
    for (const window of merged)
      inside += Math.max(0, Math.min(end, window.endSec) - Math.max(note.startSec, window.startSec));
    if (inside > 0) histogram.set(note.midi, (histogram.get(note.midi) ?? 0) + inside);
  }
  return histogram;
}

/** The notes holding the central `share` of the histogram's time (the same cut as the whole take's). */
export function centralSpan(
  histogram: ReadonlyMap<number, number>,
  share = DEFAULT_RANGE_OPTIONS.tessituraShare,
): { low: number; high: number } | null {
  const keys = [...histogram.keys()].sort((a, b) => a - b);
  const total = keys.reduce((sum, k) => sum + histogram.get(k)!, 0);
  if (keys.length === 0 || total <= 0) return null;
  const tail = ((1 - share) / 2) * total;
  const firstPast = (ordered: number[]) => {
    let cumulative = 0;
    for (const k of ordered) {
      cumulative += histogram.get(k)!;
      if (cumulative > tail) return k;
    }
    return ordered[ordered.length - 1]!;
  };
  return { low: firstPast(keys), high: firstPast([...keys].reverse()) };
}

/**
 * The tessitura over the windows, kept inside the take's range [lowest, highest]; null when the windows
 * hold too little singing to say (the caller keeps the whole take's).
 */
export function windowedTessitura(
  notes: readonly SungNote[],
  windows: readonly TessituraWindow[],
  range: { lowest: number; highest: number },
): { low: number; high: number; histogram: Map<number, number> } | null {
  const histogram = windowedHistogram(notes, windows);
  const sung = [...histogram.values()].reduce((sum, seconds) => sum + seconds, 0);
  const span = sung >= MIN_WINDOWED_SUNG_SEC ? centralSpan(histogram) : null;
  if (!span) return null;
  const clamp = (midi: number, low: number, high: number) => Math.max(low, Math.min(high, midi));
  const low = clamp(span.low, range.lowest, range.highest);
  return { low, high: clamp(span.high, low, range.highest), histogram };
}
