import { join } from 'node:path';
import { BrowserWindow, session, shell } from 'electron';
import { isAppUrl, type AppLocation } from './appUrl';
import { contentSecurityPolicy } from './contentSecurityPolicy';
import { mainWindowWebPreferences } from './windowPreferences';

// The one window: isolated, sandboxed, no Node in the page, a strict CSP, navigation locked to the app.

export interface MainWindowOptions extends AppLocation {
  preloadPath: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const mode = options.devServerUrl ? 'development' : 'production';
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy(mode)],
      },
    });
  });
  // The microphone is the only permission the app ever needs.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const audioOnly = permission === 'media' && mediaTypes.every((type) => type === 'audio');
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
    webPreferences: mainWindowWebPreferences(options.preloadPath),
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
