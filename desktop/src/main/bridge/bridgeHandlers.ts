import type { AppInfo, DesktopBridgeHandlers } from '@orak/core';
import type { LocalAnalysisService } from '../analysis/localAnalysisService';
import type { SongCatalogue } from '../analysis/songCatalogue';
import type { AccountService } from '../cloud/accountService';
import type { LibraryHost } from '../library/libraryHost';
import type { FinishedTake, TakeRecorderStore } from '../recording/takeRecorderStore';
import type { SettingsStore } from '../settings/settingsStore';
import type { UploadQueueService } from '../uploads/uploadQueueService';
import { createAccountHandlers } from './accountHandlers';
import { createAnalysisHandlers } from './analysisHandlers';
import { createAppHandlers } from './appHandlers';
import { createLibraryHandlers } from './libraryHandlers';
import { createRecommendHandlers } from './recommendHandlers';
import { createRecordingHandlers } from './recordingHandlers';
import { createTakeMediaHandlers } from './takeMediaHandlers';
import { createUploadHandlers } from './uploadHandlers';

// Every bridge method mapped onto a main-process service, one area per file; no Electron here, so tests call it directly.

export interface BridgeServices {
  settings: SettingsStore;
  library: LibraryHost;
  appInfo: () => AppInfo;
  analysis: LocalAnalysisService;
  catalogue: SongCatalogue;
  /** The take recorder, or an error saying why there is none (the library is not open). */
  recorder: () => TakeRecorderStore;
  recoveredTakes: readonly FinishedTake[];
  account: AccountService;
  uploads: UploadQueueService;
}

export function createBridgeHandlers(services: BridgeServices): DesktopBridgeHandlers {
  return {
    ...createAppHandlers(services.settings, services.appInfo),
    ...createLibraryHandlers(services.library),
    ...createAnalysisHandlers(services.analysis, services.library, services.settings),
    ...createRecommendHandlers(services.catalogue, services.library),
    ...createRecordingHandlers(services.recorder, services.library, services.recoveredTakes),
    ...createTakeMediaHandlers(services.library),
    ...createAccountHandlers(services.account),
    ...createUploadHandlers(services.uploads),
  };
}
