/**
 * A max-heap of bucket ids keyed by an upper bound on the best score a bucket's songs can reach. A key
 * may be lowered (a quick bound replaced by the exact one) while its bucket is on top.
 */
export class BucketQueue {
  private size = 0;

  /**
   * `keys` is indexed by bucket id and owned by the caller, who sets a key before pushing its bucket;
   * `heap` is room for every bucket (both are reused from query to query).
   */
  constructor(
    readonly keys: Float64Array,
    private readonly heap: Int32Array,
  ) {}

  get empty(): boolean {
    return this.size === 0;
  }

  /** The bucket with the highest key (only when not empty). */
  get top(): number {
    return this.heap[0]!;
  }

  push(bucket: number): void {
    const key = this.keys[bucket]!;
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (this.keys[this.heap[parent]!]! >= key) break;
      this.heap[k] = this.heap[parent]!;
      k = parent;
    }
    this.heap[k] = bucket;
  }

  pop(): void {
    this.heap[0] = this.heap[--this.size]!;
    this.siftDown();
  }

  /** Lowers the top bucket's key and lets it sink to its place. */
  lowerTop(key: number): void {
    this.keys[this.heap[0]!] = key;
    this.siftDown();
  }

  private siftDown(): void {
    const heap = this.heap;
    const keys = this.keys;
    const item = heap[0]!;
    const key = keys[item]!;
    let k = 0;
    for (;;) {
      const left = 2 * k + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && keys[heap[right]!]! > keys[heap[left]!]! ? right : left;
      if (keys[heap[child]!]! <= key) break;
      heap[k] = heap[child]!;
      k = child;
    }
    heap[k] = item;
  }
}
