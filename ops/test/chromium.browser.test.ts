import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../src/chromiumFlags';
import './support/providedContext';

describe('Chromium (Debian) on the Xvfb display', () => {
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><title>smoke</title><p id="out">static</p><script>out.textContent = "scripted " + (6 * 7)</script>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    url = `http://127.0.0.1:${address.port}/`;
    browser = await chromium.launch({
      executablePath: inject('chromiumPath'),
      headless: false,
      args: [...CHROMIUM_ARGS],
      env: { ...process.env, DISPLAY: inject('display') },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('loads a local page headful and runs its script', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await expect.poll(() => page.textContent('#out')).toBe('scripted 42');
    expect(await page.title()).toBe('smoke');
  });
});
