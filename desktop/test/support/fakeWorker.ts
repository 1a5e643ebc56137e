import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { midiToName, type Analysis } from '@orak/core';

// A worker process stand-in for the analysis service: the test decides what it reports and when it exits.

export class FakeWorker extends EventEmitter {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly pid = 424_242;
  killedWith: NodeJS.Signals | null = null;
  readonly sent: unknown[] = [];

  send(message: unknown): boolean {
    this.sent.push(message);
    this.emit('sent', message);
    return true;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (this.exitCode !== null || this.signalCode !== null) return false;
    this.killedWith = signal;
    setImmediate(() => this.exit(null, signal));
    return true;
  }

  report(message: unknown): void {
    setImmediate(() => this.emit('message', message));
  }

  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    if (this.exitCode !== null || this.signalCode !== null) return;
    this.exitCode = code;
    this.signalCode = signal;
    this.emit('exit', code, signal);
  }

  get process(): ChildProcess {
    return this as unknown as ChildProcess;
  }
}

/** A finished analysis as a worker reports it. */
export function cannedAnalysis(): Analysis {
  const ref = (midi: number) => ({ midi, note: midiToName(midi), hz: 440 });
  return {
    range: { lowest: ref(45), highest: ref(64) },
    tessitura: { low: ref(48), high: ref(60) },
    voiceType: { label: 'baritone', confidence: 0.7 },
    timbre: {
      brightnessHz: 1000,
      hnrDb: 20,
      breathiness: 0.2,
      vibratoRateHz: null,
      vibratoExtentCents: null,
    },
    stats: { voicedSec: 10, voicedRatio: 0.8, sustainedNotes: 4, meanMidi: 52, pitchStabilityCents: 10 },
    histogram: { 50: 5, 52: 5 },
  };
}

export const doneReport = () => ({
  type: 'done',
  analysis: cannedAnalysis(),
  recommendations: [],
  recommendationsUnavailable: null,
});
