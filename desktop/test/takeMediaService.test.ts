import { copyFile, mkdtemp, open, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  concatAudio,
  createDesktopBridge,
  createDesktopBridgeDispatcher,
  hzToMidi,
  sineTone,
  sungVowel,
  type DesktopBridge,
} from '@orak/core';
import { encodeWav } from '@orak/engine';
import { launchAnalysisWorker } from '../src/main/analysis/analysisWorkerLauncher';
import { openLibrary, type LibraryService } from '../src/main/library/libraryService';
import { MEDIA_FOLDER } from '../src/main/media/mediaSidecar';
import { computePitchCurve } from '../src/main/media/pitchCurve';
import { TakeMediaError } from '../src/main/media/takeMediaError';
import { createTakeMediaService, type TakeMediaService } from '../src/main/media/takeMediaService';
import { computeWaveformPeaks } from '../src/main/media/waveformPeaks';
import { createMainServices, type MainServices } from '../src/main/mainServices';

// The take media service on real WAV files in a temp library: peaks, pitch, the sidecar cache and bad files.

let dir: string;
let library: LibraryService;
let media: TakeMediaService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-media-'));
  library = await openLibrary({ dir });
  media = createTakeMediaService(() => library);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** 32-bit float WAV: what older versions of the recorder wrote. */
const floatWav = (samples: Float32Array, sampleRate: number) =>
  Buffer.from(encodeWav(samples, sampleRate, 1, 'float32'));

/** 16-bit PCM stereo, to prove other WAVs read too and channels mix down. */
function pcm16StereoWav(left: Float32Array, right: Float32Array, sampleRate: number): Buffer {
  const interleaved = Float32Array.from({ length: left.length * 2 }, (_, i) =>
    i % 2 ? right[i >> 1]! : left[i >> 1]!,
  );
  return Buffer.from(encodeWav(interleaved, sampleRate, 2));
}

async function addTakeWithAudio(fileName: string, bytes: Buffer | null, sampleRate = 48_000) {
  if (bytes) await writeFile(join(library.takesDir, fileName), bytes);
  return library.addTake({
    title: fileName,
    fileName,
    sampleRate,
    channels: 1,
    durationSec: 1,
    sizeBytes: bytes?.length ?? 0,
  });
}

/** 8192 samples (two per finest bucket): the first half at +0.5, the second alternating +-0.25. */
function knownSignal(): Float32Array {
  return Float32Array.from({ length: 8192 }, (_, i) => (i < 4096 ? 0.5 : i % 2 ? 0.25 : -0.25));
}

describe('take media: waveform peaks', () => {
  it('gives min and max per bucket of a known signal at every resolution', async () => {
    const take = await addTakeWithAudio('known.wav', floatWav(knownSignal(), 8000), 8000);
    const peaks = await media.peaks(take.id);
    expect(peaks.durationSec).toBe(1.024);
    expect(peaks.sampleRate).toBe(8000);
    expect(peaks.levels.map((level) => level.buckets)).toEqual([256, 1024, 4096]);
    for (const level of peaks.levels) {
      const half = level.buckets / 2;
      expect(level.min.slice(0, half).every((v) => v === 0.5)).toBe(true);
      expect(level.max.slice(0, half).every((v) => v === 0.5)).toBe(true);
      expect(level.min.slice(half).every((v) => v === -0.25)).toBe(true);
      expect(level.max.slice(half).every((v) => v === 0.25)).toBe(true);
    }
  });

  it('mixes 16-bit stereo down to mono, and a take shorter than a level gets one bucket per sample', async () => {
    const left = Float32Array.from({ length: 100 }, () => 0.5);
    const right = Float32Array.from({ length: 100 }, (_, i) => (i < 50 ? -0.5 : 0.5));
    const take = await addTakeWithAudio('stereo.wav', pcm16StereoWav(left, right, 8000), 8000);
    const peaks = await media.peaks(take.id);
    const [coarse] = peaks.levels;
    expect(coarse!.buckets).toBe(100);
    expect(coarse!.max.slice(0, 50).every((v) => Math.abs(v) < 1e-3)).toBe(true);
    expect(coarse!.max.slice(50).every((v) => Math.abs(v - 0.5) < 1e-3)).toBe(true);
  });
});

describe('take media: any format the engine decodes, in a worker process', () => {
  const fixtures = join(import.meta.dirname, '../../shared/engine/test/fixtures');

  it.each(['a3-48k-mono.flac', 'a3-44k-stereo.mp3', 'a3-44k-stereo.ogg'])(
    'reads %s: peaks at its own rate and an A3 pitch curve',
    async (name) => {
      await copyFile(join(fixtures, name), join(library.takesDir, name));
      const take = await addTakeWithAudio(name, null);
      const peaks = await media.peaks(take.id);
      expect(peaks.sampleRate).toBe(name.includes('48k') ? 48_000 : 44_100);
      expect(peaks.levels[0]!.max.some((value) => value > 0.05)).toBe(true);
      const voiced = (await media.pitch(take.id)).hz.filter((hz) => hz > 0);
      expect(voiced.length).toBeGreaterThan(20);
      expect(Math.round(hzToMidi(voiced[Math.floor(voiced.length / 2)]!))).toBe(57);
    },
  );

  it('computes peaks and pitch together in one worker, never in this process', async () => {
    let launches = 0;
    const counted = createTakeMediaService(() => library, {
      launchWorker: () => {
        launches++;
        return launchAnalysisWorker();
      },
    });
    const take = await addTakeWithAudio('once.wav', floatWav(knownSignal(), 8000), 8000);
    await Promise.all([counted.peaks(take.id), counted.pitch(take.id)]);
    await counted.pitch(take.id);
    expect(launches).toBe(1);
  });

  it('refuses a file over 100 MB without reading it', async () => {
    const path = join(library.takesDir, 'huge.wav');
    const handle = await open(path, 'w');
    await handle.write(floatWav(knownSignal(), 8000));
    await handle.truncate(101 * 1024 * 1024);
    await handle.close();
    const take = await addTakeWithAudio('huge.wav', null);
    await expect(media.peaks(take.id)).rejects.toThrow(/cannot be read: .*over the 104857600-byte limit/);
  });

  it('removes the sidecars with the take', async () => {
    const take = await addTakeWithAudio('deleted.wav', floatWav(knownSignal(), 8000), 8000);
    await media.peaks(take.id);
    expect(await readdir(join(dir, MEDIA_FOLDER))).toHaveLength(2);
    await library.deleteTake(take.id);
    expect(await readdir(join(dir, MEDIA_FOLDER))).toEqual([]);
  });
});

describe('take media: pitch curve', () => {
  it('reads a 220 Hz sung tone as ~220 Hz (A3) every 10 ms, and silence as unvoiced', async () => {
    const rate = 44_100;
    const audio = concatAudio(
      new Float32Array(rate / 2),
      sungVowel({ f0Hz: 220, seconds: 2, sampleRate: rate }),
      new Float32Array(rate / 2),
    );
    const take = await addTakeWithAudio('a3.wav', floatWav(audio, rate), rate);
    const pitch = await media.pitch(take.id);
    expect(pitch.hopSec).toBeCloseTo(0.01, 5);
    expect(pitch.hz.length).toBeGreaterThanOrEqual(295);
    expect(pitch.hz.length).toBeLessThanOrEqual(301);
    const sung = pitch.hz.slice(70, 230);
    expect(sung.every((hz) => Math.abs(hz - 220) < 3)).toBe(true);
    expect(Math.round(hzToMidi(sung[80]!))).toBe(57);
    expect(pitch.hz.slice(0, 40).every((hz) => hz === 0)).toBe(true);
    expect(pitch.hz.slice(-40).every((hz) => hz === 0)).toBe(true);
  });

  it('lets the event loop run while a long take is tracked, and while its peaks are found', async () => {
    // The computations alone, no file I/O: only their own slicing can let a timer run in between.
    const audio = { sampleRate: 16_000, samples: sineTone(220, 30, 16_000) };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await computePitchCurve(audio);
      // Eight 4-second windows with a turn of the loop after each: a blocking computation ticks at most once.
      expect(ticks).toBeGreaterThanOrEqual(4);
      ticks = 0;
      await computeWaveformPeaks({ sampleRate: 48_000, samples: new Float32Array(48_000 * 60) });
      expect(ticks).toBeGreaterThanOrEqual(4);
    } finally {
      clearInterval(timer);
    }
  });
});

describe('take media: the sidecar cache', () => {
  it('keeps peaks and pitch beside the library and serves them from there while the audio is unchanged', async () => {
    const take = await addTakeWithAudio('cached.wav', floatWav(knownSignal(), 8000), 8000);
    await media.peaks(take.id);
    await media.pitch(take.id);
    const mediaDir = join(dir, MEDIA_FOLDER);
    expect((await readdir(mediaDir)).sort()).toEqual([`${take.id}.peaks.json`, `${take.id}.pitch.json`]);

    // Tamper with the cached value only: a fresh service (a restarted app) must serve the sidecar, not recompute.
    const sidecarPath = join(mediaDir, `${take.id}.peaks.json`);
    const sidecar = JSON.parse(await readFile(sidecarPath, 'utf8'));
    sidecar.value.levels[0].max[0] = 0.125;
    await writeFile(sidecarPath, JSON.stringify(sidecar));
    const restarted = createTakeMediaService(() => library);
    expect((await restarted.peaks(take.id)).levels[0]!.max[0]).toBe(0.125);
  });

  it('recomputes when the audio changes: new content, or the same size with a new modification time', async () => {
    const path = join(library.takesDir, 'changing.wav');
    const take = await addTakeWithAudio('changing.wav', floatWav(knownSignal(), 8000), 8000);
    expect((await media.peaks(take.id)).levels[0]!.max[0]).toBe(0.5);

    await writeFile(
      path,
      floatWav(
        Float32Array.from({ length: 8000 }, () => 0.75),
        8000,
      ),
    );
    await utimes(path, new Date(), new Date(Date.now() + 5_000));
    expect((await media.peaks(take.id)).levels[0]!.max[0]).toBe(0.75);

    await writeFile(
      path,
      floatWav(
        Float32Array.from({ length: 8000 }, () => -0.25),
        8000,
      ),
    );
    await utimes(path, new Date(), new Date(Date.now() + 10_000));
    expect((await media.peaks(take.id)).levels[0]!.max[0]).toBe(-0.25);
  });

  it('ignores a corrupt sidecar and writes a good one again', async () => {
    const take = await addTakeWithAudio('corrupt.wav', floatWav(knownSignal(), 8000), 8000);
    await media.peaks(take.id);
    const sidecarPath = join(dir, MEDIA_FOLDER, `${take.id}.peaks.json`);
    await writeFile(sidecarPath, '{"version":1,"stamp":');
    const restarted = createTakeMediaService(() => library);
    expect((await restarted.peaks(take.id)).levels[0]!.max[0]).toBe(0.5);
    expect(JSON.parse(await readFile(sidecarPath, 'utf8')).version).toBe(1);
  });
});

describe('take media: over the bridge', () => {
  let bridge: DesktopBridge;
  let services: MainServices;
  beforeEach(async () => {
    // The app's own wiring over the temp folder: its library lives in library/ there.
    services = await createMainServices(dir, () => ({
      name: 'test',
      version: 'test',
      platform: 'test',
      host: 'browser',
      dataDir: dir,
    }));
    library = services.library.require();
    bridge = createDesktopBridge(createDesktopBridgeDispatcher(services.handlers));
  });
  afterEach(async () => {
    await services.analysis.close();
    await services.uploads.close();
  });

  it('says a missing file is missing and an unreadable one unreadable, for every method', async () => {
    const gone = await addTakeWithAudio('gone.wav', null);
    const junk = await addTakeWithAudio('junk.wav', Buffer.from('this is not audio at all'));
    for (const method of ['takeMedia.peaks', 'takeMedia.pitch'] as const) {
      expect(await bridge.invoke(method, { takeId: gone.id })).toEqual({
        status: 'missing',
        message: "the audio file gone.wav is missing from the library's takes folder",
      });
      expect(await bridge.invoke(method, { takeId: junk.id })).toEqual({
        status: 'unreadable',
        message: expect.stringMatching(
          /^the audio file junk\.wav cannot be read: not a WAV, FLAC, MP3 or OGG file/,
        ),
      });
    }
    expect(
      await bridge.invoke('takeMedia.audioChunk', { takeId: gone.id, offset: 0, length: 10 }),
    ).toMatchObject({ status: 'missing' });
    await expect(bridge.invoke('takeMedia.peaks', { takeId: 'no-such-take' })).rejects.toThrow(
      'no take no-such-take',
    );
    await expect(media.peaks(gone.id)).rejects.toBeInstanceOf(TakeMediaError);
  });

  it('serves the audio in chunks that reassemble into the file, and refuses oversized chunks', async () => {
    const bytes = floatWav(sineTone(440, 1, 48_000), 48_000);
    const take = await addTakeWithAudio('chunks.wav', bytes);
    const parts: Buffer[] = [];
    for (let offset = 0; offset < bytes.length;) {
      const chunk = await bridge.invoke('takeMedia.audioChunk', { takeId: take.id, offset, length: 65_536 });
      if (chunk.status !== 'ready') throw new Error(chunk.message);
      expect(chunk).toMatchObject({ mimeType: 'audio/wav', totalBytes: bytes.length, offset });
      parts.push(Buffer.from(chunk.base64, 'base64'));
      offset += parts.at(-1)!.length;
    }
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
    await expect(
      bridge.invoke('takeMedia.audioChunk', { takeId: take.id, offset: 0, length: 2 * 1024 * 1024 }),
    ).rejects.toThrow(/bad-request|too_big|1048576/);
  });
});
