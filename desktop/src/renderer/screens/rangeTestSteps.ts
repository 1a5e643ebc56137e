// The range test's steps in order, with how long each listens: long enough to slide slowly and hold.

export type RangeStepId = 'comfortable' | 'low' | 'high' | 'phrase';

export interface RangeStep {
  id: RangeStepId;
  seconds: number;
}

export const RANGE_STEPS: readonly RangeStep[] = [
  { id: 'comfortable', seconds: 5 },
  { id: 'low', seconds: 8 },
  { id: 'high', seconds: 12 },
  { id: 'phrase', seconds: 8 },
];

export const RANGE_TEST_SECONDS = RANGE_STEPS.reduce((sum, step) => sum + step.seconds, 0);
