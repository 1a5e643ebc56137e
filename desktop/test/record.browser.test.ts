import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sungVowel } from '@orak/core';
import { decodeAudioFile, trackPredominantPitch } from '@orak/engine';
import { createTakeRecorderStore } from '../src/main/recording/takeRecorderStore';
import { parseTakeWav } from './support/takeWav';
import { openAppHarness, SCREENSHOT_DIR, type AppHarness } from './support/appHarness';
import { encodeWavPcm16 } from './support/wavFile';

// Recording from Chromium's fake microphone (a sung A3) through the capture worklet and the bridge into
// the real recorder and library: the kept take must have the context's rate and the length recorded.

let app: AppHarness;

beforeAll(async () => {
  app = await openAppHarness({
    microphone: async (workDir) => {
      const path = join(workDir, 'sung-a3.wav');
      const voice = sungVowel({
        f0Hz: 220,
        seconds: 4,
        sampleRate: 48_000,
        vibratoCents: 20,
        amplitude: 0.4,
      });
      await writeFile(path, encodeWavPcm16(voice, 48_000));
      return path;
    },
    // A take that was being recorded when the app died: half a second captured, never finished.
    beforeStart: async (dataDir) => {
      const crashed = createTakeRecorderStore({ takesDir: join(dataDir, 'library', 'takes') });
      const id = await crashed.begin({ sampleRate: 44_100, channels: 1 });
      await crashed.append(id, sungVowel({ f0Hz: 220, seconds: 0.5, sampleRate: 44_100 }));
    },
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('Record screen in Chromium with a sung A3 as the microphone', () => {
  it('records a take, shows time, level and waveform, and keeps it in the chosen album', async () => {
    const { page } = app;
    const library = app.services.library.require();
    const album = await library.createAlbum('Practice');
    await page.goto(`${page.url().split('#')[0]}#/record`);
    // The crashed take was recovered into the library on start, and the screen says so.
    await expect.poll(() => page.getByTestId('recovered-takes').locator('li').count()).toBe(1);
    expect(await page.getByTestId('recovered-takes').textContent()).toContain('0:00.5');
    await page.getByTestId('record-start').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="record-screen"]')?.getAttribute('data-status') === 'recording',
    );
    const sampleRate = await page.evaluate(() => new AudioContext().sampleRate);
    // Record about three seconds, watching the live meters move.
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="live-waveform"]')?.getAttribute('data-columns')) > 40,
      undefined,
      { timeout: 15_000 },
    );
    const rmsDb = Number(await page.getByTestId('level-meter').getAttribute('data-rms-db'));
    expect(rmsDb).toBeGreaterThan(-20);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="record-elapsed"]')?.textContent?.split(':')[1]) >= 3,
      undefined,
      { timeout: 15_000 },
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'record-recording.png') });
    await page.getByTestId('record-stop').click();
    await page.getByTestId('keep-form').waitFor();
    const shownSec = Number((await page.getByTestId('record-elapsed').textContent())!.split(':')[1]);
    await page.getByTestId('take-title').fill('Warm-up A3');
    await page.getByTestId('take-album').selectOption({ label: 'Practice' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'record-keep.png') });
    await page.getByTestId('take-keep').click();
    await expect.poll(() => page.getByTestId('record-notice').textContent()).toContain('Warm-up A3');

    const [take] = library.queryTakes({ search: 'Warm-up A3' }).items;
    expect(take).toBeDefined();
    expect(take!.albumId).toBe(album.id);
    expect(take!.sampleRate).toBe(sampleRate);
    expect(take!.channels).toBe(1);
    expect(Math.abs(take!.durationSec - shownSec)).toBeLessThan(0.15);
    expect(take!.durationSec).toBeGreaterThan(2.9);

    // The file on disk is that length at that rate, and what it holds is the microphone's A3.
    const bytes = await readFile(join(library.takesDir, take!.fileName));
    const { info: header } = parseTakeWav(bytes);
    expect(header).toMatchObject({ encoding: 'pcm24', sampleRate });
    expect(header.dataBytes / 3 / sampleRate).toBeCloseTo(take!.durationSec, 5);
    const decoded = await decodeAudioFile(join(library.takesDir, take!.fileName));
    const track = trackPredominantPitch(decoded.samples, decoded.sampleRate);
    const voiced = Array.from(track.hz)
      .filter((hz) => hz > 0)
      .sort((a, b) => a - b);
    expect(voiced[voiced.length >> 1]!).toBeGreaterThan(214);
    expect(voiced[voiced.length >> 1]!).toBeLessThan(226);
    expect(app.pageErrors).toEqual([]);
  });

  it('leaving the screen keeps the take, mid-recording or undecided, and leaves nothing open', async () => {
    const { page } = app;
    const library = app.services.library.require();
    const recordUrl = `${page.url().split('#')[0]}#/record`;
    const before = library.queryTakes().total;
    const waitSeconds = (seconds: number) =>
      page.waitForFunction(
        (at) =>
          Number(document.querySelector('[data-testid="record-elapsed"]')?.textContent?.split(':')[1]) >= at,
        seconds,
        { timeout: 15_000 },
      );

    await page.goto(recordUrl);
    await page.getByTestId('record-start').click();
    await waitSeconds(1);
    // The time left under the 100 MB limit is on show while recording: over eleven minutes at 48 kHz.
    expect(await page.getByTestId('record-remaining').textContent()).toMatch(/1[1-9]:\d\d\.\d/);
    await page.goto(`${page.url().split('#')[0]}#/library`);
    await expect.poll(() => library.queryTakes().total, { timeout: 10_000 }).toBe(before + 1);

    await page.goto(recordUrl);
    await page.getByTestId('record-start').click();
    await waitSeconds(1);
    await page.getByTestId('record-stop').click();
    await page.getByTestId('keep-form').waitFor();
    await page.getByTestId('take-title').fill('Left undecided');
    await page.goto(`${page.url().split('#')[0]}#/library`);
    await expect
      .poll(() => library.queryTakes({ search: 'Left undecided' }).total, { timeout: 10_000 })
      .toBe(1);
    expect(library.queryTakes().total).toBe(before + 2);
    expect(await readdir(join(library.takesDir, '.recording'))).toEqual([]);
    await page.goto(recordUrl);
  });

  it('discards a take: nothing reaches the library and no partial file is left', async () => {
    const { page } = app;
    const library = app.services.library.require();
    const before = library.queryTakes().total;
    await page.getByTestId('record-start').click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="record-elapsed"]')?.textContent?.split(':')[1]) >= 1,
      undefined,
      { timeout: 15_000 },
    );
    await page.getByTestId('record-stop').click();
    await page.getByTestId('take-discard').click();
    await expect.poll(() => page.getByTestId('record-screen').getAttribute('data-status')).toBe('idle');
    expect(library.queryTakes().total).toBe(before);
    const leftovers = await readdir(join(library.takesDir, '.recording')).catch(() => []);
    expect(leftovers).toEqual([]);
  });
});
