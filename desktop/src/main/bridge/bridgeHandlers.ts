import type { AppInfo, DesktopBridgeHandlers } from '@orak/core';
import type { SettingsStore } from '../settings/settingsStore';

// Each bridge method mapped onto a main-process service; no Electron here, so tests call it directly.

export interface BridgeServices {
  settings: SettingsStore;
  appInfo: () => AppInfo;
}

export function createBridgeHandlers(services: BridgeServices): DesktopBridgeHandlers {
  return {
    'app.info': async () => services.appInfo(),
    'settings.get': () => services.settings.get(),
    'settings.update': (patch) => services.settings.update(patch),
  };
}
