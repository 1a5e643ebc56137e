import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { serveDesktopBridge } from './bridge/bridgeIpc';
import { isAppUrl } from './appUrl';
import { electronSecretSealer } from './cloud/electronSecretSealer';
import { createMainWindow, type MainWindowOptions } from './mainWindow';
import { createMainServices } from './mainServices';

// Electron entry: wires the plain services to the one bridge channel and opens the window.

const windowOptions: MainWindowOptions = {
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  rendererDir: join(import.meta.dirname, '../renderer'),
};

if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(async () => {
  const dataDir = app.getPath('userData');
  const { handlers, analysis, uploads } = await createMainServices(
    dataDir,
    () => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      host: 'electron',
      dataDir,
    }),
    { sealer: electronSecretSealer() }, // the sign-in token sealed by the OS keychain where there is one
  );
  serveDesktopBridge(handlers, (url) => isAppUrl(url, windowOptions));
  // Analysis workers are separate processes: stop them with the app rather than leave them running.
  app.on('will-quit', () => void analysis.close());
  // A send cut off here is picked up on the next start (the queue file says where it stood).
  app.on('will-quit', () => void uploads.close());
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
