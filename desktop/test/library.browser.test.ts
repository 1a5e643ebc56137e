import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesktopBridgeDispatcher } from '@orak/core';
import type { LibraryService } from '../src/main/library/libraryService';
import { createMainServices } from '../src/main/mainServices';
import { launchChromiumWithFakeMic } from './support/chromiumLauncher';
import { connectPageBridge } from './support/pageBridge';
import { largeLibrary, writeLibraryFixture } from './support/libraryFixture';
import { serveDirectory, type StaticServer } from './support/staticServer';
import { timeInPage } from './support/timeInPage';

// The Library screen on 10,000 takes, served by the real library service over a temp folder.

const TAKES = 10_000;
const desktopDir = fileURLToPath(new URL('..', import.meta.url));
const screenshotDir = resolve(desktopDir, '../test-artifacts/screenshots');

let workDir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
let library: LibraryService;
const pageErrors: string[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'orak-library-ui-'));
  await writeLibraryFixture(join(workDir, 'library'), largeLibrary(TAKES));
  const services = await createMainServices(workDir, () => ({
    name: 'Orakgarak',
    version: 'test',
    platform: process.platform,
    host: 'browser',
    dataDir: workDir,
  }));
  library = services.library.require();
  const dispatch = createDesktopBridgeDispatcher(services.handlers);
  server = await serveDirectory(join(desktopDir, 'out/renderer'));
  browser = await launchChromiumWithFakeMic();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await connectPageBridge(page, dispatch);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe(`Library screen with ${TAKES} takes`, () => {
  it('renders the first takes and filters them to the right counts (timed by bench/libraryScreen.bench.ts)', async () => {
    await page.goto(`${server.url}#/sing`);
    await page.getByRole('link', { name: /Sing/ }).waitFor();
    // Best of five: the uncontended cost on a machine shared with other jobs; medians are logged too.
    const firstRenders: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.evaluate(() => performance.clearMeasures());
      firstRenders.push(
        await timeInPage(
          page,
          `document.querySelector('a[href="#/library"]').click()`,
          `document.querySelectorAll('[data-testid="take-row"]').length >= 100`,
        ),
      );
      expect(await page.getByTestId('take-count').textContent()).toBe('10,000 takes');
      if (i < 4) await page.getByRole('link', { name: /Sing/ }).click();
    }
    await page.screenshot({ path: join(screenshotDir, 'library-all.png') });
    const filters: number[] = [];
    for (const [search, count] of [
      ['breathy practice', '477 takes'],
      ['발라드', '1,000 takes'],
      ['trot practice', '333 takes'],
      ['live', '1,000 takes'],
      ['breathy practice', '477 takes'],
    ] as const) {
      filters.push(
        await timeInPage(
          page,
          `const input = document.querySelector('input[type="search"]');
           input.value = ${JSON.stringify(search)};
           input.dispatchEvent(new Event('input', { bubbles: true }));`,
          `document.querySelector('[data-testid="take-count"]').textContent === ${JSON.stringify(count)}`,
        ),
      );
    }
    const renders = await page.evaluate(() =>
      performance.getEntriesByName('library:render').map((m) => m.duration),
    );
    const best = (values: number[]) => Math.min(...values);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    console.log(
      `Library, ${TAKES} takes, end to end (page binding included): first render best ${best(firstRenders).toFixed(1)} ms ` +
        `/ median ${median(firstRenders).toFixed(1)} ms; filter best ${best(filters).toFixed(1)} ms / median ` +
        `${median(filters).toFixed(1)} ms; rows on screen after data arrives (filters): best ${best(renders).toFixed(1)} ms; ` +
        `load average ${loadavg()[0]!.toFixed(1)}`,
    );
    // Timings are reported above, not asserted: a loaded CI machine must not turn a figure into a failure.
    expect(firstRenders.length).toBeGreaterThan(0);
    expect(await page.getByTestId('take-row').count()).toBe(100);
    await page.getByLabel('Search takes').fill('');
    await expect.poll(() => page.getByTestId('take-count').textContent()).toBe('10,000 takes');
  });

  it('loads more as the singer scrolls', async () => {
    await page.getByTestId('take-list').evaluate((list) => list.scrollTo(0, list.scrollHeight));
    await expect.poll(() => page.getByTestId('take-row').count()).toBeGreaterThanOrEqual(200);
  });

  it('creates, renames and reorders albums, moves takes into one, and deleting it keeps the takes', async () => {
    await page.getByLabel('New album', { exact: true }).fill('Favourites');
    await page.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() =>
        library
          .albums()
          .map((a) => a.name)
          .at(-1),
      )
      .toBe('Favourites');

    await page.getByLabel('Rename Favourites').click();
    await page.getByLabel('New album name').fill('Best takes');
    await page.getByLabel('New album name').press('Enter');
    await expect
      .poll(() =>
        library
          .albums()
          .map((a) => a.name)
          .at(-1),
      )
      .toBe('Best takes');

    await page.getByLabel('Move Best takes up').click();
    await expect
      .poll(() =>
        library
          .albums()
          .map((a) => a.name)
          .at(-2),
      )
      .toBe('Best takes');

    const firstTwo = page.getByTestId('take-row').locator('input[type="checkbox"]');
    await firstTwo.nth(0).check();
    await firstTwo.nth(1).check();
    await page.getByLabel('Move selected takes to').selectOption({ label: 'Best takes' });
    const best = library.albums().find((a) => a.name === 'Best takes')!;
    await expect.poll(() => library.queryTakes({ albumId: best.id }).total).toBe(2);

    await page.getByTestId('album-list').getByRole('button', { name: 'Best takes', exact: true }).click();
    await expect.poll(() => page.getByTestId('take-count').textContent()).toBe('2 takes');
    await page.screenshot({ path: join(screenshotDir, 'library.png') });

    const noAlbumBefore = library.queryTakes({ albumId: null }).total;
    await page.getByLabel('Delete Best takes').click();
    await expect.poll(() => library.albums().some((a) => a.name === 'Best takes')).toBe(false);
    expect(library.queryTakes({ albumId: null }).total).toBe(noAlbumBefore + 2);
    expect(library.queryTakes().total).toBe(TAKES);
    expect(pageErrors).toEqual([]);
  });
});
