// Micro-fluctuation of the pitch track: a voice always wavers (drift, vibrato, jitter) while a keyboard
// or synth note in the backing holds its pitch dead still, so steadiness marks accompaniment.

/** Jumps larger than this (cents) between frames are note changes, not fluctuation. */
const JUMP_CENTS = 100;

/**
 * Per frame, the mean absolute second difference of the pitch (cents) over `halfWindow` frames each side:
 * a glide (a straight line) scores zero, so only wavering counts.
 */
export function pitchFluctuation(hz: Float32Array, halfWindow = 5): Float32Array {
  const frames = hz.length;
  const cents = new Float64Array(frames);
  for (let t = 0; t < frames; t++) cents[t] = hz[t]! > 0 ? 1200 * Math.log2(hz[t]! / 440) : NaN;
  // Second difference at each interior frame, NaN when it spans a jump or an unpitched frame.
  const second = new Float64Array(frames).fill(NaN);
  for (let t = 1; t < frames - 1; t++) {
    const d = cents[t + 1]! - 2 * cents[t]! + cents[t - 1]!;
    if (Math.abs(d) < JUMP_CENTS) second[t] = Math.abs(d);
  }
  const out = new Float32Array(frames);
  for (let t = 0; t < frames; t++) {
    let sum = 0;
    let count = 0;
    for (let u = Math.max(1, t - halfWindow); u <= Math.min(frames - 2, t + halfWindow); u++) {
      if (Number.isNaN(second[u]!)) continue;
      sum += second[u]!;
      count++;
    }
    out[t] = count > 0 ? sum / count : 0;
  }
  return out;
}
