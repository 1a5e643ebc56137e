import {
  createDesktopBridge,
  createDesktopBridgeDispatcher,
  DEFAULT_DESKTOP_SETTINGS,
  DesktopSettingsSchema,
  type DesktopBridge,
  type DesktopSettings,
} from '@orak/core';

// In a plain browser there is no main process: settings live in localStorage and the rest degrades.

const SETTINGS_KEY = 'orak.settings';

export function createBrowserStandInBridge(storage: Storage): DesktopBridge {
  const readSettings = (): DesktopSettings => {
    const parsed = DesktopSettingsSchema.safeParse(safeJson(storage.getItem(SETTINGS_KEY)));
    return parsed.success ? parsed.data : { ...DEFAULT_DESKTOP_SETTINGS };
  };
  const dispatch = createDesktopBridgeDispatcher({
    'app.info': async () => ({
      name: 'Orakgarak',
      version: 'browser',
      platform: navigator.platform,
      host: 'browser',
      dataDir: null,
    }),
    'settings.get': async () => readSettings(),
    'settings.update': async (patch) => {
      const next = DesktopSettingsSchema.parse({ ...readSettings(), ...patch });
      storage.setItem(SETTINGS_KEY, JSON.stringify(next));
      return next;
    },
  });
  return createDesktopBridge(dispatch);
}

function safeJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
