import { binToHz } from '../harmonicSalience';
import type { SalienceMatrix } from '../salienceTracker';
import { BIN_POOL, TIME_POOL } from './voicePickerFeatures';
import type { VoicePosteriors } from './voicePickerModel';

export interface PathParams {
  /** Log-probability cost per pooled bin (40 cents) of pitch movement between frames, capped by `jumpCost`. */
  stepCost: number;
  jumpCost: number;
  /** Cost of starting or stopping singing between two frames. */
  switchCost: number;
}

export const DEFAULT_PATH: PathParams = { stepCost: 0.3, jumpCost: 5, switchCost: 3 };

/**
 * Viterbi over (pooled bins + "no singing"): movement costs by distance up to a jump cost, singing starts and
 * stops cost a switch; the voiced max over predecessors is a two-pass distance transform (O(bins) a frame).
 * Returns the state per pooled frame: a bin, or `bins` for no singing.
 */
export function decodeSungStates(posteriors: VoicePosteriors, params: PathParams = DEFAULT_PATH): Int16Array {
  const { frames, bins, logProb } = posteriors;
  const classes = bins + 1;
  const back = new Int16Array(frames * classes);
  let score = new Float64Array(classes);
  let next = new Float64Array(classes);
  const best = new Float64Array(bins);
  const from = new Int16Array(bins);
  const { stepCost, jumpCost, switchCost } = params;
  for (let c = 0; c < classes; c++) score[c] = logProb[c]!;
  for (let t = 1; t < frames; t++) {
    let argmax = 0;
    for (let b = 0; b < bins; b++) {
      best[b] = score[b]!;
      from[b] = b;
      if (score[b]! > score[argmax]!) argmax = b;
    }
    for (let b = 1; b < bins; b++) {
      const moved = best[b - 1]! - stepCost;
      if (moved > best[b]!) {
        best[b] = moved;
        from[b] = from[b - 1]!;
      }
    }
    for (let b = bins - 2; b >= 0; b--) {
      const moved = best[b + 1]! - stepCost;
      if (moved > best[b]!) {
        best[b] = moved;
        from[b] = from[b + 1]!;
      }
    }
    const jumped = score[argmax]! - jumpCost;
    const fromSilence = score[bins]! - switchCost;
    const row = t * classes;
    for (let b = 0; b < bins; b++) {
      let value = best[b]!;
      let prev = from[b]!;
      if (jumped > value) {
        value = jumped;
        prev = argmax;
      }
      if (fromSilence > value) {
        value = fromSilence;
        prev = bins;
      }
      next[b] = value + logProb[row + b]!;
      back[row + b] = prev;
    }
    const stayed = score[bins]!;
    const stopped = score[argmax]! - switchCost;
    next[bins] = Math.max(stayed, stopped) + logProb[row + bins]!;
    back[row + bins] = stayed >= stopped ? bins : argmax;
    [score, next] = [next, score];
  }

  const states = new Int16Array(frames);
  let state = 0;
  for (let c = 1; c < classes; c++) if (score[c]! > score[state]!) state = c;
  for (let t = frames - 1; t >= 0; t--) {
    states[t] = state;
    if (t > 0) state = back[t * classes + state]!;
  }
  return states;
}

export interface SungPath {
  /** Pitch per frame in Hz where sung, 0 elsewhere (full frame rate). */
  hz: Float32Array;
  voiced: Uint8Array;
  /** Best pitch per frame whether sung or not (for evaluation). */
  candidateHz: Float32Array;
}

/**
 * Back to full resolution: each frame takes its pooled frame's state, and the exact pitch is the strongest
 * full-resolution salience bin inside the chosen pooled bin (one bin of slack each side), interpolated.
 */
export function toSungPath(
  states: Int16Array,
  posteriors: VoicePosteriors,
  matrix: SalienceMatrix,
): SungPath {
  const { frames, grid, values } = matrix;
  const fineBins = grid.bins;
  const { bins, logProb } = posteriors;
  const hz = new Float32Array(frames);
  const voiced = new Uint8Array(frames);
  const candidateHz = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    const t = Math.floor(f / TIME_POOL);
    let state = states[t]!;
    const sung = state < bins;
    if (!sung) {
      const row = t * (bins + 1);
      state = 0;
      for (let b = 1; b < bins; b++) if (logProb[row + b]! > logProb[row + state]!) state = b;
    }
    const pitch = binToHz(grid, peakBin(values, f * fineBins, state, fineBins));
    candidateHz[f] = pitch;
    if (sung) {
      hz[f] = pitch;
      voiced[f] = 1;
    }
  }
  return { hz, voiced, candidateHz };
}

/** Strongest full-resolution bin of pooled bin `k` (with a bin of slack each side), parabola-refined. */
function peakBin(values: Float32Array, row: number, k: number, fineBins: number): number {
  const lo = Math.max(0, k * BIN_POOL - 1);
  const hi = Math.min(fineBins - 1, k * BIN_POOL + BIN_POOL);
  let b = lo;
  for (let i = lo + 1; i <= hi; i++) if (values[row + i]! > values[row + b]!) b = i;
  const c = values[row + b]!;
  if (c <= 0) return Math.min(fineBins - 1, k * BIN_POOL + (BIN_POOL - 1) / 2);
  const l = b > 0 ? values[row + b - 1]! : c;
  const r = b < fineBins - 1 ? values[row + b + 1]! : c;
  const denominator = l - 2 * c + r;
  return b + (denominator < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (l - r)) / denominator)) : 0);
}
