import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, session, shell } from 'electron';
import { contentSecurityPolicy } from './contentSecurityPolicy';

// The one window: isolated, sandboxed, no Node in the page, a strict CSP, navigation locked to the app.

export interface MainWindowOptions {
  preloadPath: string;
  /** The Vite dev server in `electron-vite dev`; absent when loading the built files. */
  devServerUrl: string | undefined;
  rendererDir: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const mode = options.devServerUrl ? 'development' : 'production';
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy(mode)] },
    });
  });
  // The microphone is the only permission the app ever needs.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const audioOnly = permission === 'media' && (details.mediaTypes ?? []).every((type) => type === 'audio');
    callback(audioOnly);
  });

  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Orakgarak',
    backgroundColor: '#11131a',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      // The Sing screen's AudioContext should start without waiting for a click.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, options)) event.preventDefault();
  });

  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadFile(join(options.rendererDir, 'index.html'));
  return window;
}

export function isAppUrl(url: string, options: Pick<MainWindowOptions, 'devServerUrl' | 'rendererDir'>): boolean {
  if (options.devServerUrl) return url.startsWith(options.devServerUrl);
  if (!url.startsWith('file://')) return false;
  return fileURLToPath(url.split('#')[0]!).startsWith(options.rendererDir);
}
