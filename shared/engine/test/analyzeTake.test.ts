import { AnalysisSchema } from '@orak/core';
import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../src/analysis/analysisError';
import { analyzeSamples } from '../src/analysis/analyzeTake';
import { SeededRandom } from '../src/dsp/seededRandom';
import { applyCondition } from '../src/corpus/recordingConditions';
import { KNOWN_HIGHEST, KNOWN_LOWEST, knownMelody, knownTake } from './support/knownMelody';

describe('analyzeSamples on a known sung melody', () => {
  const take = knownTake();

  it('finds the range, tessitura and voice type of the written line', async () => {
    const { analysis } = await analyzeSamples(take.samples, take.sampleRate, 'known.wav');
    expect(AnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis.range.lowest).toEqual({ midi: KNOWN_LOWEST, note: 'A2', hz: 110 });
    expect(analysis.range.highest.midi).toBe(KNOWN_HIGHEST);
    expect(analysis.range.highest.note).toBe('E4');
    // Most of the line sits between D3 and C4; the tessitura drops the extremes.
    expect(analysis.tessitura.low.midi).toBeGreaterThanOrEqual(48);
    expect(analysis.tessitura.low.midi).toBeLessThanOrEqual(53);
    expect(analysis.tessitura.high.midi).toBeGreaterThanOrEqual(57);
    expect(analysis.tessitura.high.midi).toBeLessThanOrEqual(62);
    expect(analysis.voiceType.label).toBe('baritone');
    expect(analysis.voiceType.confidence).toBeGreaterThan(0.4);
  });

  it('measures vibrato, sustained notes and the histogram of sung time', async () => {
    const { analysis, f0, notes } = await analyzeSamples(take.samples, take.sampleRate, 'known.wav');
    expect(analysis.timbre.vibratoRateHz).toBeGreaterThan(5);
    expect(analysis.timbre.vibratoRateHz).toBeLessThan(6);
    expect(analysis.timbre.vibratoExtentCents).toBeGreaterThan(25);
    expect(analysis.timbre.vibratoExtentCents).toBeLessThan(65);
    expect(analysis.timbre.brightnessHz).toBeGreaterThan(300);
    const sungSec = knownMelody().notes.reduce((s, n) => s + n.durSec, 0);
    expect(analysis.stats.voicedSec).toBeGreaterThan(sungSec * 0.85);
    expect(analysis.stats.voicedSec).toBeLessThan(sungSec * 1.1);
    expect(analysis.stats.sustainedNotes).toBeGreaterThanOrEqual(12);
    expect(Object.keys(analysis.histogram)).toContain('55');
    expect(analysis.histogram['55']!).toBeGreaterThan(2);
    expect(f0.hopSec).toBe(0.01);
    expect(f0.hz.length).toBe(Math.floor(take.samples.length / 160));
    expect(notes.every((n) => n.durSec >= 0.1)).toBe(true);
  });

  it('keeps the range within a semitone under a backing track at +6 dB', async () => {
    const mixed = applyCondition(take.samples, 'backing+6dB', take.sampleRate, 2, new SeededRandom(3));
    const { analysis } = await analyzeSamples(mixed, take.sampleRate, 'known-backing.wav');
    expect(Math.abs(analysis.range.lowest.midi - KNOWN_LOWEST)).toBeLessThanOrEqual(1);
    expect(Math.abs(analysis.range.highest.midi - KNOWN_HIGHEST)).toBeLessThanOrEqual(1);
  });

  it('refuses a take with no sung note instead of inventing a range', async () => {
    const random = new SeededRandom(9);
    const noise = Float32Array.from({ length: 16000 * 3 }, () => 0.1 * random.gaussian());
    await expect(analyzeSamples(noise, 16000, 'hiss.wav')).rejects.toBeInstanceOf(AnalysisError);
  });
});
