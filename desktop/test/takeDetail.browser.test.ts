import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatAudio, createDesktopBridgeDispatcher, midiToHz, sungVowel, type Take } from '@orak/core';
import { analyzeSamples, encodeWav } from '@orak/engine';
import type { LibraryService } from '../src/main/library/libraryService';
import { createMainServices, type MainServices } from '../src/main/mainServices';
import { launchChromiumWithFakeMic } from './support/chromiumLauncher';
import { connectPageBridge } from './support/pageBridge';
import { largeLibrary, writeLibraryFixture } from './support/libraryFixture';
import { serveDirectory, type StaticServer } from './support/staticServer';

// The take detail panel on real WAV takes, served by the real library and media services behind the bridge.

const RATE = 48_000;
const desktopDir = fileURLToPath(new URL('..', import.meta.url));
const screenshotDir = resolve(desktopDir, '../test-artifacts/screenshots');

let workDir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
let library: LibraryService;
let services: MainServices;
const pageErrors: string[] = [];

const floatWav = (samples: Float32Array) => Buffer.from(encodeWav(samples, RATE, 1, 'float32'));

const silence = (seconds: number) => new Float32Array(Math.round(seconds * RATE));

/** A short sung phrase, A3 up to E4 and back, with vibrato and breaths between the notes. */
function phrase(): Float32Array {
  const notes = [57, 60, 62, 64, 62, 60, 57];
  return concatAudio(
    silence(0.3),
    ...notes.flatMap((midi) => [
      sungVowel({ f0Hz: midiToHz(midi), seconds: 0.55, sampleRate: RATE, vibratoCents: 30 }),
      silence(0.08),
    ]),
    silence(0.3),
  );
}

function realTake(id: string, title: string, seconds: number, bytes: number, hour: number): Take {
  const stamp = new Date(Date.UTC(2026, 2, 1, hour)).toISOString();
  return {
    id,
    albumId: null,
    title,
    fileName: `${id}.wav`,
    sampleRate: RATE,
    channels: 1,
    durationSec: seconds,
    sizeBytes: bytes,
    recordedAt: stamp,
    notes: '',
    tags: [],
    range: null,
    analysis: null,
    cloud: null,
    updatedAt: stamp,
  };
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'orak-take-detail-'));
  const libraryDir = join(workDir, 'library');
  await mkdir(join(libraryDir, 'takes'), { recursive: true });
  const a3 = concatAudio(silence(0.5), sungVowel({ f0Hz: 220, seconds: 3, sampleRate: RATE }), silence(0.5));
  const sung = phrase();
  await writeFile(join(libraryDir, 'takes', 'take-a3.wav'), floatWav(a3));
  await writeFile(join(libraryDir, 'takes', 'take-phrase.wav'), floatWav(sung));
  const analysed = await analyzeSamples(sung, RATE, 'take-phrase.wav');
  const fixture = largeLibrary(40);
  fixture.takes.push(
    realTake('take-a3', 'Held A3, 220 Hz', 4, a3.length * 4 + 44, 3),
    {
      ...realTake('take-phrase', 'Arirang opening phrase', sung.length / RATE, sung.length * 4 + 44, 2),
      range: {
        lowMidi: analysed.analysis.range.lowest.midi,
        highMidi: analysed.analysis.range.highest.midi,
      },
      analysis: {
        source: 'local',
        analyzedAt: new Date(Date.UTC(2026, 2, 1, 2, 5)).toISOString(),
        result: analysed.analysis,
        recommendations: [],
      },
    },
    realTake('take-gone', 'Deleted outside the app', 30, 2_880_044, 1),
  );
  await writeLibraryFixture(libraryDir, fixture);
  services = await createMainServices(workDir, () => ({
    name: 'Orakgarak',
    version: 'test',
    platform: process.platform,
    host: 'browser',
    dataDir: workDir,
  }));
  library = services.library.require();
  server = await serveDirectory(join(desktopDir, 'out/renderer'));
  browser = await launchChromiumWithFakeMic();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await connectPageBridge(page, createDesktopBridgeDispatcher(services.handlers));
  await page.goto(`${server.url}#/library`);
  await page.getByTestId('take-row').first().waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await services?.analysis.close();
  await services?.uploads.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Canvas pixels matching `match` (r, g, b, a), and the median row they sit on, in CSS pixels. */
async function canvasPixels(testId: string, match: string) {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement, source) => {
      const test = new Function('r', 'g', 'b', 'a', `return ${source}`) as (...rgba: number[]) => boolean;
      const { width, height } = canvas;
      const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
      const rows: number[] = [];
      for (let i = 0; i < data.length; i += 4)
        if (test(data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!)) rows.push(Math.floor(i / 4 / width));
      rows.sort((a, b) => a - b);
      const ratio = canvas.clientHeight > 0 ? height / canvas.clientHeight : 1;
      return { count: rows.length, medianRow: rows.length ? rows[rows.length >> 1]! / ratio : -1 };
    }, match);
}

const fractionOf = async (testId: string) =>
  Number(await page.getByTestId(`${testId}-playhead`).getAttribute('data-fraction'));

describe('Library: the take detail panel', () => {
  it('opens a 220 Hz take: a drawn waveform and a pitch curve on the A3 row of the piano roll', async () => {
    await page.getByTestId('take-open').filter({ hasText: 'Held A3, 220 Hz' }).click();
    await page.getByTestId('take-waveform').waitFor();
    const waveform = await canvasPixels('take-waveform', 'a > 0 && (r > 90 || g > 90)');
    expect(waveform.count).toBeGreaterThan(2_000);

    await page.getByTestId('take-pitch').waitFor({ timeout: 30_000 });
    const view = page.getByTestId('take-pitch-view');
    const low = Number(await view.getAttribute('data-low'));
    const high = Number(await view.getAttribute('data-high'));
    const height = await page
      .getByTestId('take-pitch')
      .locator('canvas')
      .evaluate((c) => c.clientHeight);
    const rowHeight = height / (high - low + 1);
    const a3Centre = height - (57 - low + 0.5) * rowHeight;
    // The curve's green (#4ade80) pixels: their median must sit within half a semitone row of A3's centre.
    const curve = await canvasPixels('take-pitch', 'g > 180 && r < 120 && b < 160');
    expect(curve.count).toBeGreaterThan(200);
    expect(Math.abs(curve.medianRow - a3Centre)).toBeLessThan(rowHeight / 2);
    await expect.poll(() => page.getByTestId('take-analyse-hint').textContent()).toContain('A3–A3');
  });

  it('plays with a moving playhead, and seeks where the waveform or the pitch curve is clicked', async () => {
    const play = page.getByTestId('take-play');
    await expect.poll(() => play.isEnabled(), { timeout: 30_000 }).toBe(true);
    await play.click();
    await expect.poll(() => fractionOf('take-waveform'), { timeout: 10_000 }).toBeGreaterThan(0.05);
    const early = await fractionOf('take-pitch');
    await expect.poll(() => fractionOf('take-pitch'), { timeout: 10_000 }).toBeGreaterThan(early + 0.05);
    await play.click();
    await expect.poll(() => page.evaluate(() => document.querySelector('audio')!.paused)).toBe(true);

    // Both timelines start after the note labels' 40 px gutter, so their time axes line up.
    const inset = 40;
    const box = (await page.getByTestId('take-waveform').boundingBox())!;
    await page.mouse.click(box.x + inset + (box.width - inset) * 0.75, box.y + box.height / 2);
    expect(await fractionOf('take-waveform')).toBeCloseTo(0.75, 2);
    expect(await page.evaluate(() => document.querySelector('audio')!.currentTime)).toBeCloseTo(3, 1);
    await expect.poll(() => page.getByTestId('take-clock').textContent()).toBe('0:03 / 0:04');

    const pitchBox = (await page.getByTestId('take-pitch').boundingBox())!;
    await page.mouse.click(pitchBox.x + inset + (pitchBox.width - inset) * 0.25, pitchBox.y + 20);
    expect(await fractionOf('take-waveform')).toBeCloseTo(0.25, 2);
    expect(await page.evaluate(() => document.querySelector('audio')!.currentTime)).toBeCloseTo(1, 1);
  });

  it('edits the title and notes into the library', async () => {
    await page.getByLabel('Take title').fill('Held A3, steady');
    await page.getByLabel('Take title').press('Enter');
    await expect.poll(() => library.getTake('take-a3')?.title).toBe('Held A3, steady');
    await page.getByLabel('Notes').fill('steady, a little breathy at the end');
    await page.getByLabel('Notes').blur();
    await expect.poll(() => library.getTake('take-a3')?.notes).toBe('steady, a little breathy at the end');
    await expect.poll(() => page.getByTestId('take-open').first().textContent()).toContain('Held A3, steady');
  });

  it('analyses the open take on this computer and then shows its range and voice type', async () => {
    await page.getByTestId('take-analyse').click();
    await expect
      .poll(() => page.getByTestId('take-analysis').textContent(), { timeout: 60_000 })
      .toContain('A3–A3');
    expect(library.getTake('take-a3')?.analysis?.result.range.lowest.note).toBe('A3');
  });

  it('shows an analysed take with its range and voice type, and looks right', async () => {
    await page.getByTestId('take-open').filter({ hasText: 'Arirang opening phrase' }).click();
    await expect.poll(() => page.getByTestId('take-analysis').textContent()).toContain('A3–E4');
    await page.getByTestId('take-pitch').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('take-play').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('take-play').click();
    await expect.poll(() => fractionOf('take-pitch'), { timeout: 10_000 }).toBeGreaterThan(0.3);
    await page.getByTestId('take-play').click();
    await page.screenshot({ path: join(screenshotDir, 'library-take.png') });
  });

  it('says when a take’s audio file is missing, in the panel and in its row, without breaking', async () => {
    await page.getByTestId('take-open').filter({ hasText: 'Deleted outside the app' }).click();
    await expect.poll(() => page.getByTestId('take-problem').textContent()).toContain('missing');
    await expect
      .poll(() => page.getByTestId('take-open').filter({ hasText: 'Deleted outside the app' }).textContent())
      .toContain('file missing');
    await page.getByTestId('take-open').filter({ hasText: 'Arirang opening phrase' }).click();
    await page.getByTestId('take-waveform').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
