import { describe, expect, it } from 'vitest';
import { sungFramesAreHarmonic } from '../src/analysis/sungHarmonicity';

describe('sungFramesAreHarmonic', () => {
  it('accepts sung frames that are mostly harmonic, even with some weak frames under a backing', () => {
    const voiced = Uint8Array.from([1, 1, 1, 1, 1, 0, 0]);
    const shares = Float32Array.from([0.9, 0.8, 0.2, 0.7, 0.15, 0, 0]);
    expect(sungFramesAreHarmonic(voiced, shares)).toBe(true);
  });

  it('refuses frames of hiss, whose peaks fall on harmonics only by chance', () => {
    const voiced = new Uint8Array(100).fill(1);
    const shares = Float32Array.from({ length: 100 }, (_, t) => 0.2 + (t % 10) / 50);
    expect(sungFramesAreHarmonic(voiced, shares)).toBe(false);
  });

  it('judges only the frames called sung, and no sung frame means no singing', () => {
    const shares = Float32Array.from([0.1, 0.1, 0.9, 0.9, 0.9]);
    expect(sungFramesAreHarmonic(Uint8Array.from([0, 0, 1, 1, 1]), shares)).toBe(true);
    expect(sungFramesAreHarmonic(Uint8Array.from([1, 1, 0, 0, 0]), shares)).toBe(false);
    expect(sungFramesAreHarmonic(new Uint8Array(5), shares)).toBe(false);
  });
});
