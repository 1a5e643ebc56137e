import type { Analysis, VoiceProfile } from '@orak/core';

// What the recommender needs from an analysis: the extremes and the comfortable band, as MIDI numbers.

export function voiceProfileFromAnalysis(analysis: Pick<Analysis, 'range' | 'tessitura'>): VoiceProfile {
  return {
    lowest: analysis.range.lowest.midi,
    highest: analysis.range.highest.midi,
    comfortableLow: analysis.tessitura.low.midi,
    comfortableHigh: analysis.tessitura.high.midi,
  };
}
