import { open, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ZodType } from 'zod';
import {
  F0TrackSchema,
  WaveformPeaksSchema,
  type F0Track,
  type Take,
  type TakeAudioChunk,
  type WaveformPeaks,
} from '@orak/core';
import { computePitchCurve } from './pitchCurve';
import { computeWaveformPeaks } from './waveformPeaks';
import { createMediaSidecars, type AudioStamp } from './mediaSidecar';
import { fileProblem, TakeMediaError } from './takeMediaError';
import { decodeWavMono, type MonoAudio } from './wavSamples';

// One take's media for the Library: peaks and pitch computed on first open and kept in sidecars, and the audio
// bytes served in chunks. Nothing is computed until a take is opened, so a 10,000-take library costs nothing here.

/** What the media service needs of the library: where takes live and how to find one. */
export interface TakeMediaLibrary {
  readonly dir: string;
  readonly takesDir: string;
  getTake(id: string): Take | null;
}

export interface TakeMediaService {
  /** These throw TakeMediaError for a missing or unreadable file, and a plain Error for an unknown take. */
  peaks(takeId: string): Promise<WaveformPeaks>;
  pitch(takeId: string): Promise<F0Track>;
  audioChunk(takeId: string, offset: number, length: number): Promise<TakeAudioChunk>;
}

const MIME_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

interface LocatedTake {
  take: Take;
  path: string;
  stamp: AudioStamp;
}

export function createTakeMediaService(library: () => TakeMediaLibrary): TakeMediaService {
  const inFlight = new Map<string, Promise<unknown>>();
  // Computations run one at a time: two takes opened in a row should not split the main process between them.
  let queue: Promise<unknown> = Promise.resolve();
  // The last decoded take: opening one asks for its peaks and then its pitch, and both read the same samples.
  let lastDecoded: { key: string; audio: Promise<MonoAudio> } | null = null;

  async function locate(takeId: string): Promise<LocatedTake> {
    const source = library();
    const take = source.getTake(takeId);
    if (!take) throw new Error(`no take ${takeId}`);
    const path = join(source.takesDir, take.fileName);
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new TakeMediaError('unreadable', `${take.fileName} is not a file`);
      return { take, path, stamp: { sizeBytes: info.size, mtimeMs: info.mtimeMs } };
    } catch (error) {
      throw error instanceof TakeMediaError ? error : fileProblem(error, take.fileName);
    }
  }

  function decode(located: LocatedTake): Promise<MonoAudio> {
    const key = `${located.path}:${located.stamp.sizeBytes}:${located.stamp.mtimeMs}`;
    if (lastDecoded?.key === key) return lastDecoded.audio;
    const audio = (async () => {
      let bytes: Buffer;
      try {
        bytes = await readFile(located.path);
      } catch (error) {
        throw fileProblem(error, located.take.fileName);
      }
      try {
        const decoded = await decodeWavMono(bytes);
        if (decoded.samples.length === 0) throw new Error('it holds no audio');
        return decoded;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new TakeMediaError(
          'unreadable',
          `the audio file ${located.take.fileName} cannot be read: ${reason}`,
        );
      }
    })();
    lastDecoded = { key, audio };
    audio.catch(() => {
      if (lastDecoded?.key === key) lastDecoded = null;
    });
    return audio;
  }

  /** A cached value when its sidecar matches the audio on disk, else computed (once, however many ask) and kept. */
  function cached<T>(
    takeId: string,
    kind: string,
    schema: ZodType<T>,
    compute: (audio: MonoAudio) => Promise<T>,
  ): Promise<T> {
    const key = `${takeId}:${kind}`;
    const pending = inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const run = (async () => {
      const located = await locate(takeId);
      const sidecars = createMediaSidecars(library().dir);
      const hit = await sidecars.read(takeId, kind, located.stamp, schema);
      if (hit !== null) return hit;
      const turn = queue.then(async () => compute(await decode(located)));
      queue = turn.catch(() => undefined);
      const value = await turn;
      // A cache that cannot be written (a full disk) only costs a recomputation next time.
      await sidecars.write(takeId, kind, located.stamp, value).catch(() => undefined);
      return value;
    })();
    inFlight.set(key, run);
    const clear = () => inFlight.delete(key);
    run.then(clear, clear);
    return run;
  }

  return {
    peaks: (takeId) => cached(takeId, 'peaks', WaveformPeaksSchema, computeWaveformPeaks),
    pitch: (takeId) => cached(takeId, 'pitch', F0TrackSchema, computePitchCurve),
    async audioChunk(takeId, offset, length) {
      const { take, path, stamp } = await locate(takeId);
      const start = Math.min(offset, stamp.sizeBytes);
      const buffer = Buffer.alloc(Math.min(length, stamp.sizeBytes - start));
      try {
        const handle = await open(path, 'r');
        try {
          await handle.read(buffer, 0, buffer.length, start);
        } finally {
          await handle.close();
        }
      } catch (error) {
        throw fileProblem(error, take.fileName);
      }
      return {
        status: 'ready',
        mimeType: MIME_TYPES[extname(take.fileName).toLowerCase()] ?? 'application/octet-stream',
        totalBytes: stamp.sizeBytes,
        offset: start,
        base64: buffer.toString('base64'),
      };
    },
  };
}
