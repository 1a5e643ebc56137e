import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { contentSecurityPolicy } from './src/main/contentSecurityPolicy';

// The renderer's build, shared by electron-vite (the app) and plain Vite (browser tests build it alone).

const desktopDir = fileURLToPath(new URL('.', import.meta.url));

/** Bakes the CSP into index.html so it holds even where no header is sent (file://, a test's static server). */
function contentSecurityPolicyMeta(): Plugin {
  let mode: 'production' | 'development' = 'production';
  return {
    name: 'orak:content-security-policy',
    configResolved(config) {
      mode = config.command === 'serve' ? 'development' : 'production';
    },
    transformIndexHtml() {
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(mode) },
          injectTo: 'head-prepend',
        },
      ];
    },
  };
}

/**
 * @orak/core is pure modules (schemas, tables, DSP): declaring it side-effect free lets the bundler drop what
 * a bundle does not use, which keeps zod and the catalogue code out of the audio-thread worklet.
 */
export function coreIsSideEffectFree(): Plugin {
  const coreSrc = resolve(desktopDir, '../shared/core/src');
  return {
    name: 'orak:core-side-effect-free',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && resolved.id.startsWith(coreSrc)) return { ...resolved, moduleSideEffects: false };
      return null;
    },
  };
}

export const rendererConfig: UserConfig = {
  root: resolve(desktopDir, 'src/renderer'),
  // Relative asset URLs: Electron loads the built renderer from file://.
  base: './',
  plugins: [
    svelte({ configFile: resolve(desktopDir, 'svelte.config.js') }),
    contentSecurityPolicyMeta(),
    coreIsSideEffectFree(),
  ],
  worker: { format: 'es', plugins: () => [coreIsSideEffectFree()] },
  build: {
    outDir: resolve(desktopDir, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    rolldownOptions: { input: resolve(desktopDir, 'src/renderer/index.html') },
  },
};

export default defineConfig(rendererConfig);
