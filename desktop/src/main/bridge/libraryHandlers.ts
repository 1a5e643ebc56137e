import type { DesktopBridgeHandlers, libraryBridgeMethods } from '@orak/core';
import type { LibraryHost } from '../library/libraryHost';

// The library's bridge methods mapped onto the library service.

export function createLibraryHandlers(
  host: LibraryHost,
): Pick<DesktopBridgeHandlers, keyof typeof libraryBridgeMethods> {
  const library = () => host.require();
  return {
    'library.status': async () => host.status(),
    'library.albums': async () => library().albums(),
    'library.createAlbum': ({ name }) => library().createAlbum(name),
    'library.renameAlbum': ({ id, name }) => library().renameAlbum(id, name),
    'library.deleteAlbum': async ({ id }) => {
      await library().deleteAlbum(id);
      return {};
    },
    'library.reorderAlbums': ({ orderedIds }) => library().reorderAlbums(orderedIds),
    'library.queryTakes': async (query) => library().queryTakes(query),
    'library.getTake': async ({ id }) => library().getTake(id),
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
