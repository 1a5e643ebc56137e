import type { AppInfo, DesktopBridgeHandlers } from '@orak/core';
import type { LibraryHost } from '../library/libraryHost';
import type { SettingsStore } from '../settings/settingsStore';

// Each bridge method mapped onto a main-process service; no Electron here, so tests call it directly.

export interface BridgeServices {
  settings: SettingsStore;
  library: LibraryHost;
  appInfo: () => AppInfo;
}

export function createBridgeHandlers(services: BridgeServices): DesktopBridgeHandlers {
  const library = () => services.library.require();
  return {
    'app.info': async () => services.appInfo(),
    'settings.get': () => services.settings.get(),
    'settings.update': (patch) => services.settings.update(patch),
    'library.status': async () => services.library.status(),
    'library.albums': async () => library().albums(),
    'library.createAlbum': ({ name }) => library().createAlbum(name),
    'library.renameAlbum': ({ id, name }) => library().renameAlbum(id, name),
    'library.deleteAlbum': async ({ id }) => {
      await library().deleteAlbum(id);
      return {};
    },
    'library.reorderAlbums': ({ orderedIds }) => library().reorderAlbums(orderedIds),
    'library.queryTakes': async (query) => library().queryTakes(query),
    'library.updateTake': ({ id, patch }) => library().updateTake(id, patch),
    'library.moveTakes': async ({ takeIds, albumId }) => {
      await library().moveTakes(takeIds, albumId);
      return {};
    },
    'library.deleteTake': async ({ id }) => {
      await library().deleteTake(id);
      return {};
    },
  };
}
