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
  const desktopOnly = async (): Promise<never> => {
    throw new Error('the library lives in the desktop app');
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
    'library.status': async () => ({
      state: 'unavailable',
      message: 'Takes and albums are kept by the desktop app.',
      recoveries: [],
    }),
    'library.albums': desktopOnly,
    'library.createAlbum': desktopOnly,
    'library.renameAlbum': desktopOnly,
    'library.deleteAlbum': desktopOnly,
    'library.reorderAlbums': desktopOnly,
    'library.queryTakes': desktopOnly,
    'library.updateTake': desktopOnly,
    'library.moveTakes': desktopOnly,
    'library.deleteTake': desktopOnly,
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
