// A counting semaphore: at most `permits` analyses run at once however many partitions feed the worker.

export class Semaphore {
  private available: number;
  private readonly waiting: (() => void)[] = [];

  /** Called whenever permits are taken or given back (e.g. to update gauges). */
  onChange: (inUse: number, waiting: number) => void = () => undefined;

  constructor(readonly permits: number) {
    if (!Number.isInteger(permits) || permits < 1) throw new Error('a semaphore needs at least one permit');
    this.available = permits;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  get inUse(): number {
    return this.permits - this.available;
  }

  async acquire(): Promise<() => void> {
    if (this.available > 0) {
      this.available--;
    } else {
      const queued = new Promise<void>((resolve) => this.waiting.push(resolve));
      this.onChange(this.inUse, this.waiting.length);
      await queued;
    }
    this.onChange(this.inUse, this.waiting.length);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.available++;
      this.onChange(this.inUse, this.waiting.length);
    };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
