// Melodia-style harmonic summation over a log-frequency grid: each spectral peak votes for every f0 it
// could be a harmonic of (weight alpha^(h-1)) and against every f0 it would sit half-way between harmonics of.

export interface SalienceGrid {
  minHz: number;
  centsPerBin: number;
  bins: number;
}

export function makeGrid(minHz: number, maxHz: number, centsPerBin: number): SalienceGrid {
  return { minHz, centsPerBin, bins: Math.ceil((1200 * Math.log2(maxHz / minHz)) / centsPerBin) + 1 };
}

export function binToHz(grid: SalienceGrid, bin: number): number {
  return grid.minHz * 2 ** ((bin * grid.centsPerBin) / 1200);
}

export interface SalienceParams {
  harmonics: number;
  alpha: number;
  /** Weight of the "half-way between harmonics" penalty that suppresses octave-up errors. */
  penalty: number;
  penaltyHarmonics: number;
  /** Half-width of the cos^2 vote kernel, in cents. */
  spreadCents: number;
  /** Peak magnitudes are compressed by this exponent before voting. */
  compression: number;
}

export const DEFAULT_SALIENCE: SalienceParams = {
  harmonics: 20,
  alpha: 0.8,
  penalty: 0.6,
  penaltyHarmonics: 6,
  spreadCents: 50,
  compression: 0.5,
};

/** Precomputed cos^2 kernel so voting is a table lookup. */
export class SalienceVoter {
  private readonly kernel: Float64Array;
  private readonly kernelHalf: number;
  private readonly kernelResolution = 8;
  private readonly logMin: number;

  constructor(
    readonly grid: SalienceGrid,
    readonly params: SalienceParams,
  ) {
    const half = params.spreadCents / grid.centsPerBin;
    this.kernelHalf = Math.ceil(half);
    const size = 2 * this.kernelHalf * this.kernelResolution + 1;
    this.kernel = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const d = (i - this.kernelHalf * this.kernelResolution) / this.kernelResolution;
      this.kernel[i] = Math.abs(d) < half ? Math.cos((Math.PI / 2) * (d / half)) ** 2 : 0;
    }
    this.logMin = Math.log2(grid.minHz);
  }

  private vote(salience: Float64Array, hz: number, weight: number): void {
    const position = ((Math.log2(hz) - this.logMin) * 1200) / this.grid.centsPerBin;
    const first = Math.max(0, Math.ceil(position - this.kernelHalf));
    const last = Math.min(this.grid.bins - 1, Math.floor(position + this.kernelHalf));
    for (let b = first; b <= last; b++) {
      const k = Math.round((b - position + this.kernelHalf) * this.kernelResolution);
      salience[b]! += weight * this.kernel[k]!;
    }
  }

  /** Adds the votes of `count` peaks (frequency, linear magnitude) into `salience` (cleared first). */
  accumulate(salience: Float64Array, peakHz: Float64Array, peakMag: Float64Array, count: number): void {
    salience.fill(0);
    const { harmonics, alpha, penalty, penaltyHarmonics, compression } = this.params;
    const minHz = this.grid.minHz * 0.97;
    const maxHz = binToHz(this.grid, this.grid.bins - 1) * 1.03;
    for (let p = 0; p < count; p++) {
      const hz = peakHz[p]!;
      const magnitude = peakMag[p]! ** compression;
      let weight = magnitude;
      for (let h = 1; h <= harmonics; h++, weight *= alpha) {
        const f = hz / h;
        if (f < minHz) break;
        if (f <= maxHz) this.vote(salience, f, weight);
        if (h <= penaltyHarmonics) {
          const g = hz / (h - 0.5);
          if (g >= minHz && g <= maxHz) this.vote(salience, g, -penalty * weight);
        }
      }
    }
    for (let b = 0; b < salience.length; b++) if (salience[b]! < 0) salience[b] = 0;
  }
}
