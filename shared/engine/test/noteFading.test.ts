import type { SungNote } from '@orak/core';
import { describe, expect, it } from 'vitest';
import { noteLevelSlope, withoutFadingNotes } from '../src/analysis/noteFading';
import type { PitchCandidates } from '../src/pitch/salienceTracker';

const HOP = 0.01;

/**
 * Candidates for 2 s: frames 0-49 hold -20 dB; frames 100-149 fall 20 dB/s (a struck tone dying away);
 * frames 160-199 hold -20 dB, then step down 14 dB for their last quarter (a sung note ending).
 */
function candidates(): PitchCandidates {
  const frames = 200;
  const energyDb = new Float32Array(frames).fill(-60);
  for (let t = 0; t < 50; t++) energyDb[t] = -20;
  for (let t = 100; t < 150; t++) energyDb[t] = -20 - 20 * (t - 100) * HOP;
  for (let t = 160; t < 200; t++) energyDb[t] = t < 190 ? -20 : -34;
  return {
    hopSec: HOP,
    hz: new Float32Array(frames).fill(110),
    harmonicity: new Float32Array(frames).fill(0.8),
    energyDb,
  };
}

function note(startSec: number, durSec: number): SungNote {
  return { midi: 45, meanMidi: 45, startSec, durSec, wobbleCents: 3 };
}

describe('fading notes under a backing track', () => {
  const voiced = new Uint8Array(200).fill(1);
  const held = note(0, 0.5);
  const dying = note(1, 0.5);
  const ending = note(1.6, 0.4);

  it('measures the level slope of a note in dB per second', () => {
    expect(noteLevelSlope(held, candidates(), voiced)).toBeCloseTo(0, 6);
    expect(noteLevelSlope(dying, candidates(), voiced)).toBeCloseTo(-20, 3);
  });

  it('drops the dying note only when a backing plays under the voice', () => {
    expect(withoutFadingNotes([held, dying], candidates(), voiced, true)).toEqual([held]);
    expect(withoutFadingNotes([held, dying], candidates(), voiced, false)).toEqual([held, dying]);
  });

  it('keeps a note that holds and only steps down at its end, though its overall slope is steep', () => {
    expect(noteLevelSlope(ending, candidates(), voiced)).toBeLessThan(-20);
    expect(withoutFadingNotes([ending], candidates(), voiced, true)).toEqual([ending]);
  });
});
