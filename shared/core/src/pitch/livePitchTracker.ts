import { hzToMidi, midiToHz } from '../music/pitchNames';
import { McleodPitchDetector } from './mcleodPitchDetector';
import { NoteStabilizer, type NoteStabilizerOptions } from './noteStabilizer';

// The streaming heart of live pitch: the AudioWorklet feeds it 128-sample blocks; it reports once per hop.

export interface LivePitchReport {
  /** Input samples consumed when this report was made (its time is frame / sampleRate). */
  frame: number;
  voiced: boolean;
  /** Smoothed pitch in Hz (the last one held through a short dropout, like note and cents); null when unvoiced. */
  hz: number | null;
  midi: number | null;
  /** The steady note to show (integer MIDI) and the pitch's distance from it in cents. */
  note: number | null;
  cents: number | null;
  /** Periodicity of the analysis window, 0..1. */
  clarity: number;
  /** Level of the latest hop in dBFS (floored at -100). */
  rmsDb: number;
  peakDb: number;
}

export interface LivePitchTrackerOptions {
  sampleRate: number;
  /** Samples between reports; 256 at 44.1 kHz is 172 reports a second. */
  hopSize?: number;
  /** Analysis window; defaults to ~46 ms (2048 at 44.1/48 kHz) so 60 Hz basses fit two periods. */
  windowSize?: number;
  minHz?: number;
  maxHz?: number;
  /** Hops more than this many dB below the newest one are lead-in (room noise before an onset), not the note. */
  onsetRangeDb?: number;
  /** Frames less periodic than this are unvoiced (breath, consonants, noise). */
  clarityThreshold?: number;
  /** Hops quieter than this are unvoiced. */
  silenceDb?: number;
  stabilizer?: NoteStabilizerOptions;
}

const FLOOR_DB = -100;

export class LivePitchTracker {
  readonly sampleRate: number;
  readonly hopSize: number;
  readonly windowSize: number;
  private readonly detector: McleodPitchDetector;
  private readonly stabilizer: NoteStabilizer;
  private lastShown: { hz: number; cents: number } | null = null;
  private readonly window: Float32Array;
  private readonly clarityThreshold: number;
  private readonly silenceDb: number;
  private readonly onsetRangeDb: number;
  private pendingInHop = 0;
  private framesSeen = 0;
  private hopSquares = 0;
  private hopPeak = 0;
  /** dB level of the most recent hops, newest last: finds where a note began inside the window. */
  private readonly recentHopDb: number[] = [];

  constructor(options: LivePitchTrackerOptions) {
    this.sampleRate = options.sampleRate;
    this.hopSize = options.hopSize ?? 256;
    this.windowSize = options.windowSize ?? (options.sampleRate > 70_000 ? 4096 : 2048);
    this.clarityThreshold = options.clarityThreshold ?? 0.8;
    this.silenceDb = options.silenceDb ?? -55;
    this.onsetRangeDb = options.onsetRangeDb ?? 20;
    this.detector = new McleodPitchDetector({
      sampleRate: options.sampleRate,
      windowSize: this.windowSize,
      minHz: options.minHz ?? 60,
      maxHz: options.maxHz ?? 1400,
    });
    this.stabilizer = new NoteStabilizer(options.stabilizer);
    this.window = new Float32Array(this.windowSize);
  }

  /** Feeds samples of any length; calls onReport once per completed hop. */
  push(samples: Float32Array, onReport: (report: LivePitchReport) => void): void {
    let start = 0;
    while (start < samples.length) {
      const take = Math.min(this.hopSize - this.pendingInHop, samples.length - start);
      const win = this.window;
      // Slide the window left and append; a 2048-float copy per block is cheaper than ring indexing in the NSDF.
      win.copyWithin(0, take);
      win.set(samples.subarray(start, start + take), win.length - take);
      for (let i = start; i < start + take; i++) {
        const x = samples[i]!;
        this.hopSquares += x * x;
        const magnitude = Math.abs(x);
        if (magnitude > this.hopPeak) this.hopPeak = magnitude;
      }
      start += take;
      this.pendingInHop += take;
      this.framesSeen += take;
      if (this.pendingInHop === this.hopSize) onReport(this.analyseHop());
    }
  }

  private analyseHop(): LivePitchReport {
    const rmsDb = toDb(Math.sqrt(this.hopSquares / this.hopSize));
    const peakDb = toDb(this.hopPeak);
    this.pendingInHop = 0;
    this.hopSquares = 0;
    this.hopPeak = 0;

    const recent = this.recentHopDb;
    recent.push(rmsDb);
    if (recent.length > Math.ceil(this.windowSize / this.hopSize)) recent.shift();
    const estimate =
      rmsDb >= this.silenceDb ? this.detector.detect(this.window, this.activeLength(rmsDb)) : null;
    const clarity = estimate?.clarity ?? 0;
    const voicedRaw = estimate !== null && clarity >= this.clarityThreshold;
    const stable = this.stabilizer.update(voicedRaw ? hzToMidi(estimate.hz) : null);
    const voiced = stable.midi !== null && stable.note !== null;
    if (voiced)
      this.lastShown = { hz: midiToHz(stable.midi!), cents: Math.round((stable.midi! - stable.note!) * 100) };
    else if (stable.note === null) this.lastShown = null;
    // Through a dropout shorter than the release the readout keeps the last note; midi stays null for trails and scores.
    const shown = voiced || stable.note !== null ? this.lastShown : null;
    return {
      frame: this.framesSeen,
      voiced,
      hz: shown?.hz ?? null,
      midi: voiced ? stable.midi : null,
      note: shown ? stable.note : null,
      cents: shown?.cents ?? null,
      clarity,
      rmsDb,
      peakDb,
    };
  }

  /** Samples since the note began: the newest run of hops within onsetRangeDb of the newest hop. */
  private activeLength(newestDb: number): number {
    const floor = Math.max(this.silenceDb, newestDb - this.onsetRangeDb);
    let hops = 0;
    for (let i = this.recentHopDb.length - 1; i >= 0 && this.recentHopDb[i]! >= floor; i--) hops++;
    return hops === this.recentHopDb.length ? this.windowSize : hops * this.hopSize;
  }
}

function toDb(amplitude: number): number {
  return amplitude > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(amplitude)) : FLOOR_DB;
}
