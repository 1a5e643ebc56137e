/**
 * Median share of the frame's spectral peaks that sit on the sung pitch's harmonics, over a take's sung
 * frames: measured 0.57-0.81 for singing under a 0 dB backing and 1.0 clean, 0.24 for plain hiss, which the
 * voice picker (trained on takes that all hold singing) can take for a voice.
 */
export const MIN_SUNG_HARMONIC_SHARE = 0.4;

/** Whether the frames called sung are, as a whole, harmonic: hiss and broadband noise are not singing. */
export function sungFramesAreHarmonic(
  voiced: Uint8Array,
  harmonicity: Float32Array,
  minShare = MIN_SUNG_HARMONIC_SHARE,
): boolean {
  const shares: number[] = [];
  for (let t = 0; t < voiced.length; t++) if (voiced[t]) shares.push(harmonicity[t]!);
  if (shares.length === 0) return false;
  shares.sort((a, b) => a - b);
  return shares[Math.floor(shares.length / 2)]! >= minShare;
}
