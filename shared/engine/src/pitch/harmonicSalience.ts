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
  harmonics: 15,
  alpha: 0.8,
  penalty: 0.6,
  penaltyHarmonics: 6,
  spreadCents: 50,
  compression: 1.25,
};

/** Precomputed cos^2 kernel so voting is a table lookup. */
export class SalienceVoter {
  private readonly kernel: Float64Array;
  private readonly kernelHalf: number;
  private readonly kernelResolution = 8;
  private readonly logMin: number;
  private readonly harmonicShift: Float64Array;
  private readonly halfwayShift: Float64Array;

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
    this.harmonicShift = Float64Array.from({ length: params.harmonics + 1 }, (_, h) =>
      h > 0 ? Math.log2(h) : 0,
    );
    this.halfwayShift = Float64Array.from({ length: params.harmonics + 1 }, (_, h) =>
      h > 0 ? Math.log2(h - 0.5) : 0,
    );
  }

  /** Votes at a grid position (fractional bin) with the cos^2 kernel. */
  private vote(salience: Float64Array, position: number, weight: number): void {
    const first = Math.max(0, Math.ceil(position - this.kernelHalf));
    const last = Math.min(this.grid.bins - 1, Math.floor(position + this.kernelHalf));
    const resolution = this.kernelResolution;
    // round(base + b * resolution) = round(base) + b * resolution: one rounding per vote, not per bin.
    let index = Math.round((this.kernelHalf - position) * resolution) + first * resolution;
    const kernel = this.kernel;
    for (let b = first; b <= last; b++, index += resolution) salience[b]! += weight * kernel[index]!;
  }

  /**
   * Adds the votes of `count` peaks (frequency, linear magnitude) into `salience` (cleared first) and
   * returns the largest salience.
   */
  accumulate(salience: Float64Array, peakHz: Float64Array, peakMag: Float64Array, count: number): number {
    salience.fill(0);
    const { harmonics, alpha, penalty, penaltyHarmonics, compression } = this.params;
    // Work in grid positions: p/h sits log2(h) octaves under p, so each vote is a subtraction.
    const binsPerOctave = 1200 / this.grid.centsPerBin;
    const low = -binsPerOctave * 0.05;
    const high = this.grid.bins - 1 + binsPerOctave * 0.05;
    for (let p = 0; p < count; p++) {
      const position = (Math.log2(peakHz[p]!) - this.logMin) * binsPerOctave;
      let weight = peakMag[p]! ** compression;
      for (let h = 1; h <= harmonics; h++, weight *= alpha) {
        const at = position - this.harmonicShift[h]! * binsPerOctave;
        if (at < low) break;
        if (at <= high) this.vote(salience, at, weight);
        if (h <= penaltyHarmonics) {
          const halfway = position - this.halfwayShift[h]! * binsPerOctave;
          if (halfway >= low && halfway <= high) this.vote(salience, halfway, -penalty * weight);
        }
      }
    }
    let largest = 0;
    for (let b = 0; b < salience.length; b++) {
      if (salience[b]! < 0) salience[b] = 0;
      else if (salience[b]! > largest) largest = salience[b]!;
    }
    return largest;
  }
}
