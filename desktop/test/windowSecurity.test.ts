import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../src/main/appUrl';
import { contentSecurityPolicy } from '../src/main/contentSecurityPolicy';
import { mainWindowWebPreferences } from '../src/main/windowPreferences';

const desktopDir = fileURLToPath(new URL('..', import.meta.url));

describe('content security policy', () => {
  it('allows nothing inline or evaluated in production, and only our own origin', () => {
    const policy = contentSecurityPolicy('production');
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });

  it('only loosens what the Vite dev server needs in development', () => {
    const policy = contentSecurityPolicy('development');
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain('ws://localhost:*');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('isolates the renderer: context isolation, sandbox, no Node, no webviews', () => {
    expect(mainWindowWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
    });
  });
});

describe('app URL check (navigation and bridge sender)', () => {
  const rendererDir = join(desktopDir, 'out/renderer');

  it('accepts the built renderer and its routes', () => {
    const url = `${pathToFileURL(join(rendererDir, 'index.html')).href}#/sing`;
    expect(isAppUrl(url, { rendererDir, devServerUrl: undefined })).toBe(true);
  });

  it('refuses other files, look-alike folders and the web', () => {
    const location = { rendererDir, devServerUrl: undefined };
    expect(isAppUrl(pathToFileURL('/etc/passwd').href, location)).toBe(false);
    expect(isAppUrl(pathToFileURL(`${rendererDir}-evil/index.html`).href, location)).toBe(false);
    expect(isAppUrl('https://example.com/', location)).toBe(false);
  });

  it('accepts only the dev server in development', () => {
    const location = { rendererDir, devServerUrl: 'http://localhost:5173/' };
    expect(isAppUrl('http://localhost:5173/#/sing', location)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', location)).toBe(false);
  });
});
