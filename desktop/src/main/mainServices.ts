import { join } from 'node:path';
import type { AppInfo, DesktopBridgeHandlers } from '@orak/core';
import { createBridgeHandlers } from './bridge/bridgeHandlers';
import { openLibraryHost, type LibraryHost } from './library/libraryHost';
import {
  createTakeRecorderStore,
  type FinishedTake,
  type TakeRecorderStore,
} from './recording/takeRecorderStore';
import { createSettingsStore, type SettingsStore } from './settings/settingsStore';

// The main process's services over one data folder, wired once: Electron's entry and the tests both use this.

export interface MainServices {
  settings: SettingsStore;
  library: LibraryHost;
  /** Null while the library cannot be opened: takes need somewhere to be kept. */
  recorder: TakeRecorderStore | null;
  /** Takes a crash interrupted last time, now in the library. */
  recoveredTakes: FinishedTake[];
  handlers: DesktopBridgeHandlers;
}

export async function createMainServices(dataDir: string, appInfo: () => AppInfo): Promise<MainServices> {
  const settings = createSettingsStore(dataDir);
  const library = await openLibraryHost({ dir: join(dataDir, 'library') });
  let recorder: TakeRecorderStore | null = null;
  const recoveredTakes: FinishedTake[] = [];
  if (library.status().state === 'ready') {
    const takes = library.require();
    recorder = createTakeRecorderStore({ takesDir: takes.takesDir });
    // Whatever a crash interrupted is a take too: into the library before anything else happens.
    for (const take of await recorder.recoverInterrupted()) {
      await takes.addTake({
        title: `Recovered take (${take.startedAt.slice(0, 16).replace('T', ' ')})`,
        fileName: take.fileName,
        sampleRate: take.sampleRate,
        channels: take.channels,
        durationSec: take.durationSec,
        sizeBytes: take.sizeBytes,
        recordedAt: take.startedAt,
        notes: 'Recovered after the app stopped in the middle of recording.',
      });
      recoveredTakes.push(take);
    }
  }
  return {
    settings,
    library,
    recorder,
    recoveredTakes,
    handlers: createBridgeHandlers({ settings, library, appInfo }),
  };
}
