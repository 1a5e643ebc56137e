import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { midiToKoreanName, midiToName, sungVowel, type Take } from '@orak/core';
import { openAppHarness, SCREENSHOT_DIR, type AppHarness } from './support/appHarness';
import { glideVoice, hold, RANGE_TEST_PERFORMANCE } from './support/glideVoice';
import { addWavTake } from './support/takeFiles';
import { encodeWavPcm16 } from './support/wavFile';

// Results over takes analysed by the real local analysis service, recommendations from the real engine
// and catalogue, and "Sing this" opening the song's melody under the live pitch (a sung A3 microphone).

const RATE = 44_100;
let app: AppHarness;
let rangeTake: Take;
let highTake: Take;

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
  });
  const library = app.services.library.require();
  rangeTake = await addWavTake(library, glideVoice(RANGE_TEST_PERFORMANCE.contour, RATE), RATE, 'Range test');
  // A second take a little higher (up to G4), so the singer overall reaches above either take alone.
  highTake = await addWavTake(
    library,
    glideVoice(
      [60, 62, 64, 65, 67, 65, 64, 62, 60].map((midi) => hold(midi, 0.9)),
      RATE,
    ),
    RATE,
    'High phrase',
  );
  // The range test as its screen sends it: the comfortable range from its comfortable-note and phrase steps.
  const rangeSteps = {
    tessituraWindows: [
      { startSec: 0, endSec: 5 },
      { startSec: 25, endSec: 33 },
    ],
  };
  for (const take of [rangeTake, highTake]) {
    const job = app.services.analysis.start(take.id, take === rangeTake ? rangeSteps : {});
    expect((await app.services.analysis.settled(job.jobId)).state).toBe('done');
  }
}, 240_000);

afterAll(async () => {
  await app?.close();
});

const rowIds = () =>
  app.page.getByTestId('song-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-song-id')));

describe('Results in Chromium over locally analysed takes', () => {
  it('shows the singer overall: range union on the keyboard, voice type, timbre and songs with key shifts', async () => {
    const { page } = app;
    await page.goto(`${page.url().split('#')[0]}#/results`);
    await page.getByTestId('song-row').first().waitFor({ timeout: 20_000 });
    const library = app.services.library.require();
    const first = library.getTake(rangeTake.id)!.analysis!.result;
    const second = library.getTake(highTake.id)!.analysis!.result;
    const keyboard = page.getByTestId('piano-keyboard');
    expect(Number(await keyboard.getAttribute('data-lowest'))).toBe(
      Math.min(first.range.lowest.midi, second.range.lowest.midi),
    );
    expect(Number(await keyboard.getAttribute('data-highest'))).toBe(
      Math.max(first.range.highest.midi, second.range.highest.midi),
    );
    expect(await page.getByTestId('voice-type').getAttribute('data-label')).toBeTruthy();
    expect(await page.getByTestId('timbre').textContent()).toMatch(/\d+ Hz/);

    const shifts = await page
      .getByTestId('song-row')
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-key-shift'))));
    expect(shifts.length).toBe(20);
    for (const shift of shifts) expect(Math.abs(shift)).toBeLessThanOrEqual(6);
    expect(shifts.some((shift) => shift !== 0)).toBe(true);
    const chips = await page.getByTestId('key-shift').allTextContents();
    for (const chip of chips) expect(chip.trim()).toMatch(/^(Original key|Key [+-]\d)/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'results-overall.png'), fullPage: true });
  });

  it('filters by language and difficulty through the engine in the main process', async () => {
    const { page } = app;
    await page.getByTestId('filter-language').selectOption('ko');
    await page.getByTestId('filter-difficulty').selectOption('3');
    const expected = await app.services.handlers['recommend.songs']({
      subject: { singer: true },
      top: 20,
      filters: { languages: ['ko'], maxDifficulty: 3 },
    });
    expect(expected.recommendations.length).toBeGreaterThan(0);
    expect(expected.recommendations.length).toBeLessThan(20);
    await expect.poll(rowIds).toEqual(expected.recommendations.map((r) => r.songId));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'results-filtered.png'), fullPage: true });
    await page.getByTestId('filter-language').selectOption('');
    await page.getByTestId('filter-difficulty').selectOption('5');
  });

  it("says each song's reason in Korean, with notes named as the settings choose", async () => {
    const { page } = app;
    await app.services.settings.update({ language: 'ko', noteNaming: 'both' });
    await page.reload();
    await page.getByTestId('song-reason').first().waitFor({ timeout: 20_000 });
    const expected = await app.services.handlers['recommend.songs']({ subject: { singer: true }, top: 20 });
    const reasons = (await page.getByTestId('song-reason').allTextContents()).map((r) => r.trim());
    expect(reasons.length).toBe(expected.recommendations.length);
    reasons.forEach((reason, i) => {
      const song = expected.recommendations[i]!;
      const parts = song.reasonParts!;
      // The key as the karaoke remote says it, the octave in words, and no English left.
      expect(
        reason.startsWith(
          parts.keyShift === 0 ? '원래 키' : `키 ${song.keyShift > 0 ? '+' : ''}${song.keyShift}`,
        ),
      ).toBe(true);
      if (parts.octave !== 0) expect(reason).toContain(parts.octave < 0 ? '한 옥타브 아래' : '한 옥타브 위');
      expect(reason).toMatch(/최고음|최저음/);
      expect(reason).not.toMatch(/\b(top|low|note|your|comfortable|semitones?)\b/);
      expect(reason).not.toBe(song.reason);
      // Both namings: scientific with the Korean karaoke name beside it.
      const named =
        parts.verdict.kind === 'outside-comfort' ? parts.verdict.singerMidi : parts.verdict.songMidi;
      expect(reason).toContain(`${midiToName(named)}(${midiToKoreanName(named)})`);
    });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'results-korean-reasons.png'), fullPage: true });
    await app.services.settings.update({ language: 'en', noteNaming: 'scientific' });
    await page.reload();
    await page.getByTestId('song-reason').first().waitFor({ timeout: 20_000 });
    // Back in English with scientific names, the screen says exactly the engine's line.
    const english = (await page.getByTestId('song-reason').allTextContents()).map((r) => r.trim());
    expect(english).toEqual(expected.recommendations.map((r) => r.reason));
    await app.services.settings.update({ noteNaming: 'both' });
    await page.reload();
    await page.getByTestId('song-row').first().waitFor({ timeout: 20_000 });
  });

  it('shows one take on its own', async () => {
    const { page } = app;
    await page.getByTestId('results-subject').selectOption(highTake.id);
    const own = app.services.library.require().getTake(highTake.id)!.analysis!.result;
    await expect
      .poll(() => page.getByTestId('piano-keyboard').getAttribute('data-highest'))
      .toBe(String(own.range.highest.midi));
    expect(await page.getByTestId('piano-keyboard').getAttribute('data-lowest')).toBe(
      String(own.range.lowest.midi),
    );
  });

  it('"Sing this" opens the melody, moved by its key shift, under the live pitch, with a score', async () => {
    const { page } = app;
    const row = page.getByTestId('song-row').first();
    const songId = (await row.getAttribute('data-song-id'))!;
    const shift = Number(await row.getAttribute('data-key-shift'));
    await row.getByTestId('sing-this').click();
    await page.getByTestId('song-guide').waitFor();
    expect(page.url()).toContain('#/sing');
    const guide = await app.services.handlers['recommend.guide']({ songId, keyShift: shift });
    expect(guide.notes!.length).toBeGreaterThan(10);
    expect(Number(await page.getByTestId('song-guide').getAttribute('data-notes'))).toBe(guide.notes!.length);
    await page.getByTestId('start-listening').click();
    // The score appears once the singer has sung over a guide note (after the three-second lead-in).
    await page.waitForFunction(
      () => /\d+%/.test(document.querySelector('[data-testid="guide-score"]')?.textContent ?? ''),
      undefined,
      { timeout: 20_000 },
    );
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sing-guide.png') });
    const score = Number((await page.getByTestId('guide-score').textContent())!.replace('%', ''));
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    expect(app.pageErrors).toEqual([]);
  });
});
