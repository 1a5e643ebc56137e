import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppHarness, SCREENSHOT_DIR, type AppHarness } from './support/appHarness';
import { glideVoice, RANGE_TEST_PERFORMANCE } from './support/glideVoice';
import { encodeWavPcm16 } from './support/wavFile';

// The guided range test in Chromium with a sung range test (G2 to E4, glides and holds) as the microphone:
// captured into a take by the real recorder, analysed by the real local analysis service in a worker.

let app: AppHarness;

beforeAll(async () => {
  app = await openAppHarness({
    microphone: async (workDir) => {
      const path = join(workDir, 'range-test.wav');
      await writeFile(path, encodeWavPcm16(glideVoice(RANGE_TEST_PERFORMANCE.contour, 48_000), 48_000));
      return path;
    },
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const phaseIs = (phase: string) =>
  app.page.waitForFunction(
    (wanted) => document.querySelector('[data-testid="range-screen"]')?.getAttribute('data-phase') === wanted,
    phase,
    { timeout: 120_000 },
  );

describe('Range test in Chromium with a sung G2-E4 range test as the microphone', () => {
  it('guides through four steps with live pitch, then shows the range on the keyboard and a voice type', async () => {
    const { page } = app;
    await page.goto(`${page.url().split('#')[0]}#/range`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'range-intro.png') });
    await page.getByTestId('range-begin').click();
    await phaseIs('testing');
    expect(await page.getByTestId('range-step').getAttribute('data-step')).toBe('comfortable');
    // The third step, while the singer slides up: live pitch on screen, progress past half way.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="range-step"]')?.getAttribute('data-step') === 'high',
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="note-scientific"]')?.textContent?.trim() !== '–',
      undefined,
      { timeout: 10_000 },
    );
    await page.waitForTimeout(6000);
    expect(Number(await page.getByTestId('range-progress').getAttribute('aria-valuenow'))).toBeGreaterThan(
      50,
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'range-testing.png') });
    await phaseIs('analysing');
    await page.getByTestId('analysis-progress').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'range-analysing.png') });
    await phaseIs('result');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'range-result.png'), fullPage: true });

    const keyboard = page.getByTestId('piano-keyboard');
    const lowest = Number(await keyboard.getAttribute('data-lowest'));
    const highest = Number(await keyboard.getAttribute('data-highest'));
    expect(Math.abs(lowest - RANGE_TEST_PERFORMANCE.lowest)).toBeLessThanOrEqual(1);
    expect(Math.abs(highest - RANGE_TEST_PERFORMANCE.highest)).toBeLessThanOrEqual(1);
    expect(await page.getByTestId('keyboard-lowest').textContent()).toContain(
      ['F#2', 'G2', 'G#2'][lowest - 42],
    );
    // The comfortable range comes from the comfortable note and the phrase, not from the slow slides.
    const comfortableLow = Number(await keyboard.getAttribute('data-comfortable-low'));
    const comfortableHigh = Number(await keyboard.getAttribute('data-comfortable-high'));
    expect(comfortableLow).toBeGreaterThanOrEqual(lowest);
    expect(comfortableHigh).toBeLessThanOrEqual(highest);
    expect(comfortableHigh - comfortableLow).toBeLessThan(highest - lowest - 6);
    expect(Math.abs(comfortableLow - RANGE_TEST_PERFORMANCE.comfortableLow)).toBeLessThanOrEqual(1);
    expect(Math.abs(comfortableHigh - RANGE_TEST_PERFORMANCE.comfortableHigh)).toBeLessThanOrEqual(1);
    const voice = await page.getByTestId('voice-type').getAttribute('data-label');
    expect(['bass', 'baritone', 'tenor']).toContain(voice);
    expect(await page.getByTestId('voice-confidence').textContent()).toMatch(/\d+% confident/);

    // The test is a take in the library, analysed locally, with the same range.
    const [take] = app.services.library.require().queryTakes({ search: 'range-test' }).items;
    expect(take?.analysis?.source).toBe('local');
    expect(take?.range).toEqual({ lowMidi: lowest, highMidi: highest });
    expect(take!.durationSec).toBeGreaterThan(30);
    // The comfortable and phrase steps, on the recording's clock (the steps last 5, 8, 12 and 8 s).
    const windows = take!.analysis!.tessituraWindows!;
    expect(windows).toHaveLength(2);
    expect(windows[0]!.startSec).toBe(0);
    expect(windows[0]!.endSec).toBeCloseTo(5, 0);
    expect(windows[1]!.startSec).toBeCloseTo(25, 0);
    expect(windows[1]!.endSec).toBeGreaterThanOrEqual(33 - 0.1);
    expect(take!.analysis!.result.tessitura.low.midi).toBe(comfortableLow);
    expect(app.pageErrors).toEqual([]);

    // Korean karaoke naming, as the settings choose.
    await app.services.settings.update({ noteNaming: 'korean' });
    await page.reload();
    await page.goto(`${page.url().split('#')[0]}#/results`);
    await page.getByTestId('piano-keyboard').waitFor();
    expect(await page.getByTestId('keyboard-lowest').textContent()).toContain('저음');
    // The singer overall (this one take) keeps the narrow comfortable range too.
    const overallLow = Number(await keyboard.getAttribute('data-comfortable-low'));
    const overallHigh = Number(await keyboard.getAttribute('data-comfortable-high'));
    expect(Math.abs(overallLow - comfortableLow)).toBeLessThanOrEqual(1);
    expect(Math.abs(overallHigh - comfortableHigh)).toBeLessThanOrEqual(1);
    await app.services.settings.update({ language: 'ko', noteNaming: 'both' });
    await page.reload();
    await page.getByText('어울리는 노래').waitFor();
    await page.getByTestId('song-reason').first().waitFor();
    expect(await page.getByTestId('song-reason').first().textContent()).toMatch(/^(원래 키|키 [+-]\d)/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'results-korean.png') });
    await app.services.settings.update({ language: 'en' });
  }, 240_000);
});
