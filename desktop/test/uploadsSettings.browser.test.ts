import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesktopBridgeDispatcher } from '@orak/core';
import { startInfrastructure, stopServices, type RunningStack } from '../../ops/src/localStack';
import { bindServicesToOwner } from '../../ops/src/serviceProcess';
import { createMainServices, type MainServices } from '../src/main/mainServices';
import { settingsMessages } from '../src/renderer/i18n/messages/settingsMessages';
import { singMessages } from '../src/renderer/i18n/messages/singMessages';
import { uploadsMessages } from '../src/renderer/i18n/messages/uploadsMessages';
import { launchChromiumWithFakeMic } from './support/chromiumLauncher';
import { startDesktopCloud, type DesktopCloud } from './support/cloudServices';
import { addMelodyTake } from './support/melodyTake';
import { connectPageBridge } from './support/pageBridge';
import { serveDirectory, type StaticServer } from './support/staticServer';
import { encodeWavPcm16 } from './support/wavFile';

// The Settings and Uploads screens of the built renderer in Chromium, the bridge served by the real main-process
// services, and the real cloud behind them: Kafka, S3 (versitygw), PostgreSQL, api, bridge and analyzer,
// started here from ops/ and stopped after.

const desktopDir = fileURLToPath(new URL('..', import.meta.url));
const screenshotDir = resolve(desktopDir, '../test-artifacts/screenshots');
const PASSWORD = 'karaoke-night-42';

let workDir: string;
let stack: RunningStack | null = null;
let cloud: DesktopCloud | null = null;
let services: MainServices;
let server: StaticServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  bindServicesToOwner(process.pid); // a killed test run takes the services with it
  workDir = await mkdtemp(join(tmpdir(), 'orak-uploads-ui-'));
  await mkdir(screenshotDir, { recursive: true });
  stack = await startInfrastructure();
  cloud = await startDesktopCloud(stack.settings);
  const dataDir = join(workDir, 'data');
  // 120 KB/s keeps the progress bar on screen for a few seconds.
  services = await createMainServices(
    dataDir,
    () => ({ name: 'Orakgarak', version: 'test', platform: process.platform, host: 'browser', dataDir }),
    { uploads: { bytesPerSecond: 120_000, pollMs: 200 } },
  );
  // The microphone is quiet noise: no click ever comes back, as with a muted speaker.
  const micPath = join(workDir, 'room-noise.wav');
  let seed = 11;
  const hiss = Float32Array.from({ length: 48_000 * 4 }, () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed / 2 ** 32 - 0.5) * 0.01;
  });
  await writeFile(micPath, encodeWavPcm16(hiss, 48_000));
  server = await serveDirectory(join(desktopDir, 'out/renderer'));
  browser = await launchChromiumWithFakeMic(micPath);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await connectPageBridge(page, createDesktopBridgeDispatcher(services.handlers));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await services?.uploads.close();
  await services?.analysis.close();
  await cloud?.stop();
  if (stack) await stopServices(stack.services);
  if (workDir) await rm(workDir, { recursive: true, force: true });
}, 120_000);

const shot = (name: string) => page.screenshot({ path: join(screenshotDir, name), fullPage: true });

describe('Settings: account and server against the real api', () => {
  it('saves the server, checks the connection, signs up, logs out and logs in again', async () => {
    await page.goto(`${server.url}#/settings`);
    await page.getByTestId('account-local-only').waitFor();
    await page.getByTestId('server-url').fill(cloud!.apiUrl);
    await page.getByTestId('save-server').click();
    await page.getByTestId('account-signed-out').waitFor();
    await page.getByTestId('check-connection').click();
    await expect
      .poll(() => page.getByTestId('connection-result').textContent())
      .toMatch(/answered in \d+ ms/);

    const email = `ui-${Date.now()}@example.com`;
    await page.getByTestId('account-email').fill(email);
    await page.getByTestId('account-password').fill(PASSWORD);
    await page.getByTestId('sign-up').click();
    await expect
      .poll(() => page.getByTestId('account-signed-in').textContent())
      .toBe(`Signed in as ${email}`);
    expect((await services.account.status()).signedIn).toBe(true);
    // No keychain outside Electron: the card says the token is only as safe as the file's permissions.
    expect(await page.getByTestId('token-file-only').textContent()).toMatch(/No system keychain/);

    await page.getByTestId('log-out').click();
    await page.getByTestId('account-signed-out').waitFor();
    await page.getByTestId('account-password').fill('not-the-password');
    await page.getByTestId('log-in').click();
    await expect
      .poll(() => page.getByTestId('account-error').textContent())
      .toMatch(/wrong email or password/);
    await page.getByTestId('account-password').fill(PASSWORD);
    await page.getByTestId('log-in').click();
    await page.getByTestId('account-signed-in').waitFor();
    await shot('settings-en.png');
  });

  it('runs the latency calibration on the fake mic and says plainly that no click came back', async () => {
    // Chromium's fake microphone plays a file and never hears the speakers, so no round trip exists to
    // measure; the maths is tested on synthetic signals in latencyEstimate.test.ts.
    await page.getByTestId('measure-latency').click();
    await page.getByTestId('latency-no-click').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('latency-runs').locator('li').count()).toBe(5);
    expect((await services.settings.get()).inputLatencyMs).toBeNull();
    expect(await page.getByTestId('latency-current').textContent()).toBe('Not calibrated yet.');
  });

  it("keeps the singer's declared voice, and 'Not set' clears it", async () => {
    expect((await services.settings.get()).singerVoice).toBeNull();
    expect(await page.getByTestId('voice-unset').isChecked()).toBe(true);
    await page.getByTestId('voice-female').check();
    await expect.poll(async () => (await services.settings.get()).singerVoice).toBe('female');
    await page.getByTestId('voice-unset').check();
    await expect.poll(async () => (await services.settings.get()).singerVoice).toBeNull();
  });
});

describe('Uploads: a take to COMPLETED from the screen', () => {
  it('queues a library take, shows the progress bar moving and the live state reaching COMPLETED', async () => {
    const take = await addMelodyTake(services.library.require(), 'Evening scales', 16);
    await page.goto(`${server.url}#/uploads`);
    await page.getByTestId('uploads-screen').waitFor();
    const row = page.getByTestId('upload-take-row').filter({ hasText: 'Evening scales' });
    await row.getByTestId('upload-add').click();

    const percents = new Set<number>();
    const states = new Set<string>();
    const deadline = Date.now() + 90_000;
    let screenshotTaken = false;
    for (;;) {
      const snapshot = await page.evaluate(() => {
        const item = document.querySelector('[data-testid="upload-row"]');
        return {
          percent: Number(item?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? -1),
          state: item?.getAttribute('data-state') ?? '',
        };
      });
      percents.add(snapshot.percent);
      if (snapshot.state) states.add(snapshot.state);
      if (!screenshotTaken && snapshot.percent > 30 && snapshot.percent < 90) {
        await shot('uploads-sending-en.png');
        screenshotTaken = true;
      }
      if (snapshot.state === 'COMPLETED' || Date.now() > deadline) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    expect([...states].at(-1)).toBe('COMPLETED');
    expect([...percents].filter((p) => p > 0 && p < 100).length).toBeGreaterThanOrEqual(3);
    expect(states.size).toBeGreaterThanOrEqual(3); // states seen live on the way
    expect(await page.getByTestId('upload-state').textContent()).toMatch(/Completed/);
    expect(services.library.require().getTake(take.id)!.analysis?.source).toBe('cloud');

    await page.getByTestId('upload-history-toggle').click();
    await expect.poll(() => page.getByTestId('upload-history').locator('li').count()).toBe(9);
    await shot('uploads-en.png');
  });

  it('tells a signed-out singer what to do, and Settings takes them back in', async () => {
    const { email } = await services.account.status();
    await services.account.logOut();
    await expect.poll(() => page.getByTestId('uploads-blocked').textContent()).toMatch(/signed out/);
    await page.getByTestId('uploads-blocked').getByRole('link').click();
    await page.getByTestId('account-signed-out').waitFor();
    await page.getByTestId('account-email').fill(email ?? '');
    await page.getByTestId('account-password').fill(PASSWORD);
    await page.getByTestId('log-in').click();
    await page.getByTestId('account-signed-in').waitFor();
  });

  it("queues a take from its Library row, and the row shows the take's cloud state", async () => {
    const take = await addMelodyTake(services.library.require(), 'Sent from the library', 2);
    await page.goto(`${server.url}#/library`);
    const rowOf = (title: string) => page.getByTestId('take-row').filter({ hasText: title });
    // The take sent from the Uploads screen above already shows where it got to.
    await expect
      .poll(() => rowOf('Evening scales').getByTestId('take-cloud-state').textContent())
      .toBe('Completed');
    await rowOf('Sent from the library').getByTestId('take-upload').click();
    await expect
      .poll(() => rowOf('Sent from the library').getByTestId('take-cloud-state').textContent())
      .toBe('In the upload queue');
    await expect
      .poll(
        async () => (await services.uploads.list()).items.find((item) => item.takeId === take.id)?.phase,
        { timeout: 90_000, interval: 250 },
      )
      .toBe('completed');
    await page.goto(`${server.url}#/sing`);
    await page.goto(`${server.url}#/library`);
    await expect
      .poll(() => rowOf('Sent from the library').getByTestId('take-cloud-state').textContent())
      .toBe('Completed');
    await shot('library-cloud-state-en.png');
  });
});

describe('Korean', () => {
  const hangul = /[\uac00-\ud7a3]/;
  /** English strings of a catalogue (the plain ones, not the formatted). */
  const plain = (catalogue: { en: Record<string, unknown> }) =>
    Object.values(catalogue.en).filter(
      (value): value is string => typeof value === 'string' && value.length > 3,
    );

  it('switching the language in Settings turns the whole app Korean', async () => {
    await page.goto(`${server.url}#/settings`);
    await page.getByTestId('language-ko').check();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('설정');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    const nav = await page.locator('nav').innerText();
    for (const name of ['노래하기', '음역 테스트', '녹음', '보관함', '업로드', '결과', '설정'])
      expect(nav).toContain(name);

    const screens: [string, string, { en: Record<string, unknown> }[]][] = [
      ['sing', '노래하기', [singMessages]],
      ['uploads', '업로드', [uploadsMessages]],
      ['settings', '설정', [settingsMessages]],
      ['library', '보관함', []],
      ['range', '', []],
      ['record', '', []],
      ['results', '', []],
    ];
    for (const [id, title, catalogues] of screens) {
      await page.goto(`${server.url}#/${id}`);
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor();
      if (title) await expect.poll(() => heading.textContent()).toBe(title);
      expect(await heading.textContent(), `${id} heading`).toMatch(hangul);
      // What the screen itself says: device names and the singer's own takes are not the app's text.
      const text = await page.evaluate(() => {
        const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
        main
          .querySelectorAll('select, dd, [data-testid="upload-row"] strong')
          .forEach((node) => node.remove());
        return main.innerText;
      });
      for (const catalogue of catalogues)
        for (const english of plain(catalogue))
          expect(text, `${id} still shows "${english}"`).not.toContain(english);
      if (id === 'uploads') await shot('uploads-ko.png');
      if (id === 'settings') await shot('settings-ko.png');
    }
    expect(pageErrors).toEqual([]);
  });
});
