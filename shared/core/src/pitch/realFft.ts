// Radix-2 FFT with precomputed tables so the audio thread allocates nothing per frame; the engine's
// offline tracker and the desktop's latency calibration use the same one.

export class RealFft {
  readonly size: number;
  /** Index pairs that bit reversal swaps (i < j), so the reorder loop does no tests. */
  private readonly swapFrom: Uint32Array;
  private readonly swapTo: Uint32Array;
  /** Forward twiddles of the stage with half-size h at [h, 2h): each stage reads them in order. */
  private readonly twiddleRe: Float64Array;
  private readonly twiddleIm: Float64Array;

  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0)
      throw new RangeError(`FFT size must be a power of two, got ${size}`);
    this.size = size;
    const bits = Math.log2(size);
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < size; i++) {
      let reversed = 0;
      for (let b = 0; b < bits; b++) reversed |= ((i >> b) & 1) << (bits - 1 - b);
      if (reversed > i) {
        from.push(i);
        to.push(reversed);
      }
    }
    this.swapFrom = Uint32Array.from(from);
    this.swapTo = Uint32Array.from(to);
    this.twiddleRe = new Float64Array(size);
    this.twiddleIm = new Float64Array(size);
    for (let half = 1; half < size; half <<= 1) {
      for (let k = 0; k < half; k++) {
        this.twiddleRe[half + k] = Math.cos((Math.PI * k) / half);
        this.twiddleIm[half + k] = -Math.sin((Math.PI * k) / half);
      }
    }
  }

  /** In-place complex FFT; `inverse` computes the unscaled inverse transform. */
  transform(re: Float64Array, im: Float64Array, inverse = false): void {
    // The inverse is the forward transform with real and imaginary parts swapped on the way in and out.
    if (inverse) this.forward(im, re);
    else this.forward(re, im);
  }

  private forward(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const from = this.swapFrom;
    const to = this.swapTo;
    for (let s = 0; s < from.length; s++) {
      const i = from[s]!;
      const j = to[s]!;
      const tr = re[i]!;
      re[i] = re[j]!;
      re[j] = tr;
      const ti = im[i]!;
      im[i] = im[j]!;
      im[j] = ti;
    }
    if (n === 2) {
      const r0 = re[0]!;
      const i0 = im[0]!;
      re[0] = r0 + re[1]!;
      im[0] = i0 + im[1]!;
      re[1] = r0 - re[1]!;
      im[1] = i0 - im[1]!;
      return;
    }
    // The first two stages fused into radix-4 butterflies: their twiddles are 1 and -i, so no multiplies.
    for (let s = 0; s < n; s += 4) {
      const r0 = re[s]!;
      const i0 = im[s]!;
      const r1 = re[s + 1]!;
      const i1 = im[s + 1]!;
      const r2 = re[s + 2]!;
      const i2 = im[s + 2]!;
      const r3 = re[s + 3]!;
      const i3 = im[s + 3]!;
      const ar = r0 + r1;
      const ai = i0 + i1;
      const br = r0 - r1;
      const bi = i0 - i1;
      const cr = r2 + r3;
      const ci = i2 + i3;
      const dr = r2 - r3;
      const di = i2 - i3;
      re[s] = ar + cr;
      im[s] = ai + ci;
      re[s + 2] = ar - cr;
      im[s + 2] = ai - ci;
      re[s + 1] = br + di;
      im[s + 1] = bi - dr;
      re[s + 3] = br - di;
      im[s + 3] = bi + dr;
    }
    const wRe = this.twiddleRe;
    const wIm = this.twiddleIm;
    for (let half = 4; half < n; half <<= 1) {
      const span = half << 1;
      // Twiddle outermost: loaded once per stage position, then applied to every block.
      for (let k = 0; k < half; k++) {
        const wr = wRe[half + k]!;
        const wi = wIm[half + k]!;
        for (let a = k; a < n; a += span) {
          const b = a + half;
          const br = re[b]!;
          const bi = im[b]!;
          const xr = br * wr - bi * wi;
          const xi = br * wi + bi * wr;
          const ar = re[a]!;
          const ai = im[a]!;
          re[b] = ar - xr;
          im[b] = ai - xi;
          re[a] = ar + xr;
          im[a] = ai + xi;
        }
      }
    }
  }
}
