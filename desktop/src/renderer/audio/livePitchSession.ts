import type { LivePitchReport } from '@orak/core';
import pitchWorkletUrl from './pitchWorklet?worker&url';
import { LIVE_PITCH_PROCESSOR } from './livePitchProcessorName';
import { openMicrophone } from './microphoneInput';

// Microphone -> AudioWorklet pitch tracker -> reports on the main thread. One session per open device.

export interface LivePitchSession {
  readonly sampleRate: number;
  readonly deviceLabel: string;
  readonly deviceId: string | null;
  stop(): Promise<void>;
}

export async function startLivePitchSession(
  deviceId: string | null,
  onReport: (report: LivePitchReport) => void,
): Promise<LivePitchSession> {
  const stream = await openMicrophone(deviceId);
  const context = new AudioContext({ latencyHint: 'interactive' });
  try {
    await context.audioWorklet.addModule(pitchWorkletUrl);
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, LIVE_PITCH_PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: 1,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
    });
    node.port.onmessage = (event: MessageEvent<LivePitchReport>) => onReport(event.data);
    source.connect(node);
    if (context.state !== 'running') await context.resume();
    const track = stream.getAudioTracks()[0];
    return {
      sampleRate: context.sampleRate,
      deviceLabel: track?.label ?? '',
      deviceId: track?.getSettings().deviceId ?? deviceId,
      async stop() {
        node.port.onmessage = null;
        source.disconnect();
        for (const t of stream.getTracks()) t.stop();
        await context.close();
      },
    };
  } catch (error) {
    for (const t of stream.getTracks()) t.stop();
    await context.close();
    throw error;
  }
}
