import { midiToHz } from '@orak/core';
import { describe, expect, it } from 'vitest';
import { pitchFluctuation } from '../src/pitch/pitchFluctuation';
import type { PitchCandidates } from '../src/pitch/salienceTracker';
import { decideVoicing, DEFAULT_VOICING } from '../src/pitch/voicingDecision';

const HOP = 0.01;

/** One segment of a synthetic candidate track: pitch (MIDI), frame level (dB), vibrato depth (cents). */
interface Segment {
  midi: number;
  seconds: number;
  levelDb: number;
  vibratoCents: number;
}

function candidates(segments: Segment[]): PitchCandidates {
  const hz: number[] = [];
  const energyDb: number[] = [];
  for (const s of segments) {
    for (let i = 0; i < Math.round(s.seconds / HOP); i++) {
      const wobble = (s.vibratoCents / 100) * Math.sin(2 * Math.PI * 5.5 * i * HOP);
      hz.push(midiToHz(s.midi + wobble));
      energyDb.push(s.levelDb);
    }
  }
  return {
    hopSec: HOP,
    hz: Float32Array.from(hz),
    harmonicity: new Float32Array(hz.length).fill(0.9),
    energyDb: Float32Array.from(energyDb),
  };
}

function share(voiced: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let t = Math.round(from / HOP); t < Math.round(to / HOP); t++) sum += voiced[t]!;
  return sum / (Math.round(to / HOP) - Math.round(from / HOP));
}

describe('pitchFluctuation', () => {
  it('reads a steady note and a straight glide as still, and vibrato as wavering', () => {
    const steady = pitchFluctuation(new Float32Array(100).fill(220));
    const glide = pitchFluctuation(Float32Array.from({ length: 100 }, (_, i) => midiToHz(57 + i * 0.02)));
    const vibrato = pitchFluctuation(candidates([{ midi: 57, seconds: 1, levelDb: 0, vibratoCents: 30 }]).hz);
    expect(Math.max(...steady)).toBeLessThan(0.01);
    expect(Math.max(...glide)).toBeLessThan(0.05);
    expect(vibrato[50]!).toBeGreaterThan(DEFAULT_VOICING.rescueFluctuationCents);
  });

  it('does not count a note change as fluctuation', () => {
    const steps = Float32Array.from({ length: 100 }, (_, i) => (i < 50 ? 220 : 330));
    expect(pitchFluctuation(steps)[50]!).toBeLessThan(0.01);
  });
});

describe('decideVoicing under a backing track', () => {
  // Backing alone at -20 dB, loud singing at -10 dB, then two quiet passages just under the level split:
  // a sung note (wavers) and a keyboard note of the backing (dead steady).
  const backing: Segment = { midi: 48, seconds: 2, levelDb: -20, vibratoCents: 0 };
  const loudSinging: Segment = { midi: 62, seconds: 2, levelDb: -10, vibratoCents: 40 };
  const track = candidates([
    backing,
    loudSinging,
    backing,
    loudSinging,
    { midi: 60, seconds: 1, levelDb: -16.5, vibratoCents: 40 },
    backing,
    { midi: 64, seconds: 1, levelDb: -16.5, vibratoCents: 0 },
    backing,
  ]);

  it('keeps a quiet wavering sung note but not a steady keyboard note at the same level', () => {
    const { voiced, backgroundPresent, gate } = decideVoicing(track);
    expect(backgroundPresent).toBe(true);
    expect(gate).toBeGreaterThan(-16.5);
    expect(share(voiced, 2, 4)).toBe(1);
    expect(share(voiced, 8.1, 8.9)).toBe(1);
    expect(share(voiced, 11.1, 11.9)).toBe(0);
    expect(share(voiced, 0, 2)).toBe(0);
  });

  it('rescues nothing when singing barely stands above the backing (0 dB)', () => {
    const { voiced } = decideVoicing(track, {
      ...DEFAULT_VOICING,
      rescueMinSeparationDb: 99,
    });
    expect(share(voiced, 8.1, 8.9)).toBe(0);
  });
});
