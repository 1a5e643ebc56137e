import { describe, expect, it } from 'vitest';
import { makeGrid } from '../src/pitch/harmonicSalience';
import type { SalienceMatrix } from '../src/pitch/salienceTracker';
import {
  BIN_POOL,
  pickerShape,
  takeReference,
  TIME_POOL,
  voicePickerFeatures,
  voicePickerLabel,
} from '../src/pitch/voicePicker/voicePickerFeatures';

const grid = makeGrid(78, 1100, 20);

function matrix(rows: Array<Record<number, number>>): SalienceMatrix {
  const values = new Float32Array(rows.length * grid.bins);
  const frameMax = new Float32Array(rows.length);
  rows.forEach((row, t) => {
    for (const [bin, value] of Object.entries(row)) {
      values[t * grid.bins + Number(bin)] = value;
      frameMax[t] = Math.max(frameMax[t]!, value);
    }
  });
  return { grid, frames: rows.length, values, frameMax };
}

describe('voice picker features', () => {
  it('pools pairs of frames and pairs of bins', () => {
    expect(TIME_POOL).toBe(2);
    expect(BIN_POOL).toBe(2);
    const shape = pickerShape(matrix(Array.from({ length: 7 }, () => ({}))));
    expect(shape).toEqual({ frames: 4, bins: Math.ceil(grid.bins / 2) });
  });

  it("reads 1 at each pooled frame's strongest bin, less for weaker bins, 0 for silence", () => {
    // Frames 0-1 pool together: bin 50 (pooled 25) is the strongest, 111 (pooled 55) weaker.
    const m = matrix([{ 50: 2 }, { 111: 1 }, {}, {}, { 91: 0.02 }, {}]);
    const f = voicePickerFeatures(m);
    const { bins } = pickerShape(m);
    const at = (t: number, k: number) => f[t * bins + k]!;
    expect(at(0, 25)).toBeCloseTo(1, 3);
    expect(at(0, 55)).toBeGreaterThan(0.8);
    expect(at(0, 55)).toBeLessThan(at(0, 25));
    expect(at(0, 10)).toBe(0);
    expect(Array.from(f.slice(bins, 2 * bins)).every((v) => v === 0)).toBe(true);
    expect(at(2, 45)).toBeCloseTo(1, 3);
  });

  it("scales the second plane by the take's level, so a quiet frame reads low there", () => {
    const rows: Array<Record<number, number>> = Array.from({ length: 20 }, () => ({ 80: 1 }));
    rows.push({ 80: 0.001 }, { 80: 0.001 });
    const m = matrix(rows);
    const f = voicePickerFeatures(m);
    const { frames, bins } = pickerShape(m);
    const plane = frames * bins;
    expect(takeReference(m.frameMax)).toBe(1);
    expect(f[plane + 0 * bins + 40]).toBeCloseTo(1, 2);
    expect(f[plane + 10 * bins + 40]).toBeLessThan(0.3);
    expect(f[10 * bins + 40]).toBeCloseTo(1, 3);
  });

  it('cuts a window of pooled frames that matches the whole-take features', () => {
    const m = matrix(Array.from({ length: 60 }, (_, t) => ({ [40 + t]: 1 + t / 10, 150: 0.5 })));
    const { frames, bins } = pickerShape(m);
    const whole = voicePickerFeatures(m);
    const part = voicePickerFeatures(m, takeReference(m.frameMax), 10, 20);
    const plane = frames * bins;
    const partPlane = 10 * bins;
    expect(Array.from(part.slice(0, partPlane))).toEqual(Array.from(whole.slice(10 * bins, 20 * bins)));
    expect(Array.from(part.slice(partPlane))).toEqual(
      Array.from(whole.slice(plane + 10 * bins, plane + 20 * bins)),
    );
  });

  it('labels a true pitch with the pooled bin of its nearest grid bin, silence or out of grid as no singing', () => {
    const none = Math.ceil(grid.bins / BIN_POOL);
    expect(voicePickerLabel(78, 78, 20, grid.bins)).toBe(0);
    expect(voicePickerLabel(78 * 2, 78, 20, grid.bins)).toBe(30);
    expect(voicePickerLabel(78 * 2 ** (31 / 1200), 78, 20, grid.bins)).toBe(1);
    expect(voicePickerLabel(0, 78, 20, grid.bins)).toBe(none);
    expect(voicePickerLabel(40, 78, 20, grid.bins)).toBe(none);
    expect(voicePickerLabel(5000, 78, 20, grid.bins)).toBe(none);
  });
});
