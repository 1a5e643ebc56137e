import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '@orak/core';
import { createMainServices } from '../src/main/mainServices';
import { createTakeRecorderStore, RECORDING_FOLDER } from '../src/main/recording/takeRecorderStore';
import { readWavFloatHeader, WAV_HEADER_BYTES } from '../src/main/recording/wavFloatHeader';

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
  const info = readWavFloatHeader(bytes);
  const samples = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset + WAV_HEADER_BYTES, bytes.byteOffset + bytes.length),
  );
  return { info, samples, size: bytes.length };
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
    expect(info).toEqual({ sampleRate: 44_100, channels: 2, dataBytes: 882 * 50 * 4 });
    expect(size).toBe(take.sizeBytes);
    expect(Array.from(samples.subarray(882, 882 * 2))).toEqual(Array.from(chunk));
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
      expect(samples.every((x) => x === 0.25)).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
