import type { LivePitchReport } from '@orak/core';
import captureWorkletUrl from './captureWorklet?worker&url';
import pitchWorkletUrl from './pitchWorklet?worker&url';
import { CAPTURE_PROCESSOR, type CaptureMessage } from './captureProcessorName';
import { LIVE_PITCH_PROCESSOR } from './livePitchProcessorName';
import { openMicrophone } from './microphoneInput';

// Microphone -> capture worklet (raw samples, the context's rate) and, when asked, the live pitch worklet on
// the same input: one device open, one clock, so what is shown and what is kept are the same sound.

export interface CaptureSession {
  readonly sampleRate: number;
  readonly deviceLabel: string;
  readonly deviceId: string | null;
  /** Drains what the worklet still holds (delivered through onChunk first), then releases the device. */
  stop(): Promise<void>;
}

export interface CaptureOptions {
  deviceId: string | null;
  onChunk: (samples: Float32Array) => void;
  onPitch?: (report: LivePitchReport) => void;
}

const nodeOptions: AudioWorkletNodeOptions = {
  numberOfInputs: 1,
  numberOfOutputs: 0,
  channelCount: 1,
  channelCountMode: 'explicit',
  channelInterpretation: 'speakers',
};

export async function startCaptureSession(options: CaptureOptions): Promise<CaptureSession> {
  const stream = await openMicrophone(options.deviceId);
  const context = new AudioContext({ latencyHint: 'interactive' });
  try {
    await context.audioWorklet.addModule(captureWorkletUrl);
    if (options.onPitch) await context.audioWorklet.addModule(pitchWorkletUrl);
    const source = context.createMediaStreamSource(stream);
    const capture = new AudioWorkletNode(context, CAPTURE_PROCESSOR, nodeOptions);
    let flushed: (() => void) | null = null;
    capture.port.onmessage = (event: MessageEvent<CaptureMessage>) => {
      if (event.data.type === 'chunk') options.onChunk(event.data.samples);
      else flushed?.();
    };
    source.connect(capture);
    let pitch: AudioWorkletNode | null = null;
    if (options.onPitch) {
      const onPitch = options.onPitch;
      pitch = new AudioWorkletNode(context, LIVE_PITCH_PROCESSOR, nodeOptions);
      pitch.port.onmessage = (event: MessageEvent<LivePitchReport>) => onPitch(event.data);
      source.connect(pitch);
    }
    if (context.state !== 'running') await context.resume();
    const track = stream.getAudioTracks()[0];
    return {
      sampleRate: context.sampleRate,
      deviceLabel: track?.label ?? '',
      deviceId: track?.getSettings().deviceId ?? options.deviceId,
      async stop() {
        // Stop the input first so nothing arrives after the flush, then drain the worklet's last block.
        source.disconnect();
        for (const t of stream.getTracks()) t.stop();
        await new Promise<void>((resolve) => {
          flushed = resolve;
          capture.port.postMessage('flush');
          setTimeout(resolve, 1000);
        });
        capture.port.onmessage = null;
        if (pitch) pitch.port.onmessage = null;
        await context.close();
      },
    };
  } catch (error) {
    for (const t of stream.getTracks()) t.stop();
    await context.close();
    throw error;
  }
}
