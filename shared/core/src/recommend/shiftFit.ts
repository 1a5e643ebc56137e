import type { VoiceProfile } from '../contracts/analysis';

// How well one song, moved by one key shift, fits one singer. Pure arithmetic on a few numbers so the
// recommender can afford it 13 times per song on a 100,000-song catalogue.

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
} as const;
const CENTRE_TOLERANCE = 2;

/** The numbers a fit needs about a shifted song. */
export interface ShiftedSong {
  lowest: number;
  highest: number;
  meanMidi: number;
  /** Share of sung time above the singer's comfortable high / below their comfortable low. */
  shareAbove: number;
  shareBelow: number;
}

/** 0..100 (unrounded). Takes plain numbers, returns a number: it runs in the recommender's inner loop. */
export function fitScore(song: ShiftedSong, singer: VoiceProfile, shift: number): number {
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
    FIT_WEIGHTS.perShiftSemitone * (shift < 0 ? -shift : shift);
  return raw > 100 ? 100 : raw < 0 ? 0 : raw;
}
