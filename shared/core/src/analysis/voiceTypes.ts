import type { VoiceTypeLabel } from '../contracts/analysis';

// Textbook choral ranges (MIDI): the corpus sings inside them and the classifier compares a singer to them.
export interface VoiceTypeRange {
  label: VoiceTypeLabel;
  low: number;
  high: number;
  /** Where this voice sits most comfortably (middle of its tessitura). */
  centre: number;
  /** Male voices carry lower formants; used to split countertenor from contralto. */
  sex: 'male' | 'female';
}

export const VOICE_TYPE_RANGES: readonly VoiceTypeRange[] = [
  { label: 'bass', low: 40, high: 64, centre: 51, sex: 'male' },
  { label: 'baritone', low: 43, high: 67, centre: 55, sex: 'male' },
  { label: 'tenor', low: 48, high: 72, centre: 59, sex: 'male' },
  { label: 'countertenor', low: 52, high: 76, centre: 64, sex: 'male' },
  { label: 'contralto', low: 53, high: 77, centre: 64, sex: 'female' },
  { label: 'mezzo-soprano', low: 57, high: 81, centre: 68, sex: 'female' },
  { label: 'soprano', low: 60, high: 84, centre: 72, sex: 'female' },
];
