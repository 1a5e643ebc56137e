import { VOICE_TYPE_RANGES, type VoiceTypeLabel } from '@orak/core';
import type { SeededRandom } from '../dsp/seededRandom';

export type Vowel = 'a' | 'e' | 'i' | 'o' | 'u';
export const VOWELS: readonly Vowel[] = ['a', 'e', 'i', 'o', 'u'];

/** One sung note of the score; `restAfterSec` of silence follows it (0 = legato into the next). */
export interface ScoreNote {
  midi: number;
  startSec: number;
  durSec: number;
  vowel: Vowel;
  /** Seconds of portamento from the previous note's pitch (0 = clean attack). */
  glideSec: number;
  vibratoRateHz: number;
  vibratoExtentCents: number;
}

export interface Melody {
  voiceType: VoiceTypeLabel;
  /** MIDI of the key's tonic (the accompaniment plays in this key). */
  tonic: number;
  notes: ScoreNote[];
  durationSec: number;
}

const MAJOR = [0, 2, 4, 5, 7, 9, 11];

function scaleNotes(tonic: number, low: number, high: number): number[] {
  const notes: number[] = [];
  for (let midi = low; midi <= high; midi++)
    if (MAJOR.includes((((midi - tonic) % 12) + 12) % 12)) notes.push(midi);
  return notes;
}

/**
 * A random diatonic tune for a voice type: a span of 9-15 semitones around the voice's centre, stepwise
 * motion with leaps, held notes at both extremes (so the true range is unambiguous), rests and glides.
 */
export function generateMelody(voiceType: VoiceTypeLabel, random: SeededRandom, durationSec = 12): Melody {
  const voice = VOICE_TYPE_RANGES.find((v) => v.label === voiceType)!;
  const span = random.integer(9, 15);
  const centre = voice.centre + random.integer(-2, 2);
  const low = Math.max(voice.low, Math.round(centre - span / 2));
  const high = Math.min(voice.high, low + span);
  const tonic = random.integer(0, 11);
  const pitches = scaleNotes(tonic, low, high);
  const lowest = pitches[0]!;
  const highest = pitches[pitches.length - 1]!;

  const notes: ScoreNote[] = [];
  let time = random.between(0.3, 0.8);
  let index = random.integer(0, pitches.length - 1);
  // Force the extremes in at random positions of the tune.
  const lowAt = random.between(0.15, 0.45) * durationSec;
  const highAt = random.between(0.55, 0.85) * durationSec;
  let placedLow = false;
  let placedHigh = false;
  let previousRest = true;
  while (time < durationSec - 0.8) {
    let midi: number;
    if (!placedLow && time >= lowAt) {
      midi = lowest;
      placedLow = true;
    } else if (!placedHigh && time >= highAt) {
      midi = highest;
      placedHigh = true;
    } else {
      const step = random.pick([-2, -1, -1, 1, 1, 2, 3, -3, 0]);
      index = Math.max(0, Math.min(pitches.length - 1, index + step));
      midi = pitches[index]!;
    }
    index = pitches.indexOf(midi);
    const extreme = midi === lowest || midi === highest;
    const durSec = Math.min(
      extreme ? random.between(0.5, 1.0) : random.between(0.3, 1.1),
      durationSec - 0.5 - time,
    );
    if (durSec < 0.3) break;
    const vibrato = durSec > 0.55 && random.next() < 0.8;
    notes.push({
      midi,
      startSec: time,
      durSec,
      vowel: random.pick(VOWELS),
      glideSec: !previousRest && random.next() < 0.35 ? random.between(0.05, 0.15) : 0,
      vibratoRateHz: vibrato ? random.between(4.8, 6.5) : 0,
      vibratoExtentCents: vibrato ? random.between(25, 70) : 0,
    });
    time += durSec;
    previousRest = random.next() < 0.3;
    if (previousRest) time += random.between(0.2, 0.7);
  }
  return { voiceType, tonic, notes, durationSec };
}

/** The score's range: lowest and highest note held at least `minHoldSec`. */
export function scoreRange(melody: Melody, minHoldSec = 0.25): { lowest: number; highest: number } {
  const held = melody.notes.filter((n) => n.durSec >= minHoldSec).map((n) => n.midi);
  return { lowest: Math.min(...held), highest: Math.max(...held) };
}
