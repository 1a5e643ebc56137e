import { hzToMidi } from '@orak/core';
import { describe, expect, it } from 'vitest';
import { CONDITIONS } from '../src/corpus/recordingConditions';
import { generateCorpus } from '../src/corpus/sungCorpus';
import { scoreFrames, summarise } from '../src/eval/pitchMetrics';

describe('generateCorpus', () => {
  const takes = [...generateCorpus({ takesPerVoice: 1, durationSec: 6, conditions: CONDITIONS })];

  it('covers every voice type in every condition, reproducibly', () => {
    expect(takes).toHaveLength(7 * CONDITIONS.length);
    const again = generateCorpus({ takesPerVoice: 1, durationSec: 6, conditions: ['backing0dB'] }).next()
      .value!;
    const first = takes.find((t) => t.id === again.id)!;
    expect(Array.from(again.samples.subarray(0, 500))).toEqual(Array.from(first.samples.subarray(0, 500)));
  });

  it('keeps its ground truth inside the voice type and consistent with the score range', () => {
    for (const take of takes.filter((t) => t.condition === 'clean')) {
      const sung = Array.from(take.truthHz)
        .filter((hz) => hz > 0)
        .map(hzToMidi);
      expect(sung.length).toBeGreaterThan(200);
      expect(Math.min(...sung)).toBeGreaterThan(take.truthRange.lowest - 1.5);
      expect(Math.max(...sung)).toBeLessThan(take.truthRange.highest + 1.5);
      expect(take.truthRange.highest - take.truthRange.lowest).toBeGreaterThanOrEqual(5);
    }
  });

  it('mixes the backing at the stated voice-to-music ratio (louder at 0 dB than at +6 dB)', () => {
    const energy = (s: Float32Array): number => s.reduce((a, v) => a + v * v, 0);
    const clean = takes.find((t) => t.id === 'tenor-0-clean')!;
    const plus6 = takes.find((t) => t.id === 'tenor-0-backing+6dB')!;
    const zero = takes.find((t) => t.id === 'tenor-0-backing0dB')!;
    const backing6 = energy(plus6.samples.map((v, i) => v - clean.samples[i]!));
    const backing0 = energy(zero.samples.map((v, i) => v - clean.samples[i]!));
    expect(10 * Math.log10(energy(clean.samples) / backing6)).toBeCloseTo(6, 0);
    expect(10 * Math.log10(energy(clean.samples) / backing0)).toBeCloseTo(0, 0);
  });
});

describe('scoreFrames', () => {
  it('scores pitch within 50 cents, chroma modulo octaves, and voicing', () => {
    const truth = [0, 220, 220, 220, 220, 0];
    const estimate = [0, 221, 440, 300, 0, 100];
    const voiced = [0, 1, 1, 1, 0, 1];
    const s = summarise(scoreFrames(truth, estimate, voiced));
    expect(s.rawPitch).toBeCloseTo(1 / 4);
    expect(s.rawChroma).toBeCloseTo(2 / 4);
    expect(s.voicingRecall).toBeCloseTo(3 / 4);
    expect(s.voicingFalseAlarm).toBeCloseTo(1 / 2);
  });
});
