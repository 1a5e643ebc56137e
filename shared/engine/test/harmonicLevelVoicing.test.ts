import { describe, expect, it } from 'vitest';
import { addHarmonicLevelFrames, DEFAULT_HARMONIC_LEVEL } from '../src/pitch/harmonicLevelVoicing';
import type { PitchCandidates } from '../src/pitch/salienceTracker';

const HOP = 0.01;

/** One stretch of frames: frame level (dB) at its start, its fall (dB/s), harmonic share, already sung. */
interface Stretch {
  frames: number;
  levelDb: number;
  slopeDbPerSec: number;
  harmonicity: number;
  sung: boolean;
}

function build(stretches: Stretch[]): { candidates: PitchCandidates; voiced: Uint8Array } {
  const energyDb: number[] = [];
  const harmonicity: number[] = [];
  const voiced: number[] = [];
  for (const s of stretches) {
    for (let i = 0; i < s.frames; i++) {
      energyDb.push(s.levelDb + s.slopeDbPerSec * i * HOP);
      harmonicity.push(s.harmonicity);
      voiced.push(s.sung ? 1 : 0);
    }
  }
  return {
    candidates: {
      hopSec: HOP,
      hz: new Float32Array(energyDb.length).fill(220),
      harmonicity: Float32Array.from(harmonicity),
      energyDb: Float32Array.from(energyDb),
    },
    voiced: Uint8Array.from(voiced),
  };
}

const loudSung: Stretch = { frames: 40, levelDb: -10, slopeDbPerSec: 0, harmonicity: 0.9, sung: true };

function added(middle: Stretch, gate = -12): number {
  const { candidates, voiced } = build([loudSung, middle, loudSung]);
  addHarmonicLevelFrames(candidates, voiced, gate, DEFAULT_HARMONIC_LEVEL);
  let sum = 0;
  for (let t = loudSung.frames; t < loudSung.frames + middle.frames; t++) sum += voiced[t]!;
  return sum / middle.frames;
}

describe('addHarmonicLevelFrames', () => {
  it('voices a held note whose harmonics keep the sung level though it owns under half the frame', () => {
    // Level on the harmonics: -8 dB frame energy x 0.45 share = -11.5 dB, within 4 dB of the sung -10.5 dB.
    expect(added({ frames: 30, levelDb: -8, slopeDbPerSec: 0, harmonicity: 0.45, sung: false })).toBe(1);
  });

  it('voices such a frame a few dB under the level gate (a quiet sung note under the backing split)', () => {
    expect(added({ frames: 30, levelDb: -8, slopeDbPerSec: 0, harmonicity: 0.45, sung: false }, -6)).toBe(1);
  });

  it('leaves a struck tone dying away unvoiced even where it starts at the sung level', () => {
    const fraction = added({ frames: 30, levelDb: -8, slopeDbPerSec: -15, harmonicity: 0.45, sung: false });
    expect(fraction).toBeLessThan(0.2);
  });

  it('leaves frames whose harmonics sit well under the sung level unvoiced', () => {
    expect(added({ frames: 30, levelDb: -8, slopeDbPerSec: 0, harmonicity: 0.15, sung: false })).toBe(0);
    expect(added({ frames: 30, levelDb: -13, slopeDbPerSec: 0, harmonicity: 0.4, sung: false })).toBe(0);
  });

  it('adds nothing without enough clearly sung frames nearby to give a reference', () => {
    const { candidates, voiced } = build([
      { frames: 200, levelDb: -8, slopeDbPerSec: 0, harmonicity: 0.45, sung: false },
    ]);
    addHarmonicLevelFrames(candidates, voiced, -12);
    expect(voiced.reduce((a, b) => a + b, 0)).toBe(0);
  });
});
