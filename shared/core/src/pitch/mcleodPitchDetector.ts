import { RealFft } from './realFft';

// McLeod Pitch Method (McLeod & Wyvill 2005): normalised square difference function + key-maximum picking.

export interface PitchEstimate {
  /** Fundamental frequency in Hz. */
  hz: number;
  /** Height of the chosen NSDF peak, 0..1: how periodic the frame is. */
  clarity: number;
}

export interface McleodPitchDetectorOptions {
  sampleRate: number;
  /** Analysis window in samples (a power of two keeps the FFT exact). */
  windowSize: number;
  /** Lowest pitch searched; bounds the longest lag. */
  minHz?: number;
  /** Highest pitch searched; bounds the shortest lag. */
  maxHz?: number;
  /** Key maxima below cutoff x the highest one are ignored: this is what stops octave-down errors. */
  cutoff?: number;
}

export class McleodPitchDetector {
  readonly sampleRate: number;
  readonly windowSize: number;
  readonly minLag: number;
  readonly maxLag: number;
  readonly cutoff: number;
  /** NSDF of the last frame, for inspection in tests and plots. */
  readonly nsdf: Float64Array;
  private readonly fft: RealFft;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly peakLags: Int32Array;

  constructor(options: McleodPitchDetectorOptions) {
    const { sampleRate, windowSize, minHz = 60, maxHz = 1400, cutoff = 0.9 } = options;
    this.sampleRate = sampleRate;
    this.windowSize = windowSize;
    this.cutoff = cutoff;
    this.minLag = Math.max(2, Math.floor(sampleRate / maxHz));
    // The NSDF needs at least half a window of overlap at the longest lag to stay meaningful.
    this.maxLag = Math.min(Math.ceil(sampleRate / minHz), Math.floor(windowSize / 2));
    this.fft = new RealFft(nextPowerOfTwo(windowSize * 2));
    this.re = new Float64Array(this.fft.size);
    this.im = new Float64Array(this.fft.size);
    this.nsdf = new Float64Array(this.maxLag + 2);
    this.peakLags = new Int32Array(this.maxLag + 2);
  }

  /**
   * Estimates the pitch of the last `windowSize` samples of `frame`; null when nothing periodic is found.
   * `activeLength` limits the analysis to the newest samples (a note that began inside the window), so the
   * quiet lead-in does not dilute the NSDF: this is what lets an onset be named within about two periods.
   */
  detect(frame: ArrayLike<number>, activeLength = this.windowSize): PitchEstimate | null {
    const w = Math.min(this.windowSize, Math.max(2 * this.minLag + 2, Math.floor(activeLength)));
    const offset = frame.length - w;
    if (frame.length < this.windowSize) {
      throw new RangeError(`frame has ${frame.length} samples, need ${this.windowSize}`);
    }
    const { re, im, nsdf } = this;
    re.fill(0);
    im.fill(0);
    let energy = 0;
    for (let i = 0; i < w; i++) {
      const x = frame[offset + i]!;
      re[i] = x;
      energy += x * x;
    }
    if (energy < 1e-12) return null;

    // Autocorrelation r(tau) by Wiener-Khinchin: zero-padded to 2W so the circular product is linear.
    this.fft.transform(re, im);
    for (let i = 0; i < re.length; i++) {
      re[i] = re[i]! * re[i]! + im[i]! * im[i]!;
      im[i] = 0;
    }
    this.fft.transform(re, im, true);
    const scale = 1 / re.length;

    // m'(tau) = sum of x_j^2 + x_{j+tau}^2 over the overlap, updated incrementally.
    let m = 2 * energy;
    nsdf[0] = 1;
    // At least ~1.7 periods must fit in the analysed span, or the peak is a guess.
    const maxLag = Math.min(this.maxLag, Math.floor(w * 0.6));
    for (let tau = 1; tau <= maxLag + 1; tau++) {
      const left = frame[offset + tau - 1]!;
      const right = frame[offset + w - tau]!;
      m -= left * left + right * right;
      nsdf[tau] = m > 1e-12 ? (2 * re[tau]! * scale) / m : 0;
    }

    // Key maxima: the highest point of each positive lobe after the zero-lag lobe.
    let tau = 1;
    while (tau <= maxLag && nsdf[tau]! > 0) tau++;
    let peakCount = 0;
    let highest = 0;
    while (tau <= maxLag) {
      while (tau <= maxLag && nsdf[tau]! <= 0) tau++;
      let best = -1;
      while (tau <= maxLag && nsdf[tau]! > 0) {
        if (best < 0 || nsdf[tau]! > nsdf[best]!) best = tau;
        tau++;
      }
      // A lobe cut off by maxLag has no proven maximum: it may still be rising.
      if (best >= this.minLag && (tau <= maxLag || best < maxLag)) {
        this.peakLags[peakCount++] = best;
        if (nsdf[best]! > highest) highest = nsdf[best]!;
      }
    }
    if (peakCount === 0) return null;

    const threshold = this.cutoff * highest;
    let chosen = -1;
    for (let i = 0; i < peakCount; i++) {
      if (nsdf[this.peakLags[i]!]! >= threshold) {
        chosen = this.peakLags[i]!;
        break;
      }
    }
    if (chosen < 1) return null;

    // Parabolic interpolation through the peak and its neighbours for sub-sample lag precision.
    const a = nsdf[chosen - 1]!;
    const b = nsdf[chosen]!;
    const c = nsdf[chosen + 1]!;
    const denominator = a - 2 * b + c;
    const shift = denominator < 0 ? (0.5 * (a - c)) / denominator : 0;
    const lag = chosen + shift;
    const clarity = Math.min(1, b - 0.25 * (a - c) * shift);
    return { hz: this.sampleRate / lag, clarity };
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
