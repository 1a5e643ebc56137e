// The last few seconds of pitch for the piano-roll trail: a fixed ring buffer, no allocation per report.

export interface TrailPoint {
  time: number;
  /** Fractional MIDI pitch, or NaN where unvoiced (a gap in the line). */
  midi: number;
  cents: number;
}

export class PitchTrail {
  private readonly times: Float64Array;
  private readonly midis: Float64Array;
  private readonly cents: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity = 2048) {
    this.times = new Float64Array(capacity);
    this.midis = new Float64Array(capacity);
    this.cents = new Float64Array(capacity);
  }

  push(time: number, midi: number | null, cents: number | null): void {
    const index = (this.start + this.count) % this.capacity;
    this.times[index] = time;
    this.midis[index] = midi ?? Number.NaN;
    this.cents[index] = cents ?? 0;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }

  get latestTime(): number {
    return this.count === 0 ? 0 : this.times[(this.start + this.count - 1) % this.capacity]!;
  }

  /** Visits points oldest first, from `since` on. */
  forEachSince(since: number, visit: (time: number, midi: number, cents: number) => void): void {
    for (let i = 0; i < this.count; i++) {
      const index = (this.start + i) % this.capacity;
      const time = this.times[index]!;
      if (time >= since) visit(time, this.midis[index]!, this.cents[index]!);
    }
  }

  /** Median voiced pitch since `since`, for centring the view; null if nothing was voiced. */
  medianMidiSince(since: number): number | null {
    const values: number[] = [];
    this.forEachSince(since, (_time, midi) => {
      if (!Number.isNaN(midi)) values.push(midi);
    });
    if (values.length === 0) return null;
    values.sort((a, b) => a - b);
    return values[values.length >> 1]!;
  }
}
