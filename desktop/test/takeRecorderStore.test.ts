import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '@orak/core';
import { createMainServices } from '../src/main/mainServices';
import { encodeWav } from '@orak/engine';
import {
  createTakeRecorderStore,
  RECORDING_FOLDER,
  TakeLimitError,
} from '../src/main/recording/takeRecorderStore';
import { MAX_TAKE_BYTES } from '../src/main/recording/takeWavFormat';
import { parseTakeWav } from './support/takeWav';

let takesDir: string;
beforeEach(async () => {
  takesDir = await mkdtemp(join(tmpdir(), 'orak-takes-'));
});
afterEach(async () => {
  await rm(takesDir, { recursive: true, force: true });
});

const info = (dataDir: string): AppInfo => ({
  name: 'Orakgarak',
  version: 'test',
  platform: 'linux',
  host: 'electron',
  dataDir,
});

const readTake = (fileName: string) => readWav(join(takesDir, fileName));

async function readWav(path: string) {
  const bytes = await readFile(path);
  return { ...parseTakeWav(bytes), size: bytes.length };
}

describe('take recorder store (real files)', () => {
  it('records a take losslessly at its own sample rate and channel count', async () => {
    const recorder = createTakeRecorderStore({ takesDir });
    const id = await recorder.begin({ sampleRate: 44_100, channels: 2 });
    const chunk = Float32Array.from({ length: 882 }, (_, i) => Math.sin(i / 7) * 0.5 + 1e-7 * i);
    for (let i = 0; i < 50; i++) await recorder.append(id, chunk);
    const take = await recorder.finish(id);
    expect(take).toMatchObject({ fileName: `${id}.wav`, sampleRate: 44_100, channels: 2 });
    expect(take.durationSec).toBeCloseTo((882 * 50) / 2 / 44_100, 9);
    const { info, samples, size } = await readTake(take.fileName);
    expect(info).toEqual({ encoding: 'pcm24', sampleRate: 44_100, channels: 2, dataBytes: 882 * 50 * 3 });
    expect(size).toBe(take.sizeBytes);
    const second = samples.subarray(882, 882 * 2);
    expect(second.every((value, i) => Math.abs(value - chunk[i]!) <= 0.5 / 8388607 + 1e-9)).toBe(true);
    expect(await readdir(join(takesDir, RECORDING_FOLDER))).toEqual([]);
  });

  it('discards a take without leaving anything behind', async () => {
    const recorder = createTakeRecorderStore({ takesDir });
    const id = await recorder.begin({ sampleRate: 48_000, channels: 1 });
    await recorder.append(id, new Float32Array(4800));
    await recorder.discard(id);
    expect(await readdir(takesDir)).toEqual([RECORDING_FOLDER]);
    expect(await readdir(join(takesDir, RECORDING_FOLDER))).toEqual([]);
    await expect(recorder.append(id, new Float32Array(10))).rejects.toThrow(/no recording/);
  });

  it('stores 24-bit PCM: 100 MB holds over 11.5 minutes at 48 kHz mono, and the limit refuses a chunk whole', async () => {
    const full = createTakeRecorderStore({ takesDir });
    const long = await full.begin({ sampleRate: 48_000, channels: 1 });
    expect(full.maxFrames(long) / 48_000 / 60).toBeGreaterThan(11.5);
    expect(44 + full.maxFrames(long) * 3).toBeLessThanOrEqual(MAX_TAKE_BYTES);
    await full.discard(long);

    const recorder = createTakeRecorderStore({ takesDir, maxBytes: 44 + 3 * 1000 });
    const id = await recorder.begin({ sampleRate: 48_000, channels: 1 });
    expect(recorder.maxFrames(id)).toBe(1000);
    await recorder.append(id, new Float32Array(600).fill(0.5));
    await expect(recorder.append(id, new Float32Array(600))).rejects.toBeInstanceOf(TakeLimitError);
    await recorder.append(id, new Float32Array(400).fill(-0.5));
    const take = await recorder.finish(id);
    expect(take.sizeBytes).toBe(44 + 3 * 1000);
    const { samples } = await readTake(take.fileName);
    expect(samples.length).toBe(1000);
    expect(samples[599]).toBeCloseTo(0.5, 6);
    expect(samples[600]).toBeCloseTo(-0.5, 6);
  });

  it('recovers a float recording an older version left behind as float', async () => {
    const work = join(takesDir, RECORDING_FOLDER);
    await mkdir(work, { recursive: true });
    const id = 'legacy-take';
    await writeFile(
      join(work, `${id}.json`),
      JSON.stringify({ id, sampleRate: 8000, channels: 1, startedAt: '2024-01-01T00:00:00.000Z' }),
    );
    const wav = encodeWav(new Float32Array(8000).fill(0.25), 8000, 1, 'float32');
    await writeFile(join(work, `${id}.wav.part`), wav.subarray(0, wav.length - 2));
    const [take] = await createTakeRecorderStore({ takesDir }).recoverInterrupted();
    expect(take).toMatchObject({ sampleRate: 8000, sizeBytes: 44 + 4 * 7999 });
    const { info, samples } = await readTake(take!.fileName);
    expect(info.encoding).toBe('float32');
    expect(samples.every((x) => x === 0.25)).toBe(true);
  });

  it('refuses half frames', async () => {
    const recorder = createTakeRecorderStore({ takesDir });
    const id = await recorder.begin({ sampleRate: 48_000, channels: 2 });
    await expect(recorder.append(id, new Float32Array(3))).rejects.toThrow(/whole frames/);
  });

  it('recovers what was captured when the app is killed mid-recording', async () => {
    const child = fileURLToPath(new URL('./support/recorderChild.ts', import.meta.url));
    const proc = spawn(process.execPath, ['--import', 'tsx', child, takesDir], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let synced = 0;
    await new Promise<void>((resolve, reject) => {
      proc.on('error', reject);
      proc.stdout.setEncoding('utf8');
      proc.stdout.on('data', (chunk: string) => {
        const lines = chunk.trim().split('\n');
        synced = Number(lines[lines.length - 1]);
        if (synced >= 48_000) {
          proc.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => proc.on('exit', resolve));

    const recovered = await createTakeRecorderStore({ takesDir }).recoverInterrupted();
    expect(recovered).toHaveLength(1);
    const take = recovered[0]!;
    expect(take.fileName).toMatch(/-recovered\.wav$/);
    const { info, samples } = await readTake(take.fileName);
    expect(info.sampleRate).toBe(48_000);
    expect(samples.length).toBeGreaterThanOrEqual(synced);
    expect(take.durationSec).toBeCloseTo(samples.length / 48_000, 9);
    // Every recovered sample is the one that was sung, in order.
    for (let i = 0; i < samples.length; i += 997) expect(samples[i]).toBeCloseTo((i % 48_000) / 48_000, 6);
    expect(await readdir(join(takesDir, RECORDING_FOLDER))).toEqual([]);
    expect(await createTakeRecorderStore({ takesDir }).recoverInterrupted()).toEqual([]);
  }, 30_000);
});

describe('start-up recovery into the library', () => {
  it('turns an interrupted recording into a library take on the next start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'orak-data-'));
    try {
      const first = await createMainServices(dataDir, () => info(dataDir));
      const id = await first.recorder!.begin({ sampleRate: 48_000, channels: 1 });
      await first.recorder!.append(id, new Float32Array(24_000).fill(0.25));
      // No finish(): the app "crashed". The next start recovers it.
      const second = await createMainServices(dataDir, () => info(dataDir));
      expect(second.recoveredTakes).toHaveLength(1);
      const [take] = second.library.require().queryTakes().items;
      expect(take).toMatchObject({
        sampleRate: 48_000,
        durationSec: 0.5,
        notes: expect.stringMatching(/Recovered/),
      });
      const { samples } = await readWav(join(second.library.require().takesDir, take!.fileName));
      expect(samples.every((x) => Math.abs(x - 0.25) < 1e-6)).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
