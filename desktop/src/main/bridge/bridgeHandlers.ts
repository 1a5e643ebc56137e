import type { AppInfo, DesktopBridgeHandlers } from '@orak/core';
import type { LibraryHost } from '../library/libraryHost';
import type { SettingsStore } from '../settings/settingsStore';
import { createAppHandlers } from './appHandlers';
import { createLibraryHandlers } from './libraryHandlers';

// Every bridge method mapped onto a main-process service, one area per file; no Electron here, so tests call it directly.

export interface BridgeServices {
  settings: SettingsStore;
  library: LibraryHost;
  appInfo: () => AppInfo;
}

export function createBridgeHandlers(services: BridgeServices): DesktopBridgeHandlers {
  return {
    ...createAppHandlers(services.settings, services.appInfo),
    ...createLibraryHandlers(services.library),
  };
}
