// What one reconcile pass did: the counts of each action, and every step that failed (the pass goes on).

export interface ReconcileFailure {
  /** The upload the step was about; null for a step over storage (a listing, an unrecorded object). */
  uploadId: string | null;
  key?: string;
  stage: string;
  reason: string;
}

export interface ReconcileReport {
  expired: number;
  recovered: number;
  redriven: number;
  failed: number;
  /** EXPIRED multipart uploads whose stored parts were dropped by the sweep. */
  partsDropped: number;
  /** Objects no live upload accounts for, removed. */
  orphansRemoved: number;
  errors: ReconcileFailure[];
}

export const emptyReport = (): ReconcileReport => ({
  expired: 0,
  recovered: 0,
  redriven: 0,
  failed: 0,
  partsDropped: 0,
  orphansRemoved: 0,
  errors: [],
});
