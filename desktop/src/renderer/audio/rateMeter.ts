// Events per second over a sliding one-second window: the Sing screen's own proof of its update rate.

export class RateMeter {
  private readonly stamps: number[] = [];

  tick(nowMs: number): void {
    this.stamps.push(nowMs);
    this.trim(nowMs);
  }

  perSecond(nowMs: number): number {
    this.trim(nowMs);
    return this.stamps.length;
  }

  private trim(nowMs: number): void {
    while (this.stamps.length > 0 && this.stamps[0]! <= nowMs - 1000) this.stamps.shift();
  }
}
