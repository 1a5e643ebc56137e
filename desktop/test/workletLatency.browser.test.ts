import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatAudio, midiToHz, sungVowel, whiteNoise, type LivePitchReport } from '@orak/core';
import { launchChromiumWithFakeMic } from './support/chromiumLauncher';
import { serveDirectory, type StaticServer } from './support/staticServer';

// The built worklet bundle in Chromium's own AudioWorklet, rendered offline: known audio in (a quiet room,
// then a sung note at a known sample), reports out with their sample positions, so latency is exact.

const SAMPLE_RATE = 48_000;
const ONSET_SECONDS = 0.5;
const desktopDir = fileURLToPath(new URL('..', import.meta.url));
const rendererDir = join(desktopDir, 'out/renderer');

let server: StaticServer;
let browser: Browser;
let workletUrl: string;

beforeAll(async () => {
  const worklet = (await readdir(join(rendererDir, 'assets'))).find((name) =>
    name.startsWith('pitchWorklet-'),
  );
  if (!worklet) throw new Error('no pitchWorklet bundle in out/renderer: run build:renderer first');
  server = await serveDirectory(rendererDir);
  workletUrl = `${server.url}assets/${worklet}`;
  browser = await launchChromiumWithFakeMic();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function renderThroughWorklet(samples: Float32Array): Promise<LivePitchReport[]> {
  const page = await browser.newPage();
  await page.goto(server.url);
  const base64 = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString('base64');
  const reports = await page.evaluate(
    async ({ url, data, sampleRate }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const audio = new Float32Array(bytes.buffer);
      const context = new OfflineAudioContext(1, audio.length, sampleRate);
      await context.audioWorklet.addModule(url);
      const buffer = context.createBuffer(1, audio.length, sampleRate);
      buffer.copyToChannel(audio, 0);
      const source = context.createBufferSource();
      source.buffer = buffer;
      const node = new AudioWorkletNode(context, 'orak-live-pitch', { numberOfOutputs: 1 });
      const received: unknown[] = [];
      node.port.onmessage = (event) => received.push(event.data);
      source.connect(node).connect(context.destination);
      source.start();
      await context.startRendering();
      // Reports posted during rendering arrive asynchronously: wait until they stop coming.
      let count = -1;
      while (count !== received.length) {
        count = received.length;
        await new Promise((done) => setTimeout(done, 100));
      }
      return received;
    },
    { url: workletUrl, data: base64, sampleRate: SAMPLE_RATE },
  );
  await page.close();
  return reports as LivePitchReport[];
}

describe('live pitch worklet, as built, in Chromium', () => {
  it.each([
    [45, 'A2'],
    [57, 'A3'],
    [69, 'A4'],
  ])('names MIDI %i (%s) within 30 ms of its onset and reports > 50 times a second', async (midi) => {
    const room = whiteNoise(ONSET_SECONDS, SAMPLE_RATE, 0.001, 5);
    const note = sungVowel({ f0Hz: midiToHz(midi), seconds: 0.7, sampleRate: SAMPLE_RATE, vibratoCents: 20 });
    const reports = await renderThroughWorklet(concatAudio(room, note));
    const onset = ONSET_SECONDS * SAMPLE_RATE;
    const seconds = ONSET_SECONDS + 0.7;
    const afterOnset = reports.filter((r) => r.frame > onset);
    const firstRight = afterOnset.find((r) => r.note === midi);
    expect(firstRight).toBeDefined();
    const latencyMs = ((firstRight!.frame - onset) / SAMPLE_RATE) * 1000;
    const rate = reports.length / seconds;
    console.log(
      `Chromium AudioWorklet: MIDI ${midi} named after ${latencyMs.toFixed(1)} ms; ${rate.toFixed(0)} reports/s`,
    );
    expect(latencyMs).toBeLessThanOrEqual(30);
    expect(rate).toBeGreaterThan(50);
    // Once named, the note holds to the end: no octave flicker in the real worklet either.
    expect(afterOnset.filter((r) => r.frame >= firstRight!.frame).every((r) => r.note === midi)).toBe(true);
    expect(reports.filter((r) => r.frame <= onset).every((r) => r.note === null)).toBe(true);
  });
});
