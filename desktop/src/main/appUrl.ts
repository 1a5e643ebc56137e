import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Which URLs are the app's own pages: the only ones allowed to navigate the window or talk to the bridge.

export interface AppLocation {
  /** The Vite dev server in `electron-vite dev`; absent when loading the built files. */
  devServerUrl: string | undefined;
  rendererDir: string;
}

export function isAppUrl(url: string, location: AppLocation): boolean {
  if (location.devServerUrl) return url.startsWith(location.devServerUrl);
  if (!url.startsWith('file://')) return false;
  const path = fileURLToPath(url.split('#')[0]!.split('?')[0]!);
  const dir = location.rendererDir.replace(/[\\/]+$/, '');
  return path === dir || path.startsWith(dir + sep);
}
