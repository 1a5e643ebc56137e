import { DEFAULT_RANGE_OPTIONS, estimateRange, histogramBody, type SungNote } from '@orak/core';
import { describe, expect, it } from 'vitest';

function note(midi: number, startSec: number, durSec: number): SungNote {
  return { midi, meanMidi: midi, startSec, durSec, wobbleCents: 0 };
}

// A body from 59 to 73 and, apart from it, a small low group led by 47: an octave under the body's 59.
const body = Array.from({ length: 24 }, (_, i) => note([59, 62, 64, 67, 71, 73][i % 6]!, i, 0.6));
const lowGroup = [note(47, 30, 0.6), note(45, 31, 0.3)];
const underBacking = { ...DEFAULT_RANGE_OPTIONS, subOctaveEchoes: true };

describe('sub-octave echoes under a backing track', () => {
  it('drops a small low group whose main note lies an octave under a body note', () => {
    const range = estimateRange([...body, ...lowGroup], underBacking)!;
    expect([range.lowest, range.highest]).toEqual([59, 73]);
    expect(histogramBody(range.histogram, underBacking)!.echoes).toEqual([45, 47]);
  });

  it('keeps the same group without a backing track (a singer may own those low notes)', () => {
    const range = estimateRange([...body, ...lowGroup])!;
    expect(range.lowest).toBe(45);
  });

  it('keeps a low group whose main note is not an octave under any body note', () => {
    const other = [note(48, 30, 0.6), note(46, 31, 0.3)];
    const range = estimateRange([...body, ...other], underBacking)!;
    expect(range.lowest).toBe(46);
  });
});
