import type { SungNote } from '@orak/core';
import type { PitchCandidates } from '../pitch/salienceTracker';

// A struck backing tone (piano, plucked bass) dies away from its strike; a sung note holds its level.
// Under a backing track, notes whose harmonic level falls fast are the accompaniment, not the singer.

/** Level fall (dB per second) beyond which a note counts as a decaying struck tone. */
export const FADING_DB_PER_SEC = -6;

/**
 * Least-squares slope (dB/s) of the level on the tracked pitch's harmonics over a note's sung frames
 * (frame energy plus the share of it lying on the harmonics), over the part [from, to) of the note.
 */
export function noteLevelSlope(
  note: SungNote,
  candidates: PitchCandidates,
  voiced: Uint8Array,
  from = 0,
  to = 1,
): number {
  const hopSec = candidates.hopSec;
  const start = Math.round(note.startSec / hopSec);
  const frames = Math.round(note.durSec / hopSec);
  const first = start + Math.floor(from * frames);
  const last = Math.min(voiced.length, start + Math.ceil(to * frames));
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = first; t < last; t++) {
    if (!voiced[t]) continue;
    const x = (t - first) * hopSec;
    const y = candidates.energyDb[t]! + 10 * Math.log10(candidates.harmonicity[t]! + 1e-6);
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const spread = n * sxx - sx * sx;
  return n >= 3 && spread > 0 ? (n * sxy - sx * sy) / spread : 0;
}

/** A struck tone decays all through: both halves of the note fall faster than the limit (a sung note that
 * merely ends in a step, or swells and fades, does not). */
export function isFading(
  note: SungNote,
  candidates: PitchCandidates,
  voiced: Uint8Array,
  limitDbPerSec = FADING_DB_PER_SEC,
): boolean {
  return (
    noteLevelSlope(note, candidates, voiced, 0, 0.5) < limitDbPerSec &&
    noteLevelSlope(note, candidates, voiced, 0.5, 1) < limitDbPerSec
  );
}

/** The notes that hold their level (all of them when no backing plays under the voice). */
export function withoutFadingNotes(
  notes: readonly SungNote[],
  candidates: PitchCandidates,
  voiced: Uint8Array,
  backgroundPresent: boolean,
  limitDbPerSec = FADING_DB_PER_SEC,
): SungNote[] {
  if (!backgroundPresent) return [...notes];
  return notes.filter((note) => !isFading(note, candidates, voiced, limitDbPerSec));
}
