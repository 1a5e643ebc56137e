import type { SungNote } from '@orak/core';
import { describe, expect, it } from 'vitest';
import { analyzeSamples, DEFAULT_ANALYZE_OPTIONS } from '../src/analysis/analyzeTake';
import { centralSpan, windowedHistogram, windowedTessitura } from '../src/analysis/tessituraWindows';
import type { Melody } from '../src/corpus/melodyGenerator';
import { synthesiseSinging } from '../src/corpus/singingSynth';
import { SeededRandom } from '../src/dsp/seededRandom';
import { scoreNote } from './support/rangeTestTake';

// The range test's comfortable range comes from its comfortable-note and phrase steps, not from the slides.

const note = (midi: number, startSec: number, durSec: number): SungNote => ({
  midi,
  meanMidi: midi,
  startSec,
  durSec,
  wobbleCents: 0,
});

describe('windowedHistogram', () => {
  it('counts only the part of each note inside a window, once where windows overlap', () => {
    const notes = [note(50, 0, 4), note(43, 4, 2), note(60, 10, 1)];
    const histogram = windowedHistogram(notes, [
      { startSec: 1, endSec: 5 },
      { startSec: 3, endSec: 4.5 },
      { startSec: 10.5, endSec: 20 },
    ]);
    expect([...histogram.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [43, 1],
      [50, 3],
      [60, 0.5],
    ]);
    expect(windowedHistogram(notes, [{ startSec: 6, endSec: 10 }]).size).toBe(0);
  });
});

describe('centralSpan', () => {
  it('drops a tenth of the time at each end', () => {
    const histogram = new Map([
      [48, 0.5],
      [50, 4],
      [55, 3],
      [60, 1],
      [62, 0.4],
    ]);
    expect(centralSpan(histogram)).toEqual({ low: 50, high: 60 });
    expect(centralSpan(new Map())).toBeNull();
  });
});

describe('windowedTessitura', () => {
  // A slow slide spends as long on every note as the comfortable hold does on its own.
  const slide = Array.from({ length: 22 }, (_, i) => note(43 + i, 5 + i * 0.5, 0.5));
  const notes = [note(50, 0, 4.5), ...slide, ...[52, 55, 57, 60, 59, 57].map((m, i) => note(m, 20 + i, 1))];

  it('comes from the windows alone, inside the range', () => {
    const span = windowedTessitura(
      notes,
      [
        { startSec: 0, endSec: 5 },
        { startSec: 20, endSec: 26 },
      ],
      { lowest: 43, highest: 64 },
    );
    expect(span).toMatchObject({ low: 50, high: 59 });
    // The same windows against a range that stops lower: the tessitura never leaves the range.
    expect(
      windowedTessitura(notes, [{ startSec: 20, endSec: 26 }], { lowest: 43, highest: 57 }),
    ).toMatchObject({ low: 52, high: 57 });
  });

  it('says nothing when the windows hold under a second of singing', () => {
    expect(
      windowedTessitura(notes, [{ startSec: 4.4, endSec: 5.2 }], { lowest: 43, highest: 64 }),
    ).toBeNull();
  });
});

describe('analyzeSamples with tessitura windows', () => {
  // A range test as the desktop asks for it: comfortable D3 (0-5 s), down to G2, a slow glide up to E4
  // (5-25 s), then a phrase in E3-C4 (25-33 s).
  const notes = [scoreNote(50, 0.2, 4.3), scoreNote(43, 5, 7, 3.5), scoreNote(64, 13, 11, 8)];
  [52, 55, 57, 60, 59, 57, 55, 52].forEach((midi, i) => notes.push(scoreNote(midi, 25 + i * 0.8, 0.8)));
  const melody: Melody = { voiceType: 'baritone', tonic: 48, notes, durationSec: 33 };
  const take = synthesiseSinging(melody, new SeededRandom(7), 16000);

  it('keeps the range from the whole take and narrows the comfortable range to the windows', async () => {
    const whole = await analyzeSamples(take.samples, take.sampleRate, 'range-test');
    const { analysis } = await analyzeSamples(take.samples, take.sampleRate, 'range-test', {
      ...DEFAULT_ANALYZE_OPTIONS,
      tessituraWindows: [
        { startSec: 0, endSec: 5 },
        { startSec: 25, endSec: 33 },
      ],
    });
    expect(analysis.range).toEqual(whole.analysis.range);
    expect(Math.abs(analysis.range.lowest.midi - 43)).toBeLessThanOrEqual(1);
    expect(Math.abs(analysis.range.highest.midi - 64)).toBeLessThanOrEqual(1);
    const { low, high } = analysis.tessitura;
    expect(Math.abs(low.midi - 50)).toBeLessThanOrEqual(1);
    expect(high.midi).toBeGreaterThanOrEqual(58);
    expect(high.midi).toBeLessThanOrEqual(61);
    expect(high.midi - low.midi).toBeLessThan(
      whole.analysis.tessitura.high.midi - whole.analysis.tessitura.low.midi,
    );
    expect(analysis.histogram).toEqual(whole.analysis.histogram);
    expect(Object.keys(analysis.tessituraHistogram ?? {})).toContain('50');
    expect(whole.analysis.tessituraHistogram).toBeUndefined();
  });
});
