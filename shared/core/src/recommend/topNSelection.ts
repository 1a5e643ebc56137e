/**
 * Keeps the N best items seen so far in a binary min-heap: O(items x log N) instead of sorting every
 * item, which matters when N is 10 and the catalogue holds 100,000 songs. Items rank by score, then
 * by lower item number, so the kept set does not depend on the order items are offered in.
 */
export class TopNSelection {
  private readonly scores: Float64Array;
  private readonly items: Int32Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.scores = new Float64Array(Math.max(1, capacity));
    this.items = new Int32Array(Math.max(1, capacity));
  }

  /** The score of the worst kept item, which an item must reach to enter (−Infinity while the heap has room). */
  get threshold(): number {
    return this.size < this.capacity ? -Infinity : this.scores[0]!;
  }

  /** Would an item with this score (or any lower) be refused? */
  refuses(item: number, score: number): boolean {
    if (this.size < this.capacity) return this.capacity === 0;
    const least = this.scores[0]!;
    return score < least || (score === least && item > this.items[0]!);
  }

  /** Offers an item; true when it was kept. */
  offer(item: number, score: number): boolean {
    if (this.capacity === 0) return false;
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(score, item, this.scores[parent]!, this.items[parent]!)) break;
        this.scores[i] = this.scores[parent]!;
        this.items[i] = this.items[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.items[i] = item;
      return true;
    }
    if (!worse(this.scores[0]!, this.items[0]!, score, item)) return false;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child =
        right < this.size &&
        worse(this.scores[right]!, this.items[right]!, this.scores[left]!, this.items[left]!)
          ? right
          : left;
      if (!worse(this.scores[child]!, this.items[child]!, score, item)) break;
      this.scores[i] = this.scores[child]!;
      this.items[i] = this.items[child]!;
      i = child;
    }
    this.scores[i] = score;
    this.items[i] = item;
    return true;
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

/** Does (score, item) rank below (otherScore, otherItem)? */
function worse(score: number, item: number, otherScore: number, otherItem: number): boolean {
  return score < otherScore || (score === otherScore && item > otherItem);
}
