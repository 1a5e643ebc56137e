import type { SungNote } from './noteSegmenter';
import { hzToMidi } from '../music/pitchNames';

// Vibrato from the pitch track: the dominant 4-8 Hz modulation of the detrended pitch (a small DFT scan).

export interface Vibrato {
  rateHz: number;
  /** Half the peak-to-peak excursion, in cents. */
  extentCents: number;
}

/** Candidate rates (4-8 Hz in 0.1 Hz steps) with their cosine and sine over `frames` hops, computed once per take. */
interface RateTable {
  rates: number[];
  cos: Float64Array;
  sin: Float64Array;
  frames: number;
}

function rateTable(hopSec: number, frames: number): RateTable {
  const rates: number[] = [];
  for (let rate = 4; rate <= 8; rate += 0.1) rates.push(rate);
  const cos = new Float64Array(rates.length * frames);
  const sin = new Float64Array(rates.length * frames);
  for (const [r, rate] of rates.entries()) {
    for (let i = 0; i < frames; i++) {
      const phase = 2 * Math.PI * rate * i * hopSec;
      cos[r * frames + i] = Math.cos(phase);
      sin[r * frames + i] = Math.sin(phase);
    }
  }
  return { rates, cos, sin, frames };
}

/** Dominant 4-8 Hz modulation of a detrended stretch of pitch (cents), or null when it is not periodic. */
function modulation(cents: number[], table: RateTable): Vibrato | null {
  const n = cents.length;
  const meanX = (n - 1) / 2;
  const meanY = cents.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - meanX) * (cents[i]! - meanY);
    sxx += (i - meanX) ** 2;
  }
  const slope = sxy / sxx;
  const residual = cents.map((v, i) => v - meanY - slope * (i - meanX));
  const power = residual.reduce((s, v) => s + v * v, 0) / n;
  let bestRate = 0;
  let bestAmplitude = 0;
  for (const [r, rate] of table.rates.entries()) {
    let re = 0;
    let im = 0;
    const row = r * table.frames;
    for (let i = 0; i < n; i++) {
      re += residual[i]! * table.cos[row + i]!;
      im += residual[i]! * table.sin[row + i]!;
    }
    const amplitude = (2 * Math.sqrt(re * re + im * im)) / n;
    if (amplitude > bestAmplitude) {
      bestAmplitude = amplitude;
      bestRate = rate;
    }
  }
  // Periodic enough: the sinusoid explains at least half the residual power, and wider than a wobble.
  if (bestAmplitude < 15 || (bestAmplitude * bestAmplitude) / 2 < 0.5 * power) return null;
  return { rateHz: bestRate, extentCents: bestAmplitude };
}

/**
 * Vibrato of a take: 0.4 s windows slid through every long note (singers start vibrato late in a
 * note), the periodic ones averaged; null when no window shows vibrato.
 */
export function estimateVibrato(
  hz: ArrayLike<number>,
  hopSec: number,
  notes: readonly SungNote[],
): Vibrato | null {
  const windowFrames = Math.round(0.4 / hopSec);
  const stepFrames = Math.max(1, Math.round(0.1 / hopSec));
  const found: Vibrato[] = [];
  const table = rateTable(hopSec, windowFrames);
  for (const note of notes) {
    if (note.durSec < 0.45) continue;
    const first = Math.round(note.startSec / hopSec);
    const last = Math.min(hz.length, first + Math.round(note.durSec / hopSec));
    for (let start = first; start + windowFrames <= last; start += stepFrames) {
      const cents: number[] = [];
      for (let t = start; t < start + windowFrames; t++)
        if (hz[t]! > 0) cents.push((hzToMidi(hz[t]!) - note.meanMidi) * 100);
      if (cents.length < windowFrames * 0.9) continue;
      const periodic = modulation(cents, table);
      if (periodic) found.push(periodic);
    }
  }
  if (found.length === 0) return null;
  const rate = found.reduce((s, v) => s + v.rateHz, 0) / found.length;
  const extent = found.reduce((s, v) => s + v.extentCents, 0) / found.length;
  return { rateHz: Math.round(rate * 100) / 100, extentCents: Math.round(extent * 10) / 10 };
}
