import type { VoiceProfile } from '../contracts/analysis';
import { shareAtOrBelow, type RecommendIndex } from './recommendIndex';

// How well one song, moved by one key shift (and sung in one octave), fits one singer. Plain arithmetic
// on a few numbers, so the recommender can afford it 13+ times per song on a 100,000-song catalogue.

export const KEY_SHIFTS = [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6] as const;

/** Points lost per unit; notes above the range hurt more than notes below it (strain vs. a quiet note). */
export const FIT_WEIGHTS = {
  shareAboveComfort: 60,
  shareBelowComfort: 40,
  semitoneOverTop: 15,
  semitoneUnderBottom: 10,
  /** Per semitone the song's mean sits off the comfortable centre, beyond CENTRE_TOLERANCE. */
  offCentre: 0.75,
  /** Singers prefer the original key when it fits as well. */
  perShiftSemitone: 0.5,
  /** Singing an octave away from the written melody is normal (men sing women's songs), but the written octave wins a tie. */
  perOctave: 2,
} as const;
/** Semitones the song's mean may sit off the comfortable centre for free. */
export const CENTRE_TOLERANCE = 2;

/** A song as one singer meets it: transposed by `offset` semitones (key shift + 12 x octave). */
export interface ShiftedSong {
  lowest: number;
  highest: number;
  meanMidi: number;
  /** Share of sung time above the singer's comfortable high / below their comfortable low. */
  shareAbove: number;
  shareBelow: number;
}

/** Fills `out` with song i transposed by `offset` semitones, as seen by `singer`. */
export function shiftSong(
  index: RecommendIndex,
  i: number,
  offset: number,
  singer: VoiceProfile,
  out: ShiftedSong,
): ShiftedSong {
  out.lowest = index.lowest[i]! + offset;
  out.highest = index.highest[i]! + offset;
  out.meanMidi = index.meanMidi[i]! + offset;
  out.shareAbove = 1 - shareAtOrBelow(index, i, singer.comfortableHigh - offset);
  out.shareBelow = shareAtOrBelow(index, i, singer.comfortableLow - offset - 1);
  return out;
}

/** 0..100 (unrounded) for a song transposed by shift + 12 x octave. */
export function fitScore(song: ShiftedSong, singer: VoiceProfile, shift: number, octave: number): number {
  const overTop = song.highest > singer.highest ? song.highest - singer.highest : 0;
  const underBottom = song.lowest < singer.lowest ? singer.lowest - song.lowest : 0;
  const centre = (singer.comfortableLow + singer.comfortableHigh) / 2;
  const distance = Math.abs(song.meanMidi - centre) - CENTRE_TOLERANCE;
  const raw =
    100 -
    FIT_WEIGHTS.shareAboveComfort * song.shareAbove -
    FIT_WEIGHTS.shareBelowComfort * song.shareBelow -
    FIT_WEIGHTS.semitoneOverTop * overTop -
    FIT_WEIGHTS.semitoneUnderBottom * underBottom -
    (distance > 0 ? FIT_WEIGHTS.offCentre * distance : 0) -
    FIT_WEIGHTS.perShiftSemitone * (shift < 0 ? -shift : shift) -
    FIT_WEIGHTS.perOctave * (octave < 0 ? -octave : octave);
  return raw > 100 ? 100 : raw < 0 ? 0 : raw;
}

/**
 * The octaves worth trying for a song and singer: the written one, and the one that brings the song's
 * mean nearest the singer's centre; the written octave is dropped when it is hopelessly far.
 */
export function candidateOctaves(meanMidi: number, singer: VoiceProfile): readonly number[] {
  const distance = (singer.comfortableLow + singer.comfortableHigh) / 2 - meanMidi;
  const nearest = Math.max(-1, Math.min(1, Math.round(distance / 12)));
  if (nearest === 0) return WRITTEN_OCTAVE;
  if (Math.abs(distance) > 9) return nearest < 0 ? OCTAVE_DOWN : OCTAVE_UP;
  return nearest < 0 ? WRITTEN_OR_DOWN : WRITTEN_OR_UP;
}
const WRITTEN_OCTAVE = [0] as const;
const OCTAVE_DOWN = [-1] as const;
const OCTAVE_UP = [1] as const;
const WRITTEN_OR_DOWN = [0, -1] as const;
const WRITTEN_OR_UP = [0, 1] as const;
