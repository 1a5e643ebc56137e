import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesktopBridgeDispatcher } from '@orak/core';
import { openAppHarness, SCREENSHOT_DIR, type AppHarness } from './support/appHarness';
import { connectPageBridge } from './support/pageBridge';
import { encodeWavPcm16 } from './support/wavFile';

// The mic latency calibration on the Settings screen, end to end in Chromium, through a loopback cable of known
// delay simulated inside the page: whatever a context plays is fed, through a DelayNode in that same context,
// in beside the real (fake-device) microphone, wherever the page connects its MediaStreamAudioSourceNode.
// The cable lives in the calibration's own graph on purpose: a cable through a second AudioContext and
// MediaStream hops was tried first, and those hops alone added 30-70 ms, different on every page load and
// stepping by 10 ms mid-calibration on a loaded machine, so no known delay could be asserted through them.

/** What the init script is told: the cable's delay and how loud the speakers reach the mic. */
interface CableSettings {
  delaySec: number;
  gain: number;
}

/** What the cable reports back, so a run that never went through it fails loudly instead of "no click". */
interface CableStats {
  micsOpened: number;
  micSources: number;
  speakers: number;
}

declare global {
  interface Window {
    orakLoopbackCable?: CableStats;
  }
}

/** Runs in the page before its scripts: self-contained, as Playwright sends it as source text. */
function installLoopbackCable({ delaySec, gain }: CableSettings): void {
  const connect = AudioNode.prototype.connect;
  // The cable's own wiring goes through the original connect, so it is never tapped itself.
  const plug = (from: AudioNode, to: AudioNode, output = 0, input = 0): void => {
    Reflect.apply(connect, from, [to, output, input]);
  };
  const stats: CableStats = { micsOpened: 0, micSources: 0, speakers: 0 };
  window.orakLoopbackCable = stats;
  const micStreams = new WeakSet<MediaStream>();
  const micSources = new WeakSet<AudioNode>();
  const cables = new WeakMap<BaseAudioContext, { speakers: GainNode; delayed: AudioNode }>();
  const cableOf = (context: BaseAudioContext): { speakers: GainNode; delayed: AudioNode } => {
    let cable = cables.get(context);
    if (!cable) {
      const speakers = context.createGain();
      const delay = context.createDelay(1);
      delay.delayTime.value = delaySec;
      const level = context.createGain();
      level.gain.value = gain;
      plug(speakers, delay);
      plug(delay, level);
      cable = { speakers, delayed: level };
      cables.set(context, cable);
      stats.speakers++;
    }
    return cable;
  };

  const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const stream = await realGetUserMedia(constraints);
    micStreams.add(stream);
    stats.micsOpened++;
    return stream;
  };
  const createSource = AudioContext.prototype.createMediaStreamSource;
  AudioContext.prototype.createMediaStreamSource = function (this: AudioContext, stream: MediaStream) {
    const node = createSource.call(this, stream);
    if (micStreams.has(stream)) {
      micSources.add(node);
      stats.micSources++;
    }
    return node;
  };

  AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]): unknown {
    const result: unknown = Reflect.apply(connect, this, args);
    const [target, output, input] = args;
    const outputIndex = typeof output === 'number' ? output : 0;
    // The speaker end: what is played to the destination is also played into the cable.
    if (target instanceof AudioDestinationNode) plug(this, cableOf(this.context).speakers, outputIndex);
    // The mic end: wherever the mic goes, the delayed speakers go too, as a mic in front of them would.
    if (micSources.has(this) && target instanceof AudioNode)
      plug(cableOf(this.context).delayed, target, 0, typeof input === 'number' ? input : 0);
    return result;
  } as typeof connect;
}

const RUN_LINE = /^Run \d: (\d+\.\d) ms$/;
const SUMMARY = /^Round trip (\d+\.\d) ms \(spread (\d+\.\d) ms, (\d) of 5 runs clear\)$/;
const SAVED = /^Saved latency: (\d+\.\d) ms$/;

let app: AppHarness;
let baseUrl: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await openAppHarness({
    // The room: quiet hiss on the fake device, under what the cable brings back.
    microphone: async (workDir) => {
      const path = join(workDir, 'room-hiss.wav');
      let seed = 23;
      const hiss = Float32Array.from({ length: 48_000 * 4 }, () => {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        return (seed / 2 ** 32 - 0.5) * 0.02;
      });
      await writeFile(path, encodeWavPcm16(hiss, 48_000));
      return path;
    },
  });
  baseUrl = app.page.url().split('#')[0]!;
  await app.page.close(); // each calibration gets its own page load, with its own cable
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** A fresh page load of Settings with the cable at `delayMs`, calibrated from the UI. */
async function calibrateThroughCable(delayMs: number): Promise<{
  page: Page;
  runsMs: number[];
  medianMs: number;
  spreadMs: number;
  accepted: number;
  savedMs: number | null;
  shownSavedMs: number;
  stats: CableStats | undefined;
}> {
  const page = await app.page.context().newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await connectPageBridge(page, createDesktopBridgeDispatcher(app.services.handlers));
  await page.addInitScript(installLoopbackCable, { delaySec: delayMs / 1000, gain: 0.5 });
  await page.goto(`${baseUrl}#/settings`);
  await page.getByTestId('measure-latency').click();
  await page
    .getByTestId('latency-card')
    .and(page.locator('[data-state="done"], [data-state="no-click"], [data-state="error"]'))
    .waitFor({ timeout: 60_000 });
  const stats = await page.evaluate(() => window.orakLoopbackCable);
  const card = page.getByTestId('latency-card');
  expect(await card.getAttribute('data-state'), await card.innerText()).toBe('done');
  const runsMs = (await page.getByTestId('latency-runs').locator('li').allTextContents()).map((line) =>
    Number(RUN_LINE.exec(line.trim())?.[1] ?? NaN),
  );
  const summary = SUMMARY.exec((await page.getByTestId('latency-summary').textContent())?.trim() ?? '');
  const medianMs = Number(summary?.[1] ?? NaN);
  // The screen rounds for display and the store to 0.1 ms: the two agree to that.
  await expect
    .poll(async () => Math.abs(((await app.services.settings.get()).inputLatencyMs ?? -1) - medianMs))
    .toBeLessThanOrEqual(0.1);
  const saved = SAVED.exec((await page.getByTestId('latency-current').textContent()) ?? '');
  return {
    page,
    runsMs,
    medianMs,
    spreadMs: Number(summary?.[2] ?? NaN),
    accepted: Number(summary?.[3] ?? NaN),
    savedMs: (await app.services.settings.get()).inputLatencyMs,
    shownSavedMs: Number(saved?.[1] ?? NaN),
    stats,
  };
}

describe('mic latency calibration through a simulated loopback cable of known delay', () => {
  it('measures 100 ms and 250 ms cables to the 0.1 ms shown, with a tight spread and saves the median', async () => {
    const short = await calibrateThroughCable(100);
    await short.page.close();
    const long = await calibrateThroughCable(250);
    console.log(
      `loopback 100 ms: runs ${short.runsMs.join(', ')} (median ${short.medianMs}, spread ${short.spreadMs}); ` +
        `loopback 250 ms: runs ${long.runsMs.join(', ')} (median ${long.medianMs}, spread ${long.spreadMs})`,
    );
    for (const [delayMs, run] of [
      [100, short],
      [250, long],
    ] as const) {
      // The clicks really went through the cable: one mic opened, its source wired, one context playing.
      expect(run.stats).toEqual({ micsOpened: 1, micSources: 1, speakers: 1 });
      expect(run.accepted).toBe(5);
      expect(run.runsMs).toHaveLength(5);
      // One graph, one clock: every run is the cable's delay, give or take the 0.1 ms the screen rounds to.
      for (const runMs of run.runsMs) expect(Math.abs(runMs - delayMs)).toBeLessThanOrEqual(0.15);
      expect(run.medianMs).toBeGreaterThanOrEqual(delayMs - 0.05);
      expect(Math.abs(run.medianMs - delayMs)).toBeLessThanOrEqual(0.15);
      expect(run.spreadMs).toBeLessThanOrEqual(0.2);
      // Saved through the real settings store, and shown as saved.
      expect(Math.abs(run.savedMs! - run.medianMs)).toBeLessThanOrEqual(0.1);
      expect(run.shownSavedMs).toBe(run.savedMs);
    }
    // 150 ms more cable is 150 ms more round trip: a constant or a clamped answer cannot pass this.
    expect(Math.abs(long.medianMs - short.medianMs - 150)).toBeLessThanOrEqual(0.2);
    expect((await app.services.settings.get()).inputLatencyMs).toBe(long.savedMs);
    await long.page.screenshot({ path: join(SCREENSHOT_DIR, 'settings-calibrated.png'), fullPage: true });
    await long.page.close();
    expect(pageErrors).toEqual([]);
  });
});
