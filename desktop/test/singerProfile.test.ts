import { describe, expect, it } from 'vitest';
import { midiToName, type Analysis } from '@orak/core';
import { combineAnalyses } from '../src/main/analysis/singerProfile';

// The singer across takes: the union of ranges, the comfortable band from all sung time pooled.

function analysis(
  lowest: number,
  highest: number,
  histogram: Record<number, number>,
  voicedSec: number,
): Analysis {
  const ref = (midi: number) => ({ midi, note: midiToName(midi), hz: 440 });
  return {
    range: { lowest: ref(lowest), highest: ref(highest) },
    tessitura: { low: ref(lowest + 1), high: ref(highest - 1) },
    voiceType: { label: 'baritone', confidence: 0.7 },
    timbre: {
      brightnessHz: 1000,
      hnrDb: 20,
      breathiness: 0.2,
      vibratoRateHz: voicedSec > 5 ? 5 : null,
      vibratoExtentCents: voicedSec > 5 ? 30 : null,
    },
    stats: { voicedSec, voicedRatio: 0.8, sustainedNotes: 4, meanMidi: 50, pitchStabilityCents: 10 },
    histogram: Object.fromEntries(Object.entries(histogram).map(([midi, seconds]) => [midi, seconds])),
  };
}

describe('combineAnalyses', () => {
  it('is null with no analysed take', () => {
    expect(combineAnalyses([])).toBeNull();
  });

  it("names the voice from the singer's declared voice where the range alone cannot", () => {
    const takes = [analysis(55, 74, { 60: 5, 64: 10, 68: 5 }, 20)];
    expect(combineAnalyses(takes, 'male')!.voiceType.label).toBe('countertenor');
    expect(combineAnalyses(takes, 'female')!.voiceType.label).toBe('contralto');
    expect(combineAnalyses(takes)!.voiceType.confidence).toBeLessThan(
      combineAnalyses(takes, 'female')!.voiceType.confidence,
    );
  });

  it('takes the union of ranges and weights the comfortable band by sung time', () => {
    const long = analysis(43, 60, { 48: 10, 50: 10, 52: 10 }, 30);
    const short = analysis(50, 67, { 64: 1, 65: 1 }, 2);
    const singer = combineAnalyses([long, short])!;
    expect(singer.range.lowest.midi).toBe(43);
    expect(singer.range.highest.midi).toBe(67);
    // 30 s around D3 outweigh 2 s around E4: the band stays low, it does not stretch to the short take.
    expect(singer.tessitura.low.midi).toBe(48);
    expect(singer.tessitura.high.midi).toBe(52);
    expect(singer.takeCount).toBe(2);
    expect(singer.voicedSec).toBe(32);
    // Vibrato only from the take that had one.
    expect(singer.timbre.vibratoRateHz).toBe(5);
    expect(['bass', 'baritone']).toContain(singer.voiceType.label);
  });

  it("pools a range test's comfortable steps, not the slides that cover its whole range", () => {
    const slides: Record<number, number> = {};
    for (let midi = 43; midi <= 64; midi++) slides[midi] = 1;
    const wholeTake = analysis(43, 64, { ...slides, 50: 5, 55: 2, 57: 2 }, 30);
    const rangeTest = { ...wholeTake, tessituraHistogram: { 50: 4.5, 52: 1, 55: 1.5, 57: 1.5, 59: 2 } };
    const singer = combineAnalyses([rangeTest])!;
    expect(singer.range).toMatchObject({ lowest: { midi: 43 }, highest: { midi: 64 } });
    expect(singer.tessitura.low.midi).toBe(50);
    expect(singer.tessitura.high.midi).toBe(59);
    // Without the windowed histogram the slides spread the band nearly to the range.
    expect(combineAnalyses([wholeTake])!.tessitura.low.midi).toBeLessThan(47);
  });
});
