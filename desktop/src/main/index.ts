import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { createBridgeHandlers } from './bridge/bridgeHandlers';
import { serveDesktopBridge } from './bridge/bridgeIpc';
import { createMainWindow, isAppUrl, type MainWindowOptions } from './mainWindow';
import { createSettingsStore } from './settings/settingsStore';

// Electron entry: wires the plain services to the one bridge channel and opens the window.

const windowOptions: MainWindowOptions = {
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  rendererDir: join(import.meta.dirname, '../renderer'),
};

if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(() => {
  const dataDir = app.getPath('userData');
  const handlers = createBridgeHandlers({
    settings: createSettingsStore(dataDir),
    appInfo: () => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      host: 'electron',
      dataDir,
    }),
  });
  serveDesktopBridge(handlers, (url) => isAppUrl(url, windowOptions));
  createMainWindow(windowOptions);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(windowOptions);
  });
});

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window?.isMinimized()) window.restore();
  window?.focus();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
