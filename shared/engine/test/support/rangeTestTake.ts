import type { Melody, ScoreNote } from '../../src/corpus/melodyGenerator';
import { synthesiseSinging, type SungTake } from '../../src/corpus/singingSynth';
import { SeededRandom } from '../../src/dsp/seededRandom';

// A guided range test as the desktop's Range screen asks for it, sung by a synthetic baritone: a
// comfortable D3, a slow slide down to G2 held briefly, a 2 s glide up to E4 held 2 s, then a phrase in C3-G3.

export const RANGE_TEST_LOWEST = 43;
export const RANGE_TEST_HIGHEST = 64;

/** A sung 'a' on `midi`, reached by a glide of `glideSec`; vibrato only on long holds. */
export function scoreNote(midi: number, startSec: number, durSec: number, glideSec = 0): ScoreNote {
  // Vibrato only on the long holds, as a singer does once a note settles.
  const vibrato = durSec - glideSec >= 1;
  return {
    midi,
    startSec,
    durSec,
    vowel: 'a',
    glideSec,
    vibratoRateHz: vibrato ? 5.5 : 0,
    vibratoExtentCents: vibrato ? 40 : 0,
  };
}

export function rangeTestMelody(): Melody {
  const notes: ScoreNote[] = [
    scoreNote(50, 0.3, 1.5),
    // Legato from D3: a 2.5 s slide down that lingers near the bottom, then G2 held half a second.
    scoreNote(RANGE_TEST_LOWEST, 1.8, 3, 2.5),
    // Legato from G2: the 2 s glide up passes every semitone in between, then E4 is held 2 s.
    scoreNote(RANGE_TEST_HIGHEST, 4.8, 4, 2),
  ];
  let time = 9.4;
  for (const midi of [48, 50, 52, 55, 53, 52, 50, 48]) {
    notes.push(scoreNote(midi, time, 0.6));
    time += 0.6;
  }
  return { voiceType: 'baritone', tonic: 0, notes, durationSec: time + 0.5 };
}

export function rangeTestTake(sampleRate = 16000): SungTake {
  return synthesiseSinging(rangeTestMelody(), new SeededRandom(43), sampleRate);
}
