import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createDesktopBridgeDispatcher } from '@orak/core';
import { createMainServices, type MainServices } from '../../src/main/mainServices';
import { launchChromiumWithFakeMic } from './chromiumLauncher';
import { connectPageBridge } from './pageBridge';
import { serveDirectory, type StaticServer } from './staticServer';

// The built renderer in Chromium, a WAV as its microphone, and the bridge served by the real main-process
// services over a temp data folder: what a screen's browser test starts from.

const desktopDir = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = resolve(desktopDir, '../test-artifacts/screenshots');

export interface AppHarness {
  page: Page;
  services: MainServices;
  dataDir: string;
  workDir: string;
  /** Page errors and console errors seen so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openAppHarness(options: {
  /** Builds the microphone WAV in the work folder and returns its path. */
  microphone: (workDir: string) => Promise<string>;
  /** Runs on the data folder before the services open it (e.g. to leave a crashed recording there). */
  beforeStart?: (dataDir: string) => Promise<void>;
}): Promise<AppHarness> {
  const workDir = await mkdtemp(join(tmpdir(), 'orak-ui-'));
  const dataDir = join(workDir, 'data');
  await mkdir(dataDir);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const wavPath = await options.microphone(workDir);
  await options.beforeStart?.(dataDir);
  const services = await createMainServices(dataDir, () => ({
    name: 'Orakgarak',
    version: 'test',
    platform: process.platform,
    host: 'browser',
    dataDir,
  }));
  let server: StaticServer | null = null;
  let browser: Browser | null = null;
  const pageErrors: string[] = [];
  try {
    server = await serveDirectory(join(desktopDir, 'out/renderer'));
    browser = await launchChromiumWithFakeMic(wavPath);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await connectPageBridge(page, createDesktopBridgeDispatcher(services.handlers));
    await page.goto(server.url);
    const openServer = server;
    const openBrowser = browser;
    return {
      page,
      services,
      dataDir,
      workDir,
      pageErrors,
      async close() {
        await openBrowser.close();
        await openServer.close();
        await services.analysis.close();
        await rm(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.close();
    await services.analysis.close();
    throw error;
  }
}
