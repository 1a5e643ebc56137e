import type { WebPreferences } from 'electron';

// The renderer's isolation, in one place so a test can hold it to account without starting Electron.

export function mainWindowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // The Sing screen's AudioContext should start without waiting for a click.
    autoplayPolicy: 'no-user-gesture-required',
  };
}
