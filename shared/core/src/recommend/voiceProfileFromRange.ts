import type { VoiceProfile } from '../contracts/analysis';

/**
 * A profile from a range alone: singers are comfortable a little inside their extremes, so the
 * comfortable band is the range less a fifth of its span at each end (at least one semitone).
 */
export function voiceProfileFromRange(lowest: number, highest: number): VoiceProfile {
  if (!Number.isInteger(lowest) || !Number.isInteger(highest))
    throw new RangeError('range must be MIDI integers');
  if (lowest > highest) throw new RangeError(`lowest (${lowest}) is above highest (${highest})`);
  const span = highest - lowest;
  const margin = span >= 4 ? Math.max(1, Math.round(span / 5)) : 0;
  return { lowest, highest, comfortableLow: lowest + margin, comfortableHigh: highest - margin };
}
