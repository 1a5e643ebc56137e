import {
  createDesktopBridge,
  createDesktopBridgeDispatcher,
  DEFAULT_DESKTOP_SETTINGS,
  DesktopSettingsSchema,
  desktopBridgeMethods,
  type DesktopBridgeHandlers,
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
    ...desktopOnlyMethods(),
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
  });
  return createDesktopBridge(dispatch);
}

/** Every method refuses with a clear reason unless the stand-in answers it above. */
function desktopOnlyMethods(): DesktopBridgeHandlers {
  const refuse = async (): Promise<never> => {
    throw new Error('this lives in the desktop app: open Orakgarak itself to use it');
  };
  return Object.fromEntries(
    Object.keys(desktopBridgeMethods).map((method) => [method, refuse]),
  ) as unknown as DesktopBridgeHandlers;
}

function safeJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
