import type { DesktopBridge, LivePitchReport, Take } from '@orak/core';
import { startCaptureSession, type CaptureSession } from './captureSession';
import { measureBlock, type BlockLevel } from './levelMeasure';
import { float32ToBase64 } from './pcmBase64';

// A take being recorded: captured blocks go to the main process's recorder about four times a second, in
// order, one request at a time, so what reaches the disk is exactly what the microphone gave.

/** Audio held on the page before it is sent: the most a renderer crash can lose. */
const SEND_EVERY_SEC = 0.25;

export interface TakeRecordingOptions {
  deviceId: string | null;
  onLevel?: (level: BlockLevel) => void;
  onPitch?: (report: LivePitchReport) => void;
  /** A send to the main process failed: the recording stops taking audio; the reason is given once. */
  onError?: (error: unknown) => void;
  /** The take is full (maxFrames captured): later audio is not kept; the caller stops the recording. */
  onLimit?: () => void;
}

export interface StoppedRecording {
  recordingId: string;
  sampleRate: number;
  frames: number;
  finish(details: { title: string; albumId?: string | null; tags?: string[] }): Promise<Take>;
  discard(): Promise<void>;
}

export interface TakeRecording {
  readonly sampleRate: number;
  readonly deviceLabel: string;
  /** The most frames this take may hold: its file stays within the 100 MB upload and analysis limit. */
  readonly maxFrames: number;
  /** Frames captured so far (sent or about to be). */
  readonly capturedFrames: number;
  stop(): Promise<StoppedRecording>;
  /** Stops and throws the audio away. */
  cancel(): Promise<void>;
}

export async function startTakeRecording(
  bridge: DesktopBridge,
  options: TakeRecordingOptions,
): Promise<TakeRecording> {
  let pending: Float32Array[] = [];
  let pendingFrames = 0;
  let capturedFrames = 0;
  let sentFrames = 0;
  let sending: Promise<void> = Promise.resolve();
  let failed: unknown = null;
  let recordingId: string | null = null;
  let sampleRate = 0;
  let maxFrames = Number.POSITIVE_INFINITY;
  let limitReported = false;

  function send(): void {
    if (pendingFrames === 0 || recordingId === null || failed !== null) return;
    const block = new Float32Array(pendingFrames);
    let offset = 0;
    for (const chunk of pending) {
      block.set(chunk, offset);
      offset += chunk.length;
    }
    pending = [];
    pendingFrames = 0;
    const id = recordingId;
    sending = sending.then(async () => {
      if (failed !== null) return;
      try {
        const startFrame = sentFrames;
        sentFrames += block.length;
        await bridge.invoke('recording.append', { recordingId: id, startFrame, pcm: float32ToBase64(block) });
      } catch (error) {
        failed = error;
        options.onError?.(error);
      }
    });
  }

  function onChunk(block: Float32Array): void {
    const room = maxFrames - capturedFrames;
    if (room <= 0) return;
    const samples = block.length > room ? block.subarray(0, room) : block;
    capturedFrames += samples.length;
    options.onLevel?.(measureBlock(samples));
    pending.push(samples);
    pendingFrames += samples.length;
    if (pendingFrames >= sampleRate * SEND_EVERY_SEC || capturedFrames >= maxFrames) send();
    if (capturedFrames >= maxFrames && !limitReported) {
      limitReported = true;
      options.onLimit?.();
    }
  }

  const session: CaptureSession = await startCaptureSession({
    deviceId: options.deviceId,
    onChunk,
    onPitch: options.onPitch,
  });
  sampleRate = session.sampleRate;
  try {
    ({ recordingId, maxFrames } = await bridge.invoke('recording.begin', { sampleRate, channels: 1 }));
  } catch (error) {
    await session.stop();
    throw error;
  }
  // Blocks that arrived while the file was being opened go out first.
  send();
  const id = recordingId;

  async function drain(): Promise<void> {
    await session.stop();
    send();
    await sending;
  }

  return {
    sampleRate,
    maxFrames,
    deviceLabel: session.deviceLabel,
    get capturedFrames() {
      return capturedFrames;
    },
    async stop() {
      await drain();
      if (failed !== null) {
        await bridge.invoke('recording.discard', { recordingId: id }).catch(() => undefined);
        throw failed;
      }
      return {
        recordingId: id,
        sampleRate,
        frames: sentFrames,
        finish: (details) => bridge.invoke('recording.finish', { recordingId: id, ...details }),
        discard: async () => {
          await bridge.invoke('recording.discard', { recordingId: id });
        },
      };
    },
    async cancel() {
      await drain();
      await bridge.invoke('recording.discard', { recordingId: id }).catch(() => undefined);
    },
  };
}
