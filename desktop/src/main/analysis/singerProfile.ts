import {
  classifyVoiceType,
  histogramQuantile,
  midiToHz,
  midiToName,
  type Analysis,
  type NoteRef,
  type SingerProfile,
  type SingerVoice,
  type Take,
} from '@orak/core';

// The singer across takes: the range is the union of every take's, the comfortable range the middle 80%
// of all sung time pooled (so long takes count for more), timbre averaged weighted by sung time.

const TESSITURA_TAIL = 0.1;

function noteRef(midi: number): NoteRef {
  return { midi, note: midiToName(midi), hz: Math.round(midiToHz(midi) * 10) / 10 };
}

function weightedMean(pairs: readonly (readonly [number, number])[]): number | null {
  const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
  if (total <= 0) return null;
  return pairs.reduce((sum, [value, weight]) => sum + value * weight, 0) / total;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Every take's stored analysis (a take holds its newest one). */
export function analysesOf(takes: readonly Take[]): Analysis[] {
  return takes.flatMap((take) => (take.analysis ? [take.analysis.result] : []));
}

export function combineAnalyses(
  analyses: readonly Analysis[],
  singerVoice: SingerVoice | null = null,
): SingerProfile | null {
  if (analyses.length === 0) return null;
  const lowest = Math.min(...analyses.map((a) => a.range.lowest.midi));
  const highest = Math.max(...analyses.map((a) => a.range.highest.midi));
  const pooled: Record<string, number> = {};
  // A range test counts only its comfortable steps here: its slides would stretch the band to the range.
  for (const analysis of analyses)
    for (const [midi, seconds] of Object.entries(analysis.tessituraHistogram ?? analysis.histogram))
      pooled[midi] = (pooled[midi] ?? 0) + seconds;
  // Takes without a histogram (nothing sustained) still place the band between their own tessitura.
  const low =
    histogramQuantile(pooled, TESSITURA_TAIL) ?? Math.min(...analyses.map((a) => a.tessitura.low.midi));
  const high =
    histogramQuantile(pooled, 1 - TESSITURA_TAIL) ?? Math.max(...analyses.map((a) => a.tessitura.high.midi));
  const comfortableLow = Math.max(lowest, Math.min(low, high));
  const comfortableHigh = Math.min(highest, Math.max(low, high));
  const voiceType = classifyVoiceType({ lowest, highest, comfortableLow, comfortableHigh }, singerVoice);
  // A take with no voiced time still counts, a little, so a profile of short takes has a timbre.
  const weight = (a: Analysis) => Math.max(0.01, a.stats.voicedSec);
  const mean = (pick: (a: Analysis) => number | null) =>
    weightedMean(
      analyses.flatMap((a) => {
        const value = pick(a);
        return value === null ? [] : [[value, weight(a)] as const];
      }),
    );
  const vibratoRate = mean((a) => a.timbre.vibratoRateHz);
  const vibratoExtent = mean((a) => a.timbre.vibratoExtentCents);
  return {
    takeCount: analyses.length,
    voicedSec: round(
      analyses.reduce((sum, a) => sum + a.stats.voicedSec, 0),
      2,
    ),
    range: { lowest: noteRef(lowest), highest: noteRef(highest) },
    tessitura: { low: noteRef(comfortableLow), high: noteRef(comfortableHigh) },
    voiceType: { label: voiceType.label, confidence: round(voiceType.confidence, 2) },
    timbre: {
      brightnessHz: round(mean((a) => a.timbre.brightnessHz) ?? 0, 1),
      hnrDb: round(mean((a) => a.timbre.hnrDb) ?? 0, 1),
      breathiness: round(Math.max(0, Math.min(1, mean((a) => a.timbre.breathiness) ?? 0)), 3),
      vibratoRateHz: vibratoRate === null ? null : round(vibratoRate, 2),
      vibratoExtentCents: vibratoExtent === null ? null : round(vibratoExtent, 1),
    },
  };
}
