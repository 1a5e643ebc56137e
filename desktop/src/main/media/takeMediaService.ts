import { open, stat } from 'node:fs/promises';
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
import { launchAnalysisWorker, type AnalysisWorkerLauncher } from '../analysis/analysisWorkerLauncher';
import { createMediaSidecars, type AudioStamp } from './mediaSidecar';
import { fileProblem, TakeMediaError } from './takeMediaError';
import { computeMediaInWorker, type TakeMediaResult } from './takeMediaWorker';

// One take's media for the Library: peaks and pitch computed together in a worker process on first open and
// kept in sidecars, and the audio bytes served in chunks. Nothing is computed until a take is opened.

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

export interface TakeMediaOptions {
  launchWorker?: AnalysisWorkerLauncher;
  /** A worker that has not answered by then is killed and the take reported unreadable. */
  timeoutMs?: number;
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

export function createTakeMediaService(
  library: () => TakeMediaLibrary,
  options: TakeMediaOptions = {},
): TakeMediaService {
  const launch = options.launchWorker ?? launchAnalysisWorker;
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const inFlight = new Map<string, Promise<TakeMediaResult>>();
  // One worker at a time: takes opened in a row queue rather than start a process each.
  let queue: Promise<unknown> = Promise.resolve();

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

  /** Peaks and pitch of this version of the file, computed once however many ask, and written as sidecars. */
  function computeBoth(takeId: string, located: LocatedTake): Promise<TakeMediaResult> {
    const key = `${takeId}:${located.stamp.sizeBytes}:${located.stamp.mtimeMs}`;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const turn = queue.then(async () => {
      const result = await computeMediaInWorker(launch, located.path, located.take.fileName, timeoutMs);
      const sidecars = createMediaSidecars(library().dir);
      // A cache that cannot be written (a full disk) only costs a recomputation next time.
      await sidecars.write(takeId, 'peaks', located.stamp, result.peaks).catch(() => undefined);
      await sidecars.write(takeId, 'pitch', located.stamp, result.pitch).catch(() => undefined);
      return result;
    });
    queue = turn.catch(() => undefined);
    inFlight.set(key, turn);
    const clear = () => inFlight.delete(key);
    turn.then(clear, clear);
    return turn;
  }

  /** The sidecar when it matches the audio on disk, else both computed in a worker; nothing decoded stays here. */
  async function cached<K extends keyof TakeMediaResult>(
    takeId: string,
    kind: K,
    schema: ZodType<TakeMediaResult[K]>,
  ): Promise<TakeMediaResult[K]> {
    const located = await locate(takeId);
    const hit = await createMediaSidecars(library().dir).read(takeId, kind, located.stamp, schema);
    if (hit !== null) return hit;
    return (await computeBoth(takeId, located))[kind];
  }

  return {
    peaks: (takeId) => cached(takeId, 'peaks', WaveformPeaksSchema),
    pitch: (takeId) => cached(takeId, 'pitch', F0TrackSchema),
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
