import { LivePitchTracker, type LivePitchReport } from '@orak/core';
import { LIVE_PITCH_PROCESSOR } from './livePitchProcessorName';

// AudioWorklet entry: runs on the audio thread, feeds each 128-sample quantum to the shared tracker.

interface AudioWorkletScope {
  sampleRate: number;
  AudioWorkletProcessor: new () => { readonly port: MessagePort };
  registerProcessor(name: string, processor: new () => object): void;
}

const scope = globalThis as unknown as AudioWorkletScope;

class LivePitchProcessor extends scope.AudioWorkletProcessor {
  private readonly tracker = new LivePitchTracker({ sampleRate: scope.sampleRate });
  private readonly send = (report: LivePitchReport) => this.port.postMessage(report);

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    // No input yet (device still opening): keep the processor alive.
    if (channel) this.tracker.push(channel, this.send);
    return true;
  }
}

scope.registerProcessor(LIVE_PITCH_PROCESSOR, LivePitchProcessor);
