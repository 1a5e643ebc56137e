import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DesktopBridgeHandlers, recordingBridgeMethods, Take } from '@orak/core';
import type { LibraryHost } from '../library/libraryHost';
import type { NewTake } from '../library/libraryService';
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
  libraryHost: LibraryHost,
  recovered: readonly FinishedTake[],
): Pick<DesktopBridgeHandlers, keyof typeof recordingBridgeMethods> {
  const open = new Map<string, OpenRecording>();
  // Sealed into takes/ but not yet in the library (its add failed): a retried finish adds it, nothing is lost.
  const sealed = new Map<string, FinishedTake>();
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
      return { recordingId, maxFrames: recorder().maxFrames(recordingId) };
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
      const library = libraryHost.require();
      // Checked before sealing, so a deleted album is an answer the singer can act on while the take is still open.
      if (albumId && !library.albums().some((album) => album.id === albumId))
        throw new Error(`the album ${albumId} no longer exists: choose another album`);
      let finished = sealed.get(recordingId);
      if (!finished) {
        const recording = find(recordingId);
        await recording.tail;
        finished = await recorder().finish(recordingId);
        open.delete(recordingId);
        sealed.set(recordingId, finished);
      }
      const take: NewTake = {
        title,
        albumId: albumId ?? null,
        tags: tags ?? [],
        fileName: finished.fileName,
        sampleRate: finished.sampleRate,
        channels: finished.channels,
        durationSec: finished.durationSec,
        sizeBytes: finished.sizeBytes,
        recordedAt: finished.startedAt,
      };
      let added: Take;
      try {
        added = await library.addTake(take);
      } catch (error) {
        // The album went between the check and the add: the take is kept with no album rather than lost.
        if (!take.albumId) throw error;
        added = await library.addTake({ ...take, albumId: null });
      }
      sealed.delete(recordingId);
      return added;
    },
    'recording.discard': async ({ recordingId }) => {
      const done = sealed.get(recordingId);
      if (done) {
        sealed.delete(recordingId);
        await rm(join(libraryHost.require().takesDir, done.fileName), { force: true });
        return {};
      }
      const recording = find(recordingId);
      await recording.tail;
      open.delete(recordingId);
      await recorder().discard(recordingId);
      return {};
    },
    'recording.recovered': async () => {
      const files = new Set(recovered.map((take) => take.fileName));
      return libraryHost
        .require()
        .allTakes()
        .filter((take) => files.has(take.fileName));
    },
  };
}
