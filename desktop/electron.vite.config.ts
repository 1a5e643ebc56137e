import { cp } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { coreIsSideEffectFree, rendererConfig } from './vite.renderer.config';

const desktopDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * The engine finds its shipped songs at ../../catalogue/songs and its trained models at ../../models from its
 * own modules; bundled, those modules are out/main/chunks/*, so both are copied beside the bundle in out/.
 */
function copyEngineData(): Plugin {
  return {
    name: 'orak:copy-engine-data',
    async closeBundle() {
      for (const folder of ['catalogue/songs', 'models']) {
        await cp(resolve(desktopDir, '../shared/engine', folder), resolve(desktopDir, 'out', folder), {
          recursive: true,
        });
      }
    },
  };
}

export default defineConfig({
  main: {
    plugins: [coreIsSideEffectFree(), copyEngineData()],
    // @orak/core and @orak/engine ship TypeScript sources: bundle them rather than require them at run time.
    build: {
      externalizeDeps: { exclude: ['@orak/core', '@orak/engine'] },
      // The local analysis runs in its own process: its entry is built beside the app's (see analysisWorkerLauncher).
      rolldownOptions: {
        input: {
          index: resolve(desktopDir, 'src/main/index.ts'),
          analysisWorker: resolve(desktopDir, 'src/main/analysis/analysisWorker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [coreIsSideEffectFree()],
    // A sandboxed preload cannot require() anything but electron: one self-contained CommonJS file.
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: resolve(desktopDir, 'src/preload/index.ts'),
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
