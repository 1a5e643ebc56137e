import { describe, expect, it } from 'vitest';
import { analyzeSamples } from '../src/analysis/analyzeTake';
import { RANGE_TEST_HIGHEST, RANGE_TEST_LOWEST, rangeTestTake } from './support/rangeTestTake';

describe('range test take (slide down, glide up to a held top note, low phrase)', () => {
  it('reports the held G2 and the held E4 that the glide reached, not a harmonic echo', async () => {
    const take = rangeTestTake();
    const { analysis } = await analyzeSamples(take.samples, take.sampleRate, 'range-test');
    expect(Math.abs(analysis.range.lowest.midi - RANGE_TEST_LOWEST)).toBeLessThanOrEqual(1);
    expect(Math.abs(analysis.range.highest.midi - RANGE_TEST_HIGHEST)).toBeLessThanOrEqual(1);
  });
});
