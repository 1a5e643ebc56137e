/** Per-bucket working arrays of one query. */
export interface QueryScratch {
  /** Queue key: an upper bound on the score of the bucket's best song. */
  readonly keys: Float64Array;
  /** Room for a heap of every bucket. */
  readonly heap: Int32Array;
  /** 1 once the bucket's exact (per-shift) bound replaced its quick one. */
  readonly exact: Uint8Array;
  readonly roundedBound: Float64Array;
  /** The exact bound at each shift -6..+6: shiftBound[bucket * 13 + shift + 6]. */
  readonly shiftBound: Float64Array;
  /** The parent a child bucket was opened from. */
  readonly parentOf: Int32Array;
}

let kept: QueryScratch | null = null;

/**
 * Arrays for `count` buckets, reused from query to query: recommend() runs to completion without
 * yielding, so no two queries share them at once, and a query then allocates next to nothing.
 */
export function queryScratch(count: number): QueryScratch {
  if (!kept || kept.keys.length < count) {
    kept = {
      keys: new Float64Array(count),
      heap: new Int32Array(count),
      exact: new Uint8Array(count),
      roundedBound: new Float64Array(count),
      shiftBound: new Float64Array(count * 13),
      parentOf: new Int32Array(count),
    };
  }
  return kept;
}
