// Where each key of a horizontal piano keyboard sits, in white-key units: the SVG keyboard draws from this.

const BLACK_PITCH_CLASSES = new Set([1, 3, 6, 8, 10]);
/** Black keys sit off-centre over the seam, as on a real piano. */
const BLACK_OFFSET: Record<number, number> = { 1: -0.1, 3: 0.1, 6: -0.12, 8: 0, 10: 0.12 };

export interface KeyShape {
  midi: number;
  black: boolean;
  /** Left edge, in white-key widths from the keyboard's left. */
  x: number;
  width: number;
}

export const isBlackKey = (midi: number) => BLACK_PITCH_CLASSES.has(((midi % 12) + 12) % 12);

/** Keys from `first` to `last` (widened to start and end on white keys), whites first so blacks draw on top. */
export function keyboardKeys(first: number, last: number): { keys: KeyShape[]; whiteCount: number } {
  const start = isBlackKey(first) ? first - 1 : first;
  const end = isBlackKey(last) ? last + 1 : last;
  const whites: KeyShape[] = [];
  const blacks: KeyShape[] = [];
  let whiteIndex = 0;
  for (let midi = start; midi <= end; midi++) {
    if (isBlackKey(midi)) {
      const offset = BLACK_OFFSET[((midi % 12) + 12) % 12] ?? 0;
      blacks.push({ midi, black: true, x: whiteIndex - 0.3 + offset, width: 0.6 });
    } else {
      whites.push({ midi, black: false, x: whiteIndex, width: 1 });
      whiteIndex++;
    }
  }
  return { keys: [...whites, ...blacks], whiteCount: whiteIndex };
}

/** A view of whole octaves around the range, never narrower than C2..B5 so short ranges keep their place. */
export function keyboardSpan(lowest: number, highest: number): { first: number; last: number } {
  const first = Math.min(36, Math.floor((lowest - 2) / 12) * 12);
  const last = Math.max(83, Math.ceil((highest + 3) / 12) * 12 - 1);
  return { first, last };
}
