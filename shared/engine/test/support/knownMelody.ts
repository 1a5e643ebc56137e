import type { Melody, ScoreNote } from '../../src/corpus/melodyGenerator';
import { SeededRandom } from '../../src/dsp/seededRandom';
import { synthesiseSinging, type SungTake } from '../../src/corpus/singingSynth';

// A hand-written baritone line (A2..E4) with rests, glides and vibrato, so tests know the exact answer.
const LINE: [midi: number, durSec: number, restAfter: number][] = [
  [50, 0.6, 0.2],
  [53, 0.5, 0],
  [55, 0.7, 0.3],
  [57, 0.5, 0],
  [55, 0.6, 0.2],
  [45, 0.8, 0.3],
  [48, 0.5, 0],
  [52, 0.5, 0.2],
  [55, 0.6, 0],
  [59, 0.5, 0.2],
  [62, 0.5, 0],
  [64, 0.7, 0.3],
  [60, 0.5, 0],
  [57, 0.6, 0.2],
  [55, 0.9, 0.4],
];

export const KNOWN_LOWEST = 45;
export const KNOWN_HIGHEST = 64;

export function knownMelody(): Melody {
  const notes: ScoreNote[] = [];
  let time = 0.3;
  let previousRest = true;
  for (const [midi, durSec, restAfter] of LINE) {
    notes.push({
      midi,
      startSec: time,
      durSec,
      vowel: (['a', 'o', 'e', 'u', 'i'] as const)[notes.length % 5]!,
      glideSec: previousRest ? 0 : 0.08,
      vibratoRateHz: durSec >= 0.6 ? 5.5 : 0,
      vibratoExtentCents: durSec >= 0.6 ? 45 : 0,
    });
    time += durSec + restAfter;
    previousRest = restAfter > 0;
  }
  return { voiceType: 'baritone', tonic: 2, notes, durationSec: time + 0.3 };
}

export function knownTake(sampleRate = 16000): SungTake {
  return synthesiseSinging(knownMelody(), new SeededRandom(42), sampleRate);
}

/** One held note for format fixtures: `midi` for `seconds` at `sampleRate`. */
export function heldNote(midi: number, seconds: number, sampleRate: number): SungTake {
  const melody: Melody = {
    voiceType: 'tenor',
    tonic: 0,
    notes: [
      {
        midi,
        startSec: 0.1,
        durSec: seconds - 0.2,
        vowel: 'a',
        glideSec: 0,
        vibratoRateHz: 5.5,
        vibratoExtentCents: 30,
      },
    ],
    durationSec: seconds,
  };
  return synthesiseSinging(melody, new SeededRandom(7), sampleRate);
}
