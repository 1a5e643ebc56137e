import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';

// electron-builder.yml checked by electron-builder's own loader and JSON-schema validation (no Electron binary needed).

const desktopDir = fileURLToPath(new URL('..', import.meta.url));
const configPath = join(desktopDir, '../electron-builder.yml');

type TargetEntry = string | { target: string };
const targetNames = (targets: unknown): string[] =>
  (Array.isArray(targets) ? (targets as TargetEntry[]) : [targets as TargetEntry]).map((t) =>
    typeof t === 'string' ? t : t.target,
  );

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation, loaded as `dist` loads it", async () => {
    const config = await getConfig(desktopDir, configPath, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is rejected by the same validation when a key is wrong (the check can fail)', async () => {
    const config = await getConfig(desktopDir, configPath, null);
    const broken = { ...config, linux: { ...config.linux, targett: 'AppImage' } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it('builds AppImage and deb, NSIS, DMG, with the app id, name, files from out/ and the mic permission', async () => {
    const config = parse(await readFile(configPath, 'utf8')) as Configuration;
    expect(config.appId).toBe('app.orakgarak.desktop');
    expect(config.productName).toBe('Orakgarak');
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(config.files).toContain('out/**/*');
    const usage = (config.mac?.extendInfo as Record<string, string>)['NSMicrophoneUsageDescription'];
    expect(usage).toMatch(/sing/);
    const entitlements = await readFile(join(desktopDir, config.mac!.entitlements!), 'utf8');
    expect(entitlements).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
  });

  it('points main at what electron-vite builds', async () => {
    const pkg = JSON.parse(await readFile(join(desktopDir, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('./out/main/index.js');
  });
});
