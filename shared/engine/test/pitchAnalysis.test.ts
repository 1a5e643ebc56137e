import {
  classifyVoiceType,
  estimateRange,
  estimateVibrato,
  histogramBody,
  midiToHz,
  segmentNotes,
  type SungNote,
} from '@orak/core';
import { describe, expect, it } from 'vitest';

const HOP = 0.01;

/** A frame track from (midi, seconds) steps; midi 0 = rest. */
function track(
  steps: [number, number][],
  vibrato: { rateHz: number; cents: number } | null = null,
): Float32Array {
  const hz: number[] = [];
  for (const [midi, seconds] of steps) {
    for (let i = 0; i < Math.round(seconds / HOP); i++) {
      const wobble = vibrato ? (vibrato.cents / 100) * Math.sin(2 * Math.PI * vibrato.rateHz * i * HOP) : 0;
      hz.push(midi === 0 ? 0 : midiToHz(midi + wobble));
    }
  }
  return Float32Array.from(hz);
}

function note(midi: number, startSec: number, durSec: number): SungNote {
  return { midi, meanMidi: midi, startSec, durSec, wobbleCents: 0 };
}

describe('segmentNotes', () => {
  it('turns a stepped track with vibrato and rests into its notes', () => {
    const notes = segmentNotes(
      track(
        [
          [57, 0.6],
          [0, 0.2],
          [60, 0.5],
          [62, 0.4],
          [0, 0.3],
          [55, 0.15],
        ],
        { rateHz: 5.5, cents: 50 },
      ),
      HOP,
    );
    expect(notes.map((n) => n.midi)).toEqual([57, 60, 62, 55]);
    expect(notes[0]!.durSec).toBeCloseTo(0.6, 1);
    expect(notes[0]!.wobbleCents).toBeGreaterThan(25);
  });

  it('drops blips shorter than a tenth of a second', () => {
    expect(
      segmentNotes(
        track([
          [57, 0.05],
          [0, 0.5],
        ]),
        HOP,
      ),
    ).toEqual([]);
  });
});

describe('estimateRange', () => {
  it('takes the extremes only from notes held a quarter of a second', () => {
    const range = estimateRange([
      note(50, 0, 1),
      note(45, 1, 0.2),
      note(52, 1.2, 1),
      note(57, 2.2, 0.3),
      note(64, 2.5, 0.1),
    ]);
    expect(range).not.toBeNull();
    expect(range!.lowest).toBe(50);
    expect(range!.highest).toBe(57);
    expect(range!.histogram.get(45)).toBeCloseTo(0.2);
  });

  it('puts the tessitura where most of the time is sung', () => {
    const notes = [
      note(40, 0, 0.3),
      ...Array.from({ length: 10 }, (_, i) => note(52 + (i % 3), 0.3 + i, 1)),
      note(66, 11, 0.3),
    ];
    const range = estimateRange(notes)!;
    expect([range.lowest, range.highest]).toEqual([40, 66]);
    expect([range.comfortableLow, range.comfortableHigh]).toEqual([52, 54]);
  });

  it('ignores a held stray note far from where the take is sung (a harmonic, a backing note)', () => {
    const body = Array.from({ length: 12 }, (_, i) => note(50 + (i % 8), i, 0.8));
    const range = estimateRange([...body, note(79, 12, 0.5), note(30, 13, 0.4)])!;
    expect([range.lowest, range.highest]).toEqual([50, 57]);
    expect(histogramBody(range.histogram)).toMatchObject({ low: 50, high: 57 });
  });

  it("drops a small group a 12th above the body's low note: the tracker skipped to its 3rd harmonic", () => {
    const body = Array.from({ length: 40 }, (_, i) => note([44, 46, 48, 51, 53, 56][i % 6]!, i, 0.8));
    const echoes = Array.from({ length: 4 }, (_, i) => note(63, 40 + i, 0.4));
    const range = estimateRange([...body, ...echoes])!;
    expect([range.lowest, range.highest]).toEqual([44, 56]);
    expect(histogramBody(range.histogram)!.echoes).toEqual([63]);
  });

  it('keeps the same small high group when no body note lies a harmonic interval below it', () => {
    const body = Array.from({ length: 40 }, (_, i) => note([46, 48, 51, 53, 56][i % 5]!, i, 0.8));
    const top = Array.from({ length: 4 }, (_, i) => note(63, 40 + i, 0.4));
    expect(estimateRange([...body, ...top])!.highest).toBe(63);
  });

  it('keeps a held top note a 12th over a note that a glide only passed through', () => {
    const body = Array.from({ length: 40 }, (_, i) => note([46, 48, 51, 53, 56][i % 5]!, i, 0.8));
    // The slide passes G#2 (44) for a moment: too little time for E-flat 4 to be its skipped fundamental.
    const passing = [note(44, 40, 0.6), note(45, 41, 0.6)];
    const top = Array.from({ length: 4 }, (_, i) => note(63, 42 + i, 0.4));
    const range = estimateRange([...body, ...passing, ...top])!;
    expect(histogramBody(range.histogram)!.echoes).toEqual([]);
    expect(range.highest).toBe(63);
  });

  it('keeps an octave leap to a held top note', () => {
    const body = Array.from({ length: 10 }, (_, i) => note(50 + (i % 6), i, 0.8));
    const range = estimateRange([...body, note(67, 10, 0.6)])!;
    expect(range.highest).toBe(67);
  });

  it('keeps a second body of singing that holds a real share of the time', () => {
    const low = Array.from({ length: 6 }, (_, i) => note(40 + (i % 3), i, 0.8));
    const high = Array.from({ length: 4 }, (_, i) => note(60 + (i % 3), 6 + i, 0.8));
    const range = estimateRange([...low, ...high])!;
    expect([range.lowest, range.highest]).toEqual([40, 62]);
  });

  it('needs a note well outside the body to be held longer: a grabbed backing tone is brief', () => {
    const body = Array.from({ length: 40 }, (_, i) => note(50 + (i % 8), i, 0.8));
    expect(estimateRange([...body, note(62, 40, 0.3)])!.highest).toBe(57);
    expect(estimateRange([...body, note(62, 40, 0.6)])!.highest).toBe(62);
  });

  it('drops a held note outside the body a 12th over a long-sung body note, keeps it when nothing lies under it', () => {
    const body = Array.from({ length: 40 }, (_, i) => note([44, 46, 48, 51, 53, 56][i % 6]!, i, 0.8));
    expect(estimateRange([...body, note(65, 40, 0.64)])!.highest).toBe(56);
    const noRoot = Array.from({ length: 40 }, (_, i) => note([44, 48, 51, 53, 56][i % 5]!, i, 0.8));
    expect(estimateRange([...noRoot, note(65, 40, 0.64)])!.highest).toBe(65);
  });

  it('returns null when nothing was held long enough', () => {
    expect(estimateRange([note(50, 0, 0.2)])).toBeNull();
  });
});

describe('classifyVoiceType', () => {
  it.each([
    [{ lowest: 41, highest: 60, comfortableLow: 45, comfortableHigh: 57 }, 'bass'],
    [{ lowest: 48, highest: 69, comfortableLow: 52, comfortableHigh: 65 }, 'tenor'],
    [{ lowest: 60, highest: 84, comfortableLow: 65, comfortableHigh: 79 }, 'soprano'],
  ] as const)('places %o as %s', (range, label) => {
    const guess = classifyVoiceType(range);
    expect(guess.label).toBe(label);
    expect(guess.confidence).toBeGreaterThan(0.3);
    expect(Object.values(guess.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('uses the sex cue to split countertenor from contralto', () => {
    const range = { lowest: 55, highest: 74, comfortableLow: 59, comfortableHigh: 69 };
    expect(classifyVoiceType(range, 'male').label).toBe('countertenor');
    expect(classifyVoiceType(range, 'female').label).toBe('contralto');
  });

  it('without a declared voice, gives a countertenor-or-contralto tie to the more common contralto, unsure', () => {
    const range = { lowest: 55, highest: 74, comfortableLow: 59, comfortableHigh: 69 };
    const guess = classifyVoiceType(range);
    expect(guess.label).toBe('contralto');
    expect(guess.scores.countertenor).toBeGreaterThan(0.2);
    expect(guess.confidence).toBeLessThan(0.7);
  });
});

describe('estimateVibrato', () => {
  it('measures rate and extent of a sung vibrato and reports none on a steady tone', () => {
    const wavy = track([[60, 1.5]], { rateHz: 5.8, cents: 40 });
    const vibrato = estimateVibrato(wavy, HOP, segmentNotes(wavy, HOP));
    expect(vibrato?.rateHz).toBeCloseTo(5.8, 0);
    expect(vibrato?.extentCents).toBeGreaterThan(32);
    expect(vibrato?.extentCents).toBeLessThan(48);
    const steady = track([[60, 1.5]]);
    expect(estimateVibrato(steady, HOP, segmentNotes(steady, HOP))).toBeNull();
  });
});
