import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS } from '@orak/core';
import { createSettingsStore, SETTINGS_FILE } from '../src/main/settings/settingsStore';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store (real files in a temp folder)', () => {
  it('starts from defaults when there is no file, without creating one', async () => {
    expect(await createSettingsStore(dir).get()).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(await readdir(dir)).toEqual([]);
  });

  it('persists updates for the next start and leaves no temp files behind', async () => {
    await createSettingsStore(dir).update({ noteNaming: 'korean', inputDeviceId: 'mic-2' });
    const reopened = await createSettingsStore(dir).get();
    expect(reopened).toMatchObject({ noteNaming: 'korean', inputDeviceId: 'mic-2', language: 'en' });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('serialises quick successive updates so none is lost', async () => {
    const store = createSettingsStore(dir);
    await Promise.all([
      store.update({ noteNaming: 'scientific' }),
      store.update({ language: 'ko' }),
      store.update({ inputLatencyMs: 42 }),
    ]);
    const saved = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'));
    expect(saved).toMatchObject({ noteNaming: 'scientific', language: 'ko', inputLatencyMs: 42 });
  });

  it('rejects an invalid update and keeps the file as it was', async () => {
    const store = createSettingsStore(dir);
    await store.update({ language: 'ko' });
    await expect(store.update({ inputLatencyMs: -5 })).rejects.toThrow();
    expect(JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8')).inputLatencyMs).toBeNull();
  });

  it('keeps the valid fields of a file with one bad value', async () => {
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ language: 'ko', noteNaming: 'solfege' }));
    expect(await createSettingsStore(dir).get()).toEqual({ ...DEFAULT_DESKTOP_SETTINGS, language: 'ko' });
  });

  it('sets a corrupt file aside (never silently overwritten) and starts from defaults', async () => {
    await writeFile(join(dir, SETTINGS_FILE), '{"language": "ko", "noteNam');
    expect(await createSettingsStore(dir).get()).toEqual(DEFAULT_DESKTOP_SETTINGS);
    const files = await readdir(dir);
    const corrupt = files.find((name) => name.startsWith(`${SETTINGS_FILE}.corrupt-`));
    expect(corrupt).toBeDefined();
    expect(await readFile(join(dir, corrupt!), 'utf8')).toBe('{"language": "ko", "noteNam');
  });
});
