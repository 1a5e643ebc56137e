import type { AnalysisStage } from '@orak/core';

// Stage -> overall fraction. The pitch tracker reports no progress of its own, so inside that stage the
// fraction grows with elapsed time against a deliberately slow estimate and never reaches the next stage.

const STAGE_SPANS: Record<AnalysisStage, readonly [number, number]> = {
  queued: [0, 0],
  decode: [0, 0.1],
  pitch: [0.1, 0.85],
  analysis: [0.85, 0.95],
  recommend: [0.95, 1],
};

/** Real-time factor assumed for the estimate: well under the ~100x measured, for a loaded machine. */
const ASSUMED_SPEED = 20;

export function stageFraction(stage: AnalysisStage, elapsedSec: number, audioSec: number | null): number {
  const [start, end] = STAGE_SPANS[stage];
  if (stage !== 'pitch' || audioSec === null) return start;
  const expectedSec = Math.max(0.2, audioSec / ASSUMED_SPEED);
  return start + (end - start) * Math.min(0.95, elapsedSec / expectedSec);
}
