import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopBridgeDispatcher, type AppInfo, type BridgeResponseEnvelope } from '@orak/core';
import { createMainServices, type MainServices } from '../src/main/mainServices';
import { createTakeRecorderStore } from '../src/main/recording/takeRecorderStore';
import { parseTakeWav } from './support/takeWav';

// Recording through the bridge as the renderer does it: base64 PCM chunks in order into the real recorder,
// then a take in the real library; gaps, repeats and torn frames are refused before anything is written.

let dataDir: string;
let services: MainServices;
let dispatch: (envelope: unknown) => Promise<BridgeResponseEnvelope>;

const info = (): AppInfo => ({
  name: 'Orakgarak',
  version: 'test',
  platform: 'linux',
  host: 'browser',
  dataDir,
});
const base64 = (samples: Float32Array) =>
  Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString('base64');
const ramp = (from: number, count: number) =>
  Float32Array.from({ length: count }, (_, i) => (from + i) / 100_000);

async function call<T>(method: string, payload: unknown): Promise<T> {
  const answer = await dispatch({ method, payload });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.payload as T;
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'orak-recording-'));
  services = await createMainServices(dataDir, info);
  dispatch = createDesktopBridgeDispatcher(services.handlers);
});

afterEach(async () => {
  await services.analysis.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('recording bridge methods (real recorder and library)', () => {
  it('streams chunks into a lossless take that lands in the library with its rate, length and album', async () => {
    const library = services.library.require();
    const album = await library.createAlbum('Warm-ups');
    const { recordingId } = await call<{ recordingId: string }>('recording.begin', {
      sampleRate: 48_000,
      channels: 1,
    });
    // Sent without waiting, as a fast renderer might: the handler still writes them in order.
    const sends = [0, 1, 2, 3].map((i) =>
      call('recording.append', {
        recordingId,
        startFrame: i * 12_000,
        pcm: base64(ramp(i * 12_000, 12_000)),
      }),
    );
    expect((await Promise.all(sends)).at(-1)).toEqual({ frames: 48_000 });
    const take = await call<{
      id: string;
      fileName: string;
      sampleRate: number;
      durationSec: number;
      albumId: string;
    }>('recording.finish', { recordingId, title: 'Scale', albumId: album.id });
    expect(take).toMatchObject({ sampleRate: 48_000, durationSec: 1, albumId: album.id });
    expect(library.getTake(take.id)?.title).toBe('Scale');
    const bytes = await readFile(join(library.takesDir, take.fileName));
    const { info, samples } = parseTakeWav(bytes);
    expect(info).toEqual({ encoding: 'pcm24', sampleRate: 48_000, channels: 1, dataBytes: 48_000 * 3 });
    const sent = ramp(0, 48_000);
    // 24-bit: every sample within half a step of what was sent.
    expect(samples.every((value, i) => Math.abs(value - sent[i]!) <= 0.5 / 8388607 + 1e-9)).toBe(true);
  });

  it('never loses a take whose album is deleted: refused before sealing, or kept with no album after', async () => {
    const library = services.library.require();
    const gone = await library.createAlbum('Gone');
    const { recordingId, maxFrames } = await call<{ recordingId: string; maxFrames: number }>(
      'recording.begin',
      { sampleRate: 48_000, channels: 1 },
    );
    expect(maxFrames).toBe(Math.floor((100 * 1024 * 1024 - 44) / 3));
    await call('recording.append', { recordingId, startFrame: 0, pcm: base64(ramp(0, 4800)) });
    await library.deleteAlbum(gone.id);
    await expect(call('recording.finish', { recordingId, title: 'Kept', albumId: gone.id })).rejects.toThrow(
      /no longer exists/,
    );
    // Still open: Keep again, with no album, saves it.
    const kept = await call<{ albumId: string | null; fileName: string }>('recording.finish', {
      recordingId,
      title: 'Kept',
    });
    expect(kept.albumId).toBeNull();
    expect(await readdir(library.takesDir)).toContain(kept.fileName);

    // The album goes while the take is being sealed: it lands with no album instead of being stranded.
    const racing = await library.createAlbum('Racing');
    const second = await call<{ recordingId: string }>('recording.begin', {
      sampleRate: 48_000,
      channels: 1,
    });
    await call('recording.append', {
      recordingId: second.recordingId,
      startFrame: 0,
      pcm: base64(ramp(0, 4800)),
    });
    const finishing = services.handlers['recording.finish']({
      recordingId: second.recordingId,
      title: 'Raced',
      albumId: racing.id,
    });
    await library.deleteAlbum(racing.id);
    const raced = await finishing;
    expect(raced).toMatchObject({ title: 'Raced', albumId: null });
    expect(library.getTake(raced.id)).not.toBeNull();
  });

  it('refuses a chunk that skips or repeats frames, and one that tears a frame', async () => {
    const { recordingId } = await call<{ recordingId: string }>('recording.begin', {
      sampleRate: 44_100,
      channels: 2,
    });
    await call('recording.append', { recordingId, startFrame: 0, pcm: base64(ramp(0, 200)) });
    await expect(
      call('recording.append', { recordingId, startFrame: 50, pcm: base64(ramp(0, 200)) }),
    ).rejects.toThrow(/expected 100/);
    await expect(
      call('recording.append', { recordingId, startFrame: 100, pcm: base64(ramp(0, 3)) }),
    ).rejects.toThrow(/whole 2-channel frames/);
    await expect(
      call('recording.append', { recordingId, startFrame: 100, pcm: 'not base64!' }),
    ).rejects.toThrow();
    const take = await call<{ durationSec: number }>('recording.finish', { recordingId, title: 'Stereo' });
    expect(take.durationSec).toBeCloseTo(100 / 44_100, 9);
  });

  it('discards a recording without leaving a file or a take', async () => {
    const library = services.library.require();
    const { recordingId } = await call<{ recordingId: string }>('recording.begin', {
      sampleRate: 44_100,
      channels: 1,
    });
    await call('recording.append', { recordingId, startFrame: 0, pcm: base64(ramp(0, 4410)) });
    await call('recording.discard', { recordingId });
    expect(library.queryTakes().total).toBe(0);
    expect((await readdir(library.takesDir)).filter((name) => name.endsWith('.wav'))).toEqual([]);
    await expect(call('recording.append', { recordingId, startFrame: 4410, pcm: '' })).rejects.toThrow(
      /no recording/,
    );
  });

  it('lists the takes a crash interrupted, recovered into the library on the next start', async () => {
    const takesDir = services.library.require().takesDir;
    // A recording left open, as if the app died mid-take.
    const crashed = createTakeRecorderStore({ takesDir });
    const id = await crashed.begin({ sampleRate: 44_100, channels: 1 });
    await crashed.append(id, ramp(0, 22_050));
    const reopened = await createMainServices(dataDir, info);
    const recovered = await createDesktopBridgeDispatcher(reopened.handlers)({
      method: 'recording.recovered',
      payload: {},
    });
    expect(recovered.ok).toBe(true);
    const takes = (recovered as { payload: { durationSec: number; title: string }[] }).payload;
    expect(takes).toHaveLength(1);
    expect(takes[0]!.durationSec).toBeCloseTo(0.5, 6);
    await reopened.analysis.close();
  });
});
