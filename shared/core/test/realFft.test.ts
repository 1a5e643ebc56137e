import { describe, expect, it } from 'vitest';
import { RealFft } from '../src/pitch/realFft';

/** Direct O(n^2) DFT as the reference. */
function dft(re: Float64Array, im: Float64Array, inverse: boolean): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const angle = (sign * 2 * Math.PI * k * t) / n;
      outRe[k]! += re[t]! * Math.cos(angle) - im[t]! * Math.sin(angle);
      outIm[k]! += re[t]! * Math.sin(angle) + im[t]! * Math.cos(angle);
    }
  }
  return [outRe, outIm];
}

describe('RealFft', () => {
  it.each([2, 4, 8, 16, 512])('matches a direct DFT forwards and backwards at size %i', (n) => {
    let seed = n;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const re = Float64Array.from({ length: n }, random);
    const im = Float64Array.from({ length: n }, random);
    const fft = new RealFft(n);
    for (const inverse of [false, true]) {
      const [expectRe, expectIm] = dft(re, im, inverse);
      const gotRe = Float64Array.from(re);
      const gotIm = Float64Array.from(im);
      fft.transform(gotRe, gotIm, inverse);
      for (let k = 0; k < n; k++) {
        expect(gotRe[k]!).toBeCloseTo(expectRe[k]!, 9);
        expect(gotIm[k]!).toBeCloseTo(expectIm[k]!, 9);
      }
    }
  });

  it('refuses a size that is not a power of two', () => {
    expect(() => new RealFft(12)).toThrow(RangeError);
  });
});
