import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../storage/atomicWrite';
import { wavHeader } from '@orak/engine';
import {
  encodeTakeSamples,
  frameBytes,
  maxTakeFrames,
  MAX_TAKE_BYTES,
  TAKE_WAV_FORMAT,
  WAV_HEADER_BYTES,
} from './takeWavFormat';

// Takes are written to disk as they are sung: a crash or power cut loses at most the last sync interval,
// and whatever was captured is turned into a playable WAV on the next start.

export const RECORDING_FOLDER = '.recording';

const RecordingMetaSchema = z.object({
  id: z.string(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().min(1).max(2),
  startedAt: z.string(),
  /** Absent in recordings an older app left behind: those were written as float. */
  format: z.enum(['pcm24', 'float32']).default('float32'),
});
type RecordingMeta = z.infer<typeof RecordingMetaSchema>;

export interface FinishedTake {
  id: string;
  /** File name inside the takes folder. */
  fileName: string;
  sampleRate: number;
  channels: number;
  durationSec: number;
  sizeBytes: number;
  startedAt: string;
}

/** A chunk that would take the file past MAX_TAKE_BYTES: nothing of it is written. */
export class TakeLimitError extends Error {
  constructor(maxBytes: number) {
    super(`the take reached its size limit of ${(maxBytes / 1024 / 1024).toFixed(0)} MB`);
    this.name = 'TakeLimitError';
  }
}

export interface TakeRecorderOptions {
  takesDir: string;
  /** Longest time captured audio may sit unsynced: the most a crash can lose. */
  syncIntervalMs?: number;
  /** Largest take file; MAX_TAKE_BYTES unless a test needs a small one. */
  maxBytes?: number;
  now?: () => Date;
}

interface OpenRecording {
  meta: RecordingMeta;
  handle: FileHandle;
  dataBytes: number;
  lastSyncAt: number;
}

export interface TakeRecorderStore {
  begin(format: { sampleRate: number; channels: number }): Promise<string>;
  /** Frames a recording may hold before append refuses more (the file stays under MAX_TAKE_BYTES). */
  maxFrames(id: string): number;
  /** Interleaved float samples, in order; throws TakeLimitError past maxFrames. */
  append(id: string, samples: Float32Array): Promise<void>;
  finish(id: string): Promise<FinishedTake>;
  discard(id: string): Promise<void>;
  /** Recordings a crash interrupted, made playable; call once at start-up, before any begin(). */
  recoverInterrupted(): Promise<FinishedTake[]>;
}

export function createTakeRecorderStore(options: TakeRecorderOptions): TakeRecorderStore {
  const workDir = join(options.takesDir, RECORDING_FOLDER);
  const syncIntervalMs = options.syncIntervalMs ?? 1000;
  const now = options.now ?? (() => new Date());
  const maxBytes = Math.min(options.maxBytes ?? MAX_TAKE_BYTES, MAX_TAKE_BYTES);
  const maxFrames = (meta: RecordingMeta) => maxTakeFrames(meta.format, meta.channels, maxBytes);
  const inProgress = new Map<string, OpenRecording>();
  const partPath = (id: string) => join(workDir, `${id}.wav.part`);
  const metaPath = (id: string) => join(workDir, `${id}.json`);

  function recording(id: string): OpenRecording {
    const found = inProgress.get(id);
    if (!found) throw new Error(`no recording ${id} in progress`);
    return found;
  }

  /** Writes the real sizes into the header, syncs, and moves the file into the takes folder. */
  async function seal(
    meta: RecordingMeta,
    handle: FileHandle,
    dataBytes: number,
    suffix = '',
  ): Promise<FinishedTake> {
    await handle.write(
      wavHeader(meta.format, meta.sampleRate, meta.channels, dataBytes),
      0,
      WAV_HEADER_BYTES,
      0,
    );
    await handle.truncate(WAV_HEADER_BYTES + dataBytes);
    await handle.sync();
    await handle.close();
    const fileName = `${meta.id}${suffix}.wav`;
    await rename(partPath(meta.id), join(options.takesDir, fileName));
    await rm(metaPath(meta.id), { force: true });
    return {
      id: meta.id,
      fileName,
      sampleRate: meta.sampleRate,
      channels: meta.channels,
      durationSec: dataBytes / frameBytes(meta.format, meta.channels) / meta.sampleRate,
      sizeBytes: WAV_HEADER_BYTES + dataBytes,
      startedAt: meta.startedAt,
    };
  }

  return {
    async begin({ sampleRate, channels }) {
      const meta = RecordingMetaSchema.parse({
        id: randomUUID(),
        sampleRate,
        channels,
        startedAt: now().toISOString(),
        format: TAKE_WAV_FORMAT,
      });
      await mkdir(workDir, { recursive: true });
      // The format is on disk before the first sample, so a crash at any point is recoverable.
      await writeFileAtomic(metaPath(meta.id), JSON.stringify(meta));
      const handle = await open(partPath(meta.id), 'w');
      await handle.write(wavHeader(meta.format, sampleRate, channels, 0));
      await handle.sync();
      inProgress.set(meta.id, { meta, handle, dataBytes: 0, lastSyncAt: Date.now() });
      return meta.id;
    },
    maxFrames: (id) => maxFrames(recording(id).meta),
    async append(id, samples) {
      const rec = recording(id);
      if (samples.length % rec.meta.channels !== 0) throw new Error('samples must hold whole frames');
      const bytes = encodeTakeSamples(samples, rec.meta.format);
      if (WAV_HEADER_BYTES + rec.dataBytes + bytes.length > maxBytes) throw new TakeLimitError(maxBytes);
      await rec.handle.write(bytes, 0, bytes.length, WAV_HEADER_BYTES + rec.dataBytes);
      rec.dataBytes += bytes.length;
      if (Date.now() - rec.lastSyncAt >= syncIntervalMs) {
        await rec.handle.sync();
        rec.lastSyncAt = Date.now();
      }
    },
    async finish(id) {
      const rec = recording(id);
      inProgress.delete(id);
      return seal(rec.meta, rec.handle, rec.dataBytes);
    },
    async discard(id) {
      const rec = recording(id);
      inProgress.delete(id);
      await rec.handle.close();
      await rm(partPath(id), { force: true });
      await rm(metaPath(id), { force: true });
    },
    async recoverInterrupted() {
      let names: string[];
      try {
        names = await readdir(workDir);
      } catch {
        return [];
      }
      const recovered: FinishedTake[] = [];
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        const parsed = RecordingMetaSchema.safeParse(
          JSON.parse(await readFile(join(workDir, name), 'utf8').catch(() => '{}')),
        );
        if (!parsed.success || inProgress.has(parsed.data.id)) continue;
        const meta = parsed.data;
        const size = await stat(partPath(meta.id)).then(
          (s) => s.size,
          () => -1,
        );
        if (size < 0) {
          await rm(join(workDir, name), { force: true });
          continue;
        }
        // A sample half-written at the crash is dropped: whole frames only.
        const frame = frameBytes(meta.format, meta.channels);
        const dataBytes = Math.max(0, Math.floor((size - WAV_HEADER_BYTES) / frame) * frame);
        const handle = await open(partPath(meta.id), 'r+');
        recovered.push(await seal(meta, handle, dataBytes, '-recovered'));
      }
      return recovered;
    },
  };
}
