import type { AppInfo, appBridgeMethods, DesktopBridgeHandlers } from '@orak/core';
import type { SettingsStore } from '../settings/settingsStore';

// The app's own bridge methods: who serves the bridge, and the singer's settings.

export function createAppHandlers(
  settings: SettingsStore,
  appInfo: () => AppInfo,
): Pick<DesktopBridgeHandlers, keyof typeof appBridgeMethods> {
  return {
    'app.info': async () => appInfo(),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
  };
}
