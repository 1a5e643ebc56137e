import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { createDesktopBridgeDispatcher } from '../shared/core/src/index';
import { createMainServices } from '../desktop/src/main/mainServices';
import { largeLibrary, writeLibraryFixture } from '../desktop/test/support/libraryFixture';
import { connectPageBridge } from '../desktop/test/support/pageBridge';
import { serveDirectory } from '../desktop/test/support/staticServer';
import { timeInPage } from '../desktop/test/support/timeInPage';

// The Library screen over 10,000 takes in Debian Chromium, served by the real main-process services: time
// to first rows and to a filtered list, beside a peer in the same page: the trivial Settings screen for
// navigation, and the bare bridge query (no rendering) for a filter.
// Run: pnpm --filter @orak/desktop build:renderer && npx tsx bench/libraryScreen.bench.ts [takes] [rounds]

const TAKES = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 7);
const rendererDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../desktop/out/renderer');

/** The same query the screen makes, through the same bridge, without rendering anything. */
function timeBridgeQuery(page: Page, search: string): Promise<number> {
  return page.evaluate(async (text) => {
    const transport = window.orakBridgeTransport!;
    const started = performance.now();
    await transport({ method: 'library.queryTakes', payload: { search: text, offset: 0, limit: 100 } });
    return performance.now() - started;
  }, search);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const best = (values: number[]) => Math.min(...values);
const row = (label: string, values: number[]) =>
  `${label.padEnd(34)} median ${median(values).toFixed(1).padStart(6)} ms  best ${best(values).toFixed(1).padStart(6)} ms`;

async function main(): Promise<void> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('build the renderer first: pnpm --filter @orak/desktop build:renderer');
  }
  const workDir = await mkdtemp(join(tmpdir(), 'orak-library-bench-'));
  const server = await serveDirectory(rendererDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    await writeLibraryFixture(join(workDir, 'library'), largeLibrary(TAKES));
    const services = await createMainServices(workDir, () => ({
      name: 'Orakgarak',
      version: 'bench',
      platform: process.platform,
      host: 'browser',
      dataDir: workDir,
    }));
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await connectPageBridge(page, createDesktopBridgeDispatcher(services.handlers));
    await page.goto(`${server.url}#/settings`);
    await page.waitForSelector('a[href="#/library"]');

    const libraryRenders: number[] = [];
    const settingsRenders: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      libraryRenders.push(
        await timeInPage(
          page,
          `document.querySelector('a[href="#/library"]').click()`,
          `document.querySelectorAll('[data-testid="take-row"]').length >= 100`,
        ),
      );
      settingsRenders.push(
        await timeInPage(
          page,
          `document.querySelector('a[href="#/settings"]').click()`,
          `document.querySelector('[data-testid="take-list"]') === null && document.querySelector('h1') !== null`,
        ),
      );
    }
    await page.click('a[href="#/library"]');
    await page.waitForSelector('[data-testid="take-row"]');

    const searches = ['breathy practice', '발라드', 'trot practice', 'live', 'duet'];
    const filters: number[] = [];
    const queries: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const search of searches) {
        const expected = (await services.library.require().queryTakes({ search, limit: 1 })).total;
        filters.push(
          await timeInPage(
            page,
            `const input = document.querySelector('input[type="search"]');
             input.value = ${JSON.stringify(search)};
             input.dispatchEvent(new Event('input', { bubbles: true }));`,
            `document.querySelector('[data-testid="take-count"]').textContent.replace(/[^0-9]/g, '') === '${expected}'`,
          ),
        );
        queries.push(await timeBridgeQuery(page, search));
      }
    }

    console.log(`Library screen, ${TAKES} takes, ${ROUNDS} rounds, load average ${loadavg()[0]!.toFixed(1)}`);
    console.log(row('first render of the Library', libraryRenders));
    console.log(row('peer: render of Settings', settingsRenders));
    console.log(row('filter to the new count', filters));
    console.log(row('peer: the bridge query alone', queries));
    console.log(
      `ratios (median): library / settings ${(median(libraryRenders) / median(settingsRenders)).toFixed(1)}x, ` +
        `filter / bridge query ${(median(filters) / median(queries)).toFixed(1)}x`,
    );
  } finally {
    await browser.close();
    await server.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
