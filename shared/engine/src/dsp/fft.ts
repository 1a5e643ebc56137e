// In-place radix-2 complex FFT with precomputed twiddles: the pitch tracker runs thousands per second.

export class Fft {
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reversed: Uint32Array;
  /** Twiddles laid out contiguously per stage so the inner loop reads them in order. */
  private readonly stageCos: Float64Array;
  private readonly stageSin: Float64Array;
  private readonly stageOffsets: number[] = [];

  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0)
      throw new RangeError(`FFT size must be a power of two, got ${size}`);
    this.size = size;
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let i = 0; i < size / 2; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / size);
      this.sin[i] = -Math.sin((2 * Math.PI * i) / size);
    }
    this.reversed = new Uint32Array(size);
    const bits = Math.log2(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reversed[i] = r;
    }
    this.stageCos = new Float64Array(size);
    this.stageSin = new Float64Array(size);
    let offset = 0;
    for (let half = 1; half < size; half <<= 1) {
      this.stageOffsets.push(offset);
      const step = size / (half << 1);
      for (let k = 0; k < half; k++) {
        this.stageCos[offset + k] = this.cos[k * step]!;
        this.stageSin[offset + k] = this.sin[k * step]!;
      }
      offset += half;
    }
  }

  /** Transforms (re, im) in place. */
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    for (let i = 0; i < n; i++) {
      const j = this.reversed[i]!;
      if (j > i) {
        const tr = re[i]!;
        re[i] = re[j]!;
        re[j] = tr;
        const ti = im[i]!;
        im[i] = im[j]!;
        im[j] = ti;
      }
    }
    for (let half = 1, stage = 0; half < n; half <<= 1, stage++) {
      const offset = this.stageOffsets[stage]!;
      for (let start = 0; start < n; start += half << 1) {
        for (let k = 0; k < half; k++) {
          const wr = this.stageCos[offset + k]!;
          const wi = this.stageSin[offset + k]!;
          const a = start + k;
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
