import type { UploadMetrics } from '../metrics/uploadMetrics';
import type { TransitionObserver } from '../db/uploadRepository';

/** Counts every applied transition, and the terminal failures by reason/stage, in the shared upload metrics. */
export function countTransitions(metrics: UploadMetrics): TransitionObserver {
  return (to, actor) => metrics.transitions.inc({ to, actor });
}
