/**
 * Keeps the N highest-scoring items seen so far in a binary min-heap: O(items x log N) instead of sorting
 * every item, which matters when N is 10 and the catalogue holds 100,000 songs.
 */
export class TopNSelection {
  private readonly scores: Float64Array;
  private readonly items: Int32Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.scores = new Float64Array(Math.max(1, capacity));
    this.items = new Int32Array(Math.max(1, capacity));
  }

  /** The score an item must beat to enter (−Infinity while the heap has room). */
  get threshold(): number {
    return this.size < this.capacity ? -Infinity : this.scores[0]!;
  }

  offer(item: number, score: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= score) break;
        this.scores[i] = this.scores[parent]!;
        this.items[i] = this.items[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.items[i] = item;
      return;
    }
    if (score <= this.scores[0]!) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.scores[right]! < this.scores[left]! ? right : left;
      if (this.scores[child]! >= score) break;
      this.scores[i] = this.scores[child]!;
      this.items[i] = this.items[child]!;
      i = child;
    }
    this.scores[i] = score;
    this.items[i] = item;
  }

  /** The kept items, best first. */
  sortedItems(): number[] {
    const kept = Array.from({ length: this.size }, (_, k) => ({
      item: this.items[k]!,
      score: this.scores[k]!,
    }));
    kept.sort((a, b) => b.score - a.score || a.item - b.item);
    return kept.map((entry) => entry.item);
  }
}
