// Counting semaphore: bounds how many model runs are in flight at once, so memory stays bounded.

export class Semaphore {
  private available: number;
  private readonly waiting: (() => void)[] = [];
  private inFlight = 0;
  private peakInFlight = 0;

  constructor(readonly permits: number) {
    if (!Number.isInteger(permits) || permits < 1)
      throw new RangeError(`permits must be a positive integer, got ${permits}`);
    this.available = permits;
  }

  async acquire(): Promise<void> {
    if (this.available > 0) {
      this.available--;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
  }

  release(): void {
    this.inFlight--;
    const next = this.waiting.shift();
    // Hand the permit straight to the next waiter instead of returning it to the pool.
    if (next) next();
    else this.available++;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Most runs ever in flight together (for tests and metrics). */
  get peak(): number {
    return this.peakInFlight;
  }
}
