import type { SalienceMatrix } from '../salienceTracker';

/** Input planes the voice-picker model reads; training (shared/engine/training) and inference share this code. */
export const VOICE_PICKER_PLANES = 2;
/**
 * The picker reads the salience pooled (max) over pairs of frames and pairs of bins: 20 ms and 40 cents are
 * fine enough to say which tone is the singer's, and four times cheaper; the exact pitch comes back from
 * the full-resolution salience afterwards.
 */
export const TIME_POOL = 2;
export const BIN_POOL = 2;

const FRAME_FLOOR = 1e-3;
const TAKE_FLOOR = 1e-4;
const TAKE_CEILING = 1.5;

export interface PickerShape {
  /** Pooled frames and bins. */
  frames: number;
  bins: number;
}

export function pickerShape(matrix: SalienceMatrix): PickerShape {
  return {
    frames: Math.ceil(matrix.frames / TIME_POOL),
    bins: Math.ceil(matrix.grid.bins / BIN_POOL),
  };
}

/** The take's reference level: a high percentile of frame maxima, so one loud click cannot set the scale. */
export function takeReference(frameMax: Float32Array): number {
  const sounding = Array.from(frameMax).filter((v) => v > 1e-9);
  if (sounding.length === 0) return 1;
  sounding.sort((a, b) => a - b);
  return sounding[Math.floor(0.9 * (sounding.length - 1))]!;
}

/**
 * Two planes of pooled log salience for pooled frames [from, to), each ((to - from) x pooled bins), in
 * [0, 1.5]: relative to the frame's own peak (which tone leads here) and relative to the take's level
 * (how loud against the whole take).
 */
export function voicePickerFeatures(
  matrix: SalienceMatrix,
  reference = takeReference(matrix.frameMax),
  from = 0,
  to = pickerShape(matrix).frames,
): Float32Array {
  const { values, frameMax } = matrix;
  const fineBins = matrix.grid.bins;
  const bins = pickerShape(matrix).bins;
  const plane = (to - from) * bins;
  const out = new Float32Array(VOICE_PICKER_PLANES * plane);
  const frameScale = 1 / Math.log(1 / FRAME_FLOOR);
  const takeScale = 1 / Math.log(1 / TAKE_FLOOR);
  const pooled = new Float64Array(bins);
  for (let t = from; t < to; t++) {
    pooled.fill(0);
    let max = 0;
    for (let f = t * TIME_POOL; f < Math.min(matrix.frames, (t + 1) * TIME_POOL); f++) {
      if (frameMax[f]! <= 0) continue;
      if (frameMax[f]! > max) max = frameMax[f]!;
      const row = f * fineBins;
      for (let k = 0, b = 0; k < bins; k++) {
        let m = pooled[k]!;
        for (const end = Math.min(fineBins, b + BIN_POOL); b < end; b++)
          if (values[row + b]! > m) m = values[row + b]!;
        pooled[k] = m;
      }
    }
    if (max <= 1e-9) continue;
    const outRow = (t - from) * bins;
    // log(s / max + floor) = log(s + floor * max) - log(max): one logarithm per bin and plane.
    const frameOffset = FRAME_FLOOR * max;
    const logMax = Math.log(max);
    const takeOffset = TAKE_FLOOR * reference;
    const logReference = Math.log(reference);
    for (let k = 0; k < bins; k++) {
      const s = pooled[k]!;
      if (s <= 0) continue;
      out[outRow + k] = Math.max(0, (Math.log(s + frameOffset) - logMax) * frameScale + 1);
      out[plane + outRow + k] = Math.min(
        TAKE_CEILING,
        Math.max(0, (Math.log(s + takeOffset) - logReference) * takeScale + 1),
      );
    }
  }
  return out;
}

/** Pooled class of a true pitch: the pooled bin holding its nearest grid bin, or `bins` ("no singing"). */
export function voicePickerLabel(hz: number, minHz: number, centsPerBin: number, fineBins: number): number {
  const bins = Math.ceil(fineBins / BIN_POOL);
  if (!(hz > 0)) return bins;
  const fine = Math.round((1200 * Math.log2(hz / minHz)) / centsPerBin);
  return fine >= 0 && fine < fineBins ? Math.floor(fine / BIN_POOL) : bins;
}
