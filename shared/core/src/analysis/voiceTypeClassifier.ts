import type { VoiceTypeLabel } from '../contracts/analysis';
import { VOICE_TYPE_RANGES } from './voiceTypes';

export interface VoiceTypeGuess {
  label: VoiceTypeLabel;
  confidence: number;
  /** Probability per voice type (sums to 1). */
  scores: Record<VoiceTypeLabel, number>;
}

/**
 * Voice type from where the singer lives: distance of the tessitura centre to each type's centre, plus a
 * penalty for extremes outside the type's range; a softmax turns distances into a confidence. A short
 * take only shows part of a voice, so pitch alone cannot separate countertenor from contralto: the
 * singer's declared voice (`sex`) does. Without it, the rarer countertenor yields to the contralto.
 */
export function classifyVoiceType(
  range: { lowest: number; highest: number; comfortableLow: number; comfortableHigh: number },
  sex: 'male' | 'female' | null = null,
): VoiceTypeGuess {
  // Tessitura says where the singer lives, the extremes how far they reach: both place the voice.
  const centre = (range.comfortableLow + range.comfortableHigh + range.lowest + range.highest) / 4;
  const logits = VOICE_TYPE_RANGES.map((voice) => {
    const outside = Math.max(0, voice.low - range.lowest) + Math.max(0, range.highest - voice.high);
    const sexPenalty = sex !== null && voice.sex !== sex ? 1.5 : 0;
    // Few singers are countertenors: unless the singer says male, a tie goes to the contralto.
    const rarity = sex === null && voice.label === 'countertenor' ? 0.5 : 0;
    return -(((centre - voice.centre) / 2) ** 2) - 0.5 * outside - sexPenalty - rarity;
  });
  const top = Math.max(...logits);
  const weights = logits.map((l) => Math.exp(l - top));
  const total = weights.reduce((s, w) => s + w, 0);
  const scores = Object.fromEntries(
    VOICE_TYPE_RANGES.map((v, i) => [v.label, weights[i]! / total]),
  ) as Record<VoiceTypeLabel, number>;
  const best = logits.indexOf(top);
  return { label: VOICE_TYPE_RANGES[best]!.label, confidence: weights[best]! / total, scores };
}
