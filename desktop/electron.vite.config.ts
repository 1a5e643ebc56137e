import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { coreIsSideEffectFree, rendererConfig } from './vite.renderer.config';

const desktopDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  main: {
    plugins: [coreIsSideEffectFree()],
    // @orak/core ships TypeScript sources: bundle it rather than require it at run time.
    build: { externalizeDeps: { exclude: ['@orak/core'] } },
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
