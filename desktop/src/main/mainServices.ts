import { join } from 'node:path';
import type { AppInfo, DesktopBridgeHandlers } from '@orak/core';
import { createLocalAnalysisService, type LocalAnalysisService } from './analysis/localAnalysisService';
import { createSongCatalogue } from './analysis/songCatalogue';
import { createBridgeHandlers } from './bridge/bridgeHandlers';
import { createAccountService, type AccountService } from './cloud/accountService';
import type { SecretSealer } from './cloud/secretSealer';
import { openLibraryHost, type LibraryHost } from './library/libraryHost';
import {
  createTakeRecorderStore,
  type FinishedTake,
  type TakeRecorderStore,
} from './recording/takeRecorderStore';
import { createSettingsStore, type SettingsStore } from './settings/settingsStore';
import {
  openUploadQueue,
  type UploadQueueOptions,
  type UploadQueueService,
} from './uploads/uploadQueueService';

// The main process's services over one data folder, wired once: Electron's entry and the tests both use this.

export interface MainServices {
  settings: SettingsStore;
  library: LibraryHost;
  /** Null while the library cannot be opened: takes need somewhere to be kept. */
  recorder: TakeRecorderStore | null;
  /** Takes a crash interrupted last time, now in the library. */
  recoveredTakes: FinishedTake[];
  /** Takes analysed on this machine in worker processes; close() stops them. */
  analysis: LocalAnalysisService;
  /** The cloud account (server, sign-in); everything else works without one. */
  account: AccountService;
  /** Takes on their way to the cloud; close() stops sending and following. */
  uploads: UploadQueueService;
  handlers: DesktopBridgeHandlers;
}

/** Songs the singer imported, on top of the shipped catalogue. */
export const USER_CATALOGUE_FILE = 'catalogue.json';

/** Knobs tests turn (bandwidth cap, poll interval); the app runs on the defaults. */
export type MainServiceOptions = {
  uploads?: Partial<Omit<UploadQueueOptions, 'dir' | 'library' | 'account'>>;
  /** Seals the sign-in token on disk (Electron's safeStorage in the app); the file's permissions otherwise. */
  sealer?: SecretSealer;
};

export async function createMainServices(
  dataDir: string,
  appInfo: () => AppInfo,
  options: MainServiceOptions = {},
): Promise<MainServices> {
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
  const userCatalogueFile = join(dataDir, USER_CATALOGUE_FILE);
  const analysis = createLocalAnalysisService({ library: () => library.require(), userCatalogueFile });
  const catalogue = createSongCatalogue({ userCatalogueFile });
  const requireRecorder = () => {
    if (!recorder) throw new Error(library.status().message ?? 'the library is not open');
    return recorder;
  };
  const account = createAccountService({
    dataDir,
    settings,
    ...(options.sealer ? { sealer: options.sealer } : {}),
  });
  const uploads = await openUploadQueue({
    ...options.uploads,
    dir: dataDir,
    library: () => library.require(),
    account,
  });
  return {
    settings,
    library,
    recorder,
    recoveredTakes,
    analysis,
    account,
    uploads,
    handlers: createBridgeHandlers({
      settings,
      library,
      appInfo,
      analysis,
      catalogue,
      recorder: requireRecorder,
      recoveredTakes,
      account,
      uploads,
    }),
  };
}
