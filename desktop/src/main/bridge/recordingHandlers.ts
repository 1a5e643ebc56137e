import type { DesktopBridgeHandlers, recordingBridgeMethods, Take } from '@orak/core';
import type { LibraryHost } from '../library/libraryHost';
import type { FinishedTake, TakeRecorderStore } from '../recording/takeRecorderStore';

// Recording's bridge methods: raw PCM chunks into the crash-safe recorder, in order, then a take in the library.

const FLOAT_BYTES = 4;

interface OpenRecording {
  channels: number;
  framesWritten: number;
  /** Appends run one after another: the store writes each at the end of the previous one. */
  tail: Promise<unknown>;
}

export function createRecordingHandlers(
  recorder: () => TakeRecorderStore,
  library: LibraryHost,
  recovered: readonly FinishedTake[],
): Pick<DesktopBridgeHandlers, keyof typeof recordingBridgeMethods> {
  const open = new Map<string, OpenRecording>();
  const find = (id: string) => {
    const recording = open.get(id);
    if (!recording) throw new Error(`no recording ${id} in progress`);
    return recording;
  };

  /** Decodes little-endian float32 PCM; a torn frame is refused rather than written half. */
  function samplesOf(base64: string, channels: number): Float32Array {
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length % (FLOAT_BYTES * channels) !== 0)
      throw new Error(`a chunk of ${bytes.length} bytes does not hold whole ${channels}-channel frames`);
    // Copied into its own buffer: a Buffer from base64 need not be 4-byte aligned.
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }

  return {
    'recording.begin': async ({ sampleRate, channels }) => {
      const recordingId = await recorder().begin({ sampleRate, channels });
      open.set(recordingId, { channels, framesWritten: 0, tail: Promise.resolve() });
      return { recordingId };
    },
    'recording.append': ({ recordingId, startFrame, pcm }) => {
      const recording = find(recordingId);
      const write = recording.tail.then(async () => {
        if (startFrame !== recording.framesWritten)
          throw new Error(`chunk starts at frame ${startFrame}, expected ${recording.framesWritten}`);
        const samples = samplesOf(pcm, recording.channels);
        await recorder().append(recordingId, samples);
        recording.framesWritten += samples.length / recording.channels;
        return { frames: recording.framesWritten };
      });
      recording.tail = write.catch(() => undefined);
      return write;
    },
    'recording.finish': async ({ recordingId, title, albumId, tags }) => {
      const recording = find(recordingId);
      await recording.tail;
      open.delete(recordingId);
      const finished = await recorder().finish(recordingId);
      return library.require().addTake({
        title,
        albumId: albumId ?? null,
        tags: tags ?? [],
        fileName: finished.fileName,
        sampleRate: finished.sampleRate,
        channels: finished.channels,
        durationSec: finished.durationSec,
        sizeBytes: finished.sizeBytes,
        recordedAt: finished.startedAt,
      });
    },
    'recording.discard': async ({ recordingId }) => {
      const recording = find(recordingId);
      await recording.tail;
      open.delete(recordingId);
      await recorder().discard(recordingId);
      return {};
    },
    'recording.recovered': async () => {
      const files = new Set(recovered.map((take) => take.fileName));
      const { items } = library.require().queryTakes({ limit: Number.MAX_SAFE_INTEGER });
      return items.filter((take: Take) => files.has(take.fileName));
    },
  };
}
