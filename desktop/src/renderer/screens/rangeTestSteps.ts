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

/** Steps sung where the voice is at ease: the comfortable range comes from these, not the slides. */
const COMFORTABLE_STEPS: ReadonlySet<RangeStepId> = new Set(['comfortable', 'phrase']);

/** When a step ran, in seconds of the recording (the audio clock the steps advance on). */
export interface StepSpan {
  id: RangeStepId;
  startSec: number;
  endSec: number;
}

/** The comfortable steps' spans as tessitura windows; undefined when none lasted (the whole take decides). */
export function tessituraWindowsOf(
  spans: readonly StepSpan[],
): { startSec: number; endSec: number }[] | undefined {
  const windows = spans
    .filter((span) => COMFORTABLE_STEPS.has(span.id) && span.endSec > span.startSec)
    .map(({ startSec, endSec }) => ({ startSec: Math.max(0, startSec), endSec }));
  return windows.length > 0 ? windows : undefined;
}
